#!/usr/bin/env bash
# Records the saved-image fixtures of tests/lib/image-archive with the real engine of
# /work/shared/oracle (start it first; ORACLE_HOME as it was started). For each case folder:
# docker build, docker save (Docker 28 writes manifest.json and an OCI layout in one tar),
# `docker history` and `docker image inspect` as the figures the tests hold the reader to.
# Then OCI image layouts with gzip and zstd layers, recompressed from the saved layers.
set -euo pipefail
: "${ORACLE_HOME:?set ORACLE_HOME to the oracle engine's home}"
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
for name in go-scratch busybox-removed; do
  npx node "$here/oci-layout.ts" "$fixtures/$name.docker.tar" gzip "$fixtures/$name.oci-gzip.tar"
  npx node "$here/oci-layout.ts" "$fixtures/$name.docker.tar" zstd "$fixtures/$name.oci-zstd.tar"
done
ls -la "$fixtures"
