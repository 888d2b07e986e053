import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openHeadOffice } from './head-office.js';

/**
 * `npm run server` starts the head office: on PostgreSQL when DATABASE_URL
 * is set, otherwise on an embedded PGlite in --data (default
 * .motordesk/head-office). `npm run server:setup -- --login NAME --name
 * "显示名"` creates the first administrator; the password is read from
 * standard input (or MOTORDESK_ADMIN_PASSWORD), never defaulted.
 */
const [command = 'start', ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    data: { type: 'string', default: '.motordesk/head-office' },
    port: { type: 'string', default: '8720' },
    host: { type: 'string', default: '127.0.0.1' },
    login: { type: 'string' },
    name: { type: 'string' },
  },
});

const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const authOverrides = Object.fromEntries(
  Object.entries({ accessTtlSeconds: env('MOTORDESK_ACCESS_TTL_S'), maxFailuresPerLogin: env('MOTORDESK_MAX_LOGIN_FAILURES') }).filter(([, v]) => v !== undefined),
);

const office = await openHeadOffice({ databaseUrl: process.env.DATABASE_URL, dataDir: resolve(values.data!), auth: authOverrides });

async function readPassword(): Promise<string> {
  if (process.env.MOTORDESK_ADMIN_PASSWORD) return process.env.MOTORDESK_ADMIN_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Administrator password (at least 10 characters): ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

if (command === 'setup') {
  if (!values.login || !values.name) {
    console.error('usage: npm run server:setup -- --login LOGIN --name "Display name"  (password on standard input)');
    process.exit(2);
  }
  try {
    const admin = await office.accounts.createFirstAdmin({ login: values.login, displayName: values.name, password: await readPassword() });
    console.log(`administrator ${admin.login} created`);
  } catch (err) {
    console.error(`cannot create the administrator: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
  await office.close();
} else if (command === 'start') {
  const address = await office.app.listen({ port: Number(values.port), host: values.host });
  console.log(`HEAD_OFFICE_URL=${address}`);
  console.log(`MotorDesk head office on ${address} (${office.db.kind}${office.migrated.length ? `, migrated ${office.migrated.join(', ')}` : ''})`);
  const stop = () => void office.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  console.error(`unknown command ${command}: use start or setup`);
  process.exit(2);
}
