package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
)

func main() {
	sum := sha256.Sum256([]byte(os.Args[0]))
	os.Stdout.WriteString(hex.EncodeToString(sum[:]) + "\n")
}
