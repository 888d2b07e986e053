import type { ServerMigration } from '../migrate.js';
import { accounts } from './001-accounts.js';
import { sync } from './002-sync.js';

/** Append only: a shipped migration is never edited. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [accounts, sync];
