package main

import (
	"fmt"
	"net"
)

func main() {
	addrs, err := net.LookupHost("localhost")
	fmt.Println(addrs, err)
	c, err := net.Dial("tcp", "127.0.0.1:1")
	fmt.Println(c, err)
}
