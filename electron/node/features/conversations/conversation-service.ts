import { DeskError } from '../../../../shared/contract/errors.js';
import type { ConversationSummary, Message, MessagePage } from '../../../../shared/contract/schemas.js';
import type { Channel } from '../../../../shared/domain/channels.js';
import { uuidv7 } from '../../../../shared/domain/ids.js';
import { findForbiddenPhrases } from '../../../../shared/domain/compliant-wording.js';
import { maskPlate, maskPolicyNumber } from '../../../../shared/domain/masking.js';
import type { DeskContext } from '../../app/desk-context.js';
import type { AgentService } from '../agents/agent-service.js';
import type { SettingsService } from '../settings/settings-service.js';
import { recordUsage } from '../usage/usage-store.js';
import { appendMessage, findConversation, listOpenConversations, messageById, messagesBefore, toSummary } from './conversation-store.js';

/** Messages after `seenSeq` that the agent did not write (the customer's, a colleague's, a notice). */
function newerFromOthers(db: DeskContext['db'], conversationId: string, seenSeq: number, agentId: string): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? AND NOT (direction = 'out' AND author_agent_id IS ?) LIMIT 1`)
      .get(conversationId, seenSeq, agentId) !== undefined
  );
}

export function createConversationService(ctx: DeskContext, agents: AgentService, settings: SettingsService) {
  const mustFind = (id: string) => {
    const row = findConversation(ctx.db, id);
    if (!row) throw new DeskError('NOT_FOUND', `conversation ${id} not found`);
    return row;
  };

  return {
    list(): ConversationSummary[] {
      return listOpenConversations(ctx.db).map(toSummary);
    },

    messages(input: { conversationId: string; beforeSeq?: number | undefined; limit: number }): MessagePage {
      const conv = mustFind(input.conversationId);
      const before = input.beforeSeq ?? conv.last_seq + 1;
      const messages = messagesBefore(ctx.db, conv.id, before, input.limit);
      const first = messages[0];
      return { messages, hasOlder: first !== undefined && first.seq > 1 };
    },

    send(input: { conversationId: string; body: string; scriptIds: string[]; seenSeq?: number | undefined; confirmedWording?: string[] | undefined }): Message {
      const agent = agents.require();
      // Forbidden service wording goes only when the agent said so (the composer asks): head office records it.
      const forbidden = findForbiddenPhrases(input.body).map((p) => p.phrase);
      const confirmed = new Set(input.confirmedWording ?? []);
      if (forbidden.some((p) => !confirmed.has(p))) throw new DeskError('WORDING_NOT_CONFIRMED', `forbidden wording not confirmed: ${forbidden.join(', ')}`);
      const id = uuidv7();
      const at = ctx.now();
      ctx.write(() => {
        const conv = mustFind(input.conversationId);
        if (conv.status !== 'open') throw new DeskError('INVALID_TRANSITION', 'conversation is closed');
        if (conv.channel === 'phone') throw new DeskError('INVALID_TRANSITION', 'a logged phone call has no channel to reply on');
        // Someone else wrote after what the agent had on screen: they read it first, so nobody answers twice.
        if (input.seenSeq !== undefined && newerFromOthers(ctx.db, conv.id, input.seenSeq, agent.id)) {
          throw new DeskError('CONVERSATION_CHANGED', 'new messages arrived since you last looked');
        }
        const remote = conv.remote === 1;
        appendMessage(ctx.db, { id, conversationId: conv.id, direction: 'out', body: input.body, authorAgentId: agent.id, at, state: remote ? 'sending' : null });
        for (const scriptId of new Set(input.scriptIds)) recordUsage(ctx, 'script', scriptId, agent.id, at);
        // A conversation only this desk has (a standalone desk's) has nowhere to send its replies.
        if (remote) {
          ctx.outbox.append(
            'conversation.sendMessage',
            { id, conversationId: conv.id, body: input.body, seenSeq: conv.remote_seq, ...(forbidden.length > 0 ? { confirmedWording: forbidden } : {}), at },
            at,
          );
        }
      });
      ctx.emit('conversationChanged', { conversationId: input.conversationId });
      return messageById(ctx.db, id);
    },

    /** Send a reply head office refused once more, as it was (same id: it can never show twice). */
    retry(input: { conversationId: string; messageId: string; seenSeq?: number | undefined }): Message {
      const agent = agents.require();
      const at = ctx.now();
      ctx.write(() => {
        const conv = mustFind(input.conversationId);
        const m = ctx.db.prepare(`SELECT body, state FROM messages WHERE id = ? AND conversation_id = ? AND direction = 'out'`).get(input.messageId, conv.id) as
          | { body: string; state: string | null }
          | undefined;
        if (!m) throw new DeskError('NOT_FOUND', `message ${input.messageId} not found`);
        if (m.state !== 'failed') throw new DeskError('INVALID_TRANSITION', 'only a failed reply is sent again');
        if (conv.status !== 'open') throw new DeskError('INVALID_TRANSITION', 'conversation is closed');
        if (input.seenSeq !== undefined && newerFromOthers(ctx.db, conv.id, input.seenSeq, agent.id)) {
          throw new DeskError('CONVERSATION_CHANGED', 'new messages arrived since you last looked');
        }
        // Sent now, after what the agent has read since: it goes to the end, where head office will number it.
        const last = ctx.db.prepare('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq').pluck().get(conv.id) as number;
        ctx.db
          .prepare(`UPDATE messages SET state = 'sending', failure = NULL, author_agent_id = ?, seq = ?, sent_at = ? WHERE id = ?`)
          .run(agent.id, last, at, input.messageId);
        ctx.outbox.append('conversation.sendMessage', { id: input.messageId, conversationId: conv.id, body: m.body, seenSeq: conv.remote_seq, at }, at);
      });
      ctx.emit('conversationChanged', { conversationId: input.conversationId });
      return messageById(ctx.db, input.messageId);
    },

    /** A customer's message arriving at this desk (channels feed this). */
    receive(input: { conversationId: string; body: string; at?: number }): Message {
      const id = uuidv7();
      const at = input.at ?? ctx.now();
      ctx.db.transaction(() => {
        mustFind(input.conversationId);
        appendMessage(ctx.db, { id, conversationId: input.conversationId, direction: 'in', body: input.body, authorAgentId: null, at });
      })();
      ctx.emit('conversationChanged', { conversationId: input.conversationId });
      return messageById(ctx.db, id);
    },

    open(input: { customerId: string | null; customerName: string; channel: Channel; subject: string }): ConversationSummary {
      const id = uuidv7();
      const at = ctx.now();
      ctx.db
        .prepare(
          `INSERT INTO conversations (id, customer_id, customer_name, channel, status, subject, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'open', ?, ?, ?)`,
        )
        .run(id, input.customerId, input.customerName, input.channel, input.subject, at, at);
      ctx.emit('conversationChanged', { conversationId: id });
      return toSummary(mustFind(id));
    },

    logPhoneCall(input: { customerId: string | null; callerName: string; notes: string; durationSeconds: number; outcome: 'answered' | 'callback' | 'transferred' | 'no_answer' }): ConversationSummary {
      const agent = agents.require();
      const id = uuidv7();
      const at = ctx.now();
      ctx.write(() => {
        if (input.customerId && !ctx.db.prepare('SELECT 1 FROM customers WHERE id = ?').get(input.customerId)) {
          throw new DeskError('NOT_FOUND', `customer ${input.customerId} not found`);
        }
        ctx.db
          .prepare(
            `INSERT INTO conversations (id, customer_id, customer_name, channel, status, subject, call_outcome, call_duration_seconds, created_at, updated_at)
             VALUES (?, ?, ?, 'phone', 'open', '', ?, ?, ?, ?)`,
          )
          .run(id, input.customerId, input.callerName, input.outcome, input.durationSeconds, at, at);
        const noteId = uuidv7();
        appendMessage(ctx.db, { id: noteId, conversationId: id, direction: 'note', body: input.notes, authorAgentId: agent.id, at });
        ctx.outbox.append('conversation.logPhoneCall', { id, noteId, ...input, at }, at);
      });
      ctx.emit('conversationChanged', { conversationId: id });
      return toSummary(mustFind(id));
    },

    markRead(conversationId: string): { ok: true } {
      const info = ctx.db.prepare('UPDATE conversations SET unread_count = 0 WHERE id = ? AND unread_count <> 0').run(conversationId);
      // Only a real change is announced: windows re-mark the open conversation read on every notice.
      if (info.changes > 0) ctx.emit('conversationChanged', { conversationId });
      else mustFind(conversationId);
      return { ok: true };
    },

    /** The agent ends the conversation (服务结束); it leaves the open list. */
    close(conversationId: string): { ok: true } {
      const at = ctx.now();
      ctx.write(() => {
        const conv = mustFind(conversationId);
        if (conv.status === 'closed') return;
        ctx.db.prepare(`UPDATE conversations SET status = 'closed', awaiting_reply_since = NULL, updated_at = ? WHERE id = ?`).run(at, conversationId);
        // A logged call goes to head office as a conversation of its own, so its ending goes too.
        if (conv.remote === 1 || conv.channel === 'phone') ctx.outbox.append('conversation.close', { id: conversationId }, at);
      });
      ctx.emit('conversationChanged', { conversationId });
      return { ok: true };
    },

    saveDraft(conversationId: string, draft: string): { ok: true } {
      const conv = mustFind(conversationId);
      if (conv.status !== 'open') throw new DeskError('INVALID_TRANSITION', 'conversation is closed');
      ctx.db.prepare('UPDATE conversations SET draft = ? WHERE id = ?').run(draft, conversationId);
      return { ok: true };
    },

    /**
     * What the open conversation knows for script placeholders. Identifiers
     * stay masked: identity verification has not happened at this desk.
     */
    placeholderContext(conversationId: string): Record<string, string> {
      const conv = mustFind(conversationId);
      const agent = agents.current();
      const values: Record<string, string> = { customerName: conv.customer_name };
      if (agent) values.agentName = agent.displayName;
      const company = settings.get().companyName;
      if (company) values.companyName = company;
      if (conv.customer_id) {
        const vehicle = ctx.db.prepare('SELECT plate FROM vehicles WHERE customer_id = ? ORDER BY rowid LIMIT 1').pluck().get(conv.customer_id) as string | undefined;
        if (vehicle) values.plate = maskPlate(vehicle);
        const policy = ctx.db
          .prepare(`SELECT policy_no, expires_on FROM policies WHERE customer_id = ? AND status = 'active' ORDER BY expires_on LIMIT 1`)
          .get(conv.customer_id) as { policy_no: string; expires_on: string } | undefined;
        if (policy) {
          values.policyNo = maskPolicyNumber(policy.policy_no);
          values.expiryDate = policy.expires_on;
        }
      }
      const ticket = ctx.db
        .prepare(`SELECT ticket_no FROM tickets WHERE conversation_id = ? AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`)
        .pluck()
        .get(conversationId) as string | undefined;
      if (ticket) values.ticketNo = ticket;
      return values;
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
