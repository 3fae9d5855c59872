package main

func hi() string { return "hi" }
