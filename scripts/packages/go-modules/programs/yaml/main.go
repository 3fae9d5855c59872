package main

import (
	"fmt"

	"gopkg.in/yaml.v3"
)

func main() {
	var v map[string]any
	yaml.Unmarshal([]byte("a: 1"), &v)
	fmt.Println(v)
}
