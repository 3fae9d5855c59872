/**
 * What packages' maintainer scripts do on a fresh install beyond unpacking files, per Debian
 * suite: read from each package's postinst (the .debs of public/packages/apt/SUITE.json) and
 * checked against real installs recorded by the oracle (tests/oracle/cases/apt-*, their term.log,
 * alternatives.log, /etc/group and debconf files). The apt simulation applies these generically
 * to whatever it installs; a package not listed here runs no script the simulator knows of.
 */
import type { DebianSuite } from './format.ts';

/** debconf's databases after a package's config script and postinst asked their questions. */
export interface DebconfEffect {
  /** bytes config.dat grows by: the questions' Name/Template/Value/Owners/Flags stanzas */
  readonly config: number;
  /**
   * bytes config.dat-old holds beyond the previous config.dat: debconf keeps the file it replaces
   * as -old on each save, so after two saves (config script, then postinst) it is the first one's
   * result; absent: one save, -old is the previous file
   */
  readonly configOld?: number;
  /** bytes templates.dat grows by (the templates with every translation debconf keeps) */
  readonly templates: number;
  /** templates.dat was saved twice, so templates.dat-old equals the new file */
  readonly templatesSavedTwice?: boolean;
}

/** A symbolic link a postinst makes (deb-systemd-helper enabling a unit, for one). */
export interface ScriptLink {
  readonly path: string;
  readonly target: string;
}

export interface MaintainerScripts {
  /** `addgroup --system --quiet NAME` when `getent group NAME` finds none */
  readonly systemGroups?: readonly string[];
  /** each `update-alternatives` run of the postinst, its arguments as alternatives.log shows them */
  readonly alternatives?: readonly string[];
  readonly debconf?: DebconfEffect;
  readonly links?: readonly ScriptLink[];
  /** folders the postinst makes (mode 0755, root) */
  readonly dirs?: readonly string[];
  /** debconf asks its questions while configuring: its frontend fallback messages (DEBCONF_FALLBACK) */
  readonly asks?: boolean;
  /** what the postinst prints after them (term.log) */
  readonly printed?: readonly string[];
  /** the postinst activates a trigger the package processes itself, after libc-bin's: what that prints */
  readonly ownTrigger?: readonly string[];
}

/**
 * What debconf prints when a package asks questions under apt in a build (no TERM, no tty),
 * recorded: it falls back from Dialog to Readline, which fails without Perl's Term::ReadLine
 * (`withoutReadline`, base images) or without a tty once `readline` (the package holding
 * Term/ReadLine.pm) is installed (apt-bookworm-recommends-git), then to Teletype; trixie's
 * debconf then also finds no tty for Teletype and settles on Noninteractive.
 */
export const DEBCONF_FALLBACK: Readonly<
  Record<
    DebianSuite,
    {
      readonly readline: string;
      readonly withoutReadline: readonly string[];
      readonly withReadline: readonly string[];
    }
  >
> = {
  bookworm: {
    readline: 'perl-modules-5.36',
    withoutReadline: debconfFallback(
      "Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC contains: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.36.0 /usr/local/share/perl/5.36.0 /usr/lib/x86_64-linux-gnu/perl5/5.36 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.36 /usr/share/perl/5.36 /usr/local/lib/site_perl) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 7.",
      false,
    ),
    withReadline: debconfFallback('This frontend requires a controlling tty.', false),
  },
  trixie: {
    readline: 'perl-modules-5.40',
    withoutReadline: debconfFallback(
      "Can't locate Term/ReadLine.pm in @INC (you may need to install the Term::ReadLine module) (@INC entries checked: /etc/perl /usr/local/lib/x86_64-linux-gnu/perl/5.40.1 /usr/local/share/perl/5.40.1 /usr/lib/x86_64-linux-gnu/perl5/5.40 /usr/share/perl5 /usr/lib/x86_64-linux-gnu/perl-base /usr/lib/x86_64-linux-gnu/perl/5.40 /usr/share/perl/5.40 /usr/local/lib/site_perl) at /usr/share/perl5/Debconf/FrontEnd/Readline.pm line 8.",
      true,
    ),
    // estimated, not recorded: Readline then fails for want of a tty, as bookworm's does
    withReadline: debconfFallback('This frontend requires a controlling tty.', true),
  },
};

