import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations } from '../tools/check-boundaries.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'md-bounds-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('process boundary check', () => {
  it('passes on this repository', () => {
    expect(findViolations(resolve(import.meta.dirname, '../..'))).toEqual([]);
  });

  it('catches Node, Electron and main-process imports in the renderer', () => {
    const root = tree({
      'renderer/src/a.ts': `import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nimport { openCache } from '../../electron/node/db/open-cache.js';\nimport { x } from '../../shared/x.js';`,
      'shared/x.ts': `export const x = 1;`,
    });
    const rules = findViolations(root).map((v) => v.specifier);
    expect(rules).toEqual(['node:fs', 'electron', '../../electron/node/db/open-cache.js']);
  });

  it('catches electron in plain-Node code and builtins in shared', () => {
    const root = tree({
      'electron/node/svc.ts': `import { app } from 'electron';`,
      'shared/y.ts': `import { join } from 'path';\nimport { z } from '../electron/node/z.js';`,
    });
    expect(findViolations(root).map((v) => `${v.file}:${v.specifier}`).sort()).toEqual(
      ['electron/node/svc.ts:electron', 'shared/y.ts:../electron/node/z.js', 'shared/y.ts:path'].sort(),
    );
  });
});
