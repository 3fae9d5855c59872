package main

import (
	"flag"
	"fmt"
)

func main() {
	port := flag.Int("port", 8080, "port to listen on")
	flag.Parse()
	fmt.Println(*port)
}
