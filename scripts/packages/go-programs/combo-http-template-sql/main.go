package main

import (
	"database/sql"
	"encoding/json"
	"html/template"
	"log"
	"net/http"
)

var page = template.Must(template.New("p").Parse("<p>{{.}}</p>"))

func main() {
	db, _ := sql.Open("postgres", "postgres://localhost/app")
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_ = page.Execute(w, db.Stats().OpenConnections)
	})
	http.HandleFunc("/api", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(db.Stats())
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
