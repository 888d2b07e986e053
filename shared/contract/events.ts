/**
 * Every event the main process may push to the renderer. Payloads are small
 * "what changed" notices; the renderer re-reads through a call.
 */
import { z } from 'zod';
import { Id } from './schemas.js';

export const deskEvents = {
  conversationChanged: z.object({ conversationId: Id }),
  ticketChanged: z.object({ ticketId: Id }),
  /** The head-office connection, the queue of waiting changes, notices or many tickets changed. */
  syncChanged: z.object({ ticketsChanged: z.boolean() }),
} as const;

export type DeskEvents = typeof deskEvents;
export type DeskEventName = keyof DeskEvents;
export type DeskEventPayload<E extends DeskEventName> = z.infer<DeskEvents[E]>;

export const EVENT_NAMES = Object.keys(deskEvents) as DeskEventName[];
