"""A tiny Flask service: the application both Python images of the course run."""
import os

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"message": "Hello from a container", "user": os.getuid()}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
