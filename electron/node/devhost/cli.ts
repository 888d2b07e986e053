import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDesk } from '../app/create-desk.js';
import { seedDemoData } from '../demo/demo-data.js';
import { createFileLogger } from '../log/file-logger.js';
import { startDevHost } from './dev-host.js';
import { fileTokenStore } from '../head-office/token-store.js';

/**
 * `npm run start:web`: the workstation in a browser, for machines without
 * the Electron binary and for end-to-end tests.
 */
const { values } = parseArgs({
  options: {
    cache: { type: 'string', default: '.motordesk/dev-cache.sqlite' },
    port: { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    long: { type: 'string' },
    renderer: { type: 'string', default: 'dist/renderer' },
    logs: { type: 'string', default: '.motordesk/logs' },
    // The head office to sync with (also MOTORDESK_HEAD_OFFICE_URL); without one the desk is standalone.
    'head-office': { type: 'string' },
  },
});

const cacheFile = resolve(values.cache!);
mkdirSync(dirname(cacheFile), { recursive: true });
const log = createFileLogger(resolve(values.logs!));
const headOfficeUrl = values['head-office'] ?? process.env.MOTORDESK_HEAD_OFFICE_URL;
if (headOfficeUrl !== undefined && !/^https?:\/\/[^\s/]+(:\d+)?\/?$/.test(headOfficeUrl)) {
  console.error(`--head-office takes a URL such as http://127.0.0.1:8080, not ${JSON.stringify(headOfficeUrl)}`);
  process.exit(2);
}
if (headOfficeUrl && values.demo) {
  console.error('--demo fills a standalone desk with sample data; a desk with --head-office gets its data from head office');
  process.exit(2);
}
const desk = createDesk({
  cacheFile,
  onInternalError: (call, err) => log.error(`call ${call} failed`, err),
  ...(headOfficeUrl
    ? {
        headOffice: {
          url: headOfficeUrl.replace(/\/$/, ''),
          // The development host keeps the session in a file only this user can read.
          tokens: fileTokenStore(`${cacheFile.replace(/\.sqlite$/, '')}.session.json`),
          log: (message: string, err?: unknown) => (err ? log.error(message, err) : log.info(message)),
        },
      }
    : {}),
});
if (desk.recoveredFrom) log.error(`the cache could not be read; set aside as ${desk.recoveredFrom} and rebuilt from head office`);
log.info(`cache ${cacheFile} at schema ${desk.migration.to} (applied ${JSON.stringify(desk.migration.applied)})`);
if (values.demo) {
  const customers = desk.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
  if (customers === 0) {
    const summary = seedDemoData(desk, values.long ? { longConversationMessages: Number(values.long) } : {});
    log.info(`demo data: ${JSON.stringify(summary)}`);
  } else {
    console.log(`--demo: ${cacheFile} already holds ${customers} customers, so no demo data was added (delete the file to start over).`);
  }
}
// MOTORDESK_DEVHOST_TOKEN reuses a token across restarts (tests of
// reconnecting); read from the environment so it does not show in `ps`.
const token = process.env.MOTORDESK_DEVHOST_TOKEN;
if (token !== undefined && !/^[A-Za-z0-9_-]{24,}$/.test(token)) {
  console.error('MOTORDESK_DEVHOST_TOKEN takes at least 24 characters of A-Z, a-z, 0-9, _ or -');
  process.exit(2);
}
const host = await startDevHost({ desk, rendererDir: resolve(values.renderer!), port: Number(values.port), ...(token ? { token } : {}) });
console.log(`MOTORDESK_URL=${host.url}`);
console.log(`MotorDesk development host (loopback only, not a production server): open ${host.url}`);

const stop = () => {
  void host.close().then(() => {
    void desk.close().then(() => process.exit(0));
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
