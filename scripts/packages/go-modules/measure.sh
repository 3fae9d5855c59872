#!/bin/sh
# Third-party Go binaries in GOPATH mode against Debian's golang-*-dev sources.
set -u
export GO111MODULE=off GOPATH=/usr/share/gocode CGO_ENABLED=0 GOFLAGS=
out=/out; mkdir -p $out
echo "GOVERSION $(go version)"
for d in ${PROGS:-/progs/*/}; do
  n=$(basename $d)
  cd $d
  go build -o $out/$n . 2>$out/$n.err || { echo "FAIL $n $(head -3 $out/$n.err | tr '\n' ' ')"; continue; }
  go build -ldflags='-s -w' -o $out/$n.sw . 2>/dev/null
  nonstd=$(go list -deps -f '{{if not .Standard}}{{.ImportPath}}{{end}}' . | grep -v '^_' | tr '\n' ' ')
  ownstd=$(go list -f '{{join .Imports " "}}' . | tr ' ' '\n' | grep -v '\.' | tr '\n' ' ')
  depstd=$(go list -deps -f '{{if not .Standard}}{{join .Imports "\n"}}{{end}}' . | grep -v '^$' | while read p; do case "${p%%/*}" in *.*) ;; *) echo $p;; esac; done | sort -u | grep -v '^C$' | tr '\n' ' ')
  nstd=$(go list -deps -f '{{if .Standard}}{{.ImportPath}}{{end}}' . | wc -l)
  mkdir -p /twins/$n; { echo 'package main'; for p in $ownstd $depstd; do echo "import _ \"$p\""; done; echo 'func main() {}'; } | sort -u -t'"' -k2,2 | awk '/^package/{print;next} {a[NR]=$0} END{for(i in a) if(a[i]!~/^func/) print a[i]; print "func main() {}"}' > /twins/$n/main.go
  (cd /twins/$n && go build -o $out/$n.twin . 2>$out/$n.twin.err && go build -ldflags='-s -w' -o $out/$n.twin.sw .)
  echo "PROG $n size=$(stat -c %s $out/$n) sw=$(stat -c %s $out/$n.sw) twin=$(stat -c %s $out/$n.twin 2>/dev/null) twinsw=$(stat -c %s $out/$n.twin.sw 2>/dev/null) nstd=$nstd"
  echo "  nonstd: $nonstd"
  echo "  ownstd: $ownstd"
  echo "  depstd: $depstd"
done
for m in github.com/gin-gonic/gin github.com/spf13/cobra github.com/sirupsen/logrus github.com/google/uuid github.com/gorilla/mux github.com/go-chi/chi gopkg.in/yaml.v3 github.com/lib/pq github.com/prometheus/client_golang github.com/rs/zerolog github.com/urfave/cli golang.org/x/sync golang.org/x/sys golang.org/x/net github.com/go-playground/validator google.golang.org/protobuf github.com/ugorji/go github.com/prometheus/common github.com/prometheus/client_model github.com/prometheus/procfs github.com/spf13/pflag; do
  p=/usr/share/gocode/src/$m; [ -e $p ] && echo "SRC $m bytes=$(du -sbL $p | cut -f1) files=$(find -L $p -type f | wc -l) gofiles=$(find -L $p -name '*.go' | wc -l)"
done
dpkg-query -W -f '${Package} ${Version} ${Installed-Size}\n' 'golang-*-dev' | sed 's/^/DEB /'
