#!/usr/bin/env bash
# Downloads and extracts the Debian packages the pip data reads (real module layouts) into
# WORK/debs/x/<suite>/<package>, with an apt configuration of its own (bookworm, trixie, sid and
# their updates, security and backports suites). Needs a Debian mirror; root is not required.
# Usage: fetch-debs.sh WORK
set -euo pipefail
work=${1:?usage: fetch-debs.sh WORK}
here=$(cd "$(dirname "$0")" && pwd)
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
key=/usr/share/keyrings/debian-archive-keyring.gpg
apt=$work/apt
mkdir -p "$apt"/{lists/partial,cache/archives/partial} "$work/debs"
{
  for suite in bookworm bookworm-updates trixie trixie-updates trixie-backports sid; do
    echo "deb [signed-by=$key] $mirror $suite main"
  done
  echo "deb [signed-by=$key] $security bookworm-security main"
  echo "deb [signed-by=$key] $security trixie-security main"
} >"$apt/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Dir::State::status=/dev/null"
  -o "APT::Architecture=amd64")
apt-get "${opts[@]}" update -qq
node "$here/pip-debs.ts" | while IFS=/ read -r pkg suite; do
  mkdir -p "$work/debs/$suite"
  (cd "$work/debs/$suite" && apt-get "${opts[@]}" download -qq "$pkg/$suite" 2>/dev/null)
  rm -rf "${work:?}/debs/x/$suite/$pkg"
  mkdir -p "$work/debs/x/$suite/$pkg"
  dpkg-deb -x "$(ls -t "$work/debs/$suite/${pkg}"_*.deb | head -1)" "$work/debs/x/$suite/$pkg"
done
