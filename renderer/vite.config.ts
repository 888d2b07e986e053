import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'` keeps asset URLs relative so the build also loads from file:// in Electron.
// MOTORDESK_RENDERER_OUT builds elsewhere (parallel test runs each with their own build).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: process.env.MOTORDESK_RENDERER_OUT ?? '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
  },
});
