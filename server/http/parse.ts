import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** Check a request body against its schema; a mismatch is a 400 naming each problem. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new HttpError(
      'BAD_REQUEST',
      'the request does not match what this endpoint takes',
      r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return r.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id in an address: anything that is not a UUID names nothing (and never reaches the database). */
export const isUuid = (s: string): boolean => UUID.test(s);
