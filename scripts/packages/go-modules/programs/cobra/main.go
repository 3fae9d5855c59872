package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func main() {
	cmd := &cobra.Command{Use: "app", Run: func(cmd *cobra.Command, args []string) { fmt.Println("hi") }}
	cmd.Execute()
}
