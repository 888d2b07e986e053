import type { AccountView } from '../../shared/head-office/auth.js';
import type { AdvanceClaimRequest, ClaimView, FraudReferralRequest, MaterialRequestRequest, ReportClaimRequest } from '../../shared/head-office/claims.js';
import {
  accidentTimeProblem,
  CLAIM_CLOCK,
  damageRequired,
  outstandingRequests,
  payoutProblem,
  reportedNotification,
  stageNotice,
  stageValues,
  surveyTimeProblem,
  CLAIM_STAGE_LABELS,
  canAdvance,
  claimNumber,
  expectedCompletion,
  fillNotification,
  formatClaimDate,
  formatClaimTime,
  formatYuan,
  isLateReport,
  lateReportScript,
  MATERIAL_REQUEST_NOTICE,
  materialsDueAt,
  stageNotification,
} from '../../shared/domain/claims.js';
import type { PlaceholderValues } from '../../shared/domain/placeholders.js';
import { localDate } from '../../shared/domain/working-calendar.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { isUniqueViolation, transactionWithRetry } from '../db/retry.js';
import { HttpError } from '../http/http-error.js';
import { findConversation, type ConversationRow } from '../conversations/conversation-records.js';
import { appendAudit } from '../audit/audit-log.js';
import { claimPayoutLimit, claimView, findClaim, mustSeeClaim, type ClaimRow } from './claim-records.js';
import { customerVerifiedIn, tellCustomer } from './claim-notices.js';
import { openFraudTicket } from './fraud-ticket.js';

/** A refusal of one field of the request, in the shape parseBody gives (400 naming the field). */
const badField = (path: string, message: string) => new HttpError('BAD_REQUEST', message, [{ path, message }]);

async function customerContact(tx: SqlExecutor, customerId: string): Promise<{ id: string; phone: string }> {
  const [c] = await tx.query<{ phone: string }>('SELECT phone FROM customers WHERE id = $1', [customerId]);
  return { id: customerId, phone: c!.phone };
}

/** The claim's conversation then the claim, locked in that order (the order every claim write takes them). */
async function lockClaim(tx: SqlExecutor, account: AccountView, id: string): Promise<{ claim: ClaimRow; conv: ConversationRow }> {
  const seen = mustSeeClaim(account, await findClaim(tx, id));
  const conv = (await findConversation(tx, seen.conversation_id, true))!;
  const claim = (await findClaim(tx, id, true))!;
  return { claim, conv };
}

