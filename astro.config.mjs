// @ts-check
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { defineConfig } from 'astro/config';
import { dropRemovedCss, embedLoader } from './src/components/embed/vite-plugins.ts';

export default defineConfig({
  site: 'https://minimal-containers.example',
  integrations: [mdx(), preact()],
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
