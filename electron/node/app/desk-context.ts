import type { DeskEventName, DeskEventPayload } from '../../../shared/contract/events.js';
import type { CacheDb } from '../db/open-cache.js';

/** What every main-process service is handed by the composition root. */
export interface DeskContext {
  db: CacheDb;
  now: () => number;
  emit: <E extends DeskEventName>(event: E, payload: DeskEventPayload<E>) => void;
}
