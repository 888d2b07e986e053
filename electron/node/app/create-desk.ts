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
import { seedLibrary } from '../seed/seed-library.js';
import { ensureLibraryIndex } from './search-maintenance.js';
import type { DeskContext } from './desk-context.js';
import { createDispatcher, type Dispatch, type DispatcherOptions } from './dispatcher.js';
import { createHandlers, type DeskServices } from './handlers.js';

export type DeskListener = <E extends DeskEventName>(event: E, payload: DeskEventPayload<E>) => void;

export interface Desk {
  db: CacheDb;
  services: DeskServices;
  context: DeskContext;
  dispatch: Dispatch;
  migration: MigrationReport;
  /** Subscribe to main-process events; returns an unsubscribe function. */
  subscribe(listener: DeskListener): () => void;
  close(): void;
}

export interface DeskOptions extends DispatcherOptions {
  cacheFile: string;
  now?: () => number;
  /** Load the shipped scripts and knowledge on first start (default true). */
  seed?: boolean;
}

/** The composition root of everything that runs in the main process. */
export function createDesk(options: DeskOptions): Desk {
  const { db, migration } = openCache(options.cacheFile);
  const listeners = new Set<DeskListener>();
  const context: DeskContext = {
    db,
    now: options.now ?? Date.now,
    emit: (event, payload) => {
      for (const l of listeners) l(event, payload);
    },
  };
  const agents = createAgentService(context);
  const settings = createSettingsService(context);
  const services: DeskServices = {
    agents,
    settings,
    conversations: createConversationService(context, agents, settings),
    customers: createCustomerService(context),
    scripts: createScriptService(context, agents),
    knowledge: createKnowledgeService(context, agents),
    tickets: createTicketService(context, agents),
  };
  // Rebuild the search index first if the dictionaries changed, then add
  // what a newer library brings (indexed with the current dictionaries).
  ensureLibraryIndex(db);
  if (options.seed !== false) seedLibrary(context);
  return {
    db,
    services,
    context,
    migration,
    dispatch: createDispatcher(createHandlers(services), options),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => db.close(),
  };
}
