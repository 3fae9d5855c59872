package greet

func Hello() string { return "hello from vendor" }
