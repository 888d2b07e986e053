import { createAccountService } from './accounts/account-service.js';
import { createAuthService, DEFAULT_AUTH_SETTINGS, type AuthSettings } from './auth/auth-service.js';
import { migrateServer } from './db/migrate.js';
import { SERVER_MIGRATIONS } from './db/migrations/index.js';
import { openSqlClient, type SqlClient } from './db/sql-client.js';
import { buildHeadOffice } from './http/app.js';
import { attachLivePokes } from './live/live-pokes.js';
import { resolve } from 'node:path';
import { openSyncEpoch } from './sync/epoch.js';
import { createLibraryService } from './library/library-service.js';
import { repairChecksums } from './sync/checksum-repair.js';
import { createRouter } from './conversations/routing-service.js';
import { createConversationHub } from './conversations/conversation-hub.js';
import { createVisitorTokens } from './webchat/visitor-token.js';
import { webChatUpgrade } from './webchat/webchat-routes.js';
import { logFileAdapter, startOutboundSender, type ChannelAdapter } from './channels/outbound.js';
import { WEBHOOK_CHANNELS, type WebhookChannel } from '../shared/head-office/conversations.js';
import { join } from 'node:path';
import { createIdentityCheck } from './customers/identity-check.js';
import { startRenewalSchedule } from './renewals/renewal-schedule.js';
import { DEFAULT_IDENTITY_CHECK, type IdentityCheckSettings } from '../shared/domain/identity-check.js';

export interface HeadOfficeOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  auth?: Partial<AuthSettings>;
  /** Start an empty library with the one the app ships (default true). */
  importLibrary?: boolean;
  /** Replies to gateway channels go through these; by default each channel's replies are written to `<dataDir>/channel-outbound/<channel>.log`. */
  channelAdapters?: Partial<Record<WebhookChannel, ChannelAdapter>>;
  /** New web chats one address may open per minute (a page opens one; a script flooding the queue is stopped). */
  webChatSessionsPerMinute?: number;
  /** How often live sockets are checked: alive, and their session not ended (ms). */
  liveHeartbeatMs?: number;
  /** First delay before a failed gateway reply is tried again (seconds; it doubles each time). */
  outboundRetryBaseSeconds?: number;
  /** Addresses of a reverse proxy whose X-Forwarded-For is believed (see HeadOfficeDeps.trustProxy). */
  trustProxy?: string;
  /** The identity check's durations and limits (defaults in shared/domain/identity-check.ts). */
  identityCheck?: Partial<IdentityCheckSettings>;
  /** How often routing runs without being asked (ms). */
  routeEveryMs?: number;
}

/** Composition root of the head-office service. */
export async function openHeadOffice(options: HeadOfficeOptions) {
  const db: SqlClient = await openSqlClient(options);
  const migrated = await migrateServer(db, SERVER_MIGRATIONS);
  const auth = await createAuthService(db, { ...DEFAULT_AUTH_SETTINGS, ...options.auth });
  const accounts = createAccountService(db);
  const syncEpoch = await openSyncEpoch(db);
  await repairChecksums(db);
  const library = createLibraryService(db);
  if (options.importLibrary !== false) await library.importShipped(resolve(import.meta.dirname, '../resources/seed'));
  const log = (message: string, err?: unknown) => console.error(`[head office] ${message}`, err ?? '');
  // Routing and the hub know each other: the hub's events wake routing, routing trusts the hub's leases.
  let hub: Awaited<ReturnType<typeof createConversationHub>> | null = null;
  const router = createRouter(db, (err) => log('routing failed', err), options.routeEveryMs, () => hub?.leasesTrusted() ?? false);
  hub = await createConversationHub(db, () => void router.kick(), log);
  const visitorTokens = await createVisitorTokens(db);
  const adapters = Object.fromEntries(
    WEBHOOK_CHANNELS.map((c) => [c, options.channelAdapters?.[c] ?? logFileAdapter(join(options.dataDir, 'channel-outbound', `${c}.log`))]),
  ) as Record<WebhookChannel, ChannelAdapter>;
  const sender = await startOutboundSender(db, adapters, log, { retryBaseSeconds: options.outboundRetryBaseSeconds });
  const identity = createIdentityCheck(db, { ...DEFAULT_IDENTITY_CHECK, ...options.identityCheck }, adapters.sms);
  const app = buildHeadOffice({ db, auth, accounts, syncEpoch, library, identity, webChat: { tokens: visitorTokens, hub, sessionsPerMinute: options.webChatSessionsPerMinute ?? 30 },
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
  });
  const live = await attachLivePokes(app.server, db, auth, {
    deskConnected: hub.deskConnected,
    otherPaths: { '/api/webchat/live': webChatUpgrade({ tokens: visitorTokens, hub }) },
  }, options.liveHeartbeatMs);
  void router.kick();
  // Renewal reminder tasks are made at start and on each new date.
  const renewals = startRenewalSchedule(db, log);
  await renewals.ready;
  return {
    db,
    app,
    accounts,
    syncEpoch,
    migrated,
    live,
    hub,
    router,
    close: async () => {
      renewals.stop();
      await router.stop();
      await sender.stop();
      await hub.close();
      await live.close();
      await app.close();
      await db.close();
    },
  };
}
