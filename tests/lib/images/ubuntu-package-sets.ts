/**
 * The binary packages of the official Ubuntu images, as docker-library/repo-info lists them
 * (repos/ubuntu/local: jammy-20260901.2.md, noble-20260905.md, resolute.md, each record's
 * "Binary Packages" lines). The catalog's images must hold exactly these packages.
 */

const set = (names: string) => new Set(names.trim().split(/\s+/));

export const UBUNTU_PACKAGES: Readonly<Record<string, ReadonlySet<string>>> = {
  'ubuntu:22.04': set(`
    libacl1 adduser apt libapt-pkg6.0 libattr1 libaudit-common libaudit1 base-files base-passwd bash
    libbz2-1.0 libdebconfclient0 coreutils dash libdb5.3 debconf debianutils diffutils dpkg e2fsprogs
    libcom-err2 libext2fs2 libss2 logsave findutils gcc-12-base libgcc-s1 libstdc++6 libc-bin libc6
    libgmp10 gpgv libgnutls30 grep gzip hostname init-system-helpers libkeyutils1 libgssapi-krb5-2
    libk5crypto3 libkrb5-3 libkrb5support0 libcap-ng0 libcap2 libffi8 libgcrypt20 libgpg-error0
    libidn2-0 libnsl2 libseccomp2 libselinux1 libsemanage-common libsemanage2 libsepol2 libtasn1-6
    libtirpc-common libtirpc3 libunistring2 libcrypt1 libzstd1 lsb-base liblz4-1 mawk libncurses6
    libncursesw6 libtinfo6 ncurses-base ncurses-bin libhogweed6 libnettle8 libssl3 libp11-kit0
    libpam-modules libpam-modules-bin libpam-runtime libpam0g libpcre2-8-0 libpcre3 perl-base
    libprocps8 procps sed sensible-utils login passwd libsystemd0 libudev1 sysvinit-utils tar
    ubuntu-keyring usrmerge bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 mount util-linux
    libxxhash0 liblzma5 zlib1g`),
  'ubuntu:24.04': set(`
    libacl1 apt libapt-pkg6.0t64 libattr1 libaudit-common libaudit1 base-files base-passwd bash
    libbz2-1.0 libdebconfclient0 coreutils dash libdb5.3t64 debconf debianutils diffutils dpkg
    e2fsprogs libcom-err2 libext2fs2t64 libss2 logsave findutils gcc-14-base libgcc-s1 libstdc++6
    libc-bin libc6 libgmp10 gpgv libgnutls30t64 grep gzip hostname init-system-helpers libassuan0
    libcap-ng0 libcap2 libffi8 libgcrypt20 libgpg-error0 libidn2-0 libmd0 libseccomp2 libselinux1
    libsemanage-common libsemanage2 libsepol2 libtasn1-6 libunistring5 libcrypt1 libzstd1 liblz4-1
    mawk libncursesw6 libtinfo6 ncurses-base ncurses-bin libhogweed6t64 libnettle8t64 libnpth0t64
    libssl3t64 libp11-kit0 libpam-modules libpam-modules-bin libpam-runtime libpam0g libpcre2-8-0
    perl-base libproc2-0 procps sed sensible-utils login passwd libsystemd0 libudev1 sysvinit-utils
    tar ubuntu-keyring unminimize bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 mount
    util-linux libxxhash0 liblzma5 zlib1g`),
  'ubuntu:26.04': set(`
    libacl1 apt libapt-pkg7.0 libattr1 libaudit-common libaudit1 base-files base-passwd bash
    libbz2-1.0 libdebconfclient0 coreutils coreutils-from-uutils gnu-coreutils dash libdb5.3t64
    debconf debianutils diffutils dpkg e2fsprogs libcom-err2 libext2fs2t64 libss2 logsave findutils
    gcc-16-base libgcc-s1 libstdc++6 libc-bin libc-gconv-modules-extra libc6 libgmp10 gpgv grep gzip
    hostname init-system-helpers libbsd0 libcap-ng0 libgcrypt20 libgpg-error0 libmd0 libseccomp2
    libselinux1 libsemanage-common libsemanage2 libsepol2 libcrypt1 libzstd1 liblz4-1 mawk
    libncursesw6 libtinfo6 ncurses-base ncurses-bin libssl3t64 openssl-provider-legacy
    libpam-modules libpam-modules-bin libpam-runtime libpam0g libpcre2-8-0 perl-base libproc2-0
    procps rust-coreutils sed sensible-utils login.defs passwd libsystemd0 libudev1 sysvinit-utils
    tar ubuntu-keyring bsdutils libblkid1 libmount1 libsmartcols1 libuuid1 login mount util-linux
    libxxhash0 liblzma5 zlib1g`),
};
