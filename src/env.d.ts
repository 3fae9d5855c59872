/// <reference types="astro/client" />

/** The loader script's bundled source (src/components/embed/vite-plugins.ts). */
declare module 'virtual:mc-embed-loader' {
  const code: string;
  export default code;
}
