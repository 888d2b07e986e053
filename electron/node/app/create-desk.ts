import { existsSync, renameSync } from 'node:fs';
import { LIBRARY_SCOPE } from '../../../shared/head-office/library.js';
import type { DeskEventName, DeskEventPayload } from '../../../shared/contract/events.js';
import { openCache, type CacheDb } from '../db/open-cache.js';
import type { MigrationReport } from '../db/migration.js';
import { createAgentService } from '../features/agents/agent-service.js';
import { createConversationService } from '../features/conversations/conversation-service.js';
import { createCustomerService } from '../features/customers/customer-service.js';
import { createKnowledgeService } from '../features/knowledge/knowledge-service.js';
import { createScriptService } from '../features/scripts/script-service.js';
import { createSettingsService } from '../features/settings/settings-service.js';
import { createTicketService } from '../features/tickets/ticket-service.js';
import { openOutbox, outboxFileFor, type Outbox } from '../outbox/outbox.js';
import { seedLibrary } from '../seed/seed-library.js';
import { createHeadOfficeSession, type HeadOfficeOptions, type HeadOfficeSession } from '../sync/head-office-session.js';
import { reapplyWaitingMutations } from '../sync/replica.js';
import { ensureLibraryIndex } from './search-maintenance.js';
import type { DeskContext } from './desk-context.js';
import { createDispatcher, type Dispatch, type DispatcherOptions } from './dispatcher.js';
import { createHandlers, type DeskServices } from './handlers.js';

export type DeskListener = <E extends DeskEventName>(event: E, payload: DeskEventPayload<E>) => void;

export interface Desk {
  db: CacheDb;
  outbox: Outbox;
  services: DeskServices;
  context: DeskContext;
  dispatch: Dispatch;
  migration: MigrationReport;
  /** Set when the cache file could not be read and was set aside (renamed to this path) for a new one. */
  recoveredFrom: string | null;
  /** Present when the desk syncs with a head office. */
  headOffice: HeadOfficeSession | null;
  /** Subscribe to main-process events; returns an unsubscribe function. */
  subscribe(listener: DeskListener): () => void;
  close(): Promise<void>;
}

export interface DeskOptions extends DispatcherOptions {
  cacheFile: string;
  /** Defaults to the cache file's name with `.outbox.sqlite`. */
  outboxFile?: string;
  now?: () => number;
  /** Load the shipped scripts and knowledge on first start (default true). */
  seed?: boolean;
  headOffice?: HeadOfficeOptions;
}

const UNREADABLE = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

function hasHeadOfficeLibrary(db: CacheDb): boolean {
  const scopes = db.prepare(`SELECT value FROM sync_state WHERE key = 'scopes'`).pluck().get() as string | undefined;
  return scopes !== undefined && ((JSON.parse(scopes) as Record<string, number>)[LIBRARY_SCOPE] ?? 0) > 0;
}

/**
 * Open the cache; a file SQLite cannot read is set aside and a new cache
 * made, to be filled again from head office (the outbox lives elsewhere).
 */
function openOrRecoverCache(file: string, now: () => number): { db: CacheDb; migration: MigrationReport; recoveredFrom: string | null } {
  try {
    return { ...openCache(file), recoveredFrom: null };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!code || !UNREADABLE.has(code)) throw err;
    const aside = `${file}.unreadable-${now()}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    return { ...openCache(file), recoveredFrom: aside };
  }
}

/** The composition root of everything that runs in the main process. */
export function createDesk(options: DeskOptions): Desk {
  const now = options.now ?? Date.now;
  const outbox = openOutbox(options.outboxFile ?? outboxFileFor(options.cacheFile));
  let opened: ReturnType<typeof openOrRecoverCache>;
  try {
    opened = openOrRecoverCache(options.cacheFile, now);
  } catch (err) {
    outbox.close();
    throw err;
  }
  const { db, migration, recoveredFrom } = opened;
  outbox.adoptFromCache(db);
  // Replies and closings made before head office knew conversations go only where head office has the conversation.
  outbox.releaseHeld((name, args) => {
    if (name !== 'conversation.sendMessage' && name !== 'conversation.close') return 'push';
    const id = String(name === 'conversation.close' ? args.id : args.conversationId);
    const conv = db.prepare('SELECT remote, channel FROM conversations WHERE id = ?').get(id) as { remote: number; channel: string } | undefined;
    // A logged call is pushed with it (logPhoneCall), so its closing goes too.
    return conv && (conv.remote === 1 || (name === 'conversation.close' && conv.channel === 'phone')) ? 'push' : 'local';
  }, now());
  const listeners = new Set<DeskListener>();
  const context: DeskContext = {
    db,
    outbox,
    now,
    write: (fn) => db.transaction(() => outbox.unit(fn))(),
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload);
    },
  };
  const agents = createAgentService(context, { headOffice: options.headOffice !== undefined });
  const settings = createSettingsService(context);
  // Rebuild the search index first if the dictionaries changed, then add
  // what a newer library brings (indexed with the current dictionaries).
  ensureLibraryIndex(db);
  // Once head office's library has reached this desk, head office decides what is in it
  // (an item it withdrew must not come back from the app's own resources).
  if (options.seed !== false && !(options.headOffice && hasHeadOfficeLibrary(db))) seedLibrary(context);
  // A crash between the outbox's commit and the cache's leaves a change only in the outbox. (A desk
  // without head office never has changes confirmed, so replaying its whole history on every start is skipped.)
  if (options.headOffice) reapplyWaitingMutations(db, outbox, outbox.client().accountId ?? agents.current()?.id ?? null);
  const headOffice = options.headOffice ? createHeadOfficeSession(context, agents, options.headOffice) : null;
  const services: DeskServices = {
    agents,
    settings,
    conversations: createConversationService(context, agents, settings),
    customers: createCustomerService(context),
    scripts: createScriptService(context, agents),
    knowledge: createKnowledgeService(context, agents),
    tickets: createTicketService(context, agents),
    headOffice,
  };
  return {
    db,
    outbox,
    services,
    context,
    migration,
    recoveredFrom,
    headOffice,
    dispatch: createDispatcher(createHandlers(services), options),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      const shut = () => {
        db.close();
        outbox.close();
      };
      if (!headOffice) {
        shut();
        return Promise.resolve();
      }
      return headOffice.close().then(shut);
    },
  };
}