function debconfFallback(readlineError: string, teletypeFails: boolean): string[] {
  const lines = [
    'debconf: unable to initialize frontend: Dialog',
    'debconf: (TERM is not set, so the dialog frontend is not usable.)',
    'debconf: falling back to frontend: Readline',
    'debconf: unable to initialize frontend: Readline',
    `debconf: (${readlineError})`,
    'debconf: falling back to frontend: Teletype',
  ];
  if (teletypeFails)
    lines.push(
      'debconf: unable to initialize frontend: Teletype',
      'debconf: (This frontend requires a controlling tty.)',
      'debconf: falling back to frontend: Noninteractive',
    );
  return lines;
}

/** update-ca-certificates on a fresh install (148 certificates in 20250419), then as its own trigger */
const CA_CERTIFICATES: MaintainerScripts = {
  asks: true,
  printed: ['Updating certificates in /etc/ssl/certs...', '148 added, 0 removed; done.'],
  ownTrigger: [
    'Updating certificates in /etc/ssl/certs...',
    '0 added, 0 removed; done.',
    'Running hooks in /etc/ca-certificates/update.d...',
    'done.',
  ],
};

/** `--slave` options for one man page in each language folder (vim-tiny's dh_installalternatives) */
function manSlaves(name: string, target: string, languages: readonly string[]): string {
  return languages
    .map((lang) => {
      const dir = lang === '' ? '/usr/share/man/man1' : `/usr/share/man/${lang}/man1`;
      const slave = lang === '' ? `${name}.1.gz` : `${name}.${lang}.1.gz`;
      return `--slave ${dir}/${name}.1.gz ${slave} ${dir}/${target}`;
    })
    .join(' ');
}

/** xz-utils' postinst: lzma and its helpers as slaves of the lzma group */
function xzSlaves(): string {
  const pairs: [string, string][] = [
    ['/usr/share/man/man1', 'lzma.1.gz:xz.1.gz'],
    ['/usr/bin', 'unlzma:unxz'],
    ['/usr/share/man/man1', 'unlzma.1.gz:unxz.1.gz'],
  ];
  for (const util of ['cat', 'more', 'less', 'diff', 'cmp', 'grep', 'egrep', 'fgrep'])
    pairs.push(['/usr/bin', `lz${util}:xz${util}`], ['/usr/share/man/man1', `lz${util}.1.gz:xz${util}.1.gz`]);
  return pairs
    .map(([dir, names]) => {
      const [file, target] = names.split(':');
      return `--slave ${dir}/${file} ${file} ${dir}/${target}`;
    })
    .join(' ');
}

const VIM_LANGUAGES = ['', 'da', 'de', 'fr', 'it', 'ja', 'pl', 'ru', 'tr'];
const vimTiny = (name: string) =>
  `--install /usr/bin/${name} ${name} /usr/bin/vim.tiny 15 ${manSlaves(name, 'vim.1.gz', VIM_LANGUAGES)}`;

/** fakeroot's two implementations in one group, each with its man pages in four languages */
const fakeroot = (flavour: string, priority: number) =>
  `--install /usr/bin/fakeroot fakeroot /usr/bin/fakeroot-${flavour} ${priority} ${['', 'es', 'fr', 'sv']
    .flatMap((lang) => {
      const dir = lang === '' ? '/usr/share/man/man1' : `/usr/share/man/${lang}/man1`;
      const suffix = lang === '' ? '.1.gz' : `.${lang}.1.gz`;
      return ['fakeroot', 'faked'].map(
        (page) => `--slave ${dir}/${page}.1.gz ${page}${suffix} ${dir}/${page}-${flavour}.1.gz`,
      );
    })
    .join(' ')}`;

/** gnupg's user sockets, enabled by deb-systemd-helper in each package's postinst */
const gpgSocket = (unit: string): ScriptLink => ({
  path: `/etc/systemd/user/sockets.target.wants/${unit}`,
  target: `/lib/systemd/user/${unit}`,
});

