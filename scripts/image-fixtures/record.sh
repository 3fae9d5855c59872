#!/usr/bin/env bash
# Records the saved-image fixtures of tests/lib/image-archive with the real engine of
# /work/shared/oracle (start it first; ORACLE_HOME as it was started). For each case folder:
# docker build, docker save (Docker 28 writes manifest.json and an OCI layout in one tar),
# `docker history` and `docker image inspect` as the figures the tests hold the reader to.
# Each archive is kept gzipped (the tests unpack it in memory); the tests make the OCI layouts with
# gzip and zstd layers from it (tests/lib/image-archive/oci-layout.ts).
set -euo pipefail
: "${ORACLE_HOME:?set ORACLE_HOME to the home of the oracle engine}"
. "$ORACLE_HOME/env.sh"
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$(cd "$here/../../tests/lib/image-archive/fixtures" && pwd)
# The course's go-scratch example builds FROM golang:1; the oracle's local Go base stands in for it.
docker tag oracle/trixie-golang:latest golang:1
examples=$(cd "$here/../../src/content/examples" && pwd)
# name, Dockerfile, context: the course's Go example as the course has it, and the cases folder.
builds=("go-scratch $examples/go-scratch.Dockerfile $examples/go-app")
for case_dir in "$fixtures"/cases/*/; do
  context="$case_dir/context"
  [ -d "$context" ] || context="$case_dir"
  builds+=("$(basename "$case_dir") $case_dir/Dockerfile $context")
done
for build in "${builds[@]}"; do
  read -r name dockerfile context <<<"$build"
  tag="fixture/$name:latest"
  docker build --network=host -q -t "$tag" -f "$dockerfile" "$context"
  docker save -o "$fixtures/$name.docker.tar" "$tag"
  docker history --no-trunc --human=false --format '{{json .}}' "$tag" > "$fixtures/$name.history.jsonl"
  docker image inspect "$tag" > "$fixtures/$name.inspect.json"
  # Each layer's own listing, by GNU tar: the files the tests hold the reader to.
  python3 - "$fixtures/$name.docker.tar" > "$fixtures/$name.layers.txt" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as outer:
    manifest = json.load(outer.extractfile('manifest.json'))
    for index, layer in enumerate(manifest[0]['Layers']):
        with tarfile.open(fileobj=outer.extractfile(layer)) as inner:
            for m in inner.getmembers():
                kind = 'd' if m.isdir() else 'l' if m.issym() else 'h' if m.islnk() else 'f'
                print(index, kind, oct(m.mode), m.uid, m.gid, m.size if m.isfile() else 0, m.name, m.linkname, sep='\t')
PY
done
gzip -9f "$fixtures"/*.docker.tar
# What the real tools say about the files the reader reads itself: dpkg-query's package list,
# readelf's interpreter and needed libraries, `go version -m`'s build info.
docker run --rm debian:bookworm-slim dpkg-query -W -f '${Package}\t${Version}\n' > "$fixtures/debian-files.dpkg-query.txt"
docker run --rm debian:bookworm-slim cat /usr/bin/env > "$ORACLE_HOME/env.bin"
readelf -l -d "$ORACLE_HOME/env.bin" | grep -E 'interpreter|NEEDED' > "$fixtures/debian-files.readelf.txt"
docker build --network=host -q --target builder -t fixture/go-builder -f "$examples/go-scratch.Dockerfile" "$examples/go-app" >/dev/null
docker run --rm fixture/go-builder go version -m /usr/src/app/bin/app > "$fixtures/go-scratch.go-version.txt"
ls -la "$fixtures"
