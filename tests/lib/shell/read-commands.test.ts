/** ls, find, du, which, env, printenv, wc, head and tail against real catalog images, and the interpreter's limits. */
import { describe, expect, it } from 'vitest';
import { columns } from '../../../src/lib/shell/commands/ls.ts';
import { SHELL_LIMITS } from '../../../src/lib/shell/interpreter.ts';
import { sh } from './shell-fixture.ts';

describe('ls', () => {
  it('prints one name a line in a pipe and columns on a terminal, hidden files with -a', async () => {
    expect((await sh('ls /app')).stdout).toBe('three.txt\n');
    expect((await sh('ls -A')).stdout).toBe('.hidden\nthree.txt\n');
    expect((await sh('ls -a')).stdout).toBe('.\n..\n.hidden\nthree.txt\n');
    expect((await sh('ls /', { tty: true })).stdout).toMatch(/^app +dev +home/);
    expect((await sh('ls / | head -2', { tty: true })).stdout).toBe('app\nbin\n');
  });

  it('shows modes, owners, sizes and link targets with -l, without dates', async () => {
    const long = (await sh('ls -l /bin/sh /app/three.txt')).stdout;
    expect(long).toBe(
      '-rw-r--r-- 1 root root  6 /app/three.txt\nlrwxrwxrwx 1 root root 12 /bin/sh -> /bin/busybox\n',
    );
    expect((await sh('ls -ld /tmp')).stdout).toMatch(/^drwxrwxrwt \d+ root root 4096 \/tmp\n$/);
    expect((await sh('ls -lh /bin/busybox')).stdout).toMatch(/ \d+(\.\d)?K \/bin\/busybox\n$/);
  });

  it("fails on a missing path in coreutils' or busybox's words, and on an unknown option", async () => {
    expect(await sh('ls /nope')).toMatchObject({
      status: 2,
      stderr: 'ls: /nope: No such file or directory\n',
    });
    expect((await sh('ls /nope', { image: 'debian:bookworm' })).stderr).toBe(
      "ls: cannot access '/nope': No such file or directory\n",
    );
    expect((await sh('ls -z', { image: 'debian:bookworm' })).stderr).toContain("ls: invalid option -- 'z'");
  });

  it('fills columns top to bottom within the width', () => {
    expect(columns(['a', 'b', 'c', 'd', 'e'], 80)).toBe('a  b  c  d  e\n');
    expect(columns(['alpha', 'beta', 'gamma', 'delta'], 12)).toBe('alpha  gamma\nbeta   delta\n');
    expect(columns(['a-very-long-name', 'b'], 10)).toBe('a-very-long-name\nb\n');
  });
});

describe('find', () => {
  it('matches -name, -type, -path, -perm, -size and -maxdepth, with ! and -o', async () => {
    expect((await sh('find /app')).stdout).toBe('/app\n/app/.hidden\n/app/three.txt\n');
    expect((await sh('find . -type f -name "*.txt"')).stdout).toBe('./three.txt\n');
    expect((await sh('find /app -type f ! -name "*.txt"')).stdout).toBe('/app/.hidden\n');
    expect((await sh('find /app -name three.txt -o -name .hidden')).stdout).toBe(
      '/app/.hidden\n/app/three.txt\n',
    );
    expect((await sh('find / -maxdepth 1 -name "b*"')).stdout).toBe('/bin\n');
    expect((await sh('find /usr/bin -perm -4000 -name "su*"', { image: 'debian:bookworm' })).stdout).toBe(
      '/usr/bin/su\n',
    );
    expect((await sh('find /etc -path "*apk/repos*"')).stdout).toBe('/etc/apk/repositories\n');
    expect((await sh('find /app -empty')).stdout).toBe('/app/.hidden\n');
    expect((await sh('find /bin -size +500k')).stdout).toBe('/bin/busybox\n');
  });

  it('reports what it cannot do, and leaves -exec to the notes', async () => {
    expect((await sh('find /nope')).stderr).toBe('find: /nope: No such file or directory\n');
    expect((await sh('find / -bogus')).stderr).toBe("find: unknown predicate '-bogus'\n");
    expect((await sh('find / -name')).stderr).toBe("find: missing argument to '-name'\n");
    const executing = await sh('find /app -name "*.txt" -exec rm {} +');
    expect(executing.stdout).toBe('');
    expect(executing.state.gaps.map((g) => [g.level, g.kind])).toEqual([['unknown', 'not-followed']]);
  });

  it('-delete removes what matches, contents before their folder (sh-find-delete)', async () => {
    const debian = { image: 'debian:bookworm' };
    const deleting = await sh(
      'mkdir -p /d/e && touch /d/a.pyc /d/b.py /d/e/c.pyc && find /d -name "*.pyc" -delete && find /d',
      debian,
    );
    expect(deleting).toMatchObject({ status: 0, stdout: '/d\n/d/b.py\n/d/e\n' });
    expect(deleting.state.gaps).toEqual([]);
    const tree = await sh('mkdir -p /t/u && touch /t/u/f && find /t -delete -print; ls /t', debian);
    expect(tree.stdout).toBe('/t/u/f\n/t/u\n/t\n');
    expect(tree.stderr).toContain("ls: cannot access '/t': No such file or directory");
    const full = await sh('mkdir -p /k/l && touch /k/l/f && find /k -type d -delete', debian);
    expect(full).toMatchObject({
      status: 1,
      stderr:
        "find: cannot delete '/k/l': Directory not empty\nfind: cannot delete '/k': Directory not empty\n",
    });
  });
});

