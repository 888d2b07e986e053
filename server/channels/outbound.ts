import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WebhookChannel } from '../../shared/head-office/conversations.js';
import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { appendMessage } from '../conversations/conversation-records.js';
import { publish } from '../conversations/conversation-events.js';

/** How an agent's note names a gateway channel. */
const CHANNEL_NAMES_ZH: Record<WebhookChannel, string> = { app: 'APP 消息', wechat: '微信消息', weibo: '微博私信', sms: '短信' };

/** The PostgreSQL channel that wakes the senders when a reply is queued for a gateway. */
export const OUTBOUND_CHANNEL = 'motordesk_outbound';
/** Tries before a reply is given up (the agent is told in the conversation). */
const MAX_ATTEMPTS = 5;

/**
 * How a reply leaves head office for a channel's gateway. A real SMS
 * gateway, the APP's push service or the WeChat/Weibo APIs implement this;
 * a throw means "not delivered, try again later".
 */
export interface ChannelAdapter {
  send(reply: { recipient: string; body: string; messageId: string }): Promise<void>;
}

/**
 * The adapter head office ships with: each reply is written, one line per
 * message, to a file a person can read (and a test can check), e.g.
 * `2026-11-26T09:30:00.000Z  13800001234  您好，…`.
 */
export function logFileAdapter(file: string): ChannelAdapter {
  let ready: Promise<unknown> | null = null;
  return {
    async send(reply) {
      ready ??= mkdir(dirname(file), { recursive: true, mode: 0o700 });
      await ready;
      const oneLine = reply.body.replace(/\r?\n/g, ' ⏎ ');
      await appendFile(file, `${new Date().toISOString()}\t${reply.recipient}\t${reply.messageId}\t${oneLine}\n`, { mode: 0o600 });
    },
  };
}

/** Queue a reply for the gateway, in the transaction that stores it; it leaves once that commits. */
export async function queueOutbound(tx: SqlExecutor, channel: string, identityId: string, messageId: string, body: string): Promise<void> {
  await tx.query(
    `INSERT INTO channel_outbound (channel, recipient, message_id, body) SELECT $1, external_id, $3, $4 FROM channel_identities WHERE id = $2`,
    [channel, identityId, messageId, body],
  );
  await tx.query(`SELECT pg_notify('${OUTBOUND_CHANNEL}', $1)`, [channel]);
}

/** Queue an SMS to a mobile number (no channel identity: head office's own notices), in the caller's transaction like queueOutbound. */
export async function queueSms(tx: SqlExecutor, phone: string, messageId: string, body: string): Promise<void> {
  await tx.query(`INSERT INTO channel_outbound (channel, recipient, message_id, body) VALUES ('sms', $1, $2, $3)`, [phone, messageId, body]);
  await tx.query(`SELECT pg_notify('${OUTBOUND_CHANNEL}', 'sms')`);
}

/** A claim older than this was lost with the instance that held it: the reply is tried again. */
const CLAIM_LOST_AFTER_SECONDS = 300;

/** A gateway call that takes longer is abandoned (and tried again later): one slow call never stalls the rest. */
const SEND_TIMEOUT_MS = 30_000;

interface Claimed {
  claim_id: string;
  id: string;
  channel: WebhookChannel;
  recipient: string;
  message_id: string;
  body: string;
  attempts: number;
}

/**
 * Sends queued replies, oldest due first. Each is claimed in a statement
 * of its own (SKIP LOCKED: several instances share the work), handed to
 * the adapter outside any transaction (a slow gateway never holds the
 * database), then marked sent. A failure is tried again later with a
 * growing delay, without holding up the replies behind it; after the last
 * try the agent is told in the conversation. Delivery is at least once,
 * keyed by the message id (a gateway that sees an id again drops it): an
 * instance that dies between sending and marking leaves a claim that is
 * tried again once it is old.
 */
