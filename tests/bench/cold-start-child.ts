import type { DeskResult } from '../../shared/contract/errors.js';
import { createDesk } from '../../electron/node/app/create-desk.js';

const file = process.argv[2]!;
const start = performance.now();
const desk = createDesk({ cacheFile: file });
const first = desk.dispatch('tickets.list', { limit: 100 }) as DeskResult<unknown>;
const ms = performance.now() - start;
if (!first.ok || (first.data as { total: number }).total < 100_000) throw new Error('first query failed');
desk.close();
console.log(`COLD_START_MS=${ms}`);
