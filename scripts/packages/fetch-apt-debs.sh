#!/usr/bin/env bash
# Downloads the real .debs of every package in public/packages/apt/SUITE.json (and of the packages
# named after the suite, with their dependencies beyond the base image) into WORK/apt-debs/SUITE,
# with an apt configuration of its own, and records what the base image's ldconfig cache and dpkg
# database hold (`ldconfig -p` and the paths of its .list files, in the catalog's root). Then
# apt-debs.ts reads them into the suite's data. Needs a Debian mirror; root for the chroot.
# Usage: fetch-apt-debs.sh WORK SUITE [PACKAGE...]
set -euo pipefail
work=${1:?usage: fetch-apt-debs.sh WORK SUITE [PACKAGE...]}
suite=${2:?usage: fetch-apt-debs.sh WORK SUITE [PACKAGE...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=${CATALOG_WORK:-/var/tmp/catalog}/roots/$suite-debian
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
key=/usr/share/keyrings/debian-archive-keyring.gpg
apt=$work/apt-$suite
out=$work/apt-debs/$suite
mkdir -p "$apt"/{lists/partial,cache/archives/partial} "$out"
{
  echo "deb [signed-by=$key] $mirror $suite main"
  echo "deb [signed-by=$key] $mirror $suite-updates main"
  echo "deb [signed-by=$key] $security $suite-security main"
} >"$apt/sources.list"
opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "APT::Architecture=amd64")
apt-get "${opts[@]}" -o Dir::State::status=/dev/null update -qq
names=$(node -e 'for (const p of require(process.argv[1]).packages) console.log(p.name)' \
  "$here/../../public/packages/apt/$suite.json")
# the added packages' dependencies, as apt resolves them on the base image's dpkg status
for pkg in "$@"; do
  names+=$'\n'$(apt-get "${opts[@]}" -o "Dir::State::status=$root/var/lib/dpkg/status" -s install \
    --no-install-recommends "$pkg" | awk '/^Inst /{print $2}')
done
(cd "$out" && apt-get "${opts[@]}" -o Dir::State::status=/dev/null download -qq $(sort -u <<<"$names"))
chroot "$root" ldconfig -p >"$work/apt-debs/$suite.ldconfig-p"
cat "$root"/var/lib/dpkg/info/*.list | sort -u | wc -l >"$work/apt-debs/$suite.dpkg-paths"
