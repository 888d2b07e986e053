import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Desk } from '../../electron/node/app/create-desk.js';
import { fileTokenStore } from '../../electron/node/head-office/token-store.js';
import { startSyncWorld, type SyncWorld } from '../support/sync-world.js';
import { tempCacheFile } from '../support/temp-desk.js';

/**
 * Random interleavings of three agents' edits with disconnects, syncs and
 * app restarts. However they interleave, once the line is back and
 * everything settles, every desk equals head office and every note made is
 * there exactly once.
 */
let world: SyncWorld;
beforeAll(async () => {
  world = await startSyncWorld();
}, 120_000);
afterAll(async () => {
  await world?.close();
});

const LOGINS = ['agent_a', 'agent_b', 'agent_c'] as const;

type Step =
  | { kind: 'note'; who: number; ticket: number }
  | { kind: 'status'; who: number; ticket: number; pick: number }
  | { kind: 'priority'; who: number; ticket: number; value: 'low' | 'normal' | 'high' | 'urgent' }
  | { kind: 'sync' | 'offline' | 'online' | 'restart'; who: number };

const who = fc.integer({ min: 0, max: 2 });
const ticket = fc.integer({ min: 0, max: 3 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('note' as const), who, ticket }),
  fc.record({ kind: fc.constant('status' as const), who, ticket, pick: fc.nat() }),
  fc.record({ kind: fc.constant('priority' as const), who, ticket, value: fc.constantFrom('low' as const, 'normal' as const, 'high' as const, 'urgent' as const) }),
  fc.record({ kind: fc.constantFrom('sync' as const, 'offline' as const, 'online' as const, 'restart' as const), who }),
);

it('converges for any interleaving of edits, disconnects and restarts of three desks', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (steps) => {
      run++;
      const files = LOGINS.map(() => tempCacheFile());
      const desks: Desk[] = [];
      for (const [i, login] of LOGINS.entries()) desks.push(await world.desk(login, { cacheFile: files[i]!, tokens: fileTokenStore(`${files[i]}.session`) }));
      const tickets = Array.from({ length: 4 }, (_, i) => desks[0]!.services.tickets.create({ type: 'complaint', category: '服务', priority: 'normal', title: `性质测试 ${run}-${i}`, description: '', conversationId: null }).id);
      await world.settle(desks);
      const notes: string[] = [];
      for (const [n, s] of steps.entries()) {
        const desk = desks[s.who]!;
        const id = 'ticket' in s ? tickets[s.ticket]! : '';
        if (s.kind === 'note') {
          const note = `性质 ${run}-${n}`;
          desk.services.tickets.addNote({ ticketId: id, note });
          notes.push(note);
        } else if (s.kind === 'status') {
          const current = desk.services.tickets.get(id);
          const to = current.allowedNext[s.pick % Math.max(1, current.allowedNext.length)];
          // Closing a solved complaint records the customer's satisfaction (回访), as the agent must.
          const satisfaction = to === 'closed' && current.status === 'resolved' ? { rating: 'satisfied' as const } : undefined;
          if (to) desk.services.tickets.transition({ ticketId: id, to, note: '性质测试', satisfaction });
        } else if (s.kind === 'priority') {
          // A closed ticket takes no edits, on the desk as at head office.
          if (desk.services.tickets.get(id).status !== 'closed') desk.services.tickets.edit({ ticketId: id, field: 'priority', value: s.value });
        }
        else if (s.kind === 'sync') await desk.headOffice!.engine.syncNow();
        else if (s.kind === 'offline') desk.headOffice!.engine.setNetworkAvailable(false);
        else if (s.kind === 'online') desk.headOffice!.engine.setNetworkAvailable(true);
        else {
          await desk.close();
          world.forget(desk);
          desks[s.who] = await world.desk(LOGINS[s.who]!, { cacheFile: files[s.who]!, tokens: fileTokenStore(`${files[s.who]}.session`), signIn: false });
        }
      }
      for (const d of desks) d.headOffice!.engine.setNetworkAvailable(true);
      await world.settle(desks);
      const counts = new Map<string, number>();
      for (const e of Object.values((await world.serverState()).events)) if (e.note) counts.set(e.note, (counts.get(e.note) ?? 0) + 1);
      for (const note of notes) expect(counts.get(note), note).toBe(1);
      await world.expectConverged(desks);
      for (const d of desks) {
        await d.close();
        world.forget(d);
      }
    }),
    { numRuns: 15 },
  );
}, 300_000);
