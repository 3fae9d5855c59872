"""A small Flask app: the service the course's Python images run."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return {"message": "Hello from a container"}


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
