import type { SqlClient } from '../db/sql-client.js';
import { officeToday } from '../customers/office-day.js';
import { generateRenewalTasksNow } from './renewal-tasks.js';

/** Generation is idempotent, so the hourly look only works when the date has moved on. */
const CHECK_EVERY_MS = 60 * 60_000;

/**
 * Makes renewal tasks at start and again on each new date (China time).
 * Returns a stop function.
 */
export function startRenewalSchedule(db: SqlClient, log: (message: string, err?: unknown) => void, everyMs = CHECK_EVERY_MS): { ready: Promise<void>; stop: () => void } {
  let lastDate: string | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    const today = officeToday();
    if (today === lastDate) return running;
    running = generateRenewalTasksNow(db, today)
      .then(() => {
        lastDate = today;
      })
      .catch((err: unknown) => log('renewal tasks could not be made', err));
    return running;
  };
  const ready = run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return {
    ready,
    stop: () => clearInterval(timer),
  };
}
