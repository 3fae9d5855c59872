"""Starts the Flask service from server.py, as the single-stage image's CMD does."""
from server import app

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8080)
