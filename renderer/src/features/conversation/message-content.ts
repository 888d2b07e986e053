import type { Message } from '../../../../shared/contract/schemas';

type Place = NonNullable<Message['location']>;

const coordinate = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** A place the customer sent, as text: `📍 label (lat, lng)`. */
export function locationText(place: Place): string {
  const label = place.label?.trim();
  return `📍 ${label ? `${label} ` : ''}(${coordinate(place.latitude)}, ${coordinate(place.longitude)})`;
}

/** Why head office refused replies, as the agent is told (server/conversations/agent-mutations.ts). */
export const REPLY_FAILURES = ['NOT_FOUND', 'CLOSED', 'NOT_ASSIGNED', 'ANSWERED_BY_COLLEAGUE', 'CUSTOMER_WROTE', 'INVALID_TRANSITION', 'FORBIDDEN'] as const;
export type ReplyFailure = (typeof REPLY_FAILURES)[number] | 'other';

/**
 * A failed reply's reason is stored as `CODE: developer text`; the agent
 * reads the code in their language, never the text.
 */
export function replyFailure(failure: string | null): ReplyFailure {
  const code = failure?.match(/^([A-Z_]+):/)?.[1];
  return (REPLY_FAILURES as readonly string[]).includes(code ?? '') ? (code as ReplyFailure) : 'other';
}
