import { randomUUID } from 'node:crypto';
import type { AccountView } from '../../shared/head-office/auth.js';
import type { RenewalTask, RenewalTaskList } from '../../shared/head-office/renewals.js';
import { maskPhone, maskPlate, maskPolicyNumber, redactPersonalData } from '../../shared/domain/masking.js';
import {
  LAPSED_FOLLOW_UP_GRACE_DAYS,
  outcomeEffect,
  outcomeProblem,
  RENEWAL_HORIZON_DAYS,
  RENEWAL_STEP_OFFSETS,
  renewalScript,
  stepsToOpen,
  type DueFilter,
  type RenewalOutcome,
  type RenewalStep,
} from '../../shared/domain/renewal.js';
import { addCalendarDays, type IsoDate } from '../../shared/domain/working-calendar.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { HttpError } from '../http/http-error.js';

interface PolicyDue {
  id: string;
  customer_id: string;
  office_id: string | null;
  expires_on: string;
  status: 'active' | 'expired';
}

/**
 * Make the renewal tasks due on `today` (see `stepsToOpen`) that do not
 * exist yet; running it again makes nothing more (one task per policy and
 * step). Skipped: cancelled policies, policies already settled by a renewed
 * or declined outcome, and policies followed by a newer active one on the
 * same vehicle (already renewed). An expired policy only gets the lapsed
 * follow-up. Open tasks follow their customer's office and, until worked,
 * their policy's expiry date. Returns the number of tasks made.
 */
export async function generateRenewalTasks(db: SqlExecutor, today: IsoDate, only: { customerId?: string } = {}): Promise<number> {
  const from = addCalendarDays(today, -(RENEWAL_STEP_OFFSETS.lapsed_follow_up + LAPSED_FOLLOW_UP_GRACE_DAYS));
  const to = addCalendarDays(today, RENEWAL_HORIZON_DAYS - RENEWAL_STEP_OFFSETS.first_reminder);
  const policies = await db.query<PolicyDue>(
    `SELECT p.id, p.customer_id, c.office_id, p.expires_on::text AS expires_on, p.status
       FROM policies p JOIN customers c ON c.id = p.customer_id
      WHERE p.status IN ('active', 'expired') AND p.expires_on BETWEEN $1::date AND $2::date
        AND ($3::uuid IS NULL OR p.customer_id = $3::uuid)
        AND NOT EXISTS (SELECT 1 FROM renewal_tasks t WHERE t.policy_id = p.id AND t.outcome IN ('renewed', 'declined'))
        AND NOT EXISTS (SELECT 1 FROM policies n WHERE p.vehicle_id IS NOT NULL AND n.vehicle_id = p.vehicle_id AND n.kind = p.kind
                          AND n.id <> p.id AND n.status = 'active' AND n.expires_on > p.expires_on)`,
    [from, to, only.customerId ?? null],
  );
  let made = 0;
  for (const p of policies) {
    for (const s of stepsToOpen(p.expires_on, today)) {
      if (p.status === 'expired' && s.step !== 'lapsed_follow_up') continue;
      const [row] = await db.query<{ inserted: boolean }>(
        `INSERT INTO renewal_tasks (id, policy_id, customer_id, office_id, step, due_on) VALUES ($1, $2, $3, $4, $5, $6::date)
         ON CONFLICT (policy_id, step) DO UPDATE
           SET office_id = EXCLUDED.office_id,
               due_on = CASE WHEN renewal_tasks.outcome IS NULL THEN EXCLUDED.due_on ELSE renewal_tasks.due_on END,
               updated_at = now()
         WHERE renewal_tasks.status = 'open'
           AND (renewal_tasks.office_id IS DISTINCT FROM EXCLUDED.office_id OR (renewal_tasks.outcome IS NULL AND renewal_tasks.due_on <> EXCLUDED.due_on))
         RETURNING (xmax = 0) AS inserted`,
        [randomUUID(), p.id, p.customer_id, p.office_id, s.step, s.dueOn],
      );
      if (row?.inserted) made += 1;
    }
  }
  return made;
}

/** Writers of renewal tasks queue on this lock (audit uses 72_010, routing 72_001). */
const RENEWAL_LOCK = 72_020;

/** Generation in its own transaction, one generator at a time (several head-office instances may share a database). */
export function generateRenewalTasksNow(db: SqlClient, today: IsoDate): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [RENEWAL_LOCK]);
    return generateRenewalTasks(tx, today);
  });
}

