package main

import (
	"fmt"
	"log"
	"net/http"
	"os/user"
)

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		u, _ := user.Current()
		fmt.Fprintln(w, u.Username)
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
