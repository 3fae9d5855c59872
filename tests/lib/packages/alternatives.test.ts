import { describe, expect, it } from 'vitest';
import {
  alternativesEntries,
  alternativesLogBytes,
  alternativesOutput,
  parseAlternativeInstall,
} from '../../../src/lib/packages/alternatives.ts';
import { MAINTAINER_SCRIPTS } from '../../../src/lib/packages/maintainer-scripts.ts';

const installs = (pkg: string) =>
  (MAINTAINER_SCRIPTS.bookworm[pkg]?.alternatives ?? []).map((args) => ({
    args,
    install: parseAlternativeInstall(args) ?? expect.fail(`unreadable: ${args}`),
  }));

const logBytes = (pkg: string) =>
  installs(pkg).reduce((n, { args, install }) => n + alternativesLogBytes(args, install), 0);

// Sizes of /var/log/alternatives.log and /var/lib/dpkg/alternatives/* after the real installs the
// oracle recorded (tests/oracle/cases/apt-bookworm-*, 2026-12-07).
describe('update-alternatives --install', () => {
  it('logs the run and the new group as the recorded installs did', () => {
    expect(logBytes('less')).toBe(278);
    expect(logBytes('netcat-openbsd')).toBe(392);
    expect(logBytes('xz-utils')).toBe(1434);
    expect(logBytes('vim-tiny')).toBe(3996);
  });

  it("writes netcat's state file and skips the man pages a slim image lacks", () => {
    const [nc] = installs('netcat-openbsd');
    const slim = (path: string) => !path.startsWith('/usr/share/man/');
    const entries = alternativesEntries(nc?.install ?? expect.fail('no nc'), slim);
    const state = entries.find((e) => e.path === '/var/lib/dpkg/alternatives/nc');
    expect(state?.size).toBe(221);
    expect(entries.filter((e) => e.kind === 'symlink').map((e) => `${e.path} -> ${e.target}`)).toEqual([
      '/etc/alternatives/nc -> /bin/nc.openbsd',
      '/bin/nc -> /etc/alternatives/nc',
      '/etc/alternatives/netcat -> /bin/nc.openbsd',
      '/bin/netcat -> /etc/alternatives/netcat',
    ]);
    const printed = alternativesOutput(nc?.install ?? expect.fail('no nc'), slim);
    expect(printed[0]).toBe(
      'update-alternatives: using /bin/nc.openbsd to provide /bin/nc (nc) in auto mode',
    );
    expect(printed).toHaveLength(3);
  });

  it("adds less to util-linux's pager group (107 bytes in debian:bookworm → 154)", () => {
    const [less] = installs('less');
    const entries = alternativesEntries(less?.install ?? expect.fail('no less'), () => true, 107);
    expect(entries.find((e) => e.path === '/var/lib/dpkg/alternatives/pager')?.size).toBe(154);
    expect(alternativesOutput(less?.install ?? expect.fail('no less'), () => false)).toEqual([]);
  });

  it('logs only the run of an alternative that does not take over its group (fakeroot-tcp)', () => {
    // `apt-get install --no-install-recommends gcc g++ fakeroot cpp`: alternatives.log 2986 bytes
    const total = ['fakeroot', 'cpp', 'gcc', 'g++'].flatMap(installs).reduce((n, { args, install }, i) => {
      const wins = !(install.master.name === 'fakeroot' && i === 1);
      return n + alternativesLogBytes(args, install, wins);
    }, 0);
    expect(total).toBe(2986);
  });

  it('rejects what it does not model', () => {
    expect(parseAlternativeInstall('--remove rcp /usr/bin/scp')).toBeUndefined();
    expect(parseAlternativeInstall('--install /a a /b 1 --slave /c c')).toBeUndefined();
  });
});
