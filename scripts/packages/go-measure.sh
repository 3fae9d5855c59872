#!/usr/bin/env bash
# Measures Go binaries and caches with a real toolchain: Debian's golang-1.2x-go (trixie-backports)
# installed into a copy of the catalog's golang C-toolchain stage (trixie + gcc, libc6-dev, make,
# pkg-config: what golang:1 has), then every program under go-programs/ built with and without cgo
# and `-ldflags=-s -w`. Writes one JSON object per build to OUT (JSON lines). Needs root.
# Usage: go-measure.sh WORK OUT [GO_MINOR]. Reads the catalog roots under CATALOG_WORK and the apt
# configuration fetch-debs.sh writes to WORK/apt; uses python3, bc, file and readelf.
set -euo pipefail
work=${1:?usage: go-measure.sh WORK OUT [GO_MINOR]}
out=${2:?usage: go-measure.sh WORK OUT [GO_MINOR]}
minor=${3:-1.26}
here=$(cd "$(dirname "$0")" && pwd)
catalog=${CATALOG_WORK:-/var/tmp/catalog}
root=$work/go-root-$minor
apt_opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o "Dir::State::status=/dev/null"
  -o "APT::Architecture=amd64")

rm -rf "$root"
cp -a "$catalog/roots/trixie-gotools" "$root"
mkdir -p "$work/go-debs-$minor"
(cd "$work/go-debs-$minor" && rm -f ./*.deb &&
  apt-get "${apt_opts[@]}" download -qq "golang-$minor-go/trixie-backports" "golang-$minor-src/trixie-backports")
mkdir -p "$root/tmp/debs"
cp "$work/go-debs-$minor"/*.deb "$root/tmp/debs/"

mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
cleanup() { umount "$root/dev" || true; umount "$root/proc" || true; }
trap cleanup EXIT

run() { # CMD...: a login-less shell in the chroot with the golang image's environment
  chroot "$root" /usr/bin/env -i HOME=/root GOPATH=/go GOTOOLCHAIN=local \
    PATH="/go/bin:/usr/lib/go-$minor/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "$@"
}

run sh -c "dpkg -i /tmp/debs/*.deb" >/dev/null
rm -rf "$root/tmp/debs"
mkdir -p "$root/go/bin" "$root/go/src" "$root/src" "$root/out"
goversion=$(run go version)

for dir in "$here"/go-programs/*/; do
  name=$(basename "$dir")
  mkdir -p "$root/src/$name"
  cp "$dir/main.go" "$root/src/$name/"
  printf 'module example.com/app\n\ngo 1.22\n' >"$root/src/$name/go.mod"
done

json_str() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().strip()))'; }

# build NAME VARIANT COLD ENV... -- ARGS...: one `go build`, its binary's facts, the cache if COLD
build() {
  local name=$1 variant=$2 cold=$3
  shift 3
  local envs=()
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  if [ "$cold" = cold ]; then rm -rf "$root/root/.cache/go-build"; fi
  local bin=/out/$name.$variant
  local t0 t1
  t0=$(date +%s.%N)
  run sh -c "cd /src/$name && exec env ${envs[*]:-} go build $* -o $bin ."
  t1=$(date +%s.%N)
  local size file interp ldd cache_bytes=null cache_files=null deps
  size=$(stat -c %s "$root$bin")
  file=$(file -b "$root$bin" | sed 's/BuildID\[sha1\]=[0-9a-f]*, //; s/Go BuildID=[^,]*, //' | json_str)
  interp=$(readelf -l "$root$bin" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p' | json_str)
  ldd=$( (run ldd "$bin" 2>&1 || true) | sed 's/ (0x[0-9a-f]*)//' | json_str)
  if [ "$cold" = cold ]; then
    cache_bytes=$(du -sb "$root/root/.cache/go-build" | cut -f1)
    cache_files=$(find "$root/root/.cache/go-build" -type f | wc -l)
  fi
  deps=$(run sh -c "cd /src/$name && env ${envs[*]:-} go list -deps -f '{{if .Standard}}{{.ImportPath}}{{end}}' ." | grep -v '^$' | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read().split()))')
  printf '{"program":"%s","variant":"%s","env":%s,"args":%s,"size":%s,"file":%s,"interpreter":%s,"ldd":%s,"cacheBytes":%s,"cacheFiles":%s,"seconds":%.1f,"stdDeps":%s}\n' \
    "$name" "$variant" "$(echo "${envs[*]:-}" | json_str)" "$(echo "$*" | json_str)" "$size" "$file" "$interp" "$ldd" "$cache_bytes" "$cache_files" \
    "$(echo "$t1 - $t0" | bc)" "$deps" >>"$out.tmp"
}

: >"$out.tmp"
printf '{"goVersion":"%s","deb":"%s"}\n' "$goversion" "$(basename "$work/go-debs-$minor"/golang-"$minor"-go_*.deb)" >>"$out.tmp"
for dir in "$here"/go-programs/*/; do
  name=$(basename "$dir")
  build "$name" cgo cold -- # the default in golang:1: gcc is on PATH, so cgo is on
  build "$name" cgo-sw warm -- -ldflags=\"-s -w\"
  build "$name" static cold CGO_ENABLED=0 --
  build "$name" static-sw warm CGO_ENABLED=0 -- -ldflags=\"-s -w\"
done
for name in net-http fmt os-user empty; do
  build "$name" cgo-s warm -- -ldflags=-s
  build "$name" cgo-w warm -- -ldflags=-w
  build "$name" cgo-trimpath warm -- -trimpath
  build "$name" static-sw-a warm CGO_ENABLED=0 -- -ldflags=\"-s -w\" -a -installsuffix cgo
  build "$name" static-sw-trimpath warm CGO_ENABLED=0 -- -trimpath -ldflags=\"-s -w\"
  build "$name" arm64-static warm CGO_ENABLED=0 GOARCH=arm64 --
  build "$name" arm64-static-sw warm CGO_ENABLED=0 GOARCH=arm64 -- -ldflags=\"-s -w\"
done

# What one cold `go build` of the course's server leaves outside the source tree.
rm -rf "$root/root/.cache" "$root/root/.config" "$root/go/pkg"
find "$root/root" "$root/go" "$root/tmp" -xdev | sort >"$work/go-before.txt"
run sh -c 'cd /src/net-http && go build -o /out/app .'
find "$root/root" "$root/go" "$root/tmp" -xdev | sort >"$work/go-after.txt"
comm -13 "$work/go-before.txt" "$work/go-after.txt" | sed "s|^$root||" | grep -v '^/root/.cache/go-build/[0-9a-f][0-9a-f]/' |
  while read -r p; do
    printf '{"leftBehind":"%s","kind":"%s","bytes":%s}\n' "$p" "$(stat -c %F "$root$p")" "$(du -sb "$root$p" | cut -f1)"
  done >>"$out.tmp"
mv "$out.tmp" "$out"