interface TaskRow {
  id: string;
  policy_id: string;
  customer_id: string;
  office_id: string | null;
  step: RenewalStep;
  due_on: string;
  assignee_id: string | null;
  assignee_name: string | null;
  status: 'open' | 'done' | 'closed';
  outcome: 'renewed' | 'declined' | 'callback' | null;
  decline_reason: string | null;
  decline_detail: string | null;
  callback_on: string | null;
  note: string | null;
  customer_name: string;
  phone: string;
  plate: string | null;
  model: string | null;
  policy_no: string;
  kind: 'compulsory' | 'commercial';
  vehicle_id: string | null;
  expires_on: string;
}

const TASK_SELECT = `
  SELECT t.id, t.policy_id, t.customer_id, t.office_id, t.step, t.due_on::text AS due_on, t.assignee_id, a.display_name AS assignee_name,
         t.status, t.outcome, t.decline_reason, t.decline_detail, t.callback_on::text AS callback_on, t.note,
         c.name AS customer_name, c.phone, v.plate, v.model, p.policy_no, p.kind, p.vehicle_id, p.expires_on::text AS expires_on
    FROM renewal_tasks t
    JOIN policies p ON p.id = t.policy_id
    JOIN customers c ON c.id = t.customer_id
    LEFT JOIN vehicles v ON v.id = p.vehicle_id
    LEFT JOIN accounts a ON a.id = t.assignee_id`;

/**
 * An agent's note as the office sees it: any mobile or ID number in it
 * masked. Redaction folds full-width characters (，) to catch full-width
 * digits; a note with nothing to mask keeps its own punctuation.
 */
function agentText(text: string | null): string | null {
  if (text === null) return null;
  const redacted = redactPersonalData(text);
  return redacted === text.normalize('NFKC') ? text : redacted;
}

const KIND_ORDER = { compulsory: 0, commercial: 1 } as const;

/**
 * One vehicle's policies expiring the same day (交强险 and 商业险) have the
 * same step on the same date: they are one call to the customer, so one
 * task. Rows stay one per policy and step (generation stays idempotent on
 * that key); the list folds them together, the first row standing for all.
 */
const siblingKey = (r: TaskRow) => `${r.vehicle_id ?? r.policy_id}|${r.step}|${r.expires_on}|${r.due_on}|${r.status}`;

function foldSiblings(rows: TaskRow[]): TaskRow[][] {
  const groups = new Map<string, TaskRow[]>();
  for (const r of rows) {
    const key = siblingKey(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => [...g].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.policy_no.localeCompare(b.policy_no)));
}

function toTask(rows: TaskRow[], me: AccountView): RenewalTask {
  const r = rows[0]!;
  const plateMasked = r.plate === null ? null : maskPlate(r.plate);
  return {
    id: r.id,
    policyId: r.policy_id,
    policies: rows.map((p) => ({ taskId: p.id, policyId: p.policy_id, kind: p.kind, policyNoMasked: maskPolicyNumber(p.policy_no) })),
    customerId: r.customer_id,
    customerName: r.customer_name,
    phoneMasked: maskPhone(r.phone),
    plateMasked,
    vehicleModel: r.model,
    policyNoMasked: maskPolicyNumber(r.policy_no),
    expiresOn: r.expires_on,
    step: r.step,
    dueOn: r.due_on,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    mine: r.assignee_id === me.id,
    status: r.status,
    outcome: r.outcome,
    declineReason: r.decline_reason as RenewalTask['declineReason'],
    // Agents' own words, shown to the whole office: a mobile or ID number typed in leaves masked.
    declineDetail: agentText(r.decline_detail),
    callbackOn: r.callback_on,
    note: agentText(r.note),
    // The list is worked before any identity check: the script carries the masked plate only.
    script: renewalScript(r.step, {
      expiryDate: r.expires_on,
      plate: plateMasked ?? undefined,
      agentName: me.displayName,
    }).text,
  };
}

/** Agents and leads work their office's tasks; administrators see every office's (and head office's own). */
function scopeClause(account: AccountView, param: number): { sql: string; params: unknown[] } {
  if (account.role === 'admin') return { sql: 'TRUE', params: [] };
  return { sql: `t.office_id = $${param}::uuid`, params: [account.officeId] };
}

/**
 * The open tasks by due date: `overdue` before today, `today`, `week` up to
 * six days ahead (overdue and today included: the week's work), `all`. The
 * caller's own tasks come first, then by date.
 */
