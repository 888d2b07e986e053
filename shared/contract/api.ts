/**
 * The typed surface `window.desk` offers, derived from the contract so the
 * renderer, preload and the development host cannot drift apart.
 */
import type { z } from 'zod';
import type { CallSpec, DeskCalls } from './calls.js';
import type { DeskResult } from './errors.js';
import type { DeskEventName, DeskEventPayload } from './events.js';

type CallFn<C> = C extends CallSpec<infer I, infer O> ? (input: z.input<I>) => Promise<DeskResult<z.output<O>>> : never;

export type DeskApi = {
  [A in keyof DeskCalls]: { [K in keyof DeskCalls[A]]: CallFn<DeskCalls[A][K]> };
} & {
  on<E extends DeskEventName>(event: E, listener: (payload: DeskEventPayload<E>) => void): () => void;
};

/** IPC channel for a call; one channel per contract entry. */
export const ipcChannelForCall = (name: string): string => `desk:call:${name}`;
export const ipcChannelForEvent = (name: string): string => `desk:event:${name}`;
