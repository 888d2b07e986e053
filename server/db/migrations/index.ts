import type { ServerMigration } from '../migrate.js';
import { accounts } from './001-accounts.js';
import { sync } from './002-sync.js';
import { syncChecksums } from './003-sync-checksums.js';
import { library } from './004-library.js';
import { conversations } from './005-conversations.js';

/** Append only: a shipped migration is never edited. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [accounts, sync, syncChecksums, library, conversations];
