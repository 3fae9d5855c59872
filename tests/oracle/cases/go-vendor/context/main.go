package main

import (
	"fmt"

	"example.org/greet"
)

func main() { fmt.Println(greet.Hello()) }
