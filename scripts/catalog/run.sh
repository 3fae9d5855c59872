#!/usr/bin/env bash
# `npm run catalog`: regenerates public/catalog from real Debian root filesystems and the modelled
# parts (see docs/catalog.md). Needs root, the Debian and Ubuntu mirrors, BUSYBOX_GIT and
# UBUNTU_KEYRING; takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=${CATALOG_WORK:-/var/tmp/catalog}
out=${CATALOG_OUT:-public/catalog}
export CATALOG_WORK=$work
bash scripts/catalog/debian-rootfs.sh "$work/roots" bookworm trixie
bash scripts/catalog/inputs.sh
node scripts/catalog/build.ts "$out"
# The images derived from the generated ones (docs/catalog.md, Derived images).
bash scripts/catalog/distroless-debs.sh "$work/distroless-debs"
node scripts/catalog/derive.ts "$out"
# The base images added from their own root filesystems (docs/catalog.md, Added base images).
bash scripts/catalog/extra-rootfs.sh "$work/extra-roots"
ROOTFS_WORK="$work/extra-roots" node scripts/catalog/add-rootfs-images.ts "$out"
# Formatted through stdin so that an output directory outside the project works too.
npx biome format --stdin-file-path=index.json <"$out/index.json" >"$out/index.json.tmp"
mv "$out/index.json.tmp" "$out/index.json"
