#!/usr/bin/env bash
# Shell functions shared by the scripts that build root filesystems for the catalog
# (debian-rootfs.sh, extra-rootfs.sh): chroot runs, apt installs and the clean-ups that
# debuerreotype and the official images apply. Sourced, not run.

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

minimizing_config() { # ROOT: debuerreotype-minimizing-config
  local root=$1
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

