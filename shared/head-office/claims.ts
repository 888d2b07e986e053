/**
 * Claims between desk and head office: the report (报案) from a
 * conversation, stage changes with the values each stage's notification
 * needs, the 24-hour requests for missing materials, the referral to the
 * anti-fraud team, and a claim as both sides read it.
 */
import { z } from 'zod';
import { CLAIM_STAGES, CLAIM_TYPES } from '../domain/claims.js';
import { FRAUD_SIGNAL_CODES } from '../domain/fraud-signals.js';
import { CalendarDay, LATEST_INSTANT } from '../domain/working-calendar.js';
import { optionalText, visibleText } from '../contract/text.js';

const Id = z.string().uuid();
/** An instant no later than LATEST_INSTANT: beyond it a time is a typo, and formatting it for the customer fails. */
const At = z.number().int().nonnegative().max(LATEST_INSTANT, 'a time before the year 2100');
/** Dates that exist on the calendar (2026-02-30 does not), never a pattern alone. */
const IsoDate = CalendarDay;

export const ClaimType = z.enum(CLAIM_TYPES);
export const ClaimStage = z.enum(CLAIM_STAGES);

export const ClaimParty = z.strictObject({
  role: z.enum(['insured', 'third_party', 'injured', 'witness']),
  name: optionalText(40),
  plate: optionalText(12),
  phone: optionalText(20),
  note: optionalText(200),
});
export type ClaimParty = z.infer<typeof ClaimParty>;

/** The report script's four parts, the claim type and the policy it is claimed on. */
export const ReportClaimRequest = z.strictObject({
  /** Chosen by the desk: a retried report finds the claim it made instead of making another. */
  id: Id,
  policyId: Id,
  type: ClaimType,
  accidentAt: At,
  place: visibleText(120),
  parties: z.array(ClaimParty).min(1, 'at least the insured vehicle').max(10),
  account: visibleText(1000),
  /** Required but for a theft (nothing damaged to describe): head office checks it with damageRequired. */
  damage: optionalText(500),
});
export type ReportClaimRequest = z.infer<typeof ReportClaimRequest>;

const Materials = z.array(visibleText(40)).min(1, 'name at least one material').max(12);

/** Move a claim to its next stage, with what that stage's notification tells the customer. */
export const AdvanceClaimRequest = z
  .strictObject({
    to: ClaimStage.exclude(['reported']),
    /** 查勘定损: when the survey is expected to be done. */
    surveyAt: At.optional(),
    /** 资料提示: what to send, and by which day. */
    materials: Materials.optional(),
    dueOn: IsoDate.optional(),
    /** 核赔结案: the payout, in yuan; head office holds it to the claim's limit (payoutCeilingYuan, the covers of the car's policies). */
    payoutYuan: z.number().positive('payout_not_positive').optional(),
  })
  .superRefine((r, ctx) => {
    const need = (field: 'surveyAt' | 'materials' | 'dueOn' | 'payoutYuan') => {
      if (r[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required to move the claim to ${r.to}` });
    };
    if (r.to === 'surveying') need('surveyAt');
    if (r.to === 'materials') (need('materials'), need('dueOn'));
    if (r.to === 'settled') need('payoutYuan');
  });
export type AdvanceClaimRequest = z.infer<typeof AdvanceClaimRequest>;

export const MaterialRequestRequest = z.strictObject({ id: Id, materials: Materials });
export type MaterialRequestRequest = z.infer<typeof MaterialRequestRequest>;

export const FraudReferralRequest = z.strictObject({ note: optionalText(500) });
export type FraudReferralRequest = z.infer<typeof FraudReferralRequest>;

export const FraudSignalView = z.strictObject({
  code: z.enum(FRAUD_SIGNAL_CODES),
  labelZh: z.string(),
  evidence: z.array(z.strictObject({ text: z.string(), messageId: z.string().optional() })),
});

export const MaterialRequestView = z.strictObject({
  id: Id,
  materials: z.array(z.string()),
  sentAt: At,
  dueAt: At,
  receivedAt: At.nullable(),
  status: z.enum(['open', 'overdue', 'received']),
});
export type MaterialRequestView = z.infer<typeof MaterialRequestView>;

export const ClaimView = z.strictObject({
  id: Id,
  claimNo: z.string(),
  customerId: Id,
  policyId: Id,
  /** Masked always: the clear number is shown only through the identity check's reveal. */
  policyNoMasked: z.string(),
  vehicleId: Id.nullable(),
  conversationId: Id,
  officeId: Id,
  type: ClaimType,
  stage: ClaimStage,
  accidentAt: At,
  /** Free text as the agent typed it, with ID and mobile numbers redacted; party phones and plates masked. */
  place: z.string(),
  parties: z.array(ClaimParty),
  account: z.string(),
  damage: z.string(),
  reportedAt: At,
  late: z.boolean(),
  expected: z.strictObject({ from: IsoDate, to: IsoDate, unit: z.enum(['working_days', 'calendar_days']), provisional: z.boolean() }),
  materials: z.array(z.string()),
  payoutYuan: z.number().nullable(),
  /** The most 核赔结案 may pay on this claim: what the covers of its car's policies in force at the accident can pay for its type (payoutCeilingYuan). */
  payoutLimitYuan: z.number(),
  /** Stages whose notification the customer has been sent, and how. */
  notified: z.array(z.strictObject({ stage: ClaimStage, via: z.enum(['conversation', 'sms']), at: At })),
  materialRequests: z.array(MaterialRequestView),
  fraudSignals: z.array(FraudSignalView),
  referral: z.strictObject({ ticketId: Id, ticketNo: z.string(), at: At }).nullable(),
  createdBy: z.string(),
});
export type ClaimView = z.infer<typeof ClaimView>;

export const ClaimList = z.array(ClaimView);
