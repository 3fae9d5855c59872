package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/app")
	fmt.Println(db, err)
}
