import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/**
 * `npm run dist` needs the Electron binary, which cannot be fetched here;
 * the packaging configuration is checked instead.
 */
const root = resolve(import.meta.dirname, '../../..');
const config = load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Record<string, any>;

describe('electron-builder configuration', () => {
  it('builds Linux AppImage and deb, Windows NSIS and macOS dmg', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
  });

  it('unpacks the native modules from the asar', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@node-rs/**']));
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the Electron fuses that turn the app into a general-purpose runtime', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the built app and the seed resources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect(config.extraResources.map((r: { from: string }) => r.from)).toEqual(expect.arrayContaining(['resources/seed', 'resources/dict']));
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('keeps build-only packages out of the runtime dependencies', () => {
    for (const dev of ['electron', 'electron-builder', 'vite', 'react', 'antd']) expect(pkg.dependencies[dev]).toBeUndefined();
    for (const runtime of ['better-sqlite3', '@node-rs/jieba', 'zod']) expect(pkg.dependencies[runtime]).toBeDefined();
  });
});
