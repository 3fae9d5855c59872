package main

import (
	"encoding/json"
	"os"
)

type message struct {
	Text string `json:"text"`
	N    int    `json:"n"`
}

func main() {
	var m message
	_ = json.Unmarshal([]byte(`{"text":"hi","n":1}`), &m)
	_ = json.NewEncoder(os.Stdout).Encode(m)
}
