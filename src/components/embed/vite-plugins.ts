/**
 * The embeds' two Vite plugins (astro.config.mjs): the loader script bundled on its own, and a
 * repair of the CSS references an embed's dynamic import would otherwise ask for in vain.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

export const LOADER_MODULE = 'virtual:mc-embed-loader';
const RESOLVED = `\0${LOADER_MODULE}`;
const ENTRY = fileURLToPath(new URL('./loader.ts', import.meta.url));

export async function bundleLoader(): Promise<{ code: string; inputs: string[] }> {
  const root = process.cwd();
  const result = await build({
    entryPoints: [ENTRY],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    metafile: true,
    legalComments: 'none',
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild wrote no loader');
  return { code, inputs: Object.keys(result.metafile.inputs).map((input) => resolve(root, input)) };
}

/**
 * The loader script (loader.ts), minified as one classic script, as the virtual module above: the
 * site serves it as /embed.js (src/pages/embed.js.ts) for other sites to include. Both the build
 * and the dev server get the current source.
 */
export function embedLoader(): Plugin {
  return {
    name: 'mc-embed-loader',
    resolveId: (id) => (id === LOADER_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      const { code, inputs } = await bundleLoader();
      for (const input of inputs) this.addWatchFile(input);
      return `export default ${JSON.stringify(code)};`;
    },
  };
}

/**
 * Astro deletes the CSS file of a client chunk that holds a hydrated island when the pages that
 * render the island already link its styles, but leaves the file in the chunk's `importedCss`. A
 * dynamic import of that chunk (an embed loads the Exercise island that way) then has Vite's
 * preload helper ask for a file that does not exist, and the import fails. This drops such names
 * before Vite writes the preload lists; the styles themselves are linked by every page that uses them.
 */
export function dropRemovedCss(): Plugin {
  return {
    name: 'mc-drop-removed-css',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const css = chunk.viteMetadata?.importedCss;
        for (const file of css ?? []) if (!(file in bundle)) css?.delete(file);
      }
    },
  };
}
