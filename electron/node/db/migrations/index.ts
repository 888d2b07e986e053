import type { Migration } from '../migration.js';
import { coreTables } from './001-core-tables.js';
import { searchIndex } from './002-search-index.js';
import { usageCounts } from './003-usage-counts.js';
import { syncedRecords } from './004-synced-records.js';
import { liveConversations } from './005-live-conversations.js';
import { ticketSla } from './006-ticket-sla.js';
import { complaintTeam } from './007-complaint-team.js';
import { onsiteSupport } from './008-onsite-support.js';

/** Append only: a shipped migration is never edited, a new one is added. */
export const MIGRATIONS: readonly Migration[] = [coreTables, searchIndex, usageCounts, syncedRecords, liveConversations, ticketSla, complaintTeam, onsiteSupport];
