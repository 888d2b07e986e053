import { z } from 'zod';
import { DeskError } from '../../../../shared/contract/errors.js';
import type { DeskPresence, ListenView, ConversationSummary } from '../../../../shared/contract/schemas.js';
import { AgentPresence, ChatMessage, LiveConversation, MessagesAfter, type DeskLiveMessage } from '../../../../shared/head-office/conversations.js';
import type { AgentStatus, SkillGroup } from '../../../../shared/domain/routing.js';
import type { DeskContext } from '../../app/desk-context.js';
import { HeadOfficeError, type HeadOfficeClient } from '../../head-office/head-office-client.js';
import type { OutboxEntry } from '../../outbox/outbox.js';
import { findConversation, toSummary } from '../conversations/conversation-store.js';
import { applyConversation, applyMessage, markRead } from './live-records.js';
import { deskError, headOfficeCalls, Ok } from './head-office-calls.js';

interface LiveLink {
  sendLive(command: object): boolean;
  liveConnected(): boolean;
}

/** How long a "customer is typing" lasts without a new sign. */
const TYPING_MS = 5_000;

/**
 * Conversations routed by head office, on this desk: what arrives on the
 * live socket is applied to the cache in head office's order, and after
 * every (re)connect each conversation catches up from its own cursor, so
 * no message is ever missed (a time window would lose some). Replies go
 * through the outbox like every change, so they wait offline and leave in
 * order; push results mark them sent or failed, the customer's read marks
 * mark them read.
 */
