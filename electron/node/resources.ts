import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `resources/` lives: beside the sources in development and tests,
 * and in the packaged app under process.resourcesPath (electron-builder
 * `extraResources`). MOTORDESK_RESOURCES overrides both.
 */
function findResourcesRoot(): string {
  const fromEnv = process.env.MOTORDESK_RESOURCES;
  if (fromEnv) return fromEnv;
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'seed'))) return join(packaged, 'resources');
  let dir = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'seed'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('resources/ folder not found');
}

let root: string | undefined;

export function resourcePath(...parts: string[]): string {
  root ??= findResourcesRoot();
  return join(root, ...parts);
}
