package main

import (
	"fmt"
	"os"

	"github.com/urfave/cli/v2"
)

func main() {
	app := &cli.App{Name: "app", Action: func(c *cli.Context) error { fmt.Println("hi"); return nil }}
	app.Run(os.Args)
}
