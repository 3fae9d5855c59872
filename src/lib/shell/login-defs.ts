/**
 * /etc/login.defs, the settings shadow's useradd reads. The simulator reads the image's file when
 * it knows its text (a Dockerfile that writes one); the catalog does not carry its text, so for
 * Debian's own file the settings come from the release's `login` package, read in real images.
 */
import type { FileSystem } from './command.ts';

/**
 * The settings of Debian's /etc/login.defs that useradd uses, by release: read with
 * `grep -E '^(HOME_MODE|UMASK)' /etc/login.defs` in debian:bookworm and debian:trixie (and their
 * -slim variants) on 2026-12-07. Trixie's file sets HOME_MODE 0700 and no UMASK.
 */
const DEBIAN_LOGIN_DEFS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  bookworm: { UMASK: '022' },
  trixie: { HOME_MODE: '0700' },
};

/** The `KEY value` lines of a login.defs text. */
export function parseLoginDefs(text: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_]+)\s+(\S+)/.exec(line);
    if (match?.[1] && match[2] !== undefined) settings[match[1]] = match[2];
  }
  return settings;
}

/**
 * The image's login.defs settings: its text, else its Debian release's; none without the file
 * (shadow's defaults); undefined when the file is there and the simulator does not know it.
 */
export function loginDefs(fs: FileSystem): Readonly<Record<string, string>> | undefined {
  if (!fs.stat('/etc/login.defs')) return {};
  const text = fs.read('/etc/login.defs');
  if (text !== undefined) return parseLoginDefs(text);
  const release = /^VERSION_CODENAME=(\w+)/m.exec(fs.read('/etc/os-release') ?? '')?.[1] ?? '';
  return DEBIAN_LOGIN_DEFS[release];
}

/** The mode of a home useradd -m creates: HOME_MODE, else 0777 less UMASK (shadow's default 022). */
export function homeMode(settings: Readonly<Record<string, string>>): number {
  const octal = (value: string | undefined) =>
    value !== undefined && /^0?[0-7]{1,4}$/.test(value) ? Number.parseInt(value, 8) : undefined;
  return octal(settings.HOME_MODE) ?? 0o777 & ~(octal(settings.UMASK) ?? 0o022);
}
