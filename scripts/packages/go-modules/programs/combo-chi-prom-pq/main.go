package main

import (
	"database/sql"
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
	_ "github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func main() {
	db, _ := sql.Open("postgres", "")
	r := chi.NewRouter()
	r.Handle("/metrics", promhttp.Handler())
	r.Get("/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(db.Ping().Error())) })
	log.Fatal(http.ListenAndServe(":8080", r))
}
