import type { DeskErrorPayload, DeskResult } from '../../../shared/contract/errors';
import { isDeskErrorPayload } from '../../../shared/contract/errors';

/** A failed desk call, carrying the typed error the main process sent. */
export class DeskCallError extends Error {
  readonly payload: DeskErrorPayload;

  constructor(payload: DeskErrorPayload) {
    super(payload.message);
    this.name = 'DeskCallError';
    this.payload = payload;
  }
}

/** Turn a DeskResult into its data, or throw its error. */
export async function unwrap<T>(pending: Promise<DeskResult<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.data;
  throw new DeskCallError(result.error);
}

export function errorPayload(err: unknown): DeskErrorPayload {
  if (err instanceof DeskCallError) return err.payload;
  if (isDeskErrorPayload(err)) return err;
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
