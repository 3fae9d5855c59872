#!/usr/bin/env bash
# Builds the root filesystems of the base images added on top of the committed catalog by
# add-rootfs-images.ts (docs/catalog.md, Added base images): debian:bullseye and -slim the way
# debuerreotype builds them, and ubuntu 22.04/24.04/26.04 as close to Canonical's minimal
# rootfs as debootstrap gets. Needs root, the Debian and Ubuntu mirrors, and Ubuntu's archive
# keyring (UBUNTU_KEYRING; the ubuntu-keyring package's ubuntu-archive-keyring.gpg).
# Usage: extra-rootfs.sh OUT_DIR [bullseye|jammy|noble|resolute...]   (default: all; REUSE_BOOTSTRAP=1
# keeps the debootstrap trees already in OUT_DIR: every later step can run again on them)
set -euo pipefail

out=${1:?usage: extra-rootfs.sh OUT_DIR [NAME...]}
shift
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
ubuntu=${UBUNTU_MIRROR:-http://archive.ubuntu.com/ubuntu}
keyring=${UBUNTU_KEYRING:?set UBUNTU_KEYRING to ubuntu-archive-keyring.gpg}
mkdir -p "$out"
# shellcheck source=rootfs-lib.sh
. "$(dirname "$0")/rootfs-lib.sh"

bootstrap() { # ROOT DEBOOTSTRAP-ARGS...: a fresh debootstrap unless REUSE_BOOTSTRAP keeps one
  local root=$1
  shift
  if [ -n "${REUSE_BOOTSTRAP:-}" ] && [ -d "$root/usr" ]; then return; fi
  rm -rf "$root"
  debootstrap --variant=minbase "$@" >/dev/null
}

finish() { # ROOT: upgrade from the configured sources, then the tar excludes
  local root=$1
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get dist-upgrade -y -qq >/dev/null
  rm -f "$root/etc/machine-id" "$root/var/log/bootstrap.log"
  clean_apt "$root"
}

# debian:bullseye: debuerreotype keeps bullseye unmerged (/bin a directory) and writes its
# sources in the one-line format; deb822 debian.sources starts with bookworm.
bullseye() {
  local root=$out/bullseye-debian
  bootstrap "$root" --no-merged-usr bullseye "$root" "$mirror"
  cat >"$root/etc/apt/sources.list" <<SRC
deb $mirror bullseye main
deb $security bullseye-security main
deb $mirror bullseye-updates main
SRC
  minimizing_config "$root"
  finish "$root"
  stage "$root" "$out/bullseye-slim"
  slimify "$out/bullseye-slim"
}

# Canonical's minimized images (22.04, 24.04): no man pages, translations or docs beyond copyright
# files and Debian changelogs, kept so by dpkg. 26.04 (MAN_ONLY=1) drops only the man pages: its
# published 100.15 MB is the packages' files less their 3.3 MB of man pages (with them: 104.2 MB;
# fully minimized: 90.6 MB).
ubuntu_minimize() { # ROOT [MAN_ONLY]
  local root=$1 man_only=${2:-}
  {
    echo "# This image is minimized: documentation the container does not need is left out."
    echo "# Delete this file and reinstall the packages to restore it."
    echo 'path-exclude=/usr/share/man/*'
    if [ -z "$man_only" ]; then
      echo 'path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo'
      echo 'path-exclude=/usr/share/doc/*'
      echo 'path-include=/usr/share/doc/*/copyright'
      echo 'path-include=/usr/share/doc/*/changelog.Debian.*'
    fi
  } >"$root/etc/dpkg/dpkg.cfg.d/excludes"
  find "$root/usr/share/man" -mindepth 1 -delete 2>/dev/null || true
  if [ -n "$man_only" ]; then return; fi
  find "$root/usr/share/locale" -path '*/LC_MESSAGES/*.mo' -delete 2>/dev/null || true
  find "$root/usr/share/doc" -mindepth 2 -not -name copyright -not -name 'changelog.Debian.*' \
    -not -type d -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
}

ubuntu_sources() { # ROOT SUITE
  local root=$1 suite=$2
  if [ "$suite" = jammy ]; then
    cat >"$root/etc/apt/sources.list" <<SRC
deb http://archive.ubuntu.com/ubuntu/ $suite main restricted universe multiverse
deb http://archive.ubuntu.com/ubuntu/ $suite-updates main restricted universe multiverse
deb http://archive.ubuntu.com/ubuntu/ $suite-backports main restricted universe multiverse
deb http://security.ubuntu.com/ubuntu/ $suite-security main restricted universe multiverse
SRC
    return
  fi
  echo '# Ubuntu sources have moved to /etc/apt/sources.list.d/ubuntu.sources' >"$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/ubuntu.sources" <<SRC
Types: deb
URIs: http://archive.ubuntu.com/ubuntu/
Suites: $suite $suite-updates $suite-backports
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg

Types: deb
URIs: http://security.ubuntu.com/ubuntu/
Suites: $suite-security
Components: main universe restricted multiverse
Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg
SRC
}

ubuntu_image() { # SUITE
  local suite=$1 root=$out/$1-ubuntu
  bootstrap "$root" --keyring="$keyring" "$suite" "$root" "$ubuntu" /usr/share/debootstrap/scripts/gutsy
  # Upgrade from main only (universe's lists are large and add nothing to this package set).
  printf 'deb %s %s main\n' "$ubuntu" "$suite" "$ubuntu" "$suite-updates" "$ubuntu" "$suite-security" \
    >"$root/etc/apt/sources.list"
  rm -f "$root/etc/apt/sources.list.d/ubuntu.sources"
  minimizing_config "$root"
  in_root "$root" apt-get update -qq
  in_root "$root" apt-get dist-upgrade -y -qq >/dev/null
  # 24.04's image carries unminimize as a package (repo-info's package list); 22.04 a script.
  if [ "$suite" = noble ]; then in_root "$root" apt-get install -y -qq unminimize >/dev/null; fi
  if [ "$suite" = resolute ]; then ubuntu_minimize "$root" man-only; else ubuntu_minimize "$root"; fi
  ubuntu_sources "$root" "$suite"
  if [ "$suite" = jammy ]; then
    # Canonical's 22.04 image ships a script of this name (livecd-rootfs); this one is modelled.
    cat >"$root/usr/local/sbin/unminimize" <<'SH'
#!/bin/sh
# Restores what the minimized image leaves out: the dpkg excludes go, and every installed
# package is reinstalled with its documentation, man pages and translations.
set -e
echo "This system has been minimized. Restoring documentation and man pages..."
rm -f /etc/dpkg/dpkg.cfg.d/excludes
apt-get update
dpkg-query -W -f '${Package}\n' | xargs apt-get install -y --reinstall
SH
    chmod 755 "$root/usr/local/sbin/unminimize"
  else
    # From 23.04 the images have a default user, uid 1000 (`id` keeps a rerun on a kept tree idempotent).
    in_root "$root" sh -c 'id ubuntu >/dev/null 2>&1 ||
      useradd --uid 1000 --user-group --create-home --shell /bin/bash --comment Ubuntu ubuntu'
  fi
  rm -f "$root/etc/machine-id" "$root/var/log/bootstrap.log"
  clean_apt "$root"
}

names=${*:-bullseye jammy noble resolute}
for name in $names; do
  if [ "$name" = bullseye ]; then bullseye; else ubuntu_image "$name"; fi
done
echo "built in $out"
