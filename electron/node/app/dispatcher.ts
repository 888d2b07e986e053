import { findCall } from '../../../shared/contract/calls.js';
import { DeskError, type DeskResult } from '../../../shared/contract/errors.js';
import type { DeskHandlers } from './handlers.js';

/** Most calls answer at once; the ones that talk to head office answer with a promise. */
export type Dispatch = (name: string, rawInput: unknown) => DeskResult<unknown> | Promise<DeskResult<unknown>>;

export interface DispatcherOptions {
  onInternalError?: (name: string, err: unknown) => void;
}

/**
 * The single entry for both transports (Electron IPC and the development
 * host's WebSocket): look the call up in the contract, validate its input,
 * run the handler, check its output, and turn any failure into a typed
 * error. Services run their writes in one transaction, so a rejected call
 * writes nothing. Outputs are checked in production too: the strict output
 * schemas are what keeps an unmasked field from ever reaching the renderer.
 */
export function createDispatcher(handlers: DeskHandlers, options: DispatcherOptions = {}): Dispatch {
  return (name, rawInput) => {
    const spec = findCall(name);
    if (!spec) return { ok: false, error: { code: 'UNKNOWN_CALL', message: `no such call: ${String(name).slice(0, 80)}` } };
    const parsed = spec.input.safeParse(rawInput);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `invalid input for ${name}`,
          issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        },
      };
    }
    const [area, action] = name.split('.') as [string, string];
    const handler = (handlers as unknown as Record<string, Record<string, (input: unknown) => unknown>>)[area]![action]!;
    const failed = (err: unknown): DeskResult<unknown> => {
      if (err instanceof DeskError) return { ok: false, error: err.toPayload() };
      options.onInternalError?.(name, err);
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
    };
    try {
      const out = handler(parsed.data);
      if (out instanceof Promise) return out.then((data) => ({ ok: true as const, data: spec.output.parse(data) }), failed);
      return { ok: true, data: spec.output.parse(out) };
    } catch (err) {
      return failed(err);
    }
  };
}
