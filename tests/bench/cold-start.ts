import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ticketNumber, uuidv7 } from '../../shared/domain/ids.js';
import { tempDesk } from '../support/temp-desk.js';

const TYPES = ['consultation', 'claim_followup', 'complaint', 'onsite_support'];
const STATUSES = ['new', 'in_progress', 'pending_customer', 'resolved', 'closed'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

/**
 * coldStartMs: a cache holding 100,000 tickets is opened in a fresh
 * process, its schema checked, the shipped library checked, and the first
 * ticket page queried. Measured inside that process, after module load.
 */
export function benchColdStart(): { coldStartMs: number } {
  const desk = tempDesk();
  const file = desk.db.name;
  const agentId = desk.services.agents.require().id;
  const insert = desk.db.prepare(
    `INSERT INTO tickets (id, ticket_no, type, category, priority, status, title, description, owner_agent_id, created_at, updated_at)
     VALUES (?, ?, ?, '交通事故', ?, ?, ?, '', ?, ?, ?)`,
  );
  const base = Date.now() - 100_000 * 60_000;
  desk.db.transaction(() => {
    for (let i = 0; i < 100_000; i++) {
      const at = base + i * 60_000;
      insert.run(uuidv7(at), `${ticketNumber(new Date(at))}${i}`, TYPES[i % 4], PRIORITIES[i % 4], STATUSES[i % 5], `工单 ${i} 理赔进度跟进`, agentId, at, at);
    }
  })();
  desk.db.pragma('wal_checkpoint(TRUNCATE)');
  desk.close();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'cold-start-child.ts'), file], { encoding: 'utf8' });
    runs.push(Number(/COLD_START_MS=([\d.]+)/.exec(out)![1]));
  }
  return { coldStartMs: Math.round(Math.min(...runs) * 10) / 10 };
}
