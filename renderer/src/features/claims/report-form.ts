import type { ReportClaimRequest } from '../../../../shared/head-office/claims';
import type { ClaimType } from '../../../../shared/domain/claims';

/** What the wizard collects, as the agent types it. */
export interface ReportDraft {
  /** `YYYY-MM-DDTHH:mm` in the desk's local time (a datetime-local field). */
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

export function accidentInstant(draft: ReportDraft): number | null {
  if (!draft.accidentAt) return null;
  const at = new Date(draft.accidentAt).getTime();
  return Number.isFinite(at) ? at : null;
}

/** Whether a step has what it needs to go on (the report script's order). */
export function stepComplete(step: WizardStep, d: ReportDraft, now: number): boolean {
  switch (step) {
    case 'timePlace': {
      const at = accidentInstant(d);
      return at !== null && at <= now + 5 * 60_000 && filled(d.place);
    }
    case 'parties':
      return !d.thirdParty || filled(d.otherPlate) || filled(d.otherName);
    case 'account':
      return filled(d.account);
    case 'damage':
      return filled(d.damage);
    case 'confirm':
      return d.type !== null && d.policyId !== null;
  }
}

/** The report head office takes, from the wizard's fields. */
export function reportFromDraft(d: ReportDraft): Omit<ReportClaimRequest, 'id'> {
  const optional = (s: string) => (filled(s) ? s.trim() : undefined);
  return {
    policyId: d.policyId!,
    type: d.type!,
    accidentAt: accidentInstant(d)!,
    place: d.place.trim(),
    parties: [
      { role: 'insured', plate: optional(d.ownPlate), note: optional(d.people) },
      ...(d.thirdParty ? [{ role: 'third_party' as const, plate: optional(d.otherPlate), name: optional(d.otherName), phone: optional(d.otherPhone) }] : []),
    ],
    account: d.account.trim(),
    damage: d.damage.trim(),
  };
}
