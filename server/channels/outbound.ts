import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WebhookChannel } from '../../shared/head-office/conversations.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';

/** The PostgreSQL channel that wakes the senders when a reply is queued for a gateway. */
export const OUTBOUND_CHANNEL = 'motordesk_outbound';
/** Tries before a reply is marked failed (the lead's queue and the logs show it). */
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

/**
 * Sends queued replies, oldest first, each under a row lock taken with
 * SKIP LOCKED: several instances share the work and no reply goes twice
 * (one that was sent is marked in the same transaction that held it).
 */
export async function startOutboundSender(db: SqlClient, adapters: Record<WebhookChannel, ChannelAdapter>, log: (message: string, err?: unknown) => void, everyMs = 5_000) {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const sendOne = async (): Promise<boolean> =>
    db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string; channel: WebhookChannel; recipient: string; message_id: string; body: string; attempts: number }>(
        `SELECT id, channel, recipient, message_id, body, attempts FROM channel_outbound WHERE state = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!row) return false;
      try {
        const adapter = adapters[row.channel];
        if (!adapter) throw new Error(`no adapter for channel ${row.channel}`);
        await adapter.send({ recipient: row.recipient, body: row.body, messageId: row.message_id });
        await tx.query(`UPDATE channel_outbound SET state = 'sent', attempts = attempts + 1, sent_at = now() WHERE id = $1`, [row.id]);
        return true;
      } catch (err) {
        log(`sending a ${row.channel} reply failed`, err);
        await tx.query(`UPDATE channel_outbound SET attempts = attempts + 1, last_error = $2, state = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE 'pending' END WHERE id = $1`, [
          row.id,
          String((err as Error).message ?? err).slice(0, 500),
          MAX_ATTEMPTS,
        ]);
        // A failing gateway is tried again on the timer, not in a tight loop.
        return false;
      }
    });

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