/** Shared by both suites: the scripts did not change between bookworm and trixie. */
const COMMON: Readonly<Record<string, MaintainerScripts>> = {
  // postinst set_ssh_agent_permissions (recorded: apt-bookworm-openssh-client, group 434 → 446)
  'openssh-client': { systemGroups: ['_ssh'] },
  // postinst (recorded: apt-bookworm-less alternatives.log)
  less: {
    alternatives: [
      '--quiet --install /usr/bin/pager pager /usr/bin/less 77 --slave /usr/share/man/man1/pager.1.gz pager.1.gz /usr/share/man/man1/less.1.gz',
    ],
  },
  // postinst (recorded: apt-bookworm-slim-netcat-openbsd alternatives.log and links)
  'netcat-openbsd': {
    alternatives: [
      '--install /bin/nc nc /bin/nc.openbsd 50 --slave /bin/netcat netcat /bin/nc.openbsd --slave /usr/share/man/man1/nc.1.gz nc.1.gz /usr/share/man/man1/nc_openbsd.1.gz --slave /usr/share/man/man1/netcat.1.gz netcat.1.gz /usr/share/man/man1/nc_openbsd.1.gz',
    ],
  },
  // postinst, dh_installalternatives (recorded: apt-bookworm-slim-vim-tiny alternatives.log)
  'vim-tiny': {
    alternatives: [
      vimTiny('editor'),
      vimTiny('ex'),
      '--install /usr/bin/rview rview /usr/bin/vim.tiny 15',
      vimTiny('vi'),
      vimTiny('view'),
    ],
  },
  // postinst (recorded: apt-bookworm-slim-xz-utils alternatives.log)
  'xz-utils': { alternatives: [`--install /usr/bin/lzma lzma /usr/bin/xz 20 ${xzSlaves()}`] },
  // postinst (recorded: apt-bookworm-slim-gnupg alternatives.log)
  'pinentry-curses': {
    alternatives: [
      '--quiet --install /usr/bin/pinentry pinentry /usr/bin/pinentry-curses 50 --slave /usr/share/man/man1/pinentry.1.gz pinentry.1.gz /usr/share/man/man1/pinentry-curses.1.gz',
    ],
  },
  // postinsts (recorded: `apt-get install --no-install-recommends gcc g++ fakeroot cpp` on
  // debian:bookworm and debian:trixie, identical alternatives.log lines)
  fakeroot: { alternatives: [fakeroot('sysv', 50), fakeroot('tcp', 30)] },
  cpp: { alternatives: ['--quiet --install /lib/cpp cpp /usr/bin/cpp 10'] },
  gcc: {
    alternatives: [
      '--quiet --install /usr/bin/cc cc /usr/bin/gcc 20',
      '--quiet --install /usr/bin/c89 c89 /usr/bin/c89-gcc 20 --slave /usr/share/man/man1/c89.1.gz c89.1.gz /usr/share/man/man1/c89-gcc.1.gz',
      '--quiet --install /usr/bin/c99 c99 /usr/bin/c99-gcc 20 --slave /usr/share/man/man1/c99.1.gz c99.1.gz /usr/share/man/man1/c99-gcc.1.gz',
    ],
  },
  'g++': { alternatives: ['--install /usr/bin/c++ c++ /usr/bin/g++ 20'] },
  // postinsts' deb-systemd-helper enable (recorded: apt-bookworm-slim-gnupg)
  dirmngr: { links: [gpgSocket('dirmngr.socket')] },
  'gpg-agent': {
    links: ['gpg-agent-browser', 'gpg-agent-extra', 'gpg-agent-ssh', 'gpg-agent'].map((unit) =>
      gpgSocket(`${unit}.socket`),
    ),
  },
};

export const MAINTAINER_SCRIPTS: Readonly<Record<DebianSuite, Readonly<Record<string, MaintainerScripts>>>> =
  {
    bookworm: {
      ...COMMON,
      // config + postinst ask ca-certificates/trust_new_crts, enable_crts, new_crts (recorded:
      // apt-bookworm-slim-ca-certificates: config.dat 4401 → 16881, templates.dat 753157 → 781542)
      'ca-certificates': { ...CA_CERTIFICATES, debconf: { config: 12480, templates: 28385 } },
      // python3.11-minimal's postinst: mkdir -p /usr/local/lib/python3.11/dist-packages
      // (recorded: apt-bookworm-slim-python3-minimal)
      'python3.11-minimal': {
        dirs: ['/usr/local/lib/python3.11', '/usr/local/lib/python3.11/dist-packages'],
      },
    },
    trixie: {
      ...COMMON,
      // recorded: apt-trixie-ca-certificates: config.dat 4337 → 16817 (-old 16829), templates.dat
      // 781774 → 810159, saved twice
      'ca-certificates': {
        ...CA_CERTIFICATES,
        debconf: { config: 12480, configOld: 12492, templates: 28385, templatesSavedTwice: true },
      },
    },
  };
