import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDesk } from '../app/create-desk.js';
import { seedDemoData } from './demo-data.js';

/** `npm run demo:seed -- --cache FILE [--long 10000]`: fill a cache with a demo working set. */
const { values } = parseArgs({
  options: {
    cache: { type: 'string', default: '.motordesk/dev-cache.sqlite' },
    long: { type: 'string' },
  },
});
const cacheFile = resolve(values.cache!);
mkdirSync(dirname(cacheFile), { recursive: true });
const desk = createDesk({ cacheFile });
const hasData = desk.db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
if (hasData > 0) {
  console.error(`${cacheFile} already holds ${hasData} customers; demo data is only added to an empty cache.`);
  desk.close();
  process.exit(1);
}
const long = values.long ? Number(values.long) : undefined;
if (long !== undefined && (!Number.isInteger(long) || long < 1 || long > 1_000_000)) {
  console.error('--long takes a whole number of messages from 1 to 1000000');
  process.exit(2);
}
const summary = seedDemoData(desk, long ? { longConversationMessages: long } : {});
desk.close();
console.log(`demo data written to ${cacheFile}: ${JSON.stringify(summary)}`);