export function createClaimService(db: SqlClient, now: () => number = Date.now) {
  const view = async (id: string) => claimView(db, (await findClaim(db, id))!, now());

  /** Send a stage's notification unless it went out already; the claim's row lock makes the check and the send one step. */
  async function notifyStage(tx: SqlExecutor, claim: ClaimRow, conv: ConversationRow, stage: ClaimRow['stage'], body: string): Promise<void> {
    const sent = await tx.query('SELECT 1 FROM claim_notifications WHERE claim_id = $1 AND stage = $2', [claim.id, stage]);
    if (sent.length > 0) return;
    const { messageId, via } = await tellCustomer(tx, conv, await customerContact(tx, claim.customer_id), body, now());
    // UNIQUE (claim_id, stage) backs the check: a second send would roll its whole transaction back.
    await tx.query('INSERT INTO claim_notifications (claim_id, stage, message_id, via) VALUES ($1, $2, $3, $4)', [claim.id, stage, messageId, via]);
  }

  return {
    /** 报案: the agent serving a conversation with a linked customer reports a claim on one of that customer's policies. */
    async report(account: AccountView, conversationId: string, r: ReportClaimRequest): Promise<{ created: boolean; claim: ClaimView }> {
      const created = await transactionWithRetry(db, async (tx) => {
        const conv = await findConversation(tx, conversationId, true);
        // Only those who may see the conversation learn that it exists: its office's lead, or an administrator.
        const seesIt = conv && (conv.assignee_id === account.id || account.role === 'admin' || (account.role === 'lead' && account.officeId !== null && conv.assignee_office_id === account.officeId));
        if (!conv || !seesIt) throw new HttpError('NOT_FOUND', 'no such conversation');
        if (conv.assignee_id !== account.id) throw new HttpError('FORBIDDEN', 'only the agent serving this conversation reports a claim from it');
        if (!account.officeId) throw new HttpError('FORBIDDEN', 'only office staff report claims');
        const [existing] = await tx.query<{ conversation_id: string }>('SELECT conversation_id FROM claims WHERE id = $1', [r.id]);
        if (existing) {
          // The same report sent again (a retry after a lost answer): the claim it made stands.
          if (existing.conversation_id !== conv.id) throw badField('id', 'this id belongs to another claim');
          return false;
        }
        if (!conv.customer_id) throw new HttpError('CONFLICT', 'link the conversation to a customer before reporting a claim');
        // A claim is reported on a policy by its holder: the person in the chat must have passed the identity check here.
        if (!(await customerVerifiedIn(tx, conv, conv.customer_id, now()))) {
          throw new HttpError('NOT_VERIFIED', 'verify the customer\'s identity (身份核实) in this conversation before reporting a claim');
        }
        const [policy] = await tx.query<{ customer_id: string; vehicle_id: string | null; starts_on: string; expires_on: string }>(
          `SELECT customer_id, vehicle_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(expires_on, 'YYYY-MM-DD') AS expires_on FROM policies WHERE id = $1`,
          [r.policyId],
        );
        if (!policy || policy.customer_id !== conv.customer_id) throw badField('policyId', 'not a policy of this conversation\'s customer');
        const reportedAt = now();
        // The message is the reason's code: the desk shows it at the field in the agent's language.
        const accidentProblem = accidentTimeProblem(r.accidentAt, reportedAt, { startsOn: policy.starts_on, expiresOn: policy.expires_on });
        if (accidentProblem) throw badField('accidentAt', accidentProblem);
        if (damageRequired(r.type) && !r.damage) throw badField('damage', 'damage_required');

        const [day] = await tx.query<{ last_seq: number }>(
          `INSERT INTO claim_number_days (day, last_seq) VALUES ($1, 1)
           ON CONFLICT (day) DO UPDATE SET last_seq = claim_number_days.last_seq + 1 RETURNING last_seq`,
          [localDate(reportedAt, CLAIM_CLOCK)],
        );
        const claimNo = claimNumber(reportedAt, day!.last_seq);
        const expected = expectedCompletion(r.type, reportedAt);
        const late = isLateReport(r.accidentAt, reportedAt);
        await tx.query(
          `INSERT INTO claims (id, claim_no, customer_id, policy_id, vehicle_id, conversation_id, office_id, type, stage, accident_at, place, parties, account, damage,
                               reported_at, late, expected_from, expected_to, expected_provisional, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'reported', $9, $10, $11::jsonb, $12, $13, $14, $15, $16, $17, $18, $19)`,
          [
            r.id,
            claimNo,
            conv.customer_id,
            r.policyId,
            policy.vehicle_id,
            conv.id,
            account.officeId,
            r.type,
            new Date(r.accidentAt),
            r.place,
            JSON.stringify(r.parties),
            r.account,
            r.damage ?? '',
            new Date(reportedAt),
            late,
            expected.from,
            expected.to,
            expected.provisional,
            account.id,
          ],
        );
        await tx.query(`INSERT INTO claim_events (claim_id, kind, to_stage, detail, by_account_id) VALUES ($1, 'reported', 'reported', $2::jsonb, $3)`, [
          r.id,
          JSON.stringify({ claimNo, late }),
          account.id,
        ]);
        const claim = (await findClaim(tx, r.id))!;
        // A late report is still accepted; the customer is told at once which proof its type needs.
        const body = reportedNotification(claimNo, r.type, r.parties) + (late ? `\n${lateReportScript(r.type)}` : '');
        await notifyStage(tx, claim, conv, 'reported', body);
        return true;
        // The same report arriving twice at once: the loser runs again and finds the claim the winner made.
      }, isUniqueViolation);
      return { created, claim: await view(r.id) };
    },

    /** Move the claim to its next stage and send that stage's notification, once. */
    async advance(account: AccountView, id: string, r: AdvanceClaimRequest): Promise<{ notified: boolean; claim: ClaimView }> {
      const notified = await transactionWithRetry(db, async (tx) => {
        const { claim, conv } = await lockClaim(tx, account, id);
        // The same step asked again (a retry, or a colleague's click that lost the race): done already, nothing is sent twice.
        if (claim.stage === r.to) return false;
        if (!canAdvance(claim.stage, r.to)) {
          throw new HttpError('CLAIM_STAGE_ORDER', `the claim is at ${CLAIM_STAGE_LABELS[claim.stage]}; it cannot move to ${CLAIM_STAGE_LABELS[r.to]}`);
        }
        if (r.to === 'surveying') {
          const problem = surveyTimeProblem(r.surveyAt!, now());
          if (problem) throw badField('surveyAt', problem);
        }
        if (r.to === 'materials' && r.dueOn! < localDate(now(), CLAIM_CLOCK)) throw badField('dueOn', 'due_in_past');
        if (r.to === 'settled') {
          const ceiling = await claimPayoutLimit(tx, claim);
          const problem = payoutProblem(r.payoutYuan!, ceiling);
          if (problem) throw new HttpError('BAD_REQUEST', `payoutYuan: ${problem} (at most ${ceiling} yuan on this claim)`, [{ path: 'payoutYuan', message: problem }]);
          // Settled on complete materials only: a request still waiting is answered (or marked received) first.
          const open = outstandingRequests(
            (await tx.query<{ id: string; materials: string[]; due_at: Date; received_at: Date | null }>(
              'SELECT id, materials, due_at, received_at FROM claim_material_requests WHERE claim_id = $1 ORDER BY sent_at',
              [claim.id],
            )).map((q) => ({ id: q.id, materials: q.materials, dueAt: q.due_at.getTime(), receivedAt: q.received_at?.getTime() ?? null })),
          );
          if (open.length > 0) {
            throw new HttpError(
              'MATERIALS_OUTSTANDING',
              `materials still outstanding: ${open.map((q) => q.materials.join('、')).join('; ')}`,
              open.map((q) => ({ path: 'materialRequests', message: q.id })),
            );
          }
        }
        // Only the values this stage uses: the same text the desk showed the agent before they confirmed.
        const step = { to: r.to, ...(r.to === 'surveying' ? { surveyAt: r.surveyAt } : r.to === 'materials' ? { materials: r.materials, dueOn: r.dueOn } : { payoutYuan: r.payoutYuan }) };
        const values = stageValues(claim.claim_no, step);
        const body = stageNotice(claim.claim_no, step);
        // Only 核赔结案 writes a payout, and only the one checked above: an amount sent with another stage is ignored.
        await tx.query('UPDATE claims SET stage = $2, payout_yuan = coalesce($3, payout_yuan), updated_at = now() WHERE id = $1', [
          claim.id,
          r.to,
          r.to === 'settled' ? r.payoutYuan! : null,
        ]);
        await tx.query(`INSERT INTO claim_events (claim_id, kind, from_stage, to_stage, detail, by_account_id) VALUES ($1, 'stage', $2, $3, $4::jsonb, $5)`, [
          claim.id,
          claim.stage,
          r.to,
          JSON.stringify(values),
          account.id,
        ]);
        await notifyStage(tx, claim, conv, r.to, body);
        return true;
      });
      return { notified, claim: await view(id) };
    },

    /** 资料不全: ask for the missing materials, due in 24 hours. */
    async requestMaterials(account: AccountView, id: string, r: MaterialRequestRequest): Promise<ClaimView> {
      await transactionWithRetry(db, async (tx) => {
        const { claim, conv } = await lockClaim(tx, account, id);
        const [existing] = await tx.query<{ claim_id: string }>('SELECT claim_id FROM claim_material_requests WHERE id = $1', [r.id]);
        if (existing) {
          if (existing.claim_id !== claim.id) throw badField('id', 'this id belongs to another request');
          return;
        }
        if (claim.stage === 'settled') throw new HttpError('CONFLICT', 'the claim is settled');
        const sentAt = now();
        const dueAt = materialsDueAt(sentAt);
        const body = fillNotification(MATERIAL_REQUEST_NOTICE, { claimNo: claim.claim_no, deadline: formatClaimTime(dueAt), missingMaterials: r.materials.join('、') });
        const { messageId } = await tellCustomer(tx, conv, await customerContact(tx, claim.customer_id), body, now());
        await tx.query(
          `INSERT INTO claim_material_requests (id, claim_id, materials, message_id, sent_at, due_at, created_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
          [r.id, claim.id, JSON.stringify(r.materials), messageId, new Date(sentAt), new Date(dueAt), account.id],
        );
        await tx.query(`INSERT INTO claim_events (claim_id, kind, detail, by_account_id) VALUES ($1, 'material_request', $2::jsonb, $3)`, [
          claim.id,
          JSON.stringify({ requestId: r.id, materials: r.materials }),
          account.id,
        ]);
      });
      return view(id);
    },

    /** The customer sent what a request asked for. */
    async materialsReceived(account: AccountView, id: string, requestId: string): Promise<ClaimView> {
      await transactionWithRetry(db, async (tx) => {
        const { claim } = await lockClaim(tx, account, id);
        const [req] = await tx.query<{ received_at: Date | null }>('SELECT received_at FROM claim_material_requests WHERE id = $1 AND claim_id = $2 FOR UPDATE', [
          requestId,
          claim.id,
        ]);
        if (!req) throw new HttpError('NOT_FOUND', 'no such material request');
        if (req.received_at !== null) return;
        await tx.query('UPDATE claim_material_requests SET received_at = $2, received_by = $3 WHERE id = $1', [requestId, new Date(now()), account.id]);
        await tx.query(`INSERT INTO claim_events (claim_id, kind, detail, by_account_id) VALUES ($1, 'materials_received', $2::jsonb, $3)`, [
          claim.id,
          JSON.stringify({ requestId }),
          account.id,
        ]);
      });
      return view(id);
    },

    /** 转反欺诈: a ticket for the anti-fraud team with the claim's warning signs, once per claim, written to the audit log. */
    async referToAntiFraud(account: AccountView, id: string, r: FraudReferralRequest): Promise<{ created: boolean; claim: ClaimView }> {
      const created = await transactionWithRetry(db, async (tx) => {
        const { claim } = await lockClaim(tx, account, id);
        const done = await tx.query('SELECT 1 FROM claim_fraud_referrals WHERE claim_id = $1', [claim.id]);
        if (done.length > 0) return false;
        const signals = (await claimView(tx, claim, now())).fraudSignals;
        const ticket = await openFraudTicket(tx, account, claim, signals, r.note ?? '');
        await tx.query('INSERT INTO claim_fraud_referrals (claim_id, ticket_id, signals, note, by_account_id) VALUES ($1, $2, $3::jsonb, $4, $5)', [
          claim.id,
          ticket.id,
          JSON.stringify(signals),
          r.note ?? '',
          account.id,
        ]);
        await tx.query(`INSERT INTO claim_events (claim_id, kind, detail, by_account_id) VALUES ($1, 'fraud_referral', $2::jsonb, $3)`, [
          claim.id,
          JSON.stringify({ ticketNo: ticket.ticketNo }),
          account.id,
        ]);
        await appendAudit(tx, {
          officeId: claim.office_id,
          actor: { id: account.id, login: account.login },
          action: 'claim.fraud_referral',
          subjectType: 'claim',
          subjectId: claim.id,
          detail: { claimNo: claim.claim_no, ticketNo: ticket.ticketNo, signals: signals.map((s) => s.code) },
        });
        return true;
      });
      return { created, claim: await view(id) };
    },

    async get(account: AccountView, id: string): Promise<ClaimView> {
      const claim = mustSeeClaim(account, await findClaim(db, id));
      return claimView(db, claim, now());
    },

    /** A customer's claims the caller may see, newest first. */
    async listForCustomer(account: AccountView, customerId: string): Promise<ClaimView[]> {
      const ids = await db.query<{ id: string }>(
        `SELECT id FROM claims WHERE customer_id = $1 AND ($2::boolean OR office_id = $3) ORDER BY reported_at DESC LIMIT 50`,
        [customerId, account.role === 'admin', account.officeId],
      );
      const out: ClaimView[] = [];
      for (const { id } of ids) out.push(await claimView(db, (await findClaim(db, id))!, now()));
      return out;
    },
  };
}

export type ClaimService = ReturnType<typeof createClaimService>;
