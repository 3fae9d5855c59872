#!/usr/bin/env bash
# Measures third-party Go libraries with a real toolchain: the oracle's trixie-golang image (Debian's
# Go, gcc) plus Debian's golang-*-dev sources, built in GOPATH mode (no module proxy is reachable).
# Writes measure.txt (binaries, twins, module sources) and behave.txt (what the go command does
# with file arguments, ./..., -o, -buildmode, cgo defaults, vendoring) beside this script.
# Needs the oracle's engine: . /var/tmp/mco/env.sh first.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
docker build --network=host -q -t mc-go-modules-probe "$here" >/dev/null
docker run --rm --network none mc-go-modules-probe cat /measure.txt >"$here/measure.txt"
docker run --rm --network none mc-go-modules-probe cat /behave.txt >"$here/behave.txt"
docker run --rm --network none mc-go-modules-probe sh -c \
  'cd /usr/share/gocode/src && for m in $(grep "^SRC " /measure.txt | cut -d" " -f2); do echo "GZ $m $(tar -czhf - --exclude=v5 "$m" | wc -c)"; done' >>"$here/measure.txt"
