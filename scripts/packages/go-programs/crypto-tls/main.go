package main

import (
	"crypto/tls"
	"fmt"
)

func main() {
	c, err := tls.Dial("tcp", "example.com:443", &tls.Config{})
	fmt.Println(c, err)
}
