package main

import "log"

func main() {
	log.Println("hello, world")
}
