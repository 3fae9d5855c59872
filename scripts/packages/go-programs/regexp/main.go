package main

import (
	"fmt"
	"regexp"
)

func main() {
	re := regexp.MustCompile(`^[a-z]+\[[0-9]+\]$`)
	fmt.Println(re.MatchString("adam[23]"))
}
