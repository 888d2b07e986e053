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

/** A claim older than this was lost with the instance that held it: the reply is tried again. */
const CLAIM_LOST_AFTER_SECONDS = 300;

interface Claimed {
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
        `UPDATE channel_outbound SET state = 'sending', claimed_at = now(), attempts = attempts + 1
          WHERE id = (SELECT id FROM channel_outbound
                       WHERE (state = 'pending' AND next_attempt_at <= now())
                          OR (state = 'sending' AND claimed_at < now() - make_interval(secs => $1))
                       ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, channel, recipient, message_id, body, attempts`,
        [CLAIM_LOST_AFTER_SECONDS],
      )
    )[0];

  const failed = async (row: Claimed, err: unknown) => {
    const reason = String((err as Error)?.message ?? err).slice(0, 500);
    log(`sending a ${row.channel} reply failed (try ${row.attempts})`, err);
    if (row.attempts < MAX_ATTEMPTS) {
      // 10 s, 20 s, 40 s, 80 s by default: a gateway that is down for a while is not hammered.
      await db.query(`UPDATE channel_outbound SET state = 'pending', last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`, [
        row.id,
        reason,
        retryBase * 2 ** (row.attempts - 1),
      ]);
      return;
    }
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE channel_outbound SET state = 'failed', last_error = $2 WHERE id = $1`, [row.id, reason]);
      const [conv] = await tx.query<{ conversation_id: string }>('SELECT conversation_id FROM conversation_messages WHERE id = $1', [row.message_id]);
      if (!conv) return;
      await tx.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conv.conversation_id]);
      const seq = await appendMessage(tx, {
        id: randomUUID(),
        conversationId: conv.conversation_id,
        direction: 'note',
        kind: 'text',
        body: `${CHANNEL_NAMES_ZH[row.channel]}未能送达客户（已重试 ${row.attempts} 次）：${row.body.slice(0, 60)}`,
      });
      await publish(tx, { k: 'm', c: conv.conversation_id, s: seq });
    });
  };

  const sendOne = async (): Promise<boolean> => {
    const row = await claim();
    if (!row) return false;
    try {
      const adapter = adapters[row.channel];
      if (!adapter) throw new Error(`no adapter for channel ${row.channel}`);
      await adapter.send({ recipient: row.recipient, body: row.body, messageId: row.message_id });
    } catch (err) {
      await failed(row, err);
      return true;
    }
    await db.query(`UPDATE channel_outbound SET state = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [row.id]);
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
