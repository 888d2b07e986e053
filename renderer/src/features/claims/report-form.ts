import type { ReportClaimRequest } from '../../../../shared/head-office/claims';
import { accidentTimeProblem, CLAIM_CLOCK, CLAIM_FIELD_REASONS, damageRequired, type ClaimFieldReason, type ClaimType } from '../../../../shared/domain/claims';
import type { IsoDate } from '../../../../shared/domain/working-calendar';
import { instantOfOfficeInput } from '../tickets/office-time';

/** What the wizard collects, as the agent types it. */
export interface ReportDraft {
  /** `YYYY-MM-DDTHH:mm` in the office's clock (China time), whatever zone the desk's system runs in. */
  accidentAt: string;
  place: string;
  ownPlate: string;
  people: string;
  thirdParty: boolean;
  otherPlate: string;
  otherName: string;
  otherPhone: string;
  account: string;
  damage: string;
  type: ClaimType | null;
  policyId: string | null;
}

export const EMPTY_DRAFT: ReportDraft = {
  accidentAt: '',
  place: '',
  ownPlate: '',
  people: '',
  thirdParty: false,
  otherPlate: '',
  otherName: '',
  otherPhone: '',
  account: '',
  damage: '',
  type: null,
  policyId: null,
};

export const WIZARD_STEPS = ['timePlace', 'parties', 'account', 'damage', 'confirm'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

const filled = (s: string) => s.trim() !== '';

/** The instant the accident field names, read in the office's clock (head office dates the claim in China time). */
export function accidentInstant(draft: ReportDraft): number | null {
  return instantOfOfficeInput(draft.accidentAt, CLAIM_CLOCK.utcOffsetMinutes);
}

/** Why a field cannot be sent as it is: the shared rule's reason (head office sends the same code), or the wizard's own for an incomplete time. */
export type FieldProblem = ClaimFieldReason | 'invalid_time';
export type PolicyPeriod = { startsOn: IsoDate; expiresOn: IsoDate };

/**
 * The field problems of a draft, by field, with the rules head office
 * applies (the accident has happened, inside the chosen policy's period; a
 * theft may leave the damage empty). Empty fields are not problems yet:
 * the step just does not go on.
 */
export function draftProblems(d: ReportDraft, now: number, policy: PolicyPeriod | null): Partial<Record<'accidentAt' | 'damage', FieldProblem>> {
  const out: Partial<Record<'accidentAt' | 'damage', FieldProblem>> = {};
  if (d.accidentAt) {
    const at = accidentInstant(d);
    if (at === null) out.accidentAt = 'invalid_time';
    else {
      // Before a policy is chosen only the future is known to be wrong.
      const problem = accidentTimeProblem(at, now, policy ?? { startsOn: '0000-01-01', expiresOn: '9999-12-31' });
      if (problem) out.accidentAt = problem;
    }
  }
  if (d.type !== null && damageRequired(d.type) && !filled(d.damage)) out.damage = 'damage_required';
  return out;
}

/**
 * Whether the customer's identity check still holds, read the way the
 * customer panel reads it: against head office's clock (the desk's clock
 * minus the skew seen when the status arrived), so the wizard and the
 * panel never disagree about whether the customer is verified.
 */
export function verifiedNow(status: { state: string; expiresAt: number | null }, deskNow: number, skewMs: number): boolean {
  return status.state === 'verified' && status.expiresAt !== null && status.expiresAt > deskNow - skewMs;
}

/** A head office issue's message as a reason the wizard can show, or null for a message it does not know. */
export function knownReason(message: string): FieldProblem | null {
  return (CLAIM_FIELD_REASONS as readonly string[]).includes(message) ? (message as ClaimFieldReason) : null;
}

/** The step each field is asked at, so a refusal is shown where the agent can fix it. */
export const FIELD_STEP: Readonly<Record<string, WizardStep>> = {
  accidentAt: 'timePlace',
  place: 'timePlace',
  type: 'timePlace',
  parties: 'parties',
  account: 'account',
  damage: 'damage',
  policyId: 'confirm',
};

/** Whether a step has what it needs to go on (the report script's order). */
export function stepComplete(step: WizardStep, d: ReportDraft, now: number, policy: PolicyPeriod | null = null): boolean {
  const problems = draftProblems(d, now, null);
  switch (step) {
    case 'timePlace':
      // The type is asked first: it decides the late-report proof and whether damage is needed.
      return d.type !== null && accidentInstant(d) !== null && !problems.accidentAt && filled(d.place);
    case 'parties':
      return !d.thirdParty || filled(d.otherPlate) || filled(d.otherName);
    case 'account':
      return filled(d.account);
    case 'damage':
      return !problems.damage;
    case 'confirm':
      return d.type !== null && d.policyId !== null && !draftProblems(d, now, policy).accidentAt && !problems.damage;
  }
}

/**
 * The report head office takes, from the wizard's fields and the draft's id.
 * The id is made once when the wizard opens and sent with every attempt:
 * an attempt whose answer was lost (head office committed, the desk timed
 * out) and is sent again gets the same claim back, not a second claim and
 * a second 报案受理 notice to the customer.
 */
export function reportFromDraft(d: ReportDraft, reportId: string): ReportClaimRequest {
  const optional = (s: string) => (filled(s) ? s.trim() : undefined);
  return {
    id: reportId,
    policyId: d.policyId!,
    type: d.type!,
    accidentAt: accidentInstant(d)!,
    place: d.place.trim(),
    parties: [
      { role: 'insured', plate: optional(d.ownPlate), note: optional(d.people) },
      ...(d.thirdParty ? [{ role: 'third_party' as const, plate: optional(d.otherPlate), name: optional(d.otherName), phone: optional(d.otherPhone) }] : []),
    ],
    account: d.account.trim(),
    damage: optional(d.damage),
  };
}
