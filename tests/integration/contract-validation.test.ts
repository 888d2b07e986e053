import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames } from '../../shared/contract/calls.js';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { createDispatcher } from '../../electron/node/app/dispatcher.js';
import { createHandlers } from '../../electron/node/app/handlers.js';
import { seedDemoData } from '../../electron/node/demo/demo-data.js';
import { cacheFingerprint, tempDesk, dispatchNow } from '../support/temp-desk.js';

/** Inputs no contract entry accepts: wrong types, unknown keys, prototype tricks. */
const GENERIC_BAD = [null, 42, 'tickets', [], { unexpectedKey: true }, JSON.parse('{"__proto__": {"polluted": true}, "x": 1}')];

let desk: Desk;
let conversationId: string;
let ticketId: string;

beforeAll(() => {
  desk = tempDesk();
  seedDemoData(desk, { customers: 5 });
  conversationId = desk.services.conversations.list()[0]!.id;
  ticketId = desk.services.tickets.list({ limit: 1, offset: 0 }).items[0]!.id;
});
afterAll(() => desk.close());

describe('every contract entry refuses bad input without writing', () => {
  for (const name of callNames()) {
    it(name, () => {
      const before = cacheFingerprint(desk);
      for (const bad of GENERIC_BAD) {
        const result = dispatchNow(desk, name, bad);
        expect(result.ok, `${name} accepted ${JSON.stringify(bad)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('INVALID_INPUT');
      }
      expect(cacheFingerprint(desk)).toBe(before);
    });
  }
});

describe('targeted invalid inputs', () => {
  const cases: [string, unknown][] = [
    ['conversations.send', { conversationId: 'not-a-uuid', body: '您好' }],
    ['conversations.send', { conversationId: '0190b4c8-0000-7000-8000-000000000001', body: '   ' }],
    ['conversations.send', { conversationId: '0190b4c8-0000-7000-8000-000000000001', body: 'x'.repeat(4001) }],
    ['conversations.messages', { conversationId: '0190b4c8-0000-7000-8000-000000000001', limit: 100_000 }],
    ['tickets.create', { type: 'refund', category: '投诉', priority: 'normal', title: 't' }],
    ['tickets.create', { type: 'complaint', category: '投诉', priority: 'urgent', title: '' }],
    ['tickets.transition', { ticketId: '0190b4c8-0000-7000-8000-000000000001', to: 'archived' }],
    ['tickets.list', { statuses: ['open'] }],
    ['scripts.search', { locale: 'fr', query: '报案' }],
    ['agent.register', { code: 'a b;drop', displayName: '王' }],
    ['settings.setLocale', { locale: 'zh-TW' }],
  ];
  for (const [name, input] of cases) {
    it(`${name} ${JSON.stringify(input).slice(0, 60)}`, () => {
      const before = cacheFingerprint(desk);
      const r = dispatchNow(desk, name, input);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.issues?.length).toBeGreaterThan(0);
      }
      expect(cacheFingerprint(desk)).toBe(before);
    });
  }

  it('an unknown call is a typed error, not a crash', () => {
    for (const name of ['tickets.drop', 'constructor.prototype', '__proto__.x', 'tickets', 'a.b.c']) {
      const r = dispatchNow(desk, name, {});
      expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('a rule broken inside a service writes nothing either', () => {
    const before = cacheFingerprint(desk);
    const r = dispatchNow(desk, 'tickets.transition', { ticketId, to: 'new' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    const missing = dispatchNow(desk, 'conversations.send', { conversationId: '0190b4c8-0000-7000-8000-00000000beef', body: '您好' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(cacheFingerprint(desk)).toBe(before);
  });

  it('refuses text with nothing visible in it', () => {
    for (const body of ['\u200b\u200b', '\u0000', ' \u2060 ', '\u202e']) {
      expect(dispatchNow(desk, 'conversations.send', { conversationId, body })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});

describe('outputs are checked against the contract on every call', () => {
  it('a service that returns a field the contract does not name fails instead of leaking it', () => {
    const customerId = desk.db.prepare('SELECT id FROM customers LIMIT 1').pluck().get() as string;
    const raw = desk.db.prepare('SELECT phone FROM customers WHERE id = ?').pluck().get(customerId) as string;
    const handlers = createHandlers(desk.services);
    // A slip a future change could make: spreading the database row into the answer.
    const leaky = createDispatcher({
      ...handlers,
      customers: { ...handlers.customers, get: (i: { customerId: string }) => ({ ...desk.services.customers.get(i.customerId), phone: raw }) },
    });
    const r = leaky('customers.get', { customerId });
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain(raw);
  });
});