export function createLiveConversations(ctx: DeskContext, client: HeadOfficeClient, link: LiveLink, me: () => string | null, log: (m: string, e?: unknown) => void) {
  const db = ctx.db;
  /** One chain per conversation: live messages and catch-up never apply the same number twice. */
  const chains = new Map<string, Promise<void>>();
  const customerTypingUntil = new Map<string, number>();
  const viewersOf = new Map<string, { accountId: string; name: string; typing: boolean }[]>();
  let viewing: string | null = null;
  let listening: string | null = null;
  let serverConnected = false;
  let lastStatus: AgentStatus = 'offline';
  /**
   * This desk's clock minus head office's (from the socket's hello): head
   * office measures waiting and first response, and the desk's timers run on
   * its own clock, so head office's times are shifted into it.
   */
  let clockOffset = 0;
  const local = (ms: number | null) => (ms === null ? null : ms + clockOffset);
  const localConversation = (c: LiveConversation): LiveConversation => ({
    ...c,
    createdAt: c.createdAt + clockOffset,
    queuedAt: c.queuedAt + clockOffset,
    awaitingReplySince: local(c.awaitingReplySince),
    firstResponseAt: local(c.firstResponseAt),
    lastMessageAt: local(c.lastMessageAt),
    closedAt: local(c.closedAt),
  });
  const localMessage = (m: ChatMessage): ChatMessage => ({ ...m, at: m.at + clockOffset });

  const serial = (conversationId: string, work: () => Promise<void>) => {
    const next = (chains.get(conversationId) ?? Promise.resolve()).then(work).catch((err: unknown) => log(`catching up conversation ${conversationId} failed`, err));
    chains.set(conversationId, next);
    void next.finally(() => {
      if (chains.get(conversationId) === next) chains.delete(conversationId);
    });
    return next;
  };

  /** Every message after the conversation's cursor, page by page. */
  const catchUp = (conversationId: string) =>
    serial(conversationId, async () => {
      for (let guard = 0; guard < 1000; guard++) {
        const conv = findConversation(db, conversationId);
        if (!conv || conv.remote !== 1) return;
        const page = await client.get(`/api/conversations/${conversationId}/messages?after=${conv.remote_seq}&limit=500`, MessagesAfter);
        if (page.messages.length === 0) return;
        db.transaction(() => {
          for (const m of page.messages) applyMessage(db, localMessage(m));
        })();
        ctx.emit('conversationChanged', { conversationId });
        if (!page.more) return;
      }
    });

  const applySummary = (c: LiveConversation) => {
    const account = me();
    if (!account) return;
    const applied = db.transaction(() => applyConversation(db, localConversation(c), account))();
    if (applied === 'none') return;
    ctx.emit('conversationChanged', { conversationId: c.id });
    if (applied === 'arrived') {
      ctx.emit('conversationArrived', { conversationId: c.id, customerName: c.customerName, channel: c.channel });
    }
    if (applied === 'left') {
      ctx.emit('conversationLeft', { conversationId: c.id, customerName: c.customerName, to: c.state === 'assigned' ? c.assigneeName : null, ended: c.state === 'closed' });
    }
    if (applied !== 'left') void catchUp(c.id);
  };

  const emitLive = (conversationId: string) => {
    ctx.emit('conversationLive', {
      conversationId,
      viewers: (viewersOf.get(conversationId) ?? []).filter((v) => v.accountId !== me()).map((v) => ({ name: v.name, typing: v.typing })),
      customerTyping: (customerTypingUntil.get(conversationId) ?? 0) > Date.now(),
    });
  };

  /** After a (re)connect: the agent's conversations as head office has them, each caught up; ones that left are closed here. */
  const resync = async () => {
    const account = me();
    if (!account) return;
    try {
      const mine = await client.get('/api/desk/conversations', z.array(LiveConversation));
      const held = new Set(mine.map((c) => c.id));
      for (const c of mine) applySummary(c);
      const localOpen = db.prepare(`SELECT id FROM conversations WHERE remote = 1 AND status = 'open'`).pluck().all() as string[];
      for (const id of localOpen.filter((i) => !held.has(i))) {
        const c = await client.get(`/api/conversations/${id}`, LiveConversation).catch((err: unknown) => {
          if (err instanceof HeadOfficeError && err.code === 'NOT_FOUND') return null;
          throw err;
        });
        if (c) applySummary(c);
        else {
          db.prepare(`UPDATE conversations SET status = 'closed', ended_reason = 'transferred' WHERE id = ?`).run(id);
          ctx.emit('conversationChanged', { conversationId: id });
        }
      }
      if (viewing || listening) link.sendLive({ type: 'viewing', conversationId: listening ?? viewing, silent: listening !== null });
    } catch (err) {
      log('catching up conversations after reconnecting failed', err);
    }
  };

  const isRemote = (conversationId: string) => findConversation(db, conversationId)?.remote === 1;

  return {
    ...headOfficeCalls(client, me),

    /** What head office says on the live socket. */
    onLive(message: { type: string } & Record<string, unknown>) {
      const m = message as DeskLiveMessage | { type: 'closed' };
      switch (m.type) {
        case 'hello':
          serverConnected = true;
          if (typeof m.now === 'number') clockOffset = ctx.now() - m.now;
          ctx.emit('presenceChanged', {});
          void resync();
          return;
        case 'closed':
          serverConnected = false;
          ctx.emit('presenceChanged', {});
          return;
        case 'conversation': {
          const parsed = LiveConversation.safeParse(m.conversation);
          if (parsed.success) applySummary(parsed.data);
          if (listening === (m.conversation as { id?: string }).id) ctx.emit('queueChanged', { conversationId: listening });
          return;
        }
        case 'message': {
          const parsed = ChatMessage.safeParse(m.message);
          if (!parsed.success) return;
          const msg = parsed.data;
          if (listening === msg.conversationId) ctx.emit('queueChanged', { conversationId: listening });
          if (!isRemote(msg.conversationId)) return;
          void serial(msg.conversationId, async () => {
            const applied = db.transaction(() => applyMessage(db, localMessage(msg)))();
            if (applied) {
              ctx.emit('conversationChanged', { conversationId: msg.conversationId });
              // The message the customer was typing is here: they are no longer typing.
              if (msg.direction === 'in' && customerTypingUntil.delete(msg.conversationId)) emitLive(msg.conversationId);
            }
          }).then(() => {
            const conv = findConversation(db, msg.conversationId);
            // A number skipped (a message missed while the socket blinked): fetch from the cursor.
            if (conv && conv.remote_seq < msg.seq) void catchUp(msg.conversationId);
          });
          return;
        }
        case 'read':
          if (isRemote(m.conversationId) && markRead(db, m.conversationId, m.customerReadSeq) > 0) ctx.emit('conversationChanged', { conversationId: m.conversationId });
          return;
        case 'typing':
          if (m.side === 'customer') customerTypingUntil.set(m.conversationId, Date.now() + TYPING_MS);
          else {
            const list = viewersOf.get(m.conversationId) ?? [];
            for (const v of list) if (v.name === m.who) v.typing = true;
            setTimeout(() => {
              for (const v of viewersOf.get(m.conversationId) ?? []) if (v.name === m.who) v.typing = false;
              emitLive(m.conversationId);
            }, TYPING_MS).unref();
          }
          emitLive(m.conversationId);
          return;
        case 'viewers':
          viewersOf.set(m.conversationId, m.viewers.map((v) => ({ ...v })));
          emitLive(m.conversationId);
          return;
        case 'queue':
          ctx.emit('queueChanged', { conversationId: null });
          return;
      }
    },

    /** Push results for replies: taken (sent) or refused (failed, with the reason). */
    onPushed(confirmed: OutboxEntry[], refused: { entry: OutboxEntry; reason: { code: string; message: string } }[]) {
      const touched = new Set<string>();
      db.transaction(() => {
        for (const e of confirmed) {
          if (e.name !== 'conversation.sendMessage') continue;
          db.prepare(`UPDATE messages SET state = 'sent', failure = NULL WHERE id = ? AND state IN ('sending', 'failed')`).run(e.args.id);
          touched.add(String(e.args.conversationId));
        }
        for (const { entry, reason } of refused) {
          if (entry.name !== 'conversation.sendMessage') continue;
          db.prepare(`UPDATE messages SET state = 'failed', failure = ? WHERE id = ?`).run(`${reason.code}: ${reason.message}`, entry.args.id);
          touched.add(String(entry.args.conversationId));
        }
      })();
      for (const conversationId of touched) ctx.emit('conversationChanged', { conversationId });
    },

    /** Head office's number of the last message here (a reply says what its agent had seen). */
    seenOnHeadOffice: (conversationId: string) => findConversation(db, conversationId)?.remote_seq ?? 0,

    typing(conversationId: string) {
      if (isRemote(conversationId)) link.sendLive({ type: 'typing', conversationId });
      return { ok: true as const };
    },

    viewing(conversationId: string | null) {
      viewing = conversationId && isRemote(conversationId) ? conversationId : null;
      if (!listening) link.sendLive({ type: 'viewing', conversationId: viewing, silent: false });
      return { ok: true as const };
    },

    /** The agent read the conversation: head office tells the customer (已读). */
    read(conversationId: string) {
      const conv = findConversation(db, conversationId);
      if (conv?.remote === 1) link.sendLive({ type: 'read', conversationId, seq: conv.remote_seq });
    },

    /** The agent's status as head office has it; without a line, the last one known, not connected. */
    async presence(): Promise<DeskPresence> {
      try {
        const mine = await client.get('/api/presence', AgentPresence);
        lastStatus = mine.status;
        return { status: lastStatus, connected: serverConnected && link.liveConnected() && mine.connected };
      } catch (err) {
        if (err instanceof HeadOfficeError && (err.kind === 'OFFLINE' || err.kind === 'UNAVAILABLE')) return { status: lastStatus, connected: false };
        return deskError(err);
      }
    },

    async setPresence(status: AgentStatus): Promise<DeskPresence> {
      const mine = await client.send('PUT', '/api/presence', { status }, AgentPresence).catch(deskError);
      lastStatus = mine.status;
      ctx.emit('presenceChanged', {});
      return { status: mine.status, connected: serverConnected && link.liveConnected() && mine.connected };
    },

    async transfer(input: { conversationId: string; toAccountId?: string | undefined; toGroup?: SkillGroup | undefined; note: string }) {
      if (!isRemote(input.conversationId)) throw new DeskError('NO_HEAD_OFFICE', 'only conversations routed by head office are transferred');
      const { conversationId, ...body } = input;
      // Off this desk's list before asking, so head office's own notice of the move is not news to the agent who made it.
      db.prepare(`UPDATE conversations SET status = 'closed', ended_reason = 'transferred' WHERE id = ?`).run(conversationId);
      try {
        await client.send('POST', `/api/conversations/${conversationId}/transfer`, body, Ok);
      } catch (err) {
        db.prepare(`UPDATE conversations SET status = 'open', ended_reason = NULL WHERE id = ? AND ended_reason = 'transferred'`).run(conversationId);
        deskError(err);
      } finally {
        ctx.emit('conversationChanged', { conversationId });
      }
      return { ok: true as const };
    },

    async linkCustomer(conversationId: string, phone: string): Promise<ConversationSummary> {
      if (!isRemote(conversationId)) throw new DeskError('NO_HEAD_OFFICE', 'only conversations routed by head office are linked there');
      const c = await client.send('POST', `/api/conversations/${conversationId}/link-customer`, { phone }, LiveConversation).catch(deskError);
      applySummary(c);
      return toSummary(findConversation(db, conversationId)!);
    },

    /** A lead listens in: head office counts them as a silent viewer, and nothing is marked read. */
    async listen(conversationId: string): Promise<ListenView> {
      const conversation = await client.get(`/api/conversations/${conversationId}`, LiveConversation).catch(deskError);
      const page = await client.get(`/api/conversations/${conversationId}/messages?after=${Math.max(0, conversation.lastSeq - 500)}&limit=500`, MessagesAfter).catch(deskError);
      listening = conversationId;
      link.sendLive({ type: 'viewing', conversationId, silent: true });
      return { conversation, messages: page.messages };
    },

    stopListening() {
      listening = null;
      link.sendLive({ type: 'viewing', conversationId: viewing, silent: false });
      return { ok: true as const };
    },
  };
}

export type LiveConversations = ReturnType<typeof createLiveConversations>;
