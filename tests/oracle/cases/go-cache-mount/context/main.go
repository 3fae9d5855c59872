package main

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Current()
	if err != nil {
		fmt.Println("hello, no user:", err)
		return
	}
	fmt.Println("hello", u.Username)
}
