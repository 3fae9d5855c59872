package main

import (
	"html/template"
	"os"
)

func main() {
	t := template.Must(template.New("x").Parse("<p>{{.}}</p>\n"))
	_ = t.Execute(os.Stdout, "hello")
}
