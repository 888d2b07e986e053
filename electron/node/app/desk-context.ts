import type { DeskEventName, DeskEventPayload } from '../../../shared/contract/events.js';
import type { CacheDb } from '../db/open-cache.js';
import type { Outbox } from '../outbox/outbox.js';

/** What every main-process service is handed by the composition root. */
export interface DeskContext {
  db: CacheDb;
  outbox: Outbox;
  /** One local write: a cache transaction whose outbox mutations are committed with it (see openOutbox). */
  write<T>(fn: () => T): T;
  now: () => number;
  emit: <E extends DeskEventName>(event: E, payload: DeskEventPayload<E>) => void;
}