export async function listRenewalTasks(db: SqlExecutor, account: AccountView, due: DueFilter | 'all', today: IsoDate): Promise<RenewalTaskList> {
  if (account.role !== 'admin' && account.officeId === null) return { today, tasks: [] };
  // The week's list keeps call backs booked further ahead in view (已约回访): they may be worked early.
  const dueSql = {
    overdue: 't.due_on < $1::date',
    today: 't.due_on = $1::date',
    week: "(t.due_on <= ($1::date + 6) OR t.outcome = 'callback')",
    all: '$1::date IS NOT NULL',
  }[due];
  const scope = scopeClause(account, 3);
  const rows = await db.query<TaskRow>(
    `${TASK_SELECT}
      WHERE t.status = 'open' AND ${dueSql} AND ${scope.sql}
      ORDER BY (t.assignee_id IS NOT NULL AND t.assignee_id = $2::uuid) DESC, t.due_on, c.name, t.id
      LIMIT 500`,
    [today, account.id, ...scope.params],
  );
  return { today, tasks: foldSiblings(rows).map((g) => toTask(g, account)) };
}

/**
 * Record what came of a step. Checked before anything is written: the
 * outcome's own rules (a call back on a future date, a written reason for
 * "other"), then the task: in the caller's office, and still open (a task
 * finished or closed is not worked twice: 409). The outcome applies to the
 * task's siblings too (the same vehicle's other policy expiring that day,
 * same step, still open): one call settles both. Renewed or declined closes
 * the other open steps of every policy it applied to.
 */
export async function recordOutcome(db: SqlClient, account: AccountView, taskId: string, outcome: RenewalOutcome, today: IsoDate): Promise<RenewalTask> {
  const problem = outcomeProblem(outcome, today);
  if (problem) throw new HttpError('BAD_REQUEST', problem.message, [problem]);
  return db.transaction(async (tx) => {
    const [task] = await tx.query<{ id: string; office_id: string | null; status: string; policy_id: string; step: string; due_on: string; vehicle_id: string | null; expires_on: string }>(
      `SELECT t.id, t.office_id, t.status, t.policy_id, t.step, t.due_on::text AS due_on, p.vehicle_id, p.expires_on::text AS expires_on
         FROM renewal_tasks t JOIN policies p ON p.id = t.policy_id WHERE t.id = $1 FOR UPDATE OF t`,
      [taskId],
    );
    if (!task || (account.role !== 'admin' && (account.officeId === null || task.office_id !== account.officeId))) {
      throw new HttpError('NOT_FOUND', 'no such renewal task');
    }
    if (task.status !== 'open') throw new HttpError('CONFLICT', 'this renewal task has already been worked');
    const siblings =
      task.vehicle_id === null
        ? []
        : await tx.query<{ id: string; policy_id: string }>(
            `SELECT t.id, t.policy_id FROM renewal_tasks t JOIN policies p ON p.id = t.policy_id
              WHERE t.id <> $1 AND t.status = 'open' AND t.step = $2 AND t.due_on = $3::date
                AND t.office_id IS NOT DISTINCT FROM $4::uuid AND p.vehicle_id = $5 AND p.expires_on = $6::date
              ORDER BY t.id FOR UPDATE OF t`,
            [taskId, task.step, task.due_on, task.office_id, task.vehicle_id, task.expires_on],
          );
    const taskIds = [taskId, ...siblings.map((x) => x.id)];
    const policyIds = [task.policy_id, ...siblings.map((x) => x.policy_id)];
    const effect = outcomeEffect(outcome);
    await tx.query(
      `UPDATE renewal_tasks
          SET status = $2, outcome = $3, decline_reason = $4, decline_detail = $5, callback_on = $6::date,
              due_on = COALESCE($6::date, due_on), note = $7, assignee_id = COALESCE(assignee_id, $8),
              -- who worked it last and when (a call back too, though it stays open)
              done_by = $8, done_at = now(), updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [
        taskIds,
        effect.status,
        outcome.outcome,
        outcome.outcome === 'declined' ? outcome.reason : null,
        outcome.outcome === 'declined' ? (outcome.reasonText ?? null) : null,
        outcome.outcome === 'callback' ? outcome.callbackOn : null,
        outcome.note ?? null,
        account.id,
      ],
    );
    if (effect.closesPolicy) {
      await tx.query(`UPDATE renewal_tasks SET status = 'closed', updated_at = now() WHERE policy_id = ANY($1::uuid[]) AND NOT (id = ANY($2::uuid[])) AND status = 'open'`, [
        policyIds,
        taskIds,
      ]);
    }
    const rows = await tx.query<TaskRow>(`${TASK_SELECT} WHERE t.id = ANY($1::uuid[])`, [taskIds]);
    // The worked task first: it stands for the group.
    const ordered = foldSiblings(rows)[0]!;
    const first = rows.find((r) => r.id === taskId)!;
    return { ...toTask(ordered, account), id: first.id, policyId: first.policy_id };
  });
}
