//go:build foo

package main

func main() {}