export async function startOutboundSender(
  db: SqlClient,
  adapters: Record<WebhookChannel, ChannelAdapter>,
  log: (message: string, err?: unknown) => void,
  o: { everyMs?: number; retryBaseSeconds?: number } = {},
) {
  const everyMs = o.everyMs ?? 5_000;
  const retryBase = o.retryBaseSeconds ?? 10;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const claim = async (): Promise<Claimed | undefined> =>
    (
      await db.query<Claimed>(
        // A reply waits while an earlier one to the same person is unsent: a customer reads them in order.
        `UPDATE channel_outbound SET state = 'sending', claimed_at = now(), claim_id = $2, attempts = attempts + 1
          WHERE id = (SELECT o.id FROM channel_outbound o
                       WHERE ((o.state = 'pending' AND o.next_attempt_at <= now())
                          OR (o.state = 'sending' AND o.claimed_at < now() - make_interval(secs => $1)))
                         AND NOT EXISTS (SELECT 1 FROM channel_outbound e WHERE e.channel = o.channel AND e.recipient = o.recipient
                                            AND e.state IN ('pending', 'sending') AND e.id < o.id)
                       ORDER BY o.next_attempt_at, o.id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING claim_id, id, channel, recipient, message_id, body, attempts`,
        [CLAIM_LOST_AFTER_SECONDS, randomUUID()],
      )
    )[0];

  const failed = async (row: Claimed, err: unknown) => {
    const reason = String((err as Error)?.message ?? err).slice(0, 500);
    log(`sending a ${row.channel} reply failed (try ${row.attempts})`, err);
    if (row.attempts < MAX_ATTEMPTS) {
      // 10 s, 20 s, 40 s, 80 s by default: a gateway that is down for a while is not hammered.
      const delay = retryBase * 2 ** (row.attempts - 1);
      await db.query(
        `UPDATE channel_outbound SET state = 'pending', last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1 AND claim_id = $2 AND state = 'sending'`,
        [row.id, row.claim_id, reason, delay],
      );
      // Tried again when due, not only on the next timer tick.
      setTimeout(() => void drain(), delay * 1000 + 50).unref();
      return;
    }
    await db.transaction(async (tx) => {
      const gaveUp = await tx.query(`UPDATE channel_outbound SET state = 'failed', last_error = $3 WHERE id = $1 AND claim_id = $2 AND state = 'sending' RETURNING id`, [
        row.id,
        row.claim_id,
        reason,
      ]);
      // Another sender took the claim over (this one took too long): its outcome stands.
      if (gaveUp.length === 0) return;
      const [conv] = await tx.query<{ conversation_id: string }>('SELECT conversation_id FROM conversation_messages WHERE id = $1', [row.message_id]);
      if (!conv) return;
      await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conv.conversation_id]);
      // The customer never got the answer: they are waiting again (the lead's queue shows it), and the agent is told.
      await tx.query(`UPDATE conversations SET awaiting_reply_since = coalesce(awaiting_reply_since, now()) WHERE id = $1 AND state = 'assigned'`, [conv.conversation_id]);
      const seq = await appendMessage(tx, {
        id: randomUUID(),
        conversationId: conv.conversation_id,
        direction: 'note',
        kind: 'text',
        body: `${CHANNEL_NAMES_ZH[row.channel]}未能送达客户（已重试 ${row.attempts} 次）：${row.body.slice(0, 60)}`,
      });
      await publish(tx, { k: 'm', c: conv.conversation_id, s: seq });
      await publish(tx, { k: 'c', c: conv.conversation_id });
    });
  };

  const sendOne = async (): Promise<boolean> => {
    const row = await claim();
    if (!row) return false;
    try {
      const adapter = adapters[row.channel];
      if (!adapter) throw new Error(`no adapter for channel ${row.channel}`);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        adapter.send({ recipient: row.recipient, body: row.body, messageId: row.message_id }),
        new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`the gateway did not answer in ${SEND_TIMEOUT_MS / 1000} s`)), SEND_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
    } catch (err) {
      await failed(row, err);
      return true;
    }
    await db.query(`UPDATE channel_outbound SET state = 'sent', sent_at = now(), last_error = NULL WHERE id = $1 AND claim_id = $2`, [row.id, row.claim_id]);
    return true;
  };
  const drain = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          while (!stopped && (await sendOne()));
        } catch (err) {
          if (!stopped) log('the reply sender failed', err);
        }
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };

  const unlisten = await db.listen(OUTBOUND_CHANNEL, () => void drain());
  const timer = setInterval(() => void drain(), everyMs);
  timer.unref();
  void drain();
  return {
    drain,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      await running;
    },
  };
}
