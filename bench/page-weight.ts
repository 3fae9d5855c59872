/**
 * Page weight from the production build (`npm run weight` builds first): for every page in dist/client/,
 * the JavaScript a browser runs before any interaction, gzipped: inline scripts, module scripts,
 * each island's component and renderer, and every module they import statically. Modules loaded
 * on demand (dynamic import(), workers) are listed apart, since issue 7's budget is for the first.
 * An embed page (/embed/…) starts its widget by its boot script's dynamic import, at once or on the
 * reader's click (load=click): its line also gives what that start adds, the editor excepted, which
 * loads when the reader first edits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(import.meta.dirname, '../dist/client');

// Rolldown writes strings with any of the three quotes.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'`();]*?\bfrom\s*)?["'`]([^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;
const WORKER_URL = /new URL\(\s*["'`]([^"'`]+\.js)["'`]\s*,[^)]*import\.meta\.url\s*\)/g;

interface Weight {
  files: number;
  raw: number;
  gzip: number;
}

function gzipSize(bytes: Buffer | string): number {
  return gzipSync(bytes, { level: 9 }).length;
}

function htmlPages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The URL path of a JS module referenced from `from` (a URL path too). */
function resolveUrl(from: string, specifier: string): string {
  return specifier.startsWith('/') ? specifier : posix.join(posix.dirname(from), specifier);
}

function read(urlPath: string): string {
  return readFileSync(join(dist, urlPath), 'utf8');
}

/**
 * Every module `entries` import statically, the ones the initial modules import dynamically with
 * their own static imports (`started`), and every module loaded on demand from there on.
 */
function closure(entries: readonly string[]): {
  initial: Set<string>;
  started: Set<string>;
  lazy: Set<string>;
} {
  const initial = new Set<string>();
  let pending = follow(entries, initial);
  const started = new Set<string>();
  follow(pending, started, initial);
  const lazy = new Set<string>();
  while (pending.length > 0) pending = follow(pending, lazy, initial);
  return { initial, started, lazy };
}

/** Adds the static-import closure of `entries` to `found` (minus `skip`); returns what it loads on demand. */
function follow(
  entries: readonly string[],
  found: Set<string>,
  skip: ReadonlySet<string> = new Set(),
): string[] {
  const onDemand: string[] = [];
  const queue = [...entries];
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    if (found.has(url) || skip.has(url)) continue;
    found.add(url);
    const code = read(url);
    for (const match of code.matchAll(STATIC_IMPORT)) queue.push(resolveUrl(url, match[1] ?? ''));
    for (const pattern of [DYNAMIC_IMPORT, WORKER_URL]) {
      for (const match of code.matchAll(pattern)) onDemand.push(resolveUrl(url, match[1] ?? ''));
    }
  }
  return onDemand;
}

function weigh(urls: Iterable<string>): Weight {
  const weight = { files: 0, raw: 0, gzip: 0 };
  for (const url of urls) {
    const bytes = readFileSync(join(dist, url));
    weight.files += 1;
    weight.raw += bytes.length;
    weight.gzip += gzipSize(bytes);
  }
  return weight;
}

function attributes(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((match) => match[1] ?? '');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

for (const page of htmlPages(dist).sort()) {
  // What is inside a <template> runs only if a script puts it in the page (the workshop bar, for
  // readers who joined a workshop), so it is not part of what every reader loads.
  const html = readFileSync(page, 'utf8').replace(/<template\b[\s\S]*?<\/template>/g, '');
  const route = `/${relative(dist, page).replace(/index\.html$/, '')}`;
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => match[1] ?? '',
  );
  const entries = [
    ...attributes(html, /<script[^>]*\bsrc="([^"]+)"/g),
    ...attributes(html, /<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ...attributes(html, /\bcomponent-url="([^"]+)"/g),
    ...attributes(html, /\brenderer-url="([^"]+)"/g),
  ];
  const { initial, started, lazy } = closure([...new Set(entries)]);
  const modules = weigh(initial);
  const inlineGzip = inline.reduce((sum, code) => sum + gzipSize(code), 0);
  const onDemand = weigh(lazy);
  console.log(
    `${route.padEnd(14)} initial JS ${kb(modules.gzip + inlineGzip).padStart(9)} gzipped ` +
      `(${modules.files} modules ${kb(modules.gzip)} + ${inline.length} inline scripts ${kb(inlineGzip)}; ` +
      `${kb(modules.raw)} raw)   on demand ${kb(onDemand.gzip)} gzipped in ${onDemand.files} modules`,
  );
  const embed = html.includes('id="mc-embed"');
  if (embed) {
    const widget = weigh(started);
    console.log(
      `${''.padEnd(14)} started   ${kb(modules.gzip + inlineGzip + widget.gzip).padStart(9)} gzipped ` +
        `(the widget adds ${widget.files} modules ${kb(widget.gzip)}; the editor comes on the first edit)`,
    );
  }
  for (const url of [...initial].sort())
    console.log(`    initial   ${kb(gzipSize(readFileSync(join(dist, url)))).padStart(9)}  ${url}`);
  for (const url of embed ? [...started].sort() : [])
    console.log(`    started   ${kb(gzipSize(readFileSync(join(dist, url)))).padStart(9)}  ${url}`);
  for (const url of [...lazy].sort())
    console.log(`    on demand ${kb(gzipSize(readFileSync(join(dist, url)))).padStart(9)}  ${url}`);
}
