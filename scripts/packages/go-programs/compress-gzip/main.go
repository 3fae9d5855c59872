package main

import (
	"compress/gzip"
	"os"
)

func main() {
	w := gzip.NewWriter(os.Stdout)
	_, _ = w.Write([]byte("hello, world\n"))
	_ = w.Close()
}
