/**
 * Every event the main process may push to the renderer. Payloads are small
 * "what changed" notices; the renderer re-reads through a call.
 */
import { z } from 'zod';
import { Channel, Id } from './schemas.js';

export const deskEvents = {
  conversationChanged: z.object({ conversationId: Id }),
  ticketChanged: z.object({ ticketId: Id }),
  /** The head-office connection, the queue of waiting changes, notices or many tickets changed. */
  syncChanged: z.object({ ticketsChanged: z.boolean() }),
  /** Head office offered this desk a new conversation: a sound and a desktop notification. */
  conversationArrived: z.object({ conversationId: Id, customerName: z.string(), channel: Channel }),
  /**
   * A conversation left this agent without their doing: a lead took it over
   * or reassigned it (`to` names who has it now), it went back to the queue,
   * or it was ended elsewhere.
   */
  conversationLeft: z.object({ conversationId: Id, customerName: z.string(), to: z.string().nullable(), ended: z.boolean() }),
  /** Who else is viewing or typing in a conversation, and whether the customer is typing (not stored). */
  conversationLive: z.object({
    conversationId: Id,
    viewers: z.array(z.object({ name: z.string(), typing: z.boolean() })),
    customerTyping: z.boolean(),
  }),
  /** The lead's queue changed (re-read queue.snapshot); or a conversation being listened to got a message. */
  queueChanged: z.object({ conversationId: Id.nullable() }),
  /** Presence or the live link to head office changed. */
  presenceChanged: z.object({}),
} as const;

export type DeskEvents = typeof deskEvents;
export type DeskEventName = keyof DeskEvents;
export type DeskEventPayload<E extends DeskEventName> = z.infer<DeskEvents[E]>;

export const EVENT_NAMES = Object.keys(deskEvents) as DeskEventName[];
