#!/bin/nosuchshell
echo run
