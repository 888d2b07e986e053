// Bundles the Electron main process and the preload into dist/electron.
// Native modules stay external: electron-builder unpacks them from the asar.
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3', '@node-rs/jieba', '@node-rs/jieba/dict', 'bufferutil', 'utf-8-validate'];

await build({
  entryPoints: ['electron/main/main.ts'],
  outfile: 'dist/electron/main.cjs',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external,
  sourcemap: true,
  logLevel: 'warning',
  // resources.ts falls back to import.meta only when __dirname is missing (ESM under tsx).
  logOverride: { 'empty-import-meta': 'silent' },
});

// A sandboxed preload may only require('electron'): everything else is inlined.
await build({
  entryPoints: ['electron/preload/preload.ts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  platform: 'browser',
  target: 'chrome140',
  format: 'cjs',
  external: ['electron'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});
