#!/usr/bin/env bash
# Builds the Debian root filesystems the catalog is read from, one directory per image layer
# (stage), the way the official images are built: debuerreotype's minbase + clean-up, then the
# package sets of the docker-library Dockerfiles. Needs root and a Debian mirror.
# Usage: debian-rootfs.sh OUT_DIR SUITE...   (e.g. /var/tmp/catalog bookworm trixie)
set -euo pipefail

out=${1:?usage: debian-rootfs.sh OUT_DIR SUITE...}
shift
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
mkdir -p "$out"
# shellcheck source=rootfs-lib.sh
. "$(dirname "$0")/rootfs-lib.sh"

minbase() { # SUITE ROOT: debian:SUITE as debuerreotype builds it
  local suite=$1 root=$2
  rm -rf "$root"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<SRC
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  minimizing_config "$root"
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get dist-upgrade -y -qq >/dev/null
  # debootstrap's own log holds timings: leave it out so that reruns give byte-identical layers.
  rm -f "$root/etc/machine-id" "$root/var/log/bootstrap.log"
  clean_apt "$root"
}

for suite in "$@"; do
  d=$out/$suite
  if [ -z "${REUSE_MINBASE:-}" ] || [ ! -d "$d-debian/usr" ]; then minbase "$suite" "$d-debian"; fi
  # debian:SUITE-slim, then python:3.9-slim's layers
  stage "$d-debian" "$d-slim"
  slimify "$d-slim"
  stage "$d-slim" "$d-slim-pydeps"
  apt_install "$d-slim-pydeps" ca-certificates netbase tzdata
  # The libraries the python slim build's ldd scan marks manual (tkinter is left out of that scan).
  stage "$d-slim-pydeps" "$d-slim-pylibs"
  apt_install "$d-slim-pylibs" libbz2-1.0 libdb5.3 libffi8 libgdbm6 libgdbm-compat4 liblzma5 libncursesw6 \
    libnsl2 libreadline8 libsqlite3-0 libssl3 libtinfo6 libtirpc3 libuuid1 zlib1g
  # buildpack-deps:SUITE-curl, -scm and the full image
  stage "$d-debian" "$d-curl"
  apt_install "$d-curl" ca-certificates curl gnupg netbase sq wget
  stage "$d-curl" "$d-scm"
  apt_install "$d-scm" git mercurial openssh-client subversion procps
  # golang:*-SUITE's C toolchain layer
  stage "$d-scm" "$d-gotools"
  apt_install "$d-gotools" g++ gcc libc6-dev make pkg-config
  stage "$d-scm" "$d-full"
  apt_install "$d-full" autoconf automake bzip2 default-libmysqlclient-dev dpkg-dev file g++ gcc imagemagick \
    libbz2-dev libc6-dev libcurl4-openssl-dev libdb-dev libevent-dev libffi-dev libgdbm-dev libglib2.0-dev \
    libgmp-dev libjpeg-dev libkrb5-dev liblzma-dev libmagickcore-dev libmagickwand-dev libmaxminddb-dev \
    libncurses5-dev libncursesw5-dev libpng-dev libpq-dev libreadline-dev libsqlite3-dev libssl-dev libtool \
    libwebp-dev libxml2-dev libxslt-dev libyaml-dev make patch unzip xz-utils zlib1g-dev
  # python:3.9-SUITE's run-time/dev dependency layer
  stage "$d-full" "$d-pydeps"
  apt_install "$d-pydeps" libbluetooth-dev tk-dev uuid-dev
  echo "built $suite"
done
