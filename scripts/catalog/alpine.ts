/**
 * Models Alpine root filesystems. No Alpine mirror is reachable from the generator, so the files
 * of each package are laid out as the aports recipes install them, the package's installed size
 * (from the repo-info record of the image) is shared among its files, and busybox's applet links
 * come from busybox 1.37's own applet table under Alpine's busybox configuration. Node-only.
 */
import { readFileSync } from 'node:fs';
import type { Exec, LayerEntry, PackageRecord } from '../../src/lib/images/format.ts';

const MUSL = '/lib/ld-musl-x86_64.so.1';
const DYN: Exec = { kind: 'elf', linkage: 'dynamic', interpreter: MUSL };
const SO: Exec = { kind: 'elf', linkage: 'shared' };

/** A package as repo-info's `apk info` lists it: name, version and installed size in bytes. */
export interface ApkPackage {
  readonly name: string;
  readonly version: string;
  readonly installed: number;
}

type FileSpec = [path: string, weight: number, exec?: Exec, mode?: number];
type LinkSpec = [path: string, target: string];

interface Layout {
  readonly files: FileSpec[];
  readonly links?: LinkSpec[];
  readonly dirs?: [path: string, mode: number][];
}

const KiB = 1024;

/** Where each package's files go (aports APKBUILDs); weights share the installed size. */
const LAYOUTS: Record<string, Layout> = {
  'alpine-baselayout': {
    files: [
      ['/etc/profile', 2],
      ['/etc/profile.d/color_prompt.sh.disabled', 1],
      ['/etc/profile.d/locale.sh', 1],
      ['/etc/profile.d/20locale.sh', 1],
      ['/etc/modprobe.d/aliases.conf', 1],
      ['/etc/modprobe.d/blacklist.conf', 1],
      ['/etc/modprobe.d/i386.conf', 1],
      ['/etc/modprobe.d/kms.conf', 1],
      ['/etc/sysctl.d/00-alpine.conf', 1],
      ['/etc/crontabs/root', 1],
      ['/etc/inittab', 1],
      ['/etc/motd', 1],
    ],
    links: [
      ['/etc/mtab', '../proc/mounts'],
      ['/var/run', '../run'],
      ['/var/spool/cron/crontabs', '../../../etc/crontabs'],
    ],
    dirs: [
      ['/bin', 0o755],
      ['/dev', 0o755],
      ['/etc', 0o755],
      ['/home', 0o755],
      ['/lib', 0o755],
      ['/lib/firmware', 0o755],
      ['/media', 0o755],
      ['/mnt', 0o755],
      ['/opt', 0o755],
      ['/proc', 0o555],
      ['/root', 0o700],
      ['/run', 0o755],
      ['/sbin', 0o755],
      ['/srv', 0o755],
      ['/sys', 0o555],
      ['/tmp', 0o1777],
      ['/usr', 0o755],
      ['/usr/bin', 0o755],
      ['/usr/lib', 0o755],
      ['/usr/local', 0o755],
      ['/usr/local/bin', 0o755],
      ['/usr/local/lib', 0o755],
      ['/usr/local/share', 0o755],
      ['/usr/sbin', 0o755],
      ['/usr/share', 0o755],
      ['/var', 0o755],
      ['/var/cache', 0o755],
      ['/var/empty', 0o555],
      ['/var/lib', 0o755],
      ['/var/local', 0o755],
      ['/var/lock', 0o755],
      ['/var/log', 0o755],
      ['/var/mail', 0o755],
      ['/var/opt', 0o755],
      ['/var/spool', 0o755],
      ['/var/spool/cron', 0o755],
      ['/var/tmp', 0o1777],
    ],
  },
  'alpine-baselayout-data': {
    files: [
      ['/etc/fstab', 1],
      ['/etc/group', 1],
      ['/etc/hostname', 1],
      ['/etc/hosts', 1],
      ['/etc/nsswitch.conf', 1],
      ['/etc/passwd', 1],
      ['/etc/shadow', 1, undefined, 0o640],
      ['/etc/shells', 1],
      ['/etc/protocols', 6],
      ['/etc/services', 14],
    ],
  },
  'alpine-keys': {
    files: Array.from(
      { length: 12 },
      (_, i): FileSpec => [
        `/usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-${(i + 1).toString(16).padStart(8, '0')}.rsa.pub`,
        1,
      ],
    ),
  },
  'alpine-release': {
    files: [
      ['/etc/alpine-release', 1],
      ['/usr/lib/os-release', 3],
      ['/etc/issue', 1],
      ['/etc/secfixes.d/alpine', 1],
    ],
    links: [['/etc/os-release', '../usr/lib/os-release']],
  },
  'apk-tools': { files: [['/sbin/apk', 1, DYN, 0o755]] },
  libapk2: { files: [['/lib/libapk.so.2.14.0', 1, SO, 0o755]] },
  libapk: { files: [['/usr/lib/libapk.so.3.0.0', 1, SO, 0o755]] },
  busybox: {
    files: [
      ['/bin/busybox', 100, DYN, 0o755],
      ['/etc/busybox-paths.d/busybox', 1],
      ['/etc/logrotate.d/acpid', 0.1],
      ['/etc/network/if-up.d/dad', 0.2, { kind: 'script', shebang: '/bin/sh' }, 0o775],
      ['/etc/securetty', 0.1],
      ['/etc/udhcpc/udhcpc.conf', 0.1],
      ['/usr/share/udhcpc/default.script', 0.5, { kind: 'script', shebang: '/bin/sh' }, 0o755],
    ],
  },
  'busybox-binsh': { files: [], links: [['/bin/sh', '/bin/busybox']] },
  'ca-certificates-bundle': {
    files: [['/etc/ssl/certs/ca-certificates.crt', 1]],
    links: [['/etc/ssl/cert.pem', 'certs/ca-certificates.crt']],
  },
  'ca-certificates': {
    files: [
      ['/usr/bin/update-ca-certificates', 1, DYN, 0o755],
      ['/etc/ca-certificates.conf', 1],
      ['/usr/share/ca-certificates/mozilla/bundle.pem', 20],
    ],
  },
  libcrypto3: {
    files: [
      ['/usr/lib/libcrypto.so.3', 88, SO, 0o755],
      ['/usr/lib/engines-3/afalg.so', 0.5, SO, 0o755],
      ['/usr/lib/engines-3/capi.so', 0.3, SO, 0o755],
      ['/usr/lib/engines-3/loader_attic.so', 1.2, SO, 0o755],
      ['/usr/lib/engines-3/padlock.so', 0.3, SO, 0o755],
      ['/usr/lib/ossl-modules/legacy.so', 2.5, SO, 0o755],
      ['/etc/ssl/openssl.cnf', 0.2],
      ['/etc/ssl/openssl.cnf.dist', 0.2],
      ['/etc/ssl/ct_log_list.cnf', 0.02],
      ['/etc/ssl/ct_log_list.cnf.dist', 0.02],
    ],
    dirs: [
      ['/etc/ssl/certs', 0o755],
      ['/etc/ssl/private', 0o700],
    ],
  },
  libssl3: { files: [['/usr/lib/libssl.so.3', 1, SO, 0o755]] },
  musl: {
    files: [['/lib/ld-musl-x86_64.so.1', 1, { kind: 'elf', linkage: 'shared' }, 0o755]],
    links: [['/lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1']],
  },
  'musl-utils': {
    files: [
      ['/usr/bin/getconf', 3, DYN, 0o755],
      ['/usr/bin/getent', 3, DYN, 0o755],
      ['/usr/bin/iconv', 3, DYN, 0o755],
      ['/sbin/ldconfig', 0.1, { kind: 'script', shebang: '/bin/sh' }, 0o755],
    ],
    links: [['/usr/bin/ldd', '/lib/ld-musl-x86_64.so.1']],
  },
  scanelf: { files: [['/usr/bin/scanelf', 1, DYN, 0o755]] },
  ssl_client: { files: [['/usr/bin/ssl_client', 1, DYN, 0o755]] },
  zlib: {
    files: [['/usr/lib/libz.so.1.3.2', 1, SO, 0o755]],
    links: [['/usr/lib/libz.so.1', 'libz.so.1.3.2']],
  },
  tzdata: {
    files: [
      ['/usr/share/zoneinfo/tzdata.zi', 25],
      ['/usr/share/zoneinfo/zone1970.tab', 4],
    ],
  },
  // .python-rundeps (python:3.10.21-alpine3.24's record lists their sizes)
  gdbm: {
    files: [['/usr/lib/libgdbm.so.6.0.0', 1, SO, 0o755]],
    links: [['/usr/lib/libgdbm.so.6', 'libgdbm.so.6.0.0']],
  },
  'keyutils-libs': {
    files: [['/lib/libkeyutils.so.1.10', 1, SO, 0o755]],
    links: [['/lib/libkeyutils.so.1', 'libkeyutils.so.1.10']],
  },
  'krb5-conf': { files: [['/etc/krb5.conf', 1]] },
  'krb5-libs': {
    files: [
      ['/usr/lib/libgssapi_krb5.so.2.2', 22, SO, 0o755],
      ['/usr/lib/libk5crypto.so.3.1', 10, SO, 0o755],
      ['/usr/lib/libkrb5.so.3.3', 55, SO, 0o755],
      ['/usr/lib/libkrb5support.so.0.1', 4, SO, 0o755],
      ['/usr/lib/libkadm5clnt_mit.so.12.0', 5, SO, 0o755],
      ['/usr/lib/libgssrpc.so.4.2', 4, SO, 0o755],
    ],
  },
  libbz2: {
    files: [['/usr/lib/libbz2.so.1.0.8', 1, SO, 0o755]],
    links: [['/usr/lib/libbz2.so.1', 'libbz2.so.1.0.8']],
  },
  libcom_err: {
    files: [['/lib/libcom_err.so.2.1', 1, SO, 0o755]],
    links: [['/lib/libcom_err.so.2', 'libcom_err.so.2.1']],
  },
  libffi: {
    files: [['/usr/lib/libffi.so.8.1.4', 1, SO, 0o755]],
    links: [['/usr/lib/libffi.so.8', 'libffi.so.8.1.4']],
  },
  libintl: {
    files: [['/usr/lib/libintl.so.8.4.2', 1, SO, 0o755]],
    links: [['/usr/lib/libintl.so.8', 'libintl.so.8.4.2']],
  },
  libncursesw: {
    files: [['/usr/lib/libncursesw.so.6.6', 1, SO, 0o755]],
    links: [['/usr/lib/libncursesw.so.6', 'libncursesw.so.6.6']],
  },
  libnsl: {
    files: [['/usr/lib/libnsl.so.3.0.0', 1, SO, 0o755]],
    links: [['/usr/lib/libnsl.so.3', 'libnsl.so.3.0.0']],
  },
  libpanelw: {
    files: [['/usr/lib/libpanelw.so.6.6', 1, SO, 0o755]],
    links: [['/usr/lib/libpanelw.so.6', 'libpanelw.so.6.6']],
  },
  libtirpc: {
    files: [['/usr/lib/libtirpc.so.3.0.0', 1, SO, 0o755]],
    links: [['/usr/lib/libtirpc.so.3', 'libtirpc.so.3.0.0']],
  },
  'libtirpc-conf': {
    files: [
      ['/etc/netconfig', 1],
      ['/etc/bindresvport.blacklist', 0.3],
    ],
  },
  libuuid: {
    files: [['/lib/libuuid.so.1.3.0', 1, SO, 0o755]],
    links: [['/lib/libuuid.so.1', 'libuuid.so.1.3.0']],
  },
  libverto: {
    files: [['/usr/lib/libverto.so.1.0.0', 1, SO, 0o755]],
    links: [['/usr/lib/libverto.so.1', 'libverto.so.1.0.0']],
  },
  'ncurses-terminfo-base': {
    files: [
      'a/alacritty',
      'a/ansi',
      'd/dumb',
      'g/gnome',
      'k/konsole',
      'l/linux',
      'p/putty',
      's/screen',
      's/screen-256color',
      's/st',
      't/tmux',
      't/tmux-256color',
      'v/vt100',
      'v/vt102',
      'v/vt220',
      'x/xterm',
      'x/xterm-256color',
      'x/xterm-color',
    ].map((t): FileSpec => [`/etc/terminfo/${t}`, 1]),
  },
  readline: {
    files: [
      ['/usr/lib/libreadline.so.8.3', 1, SO, 0o755],
      ['/etc/inputrc', 0.01],
    ],
    links: [['/usr/lib/libreadline.so.8', 'libreadline.so.8.3']],
  },
  'sqlite-libs': {
    files: [['/usr/lib/libsqlite3.so.3.53.2', 1, SO, 0o755]],
    links: [['/usr/lib/libsqlite3.so.0', 'libsqlite3.so.3.53.2']],
  },
  'xz-libs': {
    files: [['/usr/lib/liblzma.so.5.8.3', 1, SO, 0o755]],
    links: [['/usr/lib/liblzma.so.5', 'liblzma.so.5.8.3']],
  },
};

