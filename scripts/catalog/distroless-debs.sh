#!/usr/bin/env bash
# Downloads the Debian packages derive-distroless.ts lays into the distroless images:
# bookworm's through the system's apt, trixie's through a private apt list (the mirror's
# trixie suites), into DIR/bookworm and DIR/trixie. Usage: distroless-debs.sh DIR
set -euo pipefail
dir=$1
common="libgcc-s1 libgomp1 libstdc++6 libbz2-1.0 libexpat1 liblzma5 libsqlite3-0 libuuid1 libncursesw6 libtinfo6 zlib1g libcom-err2 libcrypt1 libgssapi-krb5-2 libk5crypto3 libkeyutils1 libkrb5-3 libkrb5support0 libnsl2 libffi8"
mkdir -p "$dir/bookworm" "$dir/trixie" "$dir/apt/lists/partial"
(cd "$dir/bookworm" && apt-get download $common libdb5.3 python3-distutils libreadline8 libtirpc3 \
  libpython3.11-minimal libpython3.11-stdlib python3.11-minimal)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$dir/apt/sources.list" <<LIST
deb [signed-by=$keyring] http://deb.debian.org/debian trixie main
deb [signed-by=$keyring] http://deb.debian.org/debian trixie-updates main
deb [signed-by=$keyring] http://deb.debian.org/debian-security trixie-security main
LIST
apt_opts=(-o "Dir::Etc::SourceList=$dir/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$dir/apt/lists" -o "Dir::Cache=$dir/apt/cache")
apt-get "${apt_opts[@]}" update
(cd "$dir/trixie" && apt-get "${apt_opts[@]}" download $common base-files netbase tzdata media-types libc6 \
  libssl3t64 libdb5.3t64 libreadline8t64 libtirpc3t64 libpython3.13-minimal libpython3.13-stdlib python3.13-minimal)
