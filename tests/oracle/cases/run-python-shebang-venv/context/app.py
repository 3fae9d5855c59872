#!/opt/venv/bin/python
import pip
