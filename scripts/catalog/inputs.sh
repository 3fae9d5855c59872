#!/usr/bin/env bash
# Fetches the inputs of the modelled parts of the catalog into WORK (default /var/tmp/catalog):
# Debian packages of CPython 3.9, Go 1.25/1.26, pip/setuptools/wheel and the distroless package sets,
# extracted under WORK/x; busybox 1.37's applet links under Alpine's configuration; busybox's
# published rootfs from a git clone of docker-library/busybox (BUSYBOX_GIT). Needs root and a Debian mirror.
set -euo pipefail

work=${CATALOG_WORK:-/var/tmp/catalog}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
busybox_git=${BUSYBOX_GIT:?set BUSYBOX_GIT to the git directory of a clone of docker-library/busybox}
apt=$work/apt
mkdir -p "$apt"/{lists/partial,lists-src/partial,cache/archives/partial,debs,bbsrc} "$work/x" "$work/busybox"

key=/usr/share/keyrings/debian-archive-keyring.gpg
{
  for suite in bullseye bookworm trixie trixie-backports sid; do
    echo "deb [signed-by=$key] $mirror $suite main"
  done
} >"$apt/sources.list"
echo "deb-src [signed-by=$key] $mirror trixie main" >"$apt/src.list"
opts=(-o "Dir::Etc::SourceParts=/dev/null" -o "Dir::Cache=$apt/cache" -o "Dir::State::status=/dev/null" -o "APT::Architecture=amd64")
bin=("${opts[@]}" -o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::State::Lists=$apt/lists")
src=("${opts[@]}" -o "Dir::Etc::SourceList=$apt/src.list" -o "Dir::State::Lists=$apt/lists-src")
apt-get "${bin[@]}" update -qq
apt-get "${src[@]}" update -qq

cd "$apt/debs"
rm -f ./*.deb
apt-get "${bin[@]}" download -qq \
  golang-1.25-go/trixie-backports golang-1.25-src/trixie-backports \
  golang-1.26-go/trixie-backports golang-1.26-src/trixie-backports \
  python3.9-minimal/bullseye libpython3.9-minimal/bullseye libpython3.9-stdlib/bullseye libpython3.9/bullseye \
  python3.9/bullseye libpython3.9-dev/bullseye python3.9-dev/bullseye python3-distutils/bullseye \
  python3-lib2to3/bullseye python3-tk/bullseye idle-python3.9/bullseye python3.9-venv/bullseye \
  python3-pip-whl/bookworm python3-setuptools-whl/trixie python3-wheel-whl/trixie \
  base-files/bookworm netbase/bookworm tzdata/bookworm media-types/bookworm libc6/bookworm libssl3/bookworm
for f in ./*.deb; do
  name=$(dpkg-deb -f "$f" Package)
  rm -rf "${work:?}/x/$name"
  dpkg-deb -x "$f" "$work/x/$name"
done
for p in base-files netbase tzdata media-types libc6 libssl3; do
  echo "$p $(dpkg-deb -f "${p}"_*.deb Version)"
done >.versions

# Alpine's busybox applets: busybox 1.37's applet table with the applets Alpine's busyboxconfig
# leaves out switched off (aports main/busybox/busyboxconfig), written out by `make busybox.links`.
cd "$apt/bbsrc"
rm -rf busybox-*
apt-get "${src[@]}" source --download-only -qq busybox
tar xf busybox_*.orig.tar.*
cd busybox-*/
make allyesconfig >/dev/null
off="INSTALL_NO_USR SELINUX PAM FEATURE_MOUNT_NFS AR UNCOMPRESS XZ DPKG DPKG_DEB RPM RPM2CPIO LOGNAME WHO W
  USERS FGCONSOLE START_STOP_DAEMON BOOTCHARTD LINUXRC SULOGIN CHATTR LSATTR TUNE2FS MODPROBE_SMALL CHRT
  FREERAMDISK FSCK_MINIX FSFREEZE LAST MKE2FS MKFS_EXT2 MKFS_MINIX MKFS_REISER PIVOT_ROOT RTCWAKE SCRIPT
  SCRIPTREPLAY SETARCH TASKSET UEVENT WALL CHAT DEVFSD DEVMEM FLASH_ERASEALL FLASH_LOCK FLASH_UNLOCK FLASHCP
  I2CGET I2CSET I2CDUMP I2CDETECT I2CTRANSFER LSSCSI MAKEDEVS MAN MT RUNLEVEL RX UBIATTACH UBIDETACH UBIMKVOL
  UBIRMVOL UBIRSVOL UBIUPDATEVOL UBIRENAME DNSD FTPD FTPGET FTPPUT HTTPD IFPLUGD INETD FAKEIDENTD TCPSVD UDPSVD
  TELNET TELNETD TFTP TFTPD ZCIP UDHCPD DHCPRELAY LPD LPR LPQ POPMAILDIR CHPST SETUIDGID ENVUIDGID ENVDIR
  SOFTLIMIT RUNSV RUNSVDIR SV SVC SVLOGD SVOK CHCON GETENFORCE GETSEBOOL LOAD_POLICY MATCHPATHCON RUNCON
  SELINUXENABLED SESTATUS SETENFORCE SETFILES RESTORECON SETSEBOOL CTTYHACK HUSH MSH SH_IS_HUSH BASH_IS_ASH
  BASH_IS_HUSH TS TREE TSORT SEEDRNG CRC32 RESUME RUN_INIT SETFATTR HEXEDIT MINIPS TC BEEP CONSPY
  FEATURE_SHARED_BUSYBOX BUILD_LIBBUSYBOX FEATURE_INDIVIDUAL"
for c in $off; do sed -i "s/^CONFIG_$c=y/# CONFIG_$c is not set/" .config; done
{ yes '' || true; } | make oldconfig >/dev/null 2>&1
make include/applets.h >/dev/null 2>&1
make busybox.links >/dev/null 2>&1
# ssl_client is its own Alpine package, not an applet link.
grep -v ssl_client busybox.links >"$work/alpine-busybox.links"

# busybox:latest, the glibc build: the rootfs docker-library publishes in its dist-amd64 branch.
cd "$work/busybox"
git -C "$busybox_git" show dist-amd64:latest/glibc/amd64/rootfs.tar.gz >rootfs.tar.gz
rm -rf root
mkdir root
tar xzf rootfs.tar.gz -C root
echo "inputs ready in $work"
