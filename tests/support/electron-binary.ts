import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Path of the Electron binary if `npx install-electron` has fetched it.
 * Requiring the `electron` package would try to download it, which fails on
 * machines that only reach the npm registry, so the files are read instead.
 */
export function electronBinary(): string | null {
  const pkg = resolve(import.meta.dirname, '../../node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  const bin = join(dist, relative);
  return existsSync(bin) ? bin : null;
}
