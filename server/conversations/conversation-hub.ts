import type { WebSocket } from 'ws';
import type { AccountView } from '../../shared/head-office/auth.js';
import { DeskLiveCommand, WebChatLiveCommand, type DeskLiveMessage, type WebChatLiveMessage } from '../../shared/head-office/conversations.js';
import type { SqlClient } from '../db/sql-client.js';
import { CONVERSATION_CHANNEL, publish, type ConversationEvent } from './conversation-events.js';
import { findConversation, MESSAGE_SELECT, toChatMessage, toLiveConversation, type ConversationRow, type MessageRow } from './conversation-records.js';
import { canRead } from './conversation-access.js';
import { webChatState } from '../webchat/webchat-view.js';
import { createViewerRegistry } from './viewer-registry.js';
import { createPresenceLease } from './presence-lease.js';
import { GONE_AFTER_SECONDS } from './routing-service.js';

/** The lead's queue is re-read at most this often per desk, however busy the floor. */
const QUEUE_POKE_MS = 300;
/** Typing signs taken per socket at most this often (pages and desks send one every couple of seconds). */
const TYPING_EVERY_MS = 1_000;

interface DeskConn {
  socket: WebSocket;
  account: AccountView;
  viewing: string | null;
  silent: boolean;
  queueTimer: NodeJS.Timeout | null;
  lastQueuePoke: number;
  lastTyping: number;
}


const send = (socket: WebSocket, message: DeskLiveMessage | WebChatLiveMessage) => {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
};

/**
 * Fans conversation events out to the sockets this instance holds: desks
 * (the assignee, colleagues viewing, a lead listening in, leads watching
 * the queue) and customers on the web chat. Events come from every
 * instance through LISTEN, so a message stored through one instance
 * reaches sockets held by all of them. Typing, viewing and read marks are
 * events too, but stored only as far as read marks go.
 */
