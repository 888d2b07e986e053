import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CreateAccountRequest } from '../shared/head-office/auth.js';
import { openHeadOffice } from './head-office.js';
import { importCustomers } from './customers/customer-import.js';

/**
 * `npm run server` starts the head office: on PostgreSQL when DATABASE_URL
 * is set, otherwise on an embedded PGlite in --data (default
 * .motordesk/head-office). `npm run server:setup -- --login NAME --name
 * "显示名"` creates the first administrator; the password is read from
 * standard input (or MOTORDESK_ADMIN_PASSWORD), never defaulted.
 * `server/cli.ts restored` is run once after the database was restored
 * from a backup: every desk then pulls afresh and resends what head office
 * may have lost.
 * `server/cli.ts import-customers FILE.json [--office CODE]` loads customer
 * records (with vehicles, policies and their changes) in one transaction:
 * all or none. Records without an officeCode are filed under the office
 * CODE (so its renewals and leads see them); without --office they stay
 * head office's own. On the embedded database it needs the data folder to
 * itself: stop a running head office first, or put records through it
 * (PUT /api/customers/:id); with DATABASE_URL it runs beside head office.
 */
const [command = 'start', ...rest] = process.argv.slice(2);
const { values, positionals } = parseArgs({
  args: rest,
  allowPositionals: true,
  options: {
    data: { type: 'string', default: '.motordesk/head-office' },
    port: { type: 'string', default: '8720' },
    host: { type: 'string', default: '127.0.0.1' },
    login: { type: 'string' },
    name: { type: 'string' },
    force: { type: 'boolean', default: false },
    office: { type: 'string' },
  },
});

// The setup command's words are checked before the database is opened.
const FirstAdmin = CreateAccountRequest.pick({ login: true, displayName: true, password: true });
if (command === 'setup' && (!values.login || !values.name)) {
  console.error('usage: npm run server:setup -- --login LOGIN --name "Display name" [--force]  (password on standard input)');
  process.exit(2);
}
if (command === 'import-customers' && positionals.length !== 1) {
  console.error(
    'usage: tsx server/cli.ts import-customers FILE.json [--office CODE] [--data DIR]  (all records or none; records without an officeCode are filed under office CODE, else kept by head office; on the embedded database stop the running head office first)',
  );
  process.exit(2);
}
if (command !== 'start' && command !== 'setup' && command !== 'restored' && command !== 'import-customers') {
  console.error(`unknown command ${command}: use start, setup, restored or import-customers`);
  process.exit(2);
}

const env = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const authOverrides = Object.fromEntries(
  Object.entries({ accessTtlSeconds: env('MOTORDESK_ACCESS_TTL_S'), maxFailuresPerLogin: env('MOTORDESK_MAX_LOGIN_FAILURES') }).filter(([, v]) => v !== undefined),
);

/**
 * One line instead of a stack trace. The usual cause is a head office
 * already running on the same data folder (PGlite takes it for itself).
 */
function cannotOpen(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const running = /in use by process ([^;]+);/.exec(text);
  if (!running) return `cannot open the head office: ${text}`;
  const what = `the head office in ${resolve(values.data!)} is running (process ${running[1]})`;
  return command === 'import-customers'
    ? `nothing imported: ${what}. Stop it first, or put the records through it with PUT /api/customers/:id.`
    : `${what}: stop it first.`;
}

let office: Awaited<ReturnType<typeof openHeadOffice>>;
try {
  office = await openHeadOffice({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: resolve(values.data!),
    auth: authOverrides,
    ...(env('MOTORDESK_WEBCHAT_SESSIONS_PER_MINUTE') ? { webChatSessionsPerMinute: env('MOTORDESK_WEBCHAT_SESSIONS_PER_MINUTE') } : {}),
    ...(env('MOTORDESK_LIVE_HEARTBEAT_MS') ? { liveHeartbeatMs: env('MOTORDESK_LIVE_HEARTBEAT_MS') } : {}),
    // The identity check's durations (seconds): how long a verification lasts, how long three wrong answers lock it.
    identityCheck: Object.fromEntries(
      Object.entries({ verifiedForSeconds: env('MOTORDESK_VERIFICATION_TTL_SECONDS'), lockForSeconds: env('MOTORDESK_VERIFICATION_LOCK_SECONDS'), codeValidForSeconds: env('MOTORDESK_VERIFICATION_CODE_TTL_SECONDS') }).filter(([, v]) => v !== undefined),
    ),
    // Behind a reverse proxy: its address(es), e.g. "127.0.0.1" (Fastify's trustProxy).
    ...(process.env.MOTORDESK_TRUST_PROXY ? { trustProxy: process.env.MOTORDESK_TRUST_PROXY } : {}),
  });
} catch (err) {
  console.error(cannotOpen(err));
  process.exit(1);
}

/** From MOTORDESK_ADMIN_PASSWORD, a pipe, or a terminal without echo. */
async function readPassword(): Promise<string> {
  if (process.env.MOTORDESK_ADMIN_PASSWORD) return process.env.MOTORDESK_ADMIN_PASSWORD;
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stderr.write('Administrator password (at least 10 characters): ');
  process.stdin.setRawMode(true);
  let typed = '';
  for await (const chunk of process.stdin) {
    for (const ch of String(chunk)) {
      if (ch === '\r' || ch === '\n') {
        process.stdin.setRawMode(false);
        process.stdin.pause();
        process.stderr.write('\n');
        return typed;
      }
      if (ch === '\u0003') process.exit(130);
      typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
    }
  }
  return typed;
}

if (command === 'setup') {
  try {
    const input = FirstAdmin.safeParse({ login: values.login, displayName: values.name, password: await readPassword() });
    if (!input.success) throw new Error(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const admin = await office.accounts.createFirstAdmin(input.data, values.force);
    console.log(`administrator ${admin.login} created`);
  } catch (err) {
    console.error(`cannot create the administrator: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
  await office.close();
} else if (command === 'import-customers') {
  try {
    const done = await importCustomers(office.db, resolve(positionals[0]!), values.office === undefined ? {} : { officeCode: values.office });
    console.log(`imported ${done.customers} customers, ${done.vehicles} vehicles, ${done.policies} policies${values.office ? ` (records without an office filed under ${values.office})` : ''}`);
  } catch (err) {
    console.error(`nothing imported: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
  await office.close();
} else if (command === 'restored') {
  const epoch = await office.syncEpoch.rotate(await office.syncEpoch.current());
  console.log(`new sync epoch ${epoch}: desks will pull afresh and resend what they had confirmed`);
  await office.close();
} else {
  const address = await office.app.listen({ port: Number(values.port), host: values.host });
  console.log(`HEAD_OFFICE_URL=${address}`);
  console.log(`MotorDesk head office on ${address} (${office.db.kind}${office.migrated.length ? `, migrated ${office.migrated.join(', ')}` : ''})`);
  const stop = () => void office.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
