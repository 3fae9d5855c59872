#!/opt/venv/bin/python
import hello
