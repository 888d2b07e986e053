/**
 * A desk in its own process, for tests that kill it (SIGKILL) in the
 * middle of applying pulled pages: `node --import tsx sync-desk-child.ts
 * <cache> <head office url> <session file> <page size>`. It prints
 * `PAGE <n>` after each page it has committed and `SETTLED` at the end.
 */
import { createDesk } from '../../electron/node/app/create-desk.js';
import { fileTokenStore } from '../../electron/node/head-office/token-store.js';

const [cacheFile, url, sessionFile, pageSize] = process.argv.slice(2) as [string, string, string, string];
const desk = createDesk({
  cacheFile,
  headOffice: { url, tokens: fileTokenStore(sessionFile), live: false, pollMs: 3_600_000, pageSize: Number(pageSize), onPage: (n) => console.log(`PAGE ${n}`) },
});
console.log('SYNCING');
const report = await desk.headOffice!.engine.syncNow();
console.log(report ? 'SETTLED' : `FAILED ${JSON.stringify(desk.headOffice!.status())}`);
await desk.close();