export async function createConversationHub(db: SqlClient, onQueueMoved: () => void, log: (message: string, err?: unknown) => void) {
  const desksByAccount = new Map<string, Set<DeskConn>>();
  const watchers = new Map<string, Set<DeskConn>>();
  const viewers = createViewerRegistry();
  const customers = new Map<string, Set<WebSocket>>();
  const leads = new Set<DeskConn>();
  let shuttingDown = false;

  const desksOf = (accountId: string | null | undefined) => (accountId ? (desksByAccount.get(accountId) ?? new Set<DeskConn>()) : new Set<DeskConn>());
  /**
   * The assignee's desks and every desk viewing the conversation that may
   * still read it (a transfer or a takeover ends a colleague's view), once each.
   */
  const audience = (conv: ConversationRow, also: (string | null | undefined)[] = []) => {
    const viewing = [...(watchers.get(conv.id) ?? [])];
    for (const d of viewing) if (!canRead(d.account, conv)) watchers.get(conv.id)?.delete(d);
    const out = new Set<DeskConn>([...desksOf(conv.assignee_id), ...viewing.filter((d) => canRead(d.account, conv))]);
    for (const a of also) for (const d of desksOf(a)) out.add(d);
    return out;
  };

  const pokeQueue = (desk: DeskConn) => {
    if (desk.queueTimer) return;
    const wait = Math.max(0, desk.lastQueuePoke + QUEUE_POKE_MS - Date.now());
    desk.queueTimer = setTimeout(() => {
      desk.queueTimer = null;
      desk.lastQueuePoke = Date.now();
      send(desk.socket, { type: 'queue' });
    }, wait);
  };
  const pokeLeads = () => {
    for (const l of leads) pokeQueue(l);
  };

  const onEvent = async (e: ConversationEvent) => {
    switch (e.k) {
      case 'm': {
        const [row] = await db.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.conversation_id = $1 AND m.seq = $2`, [e.c, e.s]);
        const conv = await findConversation(db, e.c);
        if (!row || !conv) return;
        const message = toChatMessage(row);
        for (const d of audience(conv)) send(d.socket, { type: 'message', message });
        if (conv.channel === 'webchat' && conv.identity_id && message.direction !== 'note') {
          for (const s of customers.get(conv.identity_id) ?? []) send(s, { type: 'message', message });
        }
        pokeLeads();
        return;
      }
      case 'c': {
        const conv = await findConversation(db, e.c);
        if (!conv) return;
        const conversation = toLiveConversation(conv);
        for (const d of audience(conv, [e.p])) send(d.socket, { type: 'conversation', conversation });
        if (conv.channel === 'webchat' && conv.identity_id) {
          const view = await webChatState(db, conv.identity_id);
          for (const s of customers.get(conv.identity_id) ?? []) send(s, { type: 'state', view });
        }
        pokeLeads();
        onQueueMoved();
        return;
      }
      case 't': {
        const conv = await findConversation(db, e.c);
        if (!conv) return;
        if (e.side === 'agent') {
          if (e.a) viewers.typing(e.c, e.a);
          for (const d of audience(conv)) if (d.account.id !== e.a) send(d.socket, { type: 'typing', conversationId: e.c, who: e.n, side: 'agent' });
          if (conv.channel === 'webchat' && conv.identity_id) for (const s of customers.get(conv.identity_id) ?? []) send(s, { type: 'typing', conversationId: e.c, name: e.n });
        } else {
          for (const d of audience(conv)) send(d.socket, { type: 'typing', conversationId: e.c, who: e.n, side: 'customer' });
        }
        return;
      }
      case 'v': {
        viewers.viewing(e.c, e.a, e.n, e.on, e.silent);
        const conv = await findConversation(db, e.c);
        if (!conv) return;
        const message = viewers.message(e.c);
        for (const d of audience(conv)) send(d.socket, message);
        return;
      }
      case 'r': {
        const conv = await findConversation(db, e.c);
        if (!conv) return;
        if (e.side === 'customer') {
          for (const d of audience(conv)) send(d.socket, { type: 'read', conversationId: e.c, customerReadSeq: e.s });
        } else if (conv.identity_id) {
          for (const s of customers.get(conv.identity_id) ?? []) send(s, { type: 'read', conversationId: e.c, agentReadSeq: e.s });
        }
        return;
      }
      case 'p':
        pokeLeads();
        onQueueMoved();
        return;
    }
  };

  const unlisten = await db.listen(CONVERSATION_CHANNEL, (payload) => {
    let event: ConversationEvent;
    try {
      event = JSON.parse(payload) as ConversationEvent;
    } catch {
      return;
    }
    onEvent(event).catch((err: unknown) => log('a conversation event could not be delivered', err));
  });

  const lease = createPresenceLease(db, () => [...desksByAccount.keys()], log);

  const setViewing = async (desk: DeskConn, conversationId: string | null, silent: boolean) => {
    const before = desk.viewing;
    if (before === conversationId && desk.silent === silent) return;
    if (before) {
      watchers.get(before)?.delete(desk);
      if (watchers.get(before)?.size === 0) watchers.delete(before);
      await publish(db, { k: 'v', c: before, a: desk.account.id, n: desk.account.displayName, on: false, silent: desk.silent });
    }
    desk.viewing = conversationId;
    desk.silent = silent;
    if (conversationId) {
      let set = watchers.get(conversationId);
      if (!set) watchers.set(conversationId, (set = new Set()));
      set.add(desk);
      await publish(db, { k: 'v', c: conversationId, a: desk.account.id, n: desk.account.displayName, on: true, silent });
      // The newcomer learns who else is here.
      send(desk.socket, viewers.message(conversationId));
    }
  };

  const deskCommand = async (desk: DeskConn, text: string) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = DeskLiveCommand.safeParse(raw);
    if (!parsed.success) return;
    const cmd = parsed.data;
    if (cmd.type === 'viewing') {
      if (cmd.conversationId === null) return setViewing(desk, null, false);
      const conv = await findConversation(db, cmd.conversationId);
      if (!conv || !canRead(desk.account, conv)) return;
      // Only leads listen in unseen.
      return setViewing(desk, conv.id, cmd.silent && desk.account.role !== 'agent');
    }
    if (cmd.type === 'typing') {
      if (Date.now() - desk.lastTyping < TYPING_EVERY_MS) return;
      desk.lastTyping = Date.now();
    }
    const conv = await findConversation(db, cmd.conversationId);
    if (!conv || conv.assignee_id !== desk.account.id) return;
    if (cmd.type === 'typing') return publish(db, { k: 't', c: conv.id, side: 'agent', a: desk.account.id, n: desk.account.displayName });
    const [row] = await db.query<{ agent_read_seq: number }>(
      `UPDATE conversations SET agent_read_seq = greatest(agent_read_seq, least($2, last_seq)) WHERE id = $1 AND assignee_id = $3 RETURNING agent_read_seq`,
      [conv.id, cmd.seq, desk.account.id],
    );
    if (row) await publish(db, { k: 'r', c: conv.id, side: 'agent', s: row.agent_read_seq });
  };

  return {
    /** A desk's live socket opened (see live-pokes.ts). */
    deskConnected(socket: WebSocket, account: AccountView) {
      const desk: DeskConn = { socket, account, viewing: null, silent: false, queueTimer: null, lastQueuePoke: 0, lastTyping: 0 };
      let set = desksByAccount.get(account.id);
      if (!set) desksByAccount.set(account.id, (set = new Set()));
      set.add(desk);
      if (account.role !== 'agent') leads.add(desk);
      lease.taken(account.id);
      let chain = Promise.resolve();
      return {
        // One desk's commands are handled in the order sent.
        message: (text: string) => {
          chain = chain.then(() => deskCommand(desk, text)).catch((err: unknown) => log('a desk command failed', err));
        },
        closed: () => {
          if (desk.queueTimer) clearTimeout(desk.queueTimer);
          leads.delete(desk);
          set.delete(desk);
          if (!shuttingDown) void setViewing(desk, null, false).catch(() => undefined);
          if (set.size === 0 && !shuttingDown) {
            desksByAccount.delete(account.id);
            lease.ended(account.id);
          }
        },
      };
    },

    /** A customer's web chat socket opened. */
    customerConnected(socket: WebSocket, identityId: string, name: string) {
      let set = customers.get(identityId);
      if (!set) customers.set(identityId, (set = new Set()));
      set.add(socket);
      let lastTyping = 0;
      socket.on('close', () => {
        set.delete(socket);
        if (set.size === 0) customers.delete(identityId);
      });
      socket.on('message', (data) => {
        let raw: unknown;
        try {
          raw = JSON.parse(data.toString());
        } catch {
          return;
        }
        const parsed = WebChatLiveCommand.safeParse(raw);
        if (!parsed.success) return;
        // Typing is a hint: one every TYPING_EVERY_MS is plenty, however fast the page sends.
        if (parsed.data.type === 'typing') {
          if (Date.now() - lastTyping < TYPING_EVERY_MS) return;
          lastTyping = Date.now();
        }
        void customerCommand(identityId, name, parsed.data).catch((err: unknown) => log('a web chat command failed', err));
      });
      send(socket, { type: 'hello' });
    },

    /** Whether routing may take a desk's lapsed lease for an agent who left (see createPresenceLease). */
    leasesTrusted: () => lease.trusted(GONE_AFTER_SECONDS),

    /** Before the sockets are closed: a desk let go because head office stops is not an agent who left. */
    async close() {
      shuttingDown = true;
      lease.stop();
      for (const set of desksByAccount.values()) for (const d of set) if (d.queueTimer) clearTimeout(d.queueTimer);
      for (const set of customers.values()) for (const s of set) s.terminate();
      await unlisten();
    },
  };

  async function customerCommand(identityId: string, name: string, cmd: WebChatLiveCommand) {
    const [open] = await db.query<{ id: string }>(`SELECT id FROM conversations WHERE identity_id = $1 ORDER BY created_at DESC LIMIT 1`, [identityId]);
    if (!open) return;
    if (cmd.type === 'typing') return publish(db, { k: 't', c: open.id, side: 'customer', n: name });
    const [row] = await db.query<{ customer_read_seq: number }>(
      `UPDATE conversations SET customer_read_seq = greatest(customer_read_seq, least($2, last_seq)) WHERE id = $1 RETURNING customer_read_seq`,
      [open.id, cmd.seq],
    );
    if (row) await publish(db, { k: 'r', c: open.id, side: 'customer', s: row.customer_read_seq });
  }
}

export type ConversationHub = Awaited<ReturnType<typeof createConversationHub>>;
