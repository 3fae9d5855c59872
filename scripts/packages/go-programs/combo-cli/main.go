package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"regexp"
	"time"
)

func main() {
	pattern := flag.String("match", ".", "regular expression")
	flag.Parse()
	re := regexp.MustCompile(*pattern)
	out := map[string]any{"args": flag.Args(), "now": time.Now(), "ok": re.MatchString(os.Args[0])}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
