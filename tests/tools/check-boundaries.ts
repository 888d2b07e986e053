import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { builtinModules } from 'node:module';

/**
 * Process boundaries as a check: a file's folder says which process it runs
 * in and what it may import.
 *   shared/          imports only shared/ and pure packages (zod, pinyin-pro, chinese-days' calendar data)
 *   renderer/        never node builtins, electron, electron/, server/, native modules
 *   electron/node/   plain Node: never 'electron', never renderer/
 *   electron/preload only 'electron' and shared/
 *   server/          head office: itself and shared/, never electron or the desktop code
 */
export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NATIVE = ['better-sqlite3', '@node-rs/jieba', 'ws'];
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(sourceFiles(p));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

function layerOf(root: string, file: string): string | null {
  const rel = relative(root, file).split('\\').join('/');
  if (rel.startsWith('shared/')) return 'shared';
  if (rel.startsWith('renderer/') && !rel.endsWith('vite.config.ts')) return 'renderer';
  if (rel.startsWith('electron/node/')) return 'electron-node';
  if (rel.startsWith('electron/preload/')) return 'preload';
  if (rel.startsWith('server/')) return 'server';
  return null;
}

function check(layer: string, target: string, specifier: string): string | null {
  const isRelative = specifier.startsWith('.');
  const builtin = NODE_BUILTINS.has(specifier);
  const bare = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  switch (layer) {
    case 'shared':
      if (builtin) return 'shared/ runs in every process: no Node builtins';
      if (isRelative && !target.startsWith('shared/')) return 'shared/ imports nothing from the other layers';
      if (!isRelative && !['zod', 'pinyin-pro', 'chinese-days'].includes(bare)) return `shared/ may only use pure packages, not ${bare}`;
      return null;
    case 'renderer':
      if (builtin) return 'renderer/ has no Node';
      if (bare === 'electron') return 'renderer/ talks to the main process only through window.desk';
      if (NATIVE.includes(bare)) return 'renderer/ cannot load native or server modules';
      if (isRelative && !(target.startsWith('renderer/') || target.startsWith('shared/'))) return 'renderer/ imports only renderer/ and shared/';
      return null;
    case 'electron-node':
      if (bare === 'electron') return 'electron/node/ must run under plain Node: keep electron imports in electron/main';
      if (isRelative && !(target.startsWith('electron/node/') || target.startsWith('shared/'))) return 'electron/node/ imports only itself and shared/';
      return null;
    case 'preload':
      if (builtin) return 'the sandboxed preload cannot use Node builtins';
      if (!isRelative && bare !== 'electron') return 'the preload imports only electron and shared/';
      if (isRelative && !target.startsWith('shared/') && !target.startsWith('electron/preload/')) return 'the preload imports only shared/';
      return null;
    case 'server':
      if (bare === 'electron') return 'server/ is the head office: no Electron';
      if (isRelative && !(target.startsWith('server/') || target.startsWith('shared/'))) return 'server/ imports only itself and shared/';
      return null;
    default:
      return null;
  }
}

export function findViolations(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const top of ['shared', 'renderer', 'electron', 'server']) {
    let files: string[] = [];
    try {
      files = sourceFiles(join(root, top));
    } catch {
      continue;
    }
    for (const file of files) {
      const layer = layerOf(root, file);
      if (!layer) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const specifier = (m[1] ?? m[2] ?? m[3] ?? m[4])!;
        const target = specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)).split('\\').join('/') : specifier;
        const rule = check(layer, target, specifier);
        if (rule) violations.push({ file: relative(root, file), specifier, rule });
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const violations = findViolations(resolve(import.meta.dirname, '../..'));
  for (const v of violations) console.error(`${v.file}: imports '${v.specifier}': ${v.rule}`);
  if (violations.length > 0) process.exit(1);
  console.log('process boundaries: ok');
}
