/**
 * useradd and usermod against the real Debian images' files: supplementary groups, -N, the home's
 * mode from login.defs. Figures from the recordings in tests/oracle/cases/users-*.
 */
import { describe, expect, it } from 'vitest';
import { homeMode, parseLoginDefs } from '../../../src/lib/shell/login-defs.ts';
import { build, node, text } from './shell-fixture.ts';

describe('useradd', () => {
  it('-G adds the user to the member lists of /etc/group and /etc/gshadow (users-bookworm-useradd-G)', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd -G users,staff app\n');
    expect(text(result, '/etc/group')).toMatch(/^users:x:100:app$/m);
    expect(text(result, '/etc/group')).toMatch(/^staff:x:50:app$/m);
    // recorded: /etc/group 452 bytes, /etc/gshadow 378, /etc/gshadow- the base's 364
    expect(node(result, '/etc/group')).toMatchObject({ size: 452 });
    expect(node(result, '/etc/gshadow')).toMatchObject({ size: 378 });
    expect(node(result, '/etc/gshadow-')).toMatchObject({ size: 364 });
  });

  it('-G with a group that does not exist fails as shadow does', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd -G nosuch app\n');
    expect(result.error?.message).toContain("useradd: group 'nosuch' does not exist");
  });

  it('-N gives the users group (GID 100) and no group of its own (users-bookworm-useradd-N)', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd -N app\n');
    expect(text(result, '/etc/passwd')).toMatch(/^app:x:1000:100::\/home\/app:\/bin\/sh$/m);
    expect(text(result, '/etc/group')).not.toMatch(/^app:/m);
    expect(node(result, '/etc/passwd')).toMatchObject({ size: 873 });
  });

  it("-m makes the home with login.defs' HOME_MODE: 0700 on trixie, 0755 on bookworm (recorded)", async () => {
    const trixie = await build('FROM debian:trixie-slim\nRUN useradd -m app\n');
    expect(node(trixie, '/home/app')).toMatchObject({ kind: 'dir', mode: 0o700, uid: 1000, gid: 1000 });
    const bookworm = await build('FROM debian:bookworm-slim\nRUN useradd -m app\n');
    expect(node(bookworm, '/home/app')).toMatchObject({ kind: 'dir', mode: 0o755 });
  });

  it('reads a login.defs the Dockerfile wrote', async () => {
    const result = await build(
      'FROM debian:bookworm\nCOPY login.defs /etc/login.defs\nRUN useradd -m app\n',
      {
        'login.defs': '# comment\nUMASK\t027\n',
      },
    );
    expect(node(result, '/home/app')).toMatchObject({ mode: 0o750 });
  });

  it('takes combined and attached short options (-mG, -u1500)', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd -mG staff -u1500 app\n');
    expect(text(result, '/etc/passwd')).toMatch(/^app:x:1500:1500::\/home\/app:\/bin\/sh$/m);
    expect(text(result, '/etc/group')).toMatch(/^staff:x:50:app$/m);
    expect(node(result, '/home/app')).toMatchObject({ kind: 'dir' });
  });
});

describe('usermod', () => {
  it('-aG appends a group and keeps the previous files as <file>- (users-bookworm-usermod-G)', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd app && usermod -aG users app\n');
    expect(text(result, '/etc/group')).toMatch(/^users:x:100:app$/m);
    expect(node(result, '/etc/group')).toMatchObject({ size: 449 });
    expect(node(result, '/etc/group-')).toMatchObject({ size: 446 });
    expect(node(result, '/etc/gshadow')).toMatchObject({ size: 375 });
    expect(node(result, '/etc/gshadow-')).toMatchObject({ size: 372 });
  });

  it('-G without -a replaces the supplementary groups', async () => {
    const result = await build('FROM debian:bookworm\nRUN useradd -G users app && usermod -G staff app\n');
    expect(text(result, '/etc/group')).toMatch(/^users:x:100:$/m);
    expect(text(result, '/etc/group')).toMatch(/^staff:x:50:app$/m);
  });

  it('-s, -d -m and -l rewrite the passwd line, move the home and rename the member', async () => {
    const result = await build(
      'FROM debian:bookworm\nRUN useradd -m -G staff app && usermod -s /bin/bash -d /srv/app -m -l svc app\n',
    );
    expect(text(result, '/etc/passwd')).toMatch(/^svc:x:1000:1000::\/srv\/app:\/bin\/bash$/m);
    expect(text(result, '/etc/group')).toMatch(/^staff:x:50:svc$/m);
    expect(node(result, '/srv/app')).toMatchObject({ kind: 'dir', uid: 1000 });
    expect(node(result, '/home/app')).toBeUndefined();
  });

  it('fails for a user or group that does not exist', async () => {
    expect((await build('FROM debian:bookworm\nRUN usermod -aG users nobody2\n')).error?.message).toContain(
      "usermod: user 'nobody2' does not exist",
    );
    expect(
      (await build('FROM debian:bookworm\nRUN useradd app && usermod -aG nosuch app\n')).error?.message,
    ).toContain("usermod: group 'nosuch' does not exist");
  });
});

describe('login.defs', () => {
  it('HOME_MODE wins over UMASK; without either the mode is 0755', () => {
    expect(homeMode(parseLoginDefs('UMASK 022\nHOME_MODE 0700\n'))).toBe(0o700);
    expect(homeMode(parseLoginDefs('UMASK\t077\n'))).toBe(0o700);
    expect(homeMode({})).toBe(0o755);
  });
});
