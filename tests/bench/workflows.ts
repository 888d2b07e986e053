import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPglite } from '../../server/db/pglite-client.js';
import { migrateServer } from '../../server/db/migrate.js';
import { SERVER_MIGRATIONS } from '../../server/db/migrations/index.js';
import { appendAudit, verifyAuditChain } from '../../server/audit/audit-log.js';
import { addWorkingTime, DEFAULT_OFFICE_HOURS } from '../../shared/domain/working-calendar.js';
import { percentile } from './stats.js';

/**
 * Figures for the insurance workflows (issue 5), goals in run.ts:
 * slaDeadlineP95Us — one ticket deadline in working time (office hours,
 * lunch, weekends and holidays), as every sync apply and every desk timer
 * computes it; auditAppendP95Ms — one audit entry written by 8 writers at
 * once on the embedded head-office database (the chain lock makes them take
 * turns, so this is what a reveal or a level change waits for);
 * auditVerify10kMs — checking a chain of 10,000 entries.
 */
export async function benchWorkflows(): Promise<Record<string, number>> {
  const sla: number[] = [];
  const start = Date.parse('2026-09-20T08:00:00+08:00');
  for (let i = 0; i < 5000; i += 1) {
    const at = start + ((i * 7919) % (120 * 86_400)) * 1000;
    const t0 = performance.now();
    addWorkingTime(at, [120, 450, 900][i % 3]!, DEFAULT_OFFICE_HOURS);
    sla.push((performance.now() - t0) * 1000);
  }

  const dir = mkdtempSync(join(tmpdir(), 'motordesk-bench-audit-'));
  const db = await openPglite(dir);
  try {
    await migrateServer(db, SERVER_MIGRATIONS);
    const appends: number[] = [];
    const writer = async (w: number) => {
      for (let i = 0; i < 250; i += 1) {
        const t0 = performance.now();
        await appendAudit(db, { officeId: null, actor: null, action: 'pii.reveal', subjectType: 'customer', subjectId: `bench-${w}-${i}`, detail: { fields: ['phone'] } });
        appends.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    // Fill to 10,000 entries for the chain check.
    for (let i = appends.length; i < 10_000; i += 1) await appendAudit(db, { officeId: null, actor: null, action: 'policy.view', subjectType: 'policy', subjectId: `fill-${i}` });
    const t0 = performance.now();
    const status = await verifyAuditChain(db);
    const verifyMs = performance.now() - t0;
    if (!status.ok || status.checked !== 10_000) throw new Error(`audit chain check failed: ${JSON.stringify(status)}`);
    return {
      slaDeadlineP95Us: percentile(sla, 95),
      auditAppendP95Ms: percentile(appends, 95),
      auditVerify10kMs: Math.round(verifyMs),
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
