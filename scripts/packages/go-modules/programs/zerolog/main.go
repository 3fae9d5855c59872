package main

import (
	"os"

	"github.com/rs/zerolog"
)

func main() {
	log := zerolog.New(os.Stdout)
	log.Info().Str("k", "v").Msg("hi")
}
