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

in_root() { # ROOT CMD...: run in the chroot with /proc mounted, unmounting it afterwards
  local root=$1
  shift
  mount -t proc proc "$root/proc"
  local rc=0
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@" || rc=$?
  umount "$root/proc"
  return $rc
}

apt_install() { # ROOT PKG...: the Dockerfiles' `apt-get update; apt-get install -y --no-install-recommends …; rm -rf /var/lib/apt/lists/*`
  local root=$1
  shift
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  clean_apt "$root"
}

clean_apt() { # what debuerreotype's tar excludes and the Dockerfiles' clean-up leave out
  local root=$1
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
    "$root"/var/cache/apt/archives/partial/* "$root"/var/log/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/lib/dpkg/*-old
  mkdir -p "$root/var/lib/apt/lists/partial"
  : >"$root/var/log/dpkg.log"
  : >"$root/var/log/alternatives.log"
}

stage() { # FROM TO: start a new stage from a copy of the previous one
  rm -rf "$2"
  cp -a "$1" "$2"
}

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
  # debuerreotype's minimizing configuration (debuerreotype-minimizing-config)
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
  cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'CONF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
CONF
  echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
  echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
  echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get dist-upgrade -y -qq >/dev/null
  # debootstrap's own log holds timings: leave it out so that reruns give byte-identical layers.
  rm -f "$root/etc/machine-id" "$root/var/log/bootstrap.log"
  clean_apt "$root"
}

slimify() { # ROOT: debuerreotype-slimify
  local root=$1 dir
  find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  for dir in info linda lintian/overrides man; do
    if [ -d "$root/usr/share/$dir" ]; then find "$root/usr/share/$dir" -mindepth 1 -delete; fi
  done
  if [ -d "$root/usr/share/locale" ]; then find "$root/usr/share/locale" -mindepth 1 -not -name locale.alias -delete; fi
  cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'CONF'
# This is the "slim" variant of the Debian base image.
# Many files which are normally unnecessary in containers are excluded,
# and this configuration file keeps them that way.

path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/man/*
CONF
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