describe('du, which, env, wc, head and tail', () => {
  it('sizes in disk blocks, each file rounded up to 4 KiB', async () => {
    expect((await sh('du -s /app')).stdout).toBe('8\t/app\n');
    expect((await sh('du -sh /app')).stdout).toBe('8.0K\t/app\n');
    expect((await sh('du -a /app')).stdout).toBe('0\t/app/.hidden\n4\t/app/three.txt\n8\t/app\n');
    expect((await sh('du -sh /bin /app -c')).stdout).toMatch(/\n\d+(\.\d)?[KM]\ttotal\n$/);
  });

  it('finds programs on PATH and fails for a missing one', async () => {
    expect(await sh('which sh nope')).toMatchObject({ stdout: '/bin/sh\n', status: 1 });
    expect((await sh('which -a env')).stdout).toBe('/usr/bin/env\n');
  });

  it('prints the environment, and runs a command with more in it', async () => {
    expect((await sh('env')).stdout).toBe(
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOME=/root\n',
    );
    expect((await sh('env GREETING=hi sh -c "echo \\$GREETING"')).stdout).toBe('hi\n');
    expect((await sh('env -i env')).stdout).toBe('');
    expect(await sh('printenv HOME NOPE')).toMatchObject({ stdout: '/root\n', status: 1 });
  });

  it('counts lines, words and bytes, and takes the first or last lines', async () => {
    expect((await sh('wc -l three.txt')).stdout).toBe('3 three.txt\n');
    expect((await sh('cat three.txt | wc -l')).stdout).toBe('3\n');
    expect((await sh('wc three.txt')).stdout).toBe('3 3 6 three.txt\n');
    expect((await sh('head -n 2 three.txt')).stdout).toBe('a\nb\n');
    expect((await sh('tail -1 three.txt')).stdout).toBe('c\n');
    expect((await sh('head nope')).stderr).toBe('head: nope: No such file or directory\n');
  });
});

describe('the interpreter’s limits', () => {
  it('stops nested loops after its command budget instead of hanging', async () => {
    const items = Array.from({ length: 100 }, (_, i) => i).join(' ');
    const started = Date.now();
    const ran = await sh(
      `for a in ${items}; do for b in ${items}; do for c in ${items}; do :; done; done; done`,
    );
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain(`stopped after ${SHELL_LIMITS.commands.toLocaleString('en')} commands`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('stops a script that runs itself through sh -c', async () => {
    const ran = await sh(`X='sh -c "$X"'; export X; sh -c "$X"`);
    expect(ran.stderr).toContain('nested more than');
  });

  it('stops a variable that doubles itself, and output past its limit', async () => {
    const doubling = await sh(
      'A=xxxxxxxx; for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22; do A=$A$A; done',
    );
    expect(doubling.status).toBe(2);
    expect(doubling.stderr).toContain('characters is more than the simulator handles');
    const items = Array.from({ length: 200 }, () => 'x').join(' ');
    const loud = await sh(`B=${'y'.repeat(60_000)}; for a in ${items}; do echo $B; done`);
    expect(loud.stderr).toContain('characters of output');
    expect(loud.stdout.length).toBeLessThanOrEqual(SHELL_LIMITS.outputChars);
  });
});