/** Alpine's busybox applets: busybox.links generated from busybox 1.37 with Alpine's configuration. */
function appletLinks(): LinkSpec[] {
  const links = readFileSync('/var/tmp/catalog/alpine-busybox.links', 'utf8').trim().split('\n');
  return [...new Set([...links, '/bin/ash'])]
    .filter((p) => p !== '/bin/sh')
    .map((p): LinkSpec => [p, '/bin/busybox']);
}

export function alpinePackages(packages: readonly ApkPackage[]): {
  entries: LayerEntry[];
  records: PackageRecord[];
} {
  const entries = new Map<string, LayerEntry>();
  const add = (e: LayerEntry) => entries.set(e.path, e);
  for (const p of packages) {
    const layout = LAYOUTS[p.name];
    if (!layout) throw new Error(`no Alpine layout for package ${p.name}`);
    const total = layout.files.reduce((n, f) => n + f[1], 0);
    for (const [path, weight, exec, mode] of layout.files) {
      add({
        path,
        kind: 'file',
        mode: mode ?? 0o644,
        uid: 0,
        gid: path === '/etc/shadow' ? 42 : 0,
        size: Math.round((p.installed * weight) / total),
        pkg: p.name,
        ...(exec ? { exec } : {}),
      });
    }
    const links = [...(layout.links ?? []), ...(p.name === 'busybox' ? appletLinks() : [])];
    for (const [path, target] of links) {
      add({ path, kind: 'symlink', mode: 0o777, uid: 0, gid: 0, size: 0, target, pkg: p.name });
    }
    for (const [path, mode] of layout.dirs ?? []) add({ path, kind: 'dir', mode, uid: 0, gid: 0, size: 0 });
  }
  return {
    entries: [...entries.values()],
    records: packages.map((p) => ({ name: p.name, version: p.version, arch: 'x86_64' })),
  };
}

/** The apk database that lists the packages (its size is part of the published image size). */
export function apkDatabase(packages: readonly ApkPackage[], fileCount: number): LayerEntry[] {
  const f = (path: string, size: number): LayerEntry => ({
    path,
    kind: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    size,
  });
  return [
    f('/lib/apk/db/installed', 400 * packages.length + 60 * fileCount),
    f('/lib/apk/db/lock', 0),
    f('/lib/apk/db/triggers', 60),
    f('/lib/apk/db/scripts.tar', 10240),
    f('/etc/apk/world', packages.length * 12),
    f('/etc/apk/arch', 7),
    f('/etc/apk/repositories', 100),
    f('/etc/apk/protected_paths.d/ca-certificates.list', 50),
  ];
}

export const KIB = KiB;

/** /etc/passwd and /etc/group of alpine-baselayout-data 3.7 (the list trimmed in Alpine 3.x). */
export const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

export const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
`;
