import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startDevHost } from '../../electron/node/devhost/dev-host.js';
import { tempDesk } from '../support/temp-desk.js';
import { percentile } from './stats.js';

/**
 * ipcRoundTripP50Ms: a ticket update (add a note) through the contract on
 * the development-host transport: JSON over a loopback WebSocket, input
 * validation, one SQLite transaction, output check, reply.
 */
export async function benchIpcRoundTrip(): Promise<{ ipcRoundTripP50Ms: number; ipcRoundTripP95Ms: number }> {
  const desk = tempDesk();
  const rendererDir = mkdtempSync(join(tmpdir(), 'md-bench-'));
  writeFileSync(join(rendererDir, 'index.html'), '');
  const host = await startDevHost({ desk, rendererDir });
  // Several tickets, so no single history grows past a realistic length.
  const tickets = Array.from({ length: 12 }, (_, i) =>
    desk.services.tickets.create({ type: 'consultation', category: '续保', priority: 'normal', title: `基准工单 ${i}`, description: '', conversationId: null }),
  );
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/desk?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
  await new Promise((ok, fail) => ws.once('open', ok).once('error', fail));
  const pending = new Map<number, () => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { id?: number };
    if (typeof m.id === 'number') pending.get(m.id)?.();
  });
  const samples: number[] = [];
  for (let i = 0; i < 600; i++) {
    const start = performance.now();
    await new Promise<void>((ok) => {
      pending.set(i, ok);
      ws.send(JSON.stringify({ id: i, call: 'tickets.addNote', input: { ticketId: tickets[i % tickets.length]!.id, note: `跟进记录 ${i}` } }));
    });
    pending.delete(i);
    if (i >= 100) samples.push(performance.now() - start);
  }
  ws.close();
  await host.close();
  desk.close();
  return { ipcRoundTripP50Ms: percentile(samples, 50), ipcRoundTripP95Ms: percentile(samples, 95) };
}
