package main

import (
	"os"
	"text/template"
)

func main() {
	t := template.Must(template.New("x").Parse("{{.}}\n"))
	_ = t.Execute(os.Stdout, "hello")
}
