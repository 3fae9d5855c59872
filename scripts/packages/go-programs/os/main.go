package main

import "os"

func main() {
	os.Stdout.WriteString("hello, world\n")
}
