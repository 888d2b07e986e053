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

export interface HeadOfficeOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  auth?: Partial<AuthSettings>;
  /** Start an empty library with the one the app ships (default true). */
  importLibrary?: boolean;
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
  const app = buildHeadOffice({ db, auth, accounts, syncEpoch, library });
  const live = await attachLivePokes(app.server, db, auth);
  return {
    db,
    app,
    accounts,
    syncEpoch,
    migrated,
    live,
    close: async () => {
      await live.close();
      await app.close();
      await db.close();
    },
  };
}
