/**
 * Paths maintainer scripts create on a fresh install that the measured installs did not attribute
 * to their package, each read from the script's text (Debian bookworm and trixie). apt-debs.ts adds
 * them to the package's file list when it lacks them.
 */
import type { LayerEntry } from '../../src/lib/images/format.ts';

type Effect = (own: readonly LayerEntry[]) => LayerEntry[];

const entry = (path: string, kind: 'file' | 'dir', mode: number, size: number, pkg: string): LayerEntry => ({
  path,
  kind,
  mode,
  uid: 0,
  gid: 0,
  size,
  pkg,
});

/** netbase's postinst writes this with a tab-stripping here-document when /etc/networks is absent */
const NETWORKS = 'default\t\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\n\n';

export const MAINTAINER_EFFECTS: Readonly<Record<string, Effect>> = {
  // postinst: install_from_default /usr/share/readline/inputrc /etc/inputrc (cp -p when absent)
  'readline-common': (own) => {
    const source = own.find((e) => e.path === '/usr/share/readline/inputrc');
    return source ? [entry('/etc/inputrc', 'file', source.mode, source.size, 'readline-common')] : [];
  },
  // postinst: mkdir -m <mode of /usr/local> /usr/local/share/ca-certificates, group of /usr/local
  'ca-certificates': () => [entry('/usr/local/share/ca-certificates', 'dir', 0o755, 0, 'ca-certificates')],
  // postinst: create_networks_file
  netbase: () => [
    entry('/etc/networks', 'file', 0o644, new TextEncoder().encode(NETWORKS).length, 'netbase'),
  ],
};
