#!/usr/bin/env bash
# `npm run packages`: regenerates public/packages (see docs/packages.md). Needs root, a Debian
# mirror, the catalog's root filesystems (CATALOG_WORK, made by `npm run catalog`) and CPython 3.9
# (PYTHON39). The cold Go builds and the 84 real apt-get installs take most of the time (about an hour on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${PACKAGES_WORK:-/var/tmp/packages}
out=${PACKAGES_OUT:-public/packages}
export PACKAGES_WORK=$work
mkdir -p "$work"
bash scripts/packages/fetch-debs.sh "$work"
bash scripts/packages/go-measure.sh "$work" "$work/go-1.26.jsonl" 1.26
node scripts/packages/apt-measure.ts "$work" bookworm trixie
node scripts/packages/build.ts "$out"
# the apt data's package files, dpkg database files, ldconfig and status sizes, from the real .debs
# (plus packages the oracle's recorded cases install beyond the curated installs' closure)
declare -A apt_added=([bookworm]="bc file tini tree" [trixie]="tree")
for suite in bookworm trixie; do
  # shellcheck disable=SC2086
  bash scripts/packages/fetch-apt-debs.sh "$work" "$suite" ${apt_added[$suite]}
  node scripts/packages/apt-debs.ts "$suite" "$work/apt-debs/$suite" "$out" \
    "$work/apt-debs/$suite.ldconfig-p" "$(cat "$work/apt-debs/$suite.dpkg-paths")"
done
# the whole archive of bookworm and trixie from the mirror's Packages and Contents indexes
node scripts/packages/apt-archive.ts "$out" "$work/apt-archive"
# Formatted through stdin so that an output directory outside the project works too.
find "$out" -name '*.json' | while read -r f; do
  npx biome format --stdin-file-path=data.json <"$f" >"$f.tmp"
  mv "$f.tmp" "$f"
done
