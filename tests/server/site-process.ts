/**
 * The built site and workshop API as a child process (`node scripts/serve.ts`) on a free loopback
 * port with its own SQLite file, for the API tests, the end-to-end suites and the load benchmark.
 * `restart()` kills the process outright (SIGKILL, as a crash would) and starts it again on the
 * same port and file.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const SERVE = join(ROOT, 'scripts/serve.ts');

/** Builds the site unless this process (a vitest run, a benchmark) has built it already. */
export function buildSiteOnce(): void {
  if (process.env.MC_SITE_BUILT === '1') return;
  execFileSync(join(ROOT, 'node_modules/.bin/astro'), ['build'], { cwd: ROOT, stdio: 'ignore' });
  process.env.MC_SITE_BUILT = '1';
}

export function hasServerBuild(): boolean {
  return existsSync(join(ROOT, 'dist/server/entry.mjs'));
}

export interface SiteProcess {
  readonly url: string;
  readonly database: string;
  readonly pid: () => number | undefined;
  /** Everything the process wrote to stderr so far. */
  readonly stderr: () => string;
  restart(): Promise<void>;
  /** Stops the process and deletes the database it made, unless asked to keep it. */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export async function startSite(env: Record<string, string> = {}): Promise<SiteProcess> {
  const folder = env.WORKSHOP_DB ? null : mkdtempSync(join(tmpdir(), 'mc-workshop-'));
  const database = env.WORKSHOP_DB ?? join(folder ?? '', 'workshops.sqlite');
  let errors = '';
  let port = '0';
  let child: ChildProcess;
  let url = '';

  const launch = async () => {
    child = spawn(process.execPath, [SERVE], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: port, WORKSHOP_DB: database, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      errors += text;
    });
    url = await new Promise<string>((started, failed) => {
      let out = '';
      child.stdout?.setEncoding('utf8').on('data', function listening(text: string) {
        out += text;
        const match = /Listening on (http:\/\/[^\s/]+)/.exec(out);
        if (!match?.[1]) return;
        child.stdout?.off('data', listening);
        child.stdout?.resume();
        started(match[1]);
      });
      child.once('exit', (code) =>
        failed(new Error(`The site server exited (${code}) before listening:\n${errors}`)),
      );
    });
    port = new URL(url).port;
  };

  const exited = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done();
      else child.once('exit', () => done());
    });

  await launch();
  return {
    get url() {
      return url;
    },
    database,
    pid: () => child.pid,
    stderr: () => errors,
    async restart() {
      const gone = exited();
      child.kill('SIGKILL');
      await gone;
      await launch();
    },
    async stop({ keepDatabase = false } = {}) {
      const gone = exited();
      child.kill('SIGTERM');
      await gone;
      if (folder && !keepDatabase) rmSync(folder, { recursive: true, force: true });
    },
  };
}
