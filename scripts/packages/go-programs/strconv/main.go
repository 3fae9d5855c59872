package main

import (
	"os"
	"strconv"
	"strings"
)

func main() {
	os.Stdout.WriteString(strings.ToUpper("n=") + strconv.Itoa(len(os.Args)) + "\n")
}
