// @ts-check
import mdx from '@astrojs/mdx';
import node from '@astrojs/node';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { dropRemovedCss, embedLoader } from './src/components/embed/vite-plugins.ts';

export default defineConfig({
  site: 'https://minimal-containers.example',
  integrations: [mdx(), preact()],
  // Every page is prerendered; only the workshop API (src/pages/api, `prerender = false`) runs on
  // demand, in the one Node process that also serves the pages (docs/workshop.md).
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  session: false,
  markdown: {
    shikiConfig: {
      themes: { light: 'github-light', dark: 'github-dark' },
    },
  },
  vite: {
    // The engine worker is an ES module, so it can share chunks with the page and load code on demand.
    worker: { format: 'es' },
    // /embed.js, the script other sites include, is bundled on its own; see vite-plugins.ts for the other.
    plugins: [embedLoader(), dropRemovedCss()],
  },
});
