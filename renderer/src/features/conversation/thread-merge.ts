import type { Message } from '../../../../shared/contract/schemas';

/** What can change on a message already on screen: a reply's way to the customer. */
const sameMessage = (a: Message, b: Message) =>
  a.id === b.id && a.state === b.state && a.failure === b.failure && a.body === b.body && a.imageId === b.imageId && a.sentAt === b.sentAt;

/**
 * Messages have gap-free sequence numbers per conversation, so the newest
 * page is merged by `seq`: messages already shown are refreshed in place (a
 * reply goes sending → sent → read, or fails), newer ones go at the end.
 * Unchanged messages keep their object, so their rows do not re-render.
 * Null when the page does not join on (a gap, or a different message at a
 * known seq): then the page replaces the list.
 */
export function mergeLatest(existing: Message[], page: Message[]): Message[] | null {
  if (existing.length === 0) return page;
  if (page.length === 0) return existing;
  const first = existing[0]!.seq;
  const last = existing[existing.length - 1]!.seq;
  const overlap = new Map(page.filter((m) => m.seq >= first && m.seq <= last).map((m) => [m.seq, m]));
  let refreshed = existing;
  if (overlap.size > 0) {
    let changed = false;
    let conflict = false;
    const next = existing.map((m) => {
      const fresh = overlap.get(m.seq);
      if (!fresh || sameMessage(m, fresh)) return m;
      if (fresh.id !== m.id) conflict = true;
      changed = true;
      return fresh;
    });
    if (conflict) return null;
    if (changed) refreshed = next;
  }
  const newer = page.filter((m) => m.seq > last);
  if (newer.length === 0) return refreshed;
  if (newer[0]!.seq !== last + 1) return null;
  return [...refreshed, ...newer];
}

/** Put a message that came back from a call (a retried reply) in the place of the one with its id. */
export function replaceMessage(existing: Message[], message: Message): Message[] {
  const at = existing.findIndex((m) => m.id === message.id);
  if (at === -1) return existing;
  const next = existing.slice();
  next[at] = message;
  return next;
}

/** The highest message number on screen: what a reply says the agent has seen. */
export function seenSeqOf(messages: readonly Message[]): number {
  return messages.length === 0 ? 0 : Math.max(0, messages[messages.length - 1]!.seq);
}
