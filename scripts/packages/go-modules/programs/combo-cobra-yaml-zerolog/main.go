package main

import (
	"os"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

func main() {
	log := zerolog.New(os.Stdout)
	cmd := &cobra.Command{Use: "app", Run: func(cmd *cobra.Command, args []string) {
		var v map[string]any
		yaml.Unmarshal([]byte("a: 1"), &v)
		log.Info().Interface("v", v).Msg("hi")
	}}
	cmd.Execute()
}
