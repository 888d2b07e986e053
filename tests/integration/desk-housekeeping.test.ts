import { describe, expect, it } from 'vitest';
import { createDesk } from '../../electron/node/app/create-desk.js';
import { uuidv7 } from '../../shared/domain/ids.js';
import { tempCacheFile } from '../support/temp-desk.js';
import { memoryTokenStore } from '../../electron/node/head-office/token-store.js';

/**
 * A desk upgraded from a version whose head office did not know
 * conversations: the changes it held for that day now go, except replies
 * and closings of conversations head office never had (a standalone desk's
 * own), which stay this desk's record and are never sent.
 */
describe('held changes released by an upgrade', () => {
  it('sends held logged calls and replies in routed conversations, and keeps replies in local ones home', () => {
    const cacheFile = tempCacheFile();
    const first = createDesk({ cacheFile, seed: false });
    first.services.agents.register({ code: 'A2001', displayName: '老版本坐席' });
    const local = first.services.conversations.open({ customerId: null, customerName: '本地客户', channel: 'app', subject: '' });
    const routed = uuidv7();
    first.db
      .prepare(`INSERT INTO conversations (id, customer_name, channel, status, created_at, updated_at, remote) VALUES (?, '总部客户', 'webchat', 'open', 1, 1, 1)`)
      .run(routed);
    // What the older version wrote: mutations head office did not know yet, held.
    const hold = first.outbox.db.prepare(`INSERT INTO mutations (name, args, created_at, state) VALUES (?, ?, ?, 'held')`);
    const call = { id: uuidv7(), noteId: uuidv7(), customerId: null, callerName: '来电', notes: '咨询', durationSeconds: 30, outcome: 'answered', at: 1 };
    hold.run('conversation.logPhoneCall', JSON.stringify(call), 1);
    hold.run('conversation.sendMessage', JSON.stringify({ id: uuidv7(), conversationId: local.id, body: '本地回复', at: 2 }), 2);
    hold.run('conversation.sendMessage', JSON.stringify({ id: uuidv7(), conversationId: routed, body: '总部回复', at: 3 }), 3);
    hold.run('conversation.close', JSON.stringify({ id: local.id }), 4);
    hold.run('usage.record', JSON.stringify({ kind: 'script' }), 5);
    first.close();

    const desk = createDesk({ cacheFile, seed: false });
    try {
      const rows = desk.outbox.db.prepare(`SELECT name, state, push_id AS pushId FROM mutations WHERE name <> 'agent.register' ORDER BY mutation_id`).all() as {
        name: string;
        state: string;
        pushId: number | null;
      }[];
      expect(rows.map((r) => [r.name, r.state])).toEqual([
        ['conversation.logPhoneCall', 'pending'],
        ['conversation.sendMessage', 'rejected'],
        ['conversation.sendMessage', 'pending'],
        ['conversation.close', 'rejected'],
        ['usage.record', 'held'],
      ]);
      // In the order they were made, numbered for head office.
      expect(rows.filter((r) => r.state === 'pending').map((r) => r.pushId)).toEqual([1, 2]);
      // Kept home quietly: nothing for the agent to dismiss.
      expect(desk.outbox.notices()).toEqual([]);
    } finally {
      void desk.close();
    }
  });

});

/** The cache keeps a month of ended conversations; head office keeps them all. */
describe('ended conversations on the desk', () => {
  it('forgets ended head-office conversations after a month, and keeps open and recent ones', () => {
    const cacheFile = tempCacheFile();
    const now = Date.now();
    const seedDesk = createDesk({ cacheFile, seed: false });
    const add = (status: string, updatedAt: number, remote: number) => {
      const id = uuidv7();
      seedDesk.db
        .prepare(`INSERT INTO conversations (id, customer_name, channel, status, created_at, updated_at, remote) VALUES (?, '客户', 'webchat', ?, ?, ?, ?)`)
        .run(id, status, updatedAt, updatedAt, remote);
      seedDesk.db.prepare(`INSERT INTO messages (id, conversation_id, seq, direction, body, sent_at) VALUES (?, ?, 1, 'in', '你好', ?)`).run(uuidv7(), id, updatedAt);
      return id;
    };
    const old = add('closed', now - 40 * 24 * 3600_000, 1);
    const recent = add('closed', now - 5 * 24 * 3600_000, 1);
    const oldOpen = add('open', now - 40 * 24 * 3600_000, 1);
    const oldLocal = add('closed', now - 40 * 24 * 3600_000, 0);
    void seedDesk.close();
    const desk = createDesk({ cacheFile, seed: false, headOffice: { url: 'http://127.0.0.1:9', tokens: memoryTokenStore(), live: false, sendDelayMs: null } });
    try {
      const left = desk.db.prepare('SELECT id FROM conversations').pluck().all() as string[];
      expect(left.sort()).toEqual([recent, oldOpen, oldLocal].sort());
      expect(desk.db.prepare('SELECT count(*) FROM messages WHERE conversation_id = ?').pluck().get(old)).toBe(0);
    } finally {
      void desk.close();
    }
  });
});
