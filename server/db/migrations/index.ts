import type { ServerMigration } from '../migrate.js';
import { accounts } from './001-accounts.js';
import { sync } from './002-sync.js';
import { syncChecksums } from './003-sync-checksums.js';
import { library } from './004-library.js';
import { conversations } from './005-conversations.js';
import { customerRecords } from './006-customer-records.js';
import { claims } from './007-claims.js';
import { ticketSla } from './008-ticket-sla.js';
import { renewals } from './009-renewals.js';
import { auditLog } from './010-audit-log.js';
import { onsiteSupport } from './011-onsite-support.js';

/** Append only: a shipped migration is never edited. */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [accounts, sync, syncChecksums, library, conversations, customerRecords, claims, ticketSla, renewals, auditLog, onsiteSupport];
