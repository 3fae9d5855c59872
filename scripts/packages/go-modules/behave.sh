#!/bin/sh
# What the go command does with file arguments, ad-hoc packages, ./..., flags and cgo defaults.
set -u
export GOFLAGS=
t() { echo "\$ $*"; sh -c "$*" 2>&1 | sed 's/^/  | /'; echo "  rc=$?"; }
mkdir -p /b/adhoc && cd /b/adhoc
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println(hi()) }\n' > main.go
printf 'package main\n\nfunc hi() string { return "hi" }\n' > util.go
t 'go env GOPATH GOBIN GOMODCACHE GOCACHE CGO_ENABLED GO111MODULE'
t 'CC=nope go env CGO_ENABLED'
t 'go build .'
t 'go build'
t 'go build main.go'
t 'go build main.go util.go; ls'
t 'go build util.go main.go; ls'
t 'go build -o app ./main.go ./util.go; ls'
t 'mkdir -p out && go build -o out/ main.go util.go; ls out'
t 'go build -ldflags=-s -w main.go util.go'
t 'go build -ldflags="-s -w" -o sw main.go util.go && stat -c %s sw main'
t 'go build ./...'
t 'go install main.go util.go; ls /root/go/bin'
t 'GOBIN=/gobin go install main.go util.go; ls /gobin'
t 'go build nosuch.go'
t 'go build main.go /b/other/x.go'
t 'go mod download'
t 'go install example.com/x@v1.0.0'
t 'go install example.com/x'
t 'go build -buildmode=pie -o pie main.go util.go && file pie | cut -c1-120 && stat -c %s pie'
t 'go build -trimpath -o tp main.go util.go && stat -c %s tp'
mkdir -p /b/mod/cmd/a /b/mod/cmd/b /b/mod/internal/lib && cd /b/mod
printf 'module example.com/mod\n\ngo 1.22\n' > go.mod
printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("a") }\n' > cmd/a/main.go
printf 'package main\n\nimport "os"\n\nfunc main() { os.Exit(0) }\n' > cmd/b/main.go
printf 'package lib\n\nfunc X() int { return 1 }\n' > internal/lib/lib.go
t 'go build ./...; ls'
t 'go build -o bin/ ./...; ls bin'
t 'go build -o app ./...'
t 'go build ./cmd/a; ls'
t 'go build -o x ./cmd/a ./cmd/b'
t 'go build'
t 'go build .'
t 'go build ./internal/lib; ls'
t 'go install ./...; ls /root/go/bin'
t 'go mod download; ls /root/go/pkg/mod 2>&1'
t 'go build cmd/a/main.go; ls'
printf '//go:build foo\n\npackage main\n\nfunc main() {}\n' > cmd/foo.go; mkdir -p cmd/tagged; mv cmd/foo.go cmd/tagged/main.go
t 'go build ./cmd/tagged'
t 'go build -tags foo ./cmd/tagged; ls'
mkdir -p /b/cshared && cd /b/cshared
printf 'package main\n\nimport "C"\n\n//export Add\nfunc Add(a, b C.int) C.int { return a + b }\n\nfunc main() {}\n' > lib.go
t 'go build -buildmode=c-shared -o libadd.so lib.go; ls -l; file libadd.so | cut -c1-100'
t 'go build -buildmode=c-archive -o libadd.a lib.go; ls -l'
t 'go build -buildmode=c-shared lib.go; ls'
t 'go build -buildmode=c-archive lib.go; ls'
t 'CGO_ENABLED=0 go build -buildmode=c-archive -o x.a lib.go'
t 'CC=nope go build -buildmode=c-shared -o y.so lib.go'
mkdir -p /b/net && cd /b/net
printf 'package main\n\nimport (\n\t"log"\n\t"net/http"\n)\n\nfunc main() { log.Fatal(http.ListenAndServe(":8080", nil)) }\n' > main.go
t 'go build main.go && file main | cut -c1-110'
t 'CC=nope go build -o nocc main.go && file nocc | cut -c1-110'
# vendoring: a module with vendor/ from Debian's uuid source
mkdir -p /b/vend/vendor/github.com/google && cd /b/vend
cp -r /usr/share/gocode/src/github.com/google/uuid vendor/github.com/google/uuid
printf 'module example.com/vend\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n' > go.mod
printf '# github.com/google/uuid v1.6.0\n## explicit\ngithub.com/google/uuid\n' > vendor/modules.txt
cp /progs/uuid/main.go .
t 'go build -o v . && stat -c %s v'
t 'go build -mod=mod -o v2 .'
t 'GOFLAGS=-mod=vendor go build -o v3 . && stat -c %s v3'
t 'go list -m all'
t 'go mod download'
printf '# github.com/google/uuid v1.5.0\n## explicit\ngithub.com/google/uuid\n' > vendor/modules.txt
t 'go build -o v4 .'
