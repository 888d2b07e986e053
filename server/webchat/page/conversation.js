// The customer's conversation as the page holds it: messages in seq order,
// the cursor for catching up, and the view (state, agent, read mark,
// rating). Messages arrive three ways (a GET, the live socket, the answer to
// our own POST) and may repeat or overtake each other: each is shown once,
// in seq order.

import { dividerElement, firstPending, messageElement, setMessageState } from './view.js';

const PAGE = 200;
/** Catch-up rounds one call may take while live messages keep outrunning it; then what the socket said is trusted. */
const MAX_ROUNDS = 3;

function fresh(id) {
  return { id, lastSeq: 0, buffer: new Map(), agentReadSeq: 0, agentSeq: 0, unread: [] };
}

/**
 * @param {{
 *   api: ReturnType<import('./api.js').createApi>,
 *   list: HTMLElement,
 *   images: ReturnType<import('./view.js').createImageCache>,
 *   onAppended: (m: any) => void,
 *   onView: (view: any) => void,
 * }} deps
 */
export function createConversation({ api, list, images, onAppended, onView }) {
  let cur = fresh(null);
  /** Conversations the customer has moved on from: anything still arriving for them is stale. */
  const past = new Set();
  const held = new Set();
  let view = { conversationId: null, state: null, agentName: null, agentReadSeq: 0, ratingOpenFor: null };
  let catching = null;
  let again = false;

  function switchTo(id) {
    if (cur.id) {
      past.add(cur.id);
      if (cur.lastSeq > 0) list.insertBefore(dividerElement(), firstPending(list));
    }
    cur = fresh(id);
  }

  function append(m) {
    cur.buffer.delete(m.seq);
    cur.lastSeq = m.seq;
    if (held.has(m.id)) return;
    held.add(m.id);
    const state = m.seq <= cur.agentReadSeq ? 'read' : 'sent';
    const el = messageElement(m, { state, imageUrl: m.imageId ? images.url(m.imageId) : null });
    list.insertBefore(el, firstPending(list));
    if (m.direction === 'in' && state === 'sent') cur.unread.push({ seq: m.seq, el });
    if (m.direction === 'out') cur.agentSeq = Math.max(cur.agentSeq, m.seq);
    onAppended(m);
  }

  function drain() {
    for (let next; (next = cur.buffer.get(cur.lastSeq + 1)); ) append(next);
  }

  /**
   * `listed`: the message came from a GET, which lists everything after the
   * cursor; a seq it skips is an agent's internal note, not a gap to fetch.
   */
  function receive(m, listed = false) {
    if (!m || m.direction === 'note' || held.has(m.id)) return;
    if (m.conversationId !== cur.id) {
      if (past.has(m.conversationId)) return;
      switchTo(m.conversationId);
      // A new conversation began (the customer wrote after the last one closed): fetch its view too.
      if (!listed) catchUpSoon();
    }
    if (m.seq <= cur.lastSeq) return;
    if (m.seq > cur.lastSeq + 1 && !listed) {
      cur.buffer.set(m.seq, m);
      catchUpSoon();
      return;
    }
    append(m);
    drain();
  }

  function setAgentRead(seq) {
    if (seq <= cur.agentReadSeq) return;
    cur.agentReadSeq = seq;
    cur.unread = cur.unread.filter(({ seq: s, el }) => (s <= seq ? (setMessageState(el, 'read'), false) : true));
  }

  /** Takes a view (GET or live 'state'); true when it names a conversation the page did not know yet. */
  function applyView(v) {
    if (v.conversationId !== null && past.has(v.conversationId)) return false;
    const switched = v.conversationId !== null && v.conversationId !== cur.id;
    if (switched) switchTo(v.conversationId);
    view = {
      conversationId: v.conversationId,
      state: v.state,
      agentName: v.agentName,
      agentReadSeq: v.agentReadSeq,
      ratingOpenFor: v.ratingOpenFor,
    };
    if (v.conversationId === cur.id) setAgentRead(v.agentReadSeq);
    onView(view);
    return switched;
  }

  async function fetchAfter() {
    let after = cur.lastSeq;
    let asked = cur.id;
    for (;;) {
      const v = await api.conversation(after);
      // Our cursor counted another conversation's seqs: start the new one from its beginning.
      if (v.conversationId !== asked && after > 0) {
        after = 0;
        asked = v.conversationId;
        continue;
      }
      applyView(v);
      for (const m of v.messages) receive(m, true);
      if (v.messages.length < PAGE) return;
      after = v.messages[v.messages.length - 1].seq;
    }
  }

  /** GET everything after the last seq held, page by page; concurrent calls share one run. */
  function catchUp() {
    if (catching) {
      again = true;
      return catching;
    }
    catching = (async () => {
      try {
        let rounds = 0;
        do {
          again = false;
          await fetchAfter();
          if (cur.buffer.size > 0) {
            for (const seq of cur.buffer.keys()) if (seq <= cur.lastSeq) cur.buffer.delete(seq);
            drain();
            if (++rounds >= MAX_ROUNDS) {
              for (const seq of [...cur.buffer.keys()].sort((a, b) => a - b)) append(cur.buffer.get(seq));
            } else if (cur.buffer.size > 0) {
              again = true;
            }
          }
        } while (again);
      } finally {
        catching = null;
      }
    })();
    return catching;
  }

  /** After the current message is handled, so the cursor the GET starts from already counts it. */
  function catchUpSoon() {
    queueMicrotask(() => catchUp().catch(() => undefined));
  }

  return {
    receive,
    applyView,
    catchUp,
    catchUpSoon,
    /** A live 'read': the agent has read up to seq in the current conversation. */
    agentRead(seq) {
      view = { ...view, agentReadSeq: Math.max(view.agentReadSeq, seq) };
      setAgentRead(seq);
    },
    holds: (id) => held.has(id),
    view: () => view,
    /** The highest agent message seq shown in the current conversation, for the page's read mark. */
    agentSeen: () => ({ conversationId: cur.id, seq: cur.agentSeq }),
  };
}
