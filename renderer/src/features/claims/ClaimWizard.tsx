import { Alert, Button, Checkbox, Input, Modal, Radio, Result, Select, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationCustomer } from '../../../../shared/contract/customer-schemas';
import { CLAIM_TYPES, damageRequired, isLateReport, LATE_REPORT_MATERIALS, lateReportScript, materialsChecklist, REPORT_SCRIPT } from '../../../../shared/domain/claims';
import type { ClaimType } from '../../../../shared/domain/claims';
import type { ClaimView } from '../../../../shared/head-office/claims';
import { uuidv7 } from '../../../../shared/domain/ids';
import { useClock } from '../../app/clock-store';
import { formatCalendarDate } from '../../i18n/format';
import { useIdentityCheck } from '../customer/identity-check-store';
import { EMPTY_PICK, OfficeTimePicker, type PickedField } from './OfficeTimePicker';
import { issueFieldLabel } from '../../app/error-issues';
import { materialList } from './claim-labels';
import { useClaims } from './claims-store';
import {
  accidentInstant,
  draftProblems,
  EMPTY_DRAFT,
  FIELD_STEP,
  knownReason,
  reportFromDraft,
  stepComplete,
  WIZARD_STEPS,
  type FieldProblem,
  type ReportDraft,
  type WizardStep,
  verifiedNow,
} from './report-form';
import { FieldReason } from './FieldReason';

/** A late report's line to the customer (Chinese, as sent) and the proof its type needs, in the agent's language. */
function LateReport({ type }: { type: ClaimType }) {
  const { t } = useTranslation();
  return (
    <div data-testid="claim-late-script">
      <div className="muted small">{t('claims.wizard.lateScript')} · {t('claims.toCustomer')}</div>
      <div lang="zh-CN">{lateReportScript(type)}</div>
      <div className="small">{t('claims.wizard.lateMaterials', { list: materialList(t, LATE_REPORT_MATERIALS[type]) })}</div>
    </div>
  );
}

/** The line of the report script (报案话术) the agent says at each step. */
const SCRIPT_LINE: Record<WizardStep, string> = {
  timePlace: `${REPORT_SCRIPT.opening}${REPORT_SCRIPT.timePlace}`,
  parties: REPORT_SCRIPT.parties,
  account: REPORT_SCRIPT.account,
  damage: REPORT_SCRIPT.damage,
  confirm: REPORT_SCRIPT.closing,
};

/**
 * 报案: the report script's four questions one step at a time (time and
 * place, vehicles and people, what happened, damage), then the claim type
 * and policy. Head office numbers the claim and tells the customer.
 */
export function ClaimWizard({ conversationId, profile, onClose }: { conversationId: string; profile: ConversationCustomer; onClose: () => void }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const report = useClaims((s) => s.report);
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<ReportDraft>(() => {
    const active = profile.policies.filter((p) => p.status === 'active');
    const commercial = active.find((p) => p.kind === 'commercial') ?? active[0];
    return { ...EMPTY_DRAFT, policyId: commercial?.id ?? null };
  });
  // One id per draft, made when the wizard opens: every 提交 of this report sends it, so a retry after a lost answer gets the same claim.
  const [reportId] = useState(() => uuidv7());
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<{ code: string; text: string } | null>(null);
  /** Head office's refusals by field (its reason code, or its message when it has none); cleared when the field changes. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [made, setMade] = useState<ClaimView | null>(null);
  // What the accident picker shows; the draft keeps its text (office time).
  const [accidentPick, setAccidentPick] = useState<PickedField>(EMPTY_PICK);
  // The identity check as the panel last saw it for this conversation (head office decides; this only warns early).
  // Counted on head office's clock like the panel (desk clock minus the skew seen when each status arrived).
  const panelStatus = useIdentityCheck((s) => (s.status?.conversationId === conversationId ? s.status : null));
  const panelSkew = useIdentityCheck((s) => s.skewMs);
  const [profileSkew] = useState(() => Date.now() - profile.verification.now);
  const verified = panelStatus ? verifiedNow(panelStatus, now, panelSkew) : verifiedNow(profile.verification, now, profileSkew);
  const edit = (patch: Partial<ReportDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // A refusal about a field goes once the agent changes it (the policy decides the accident's period too).
    setRefused((r) => {
      const next = { ...r };
      for (const k of Object.keys(patch)) delete next[k === 'policyId' ? 'accidentAt' : k];
      if ('policyId' in patch) delete next.policyId;
      return next;
    });
  };
  const go = (to: number) => {
    // What head office said about the last attempt belongs to it: going back and forth starts clean.
    setError(null);
    setStep(to);
  };
  const current = WIZARD_STEPS[step]!;
  const at = accidentInstant(draft);
  const late = at !== null && isLateReport(at, now);
  const chosenPolicy = profile.policies.find((p) => p.id === draft.policyId) ?? null;
  const period = chosenPolicy ? { startsOn: chosenPolicy.startsOn, expiresOn: chosenPolicy.expiresOn } : null;
  const problems = draftProblems(draft, now, current === 'confirm' ? period : null);
  const reasonText = (field: string, problem: FieldProblem | undefined): string | null => {
    if (problem) return t(`claims.reasons.${problem}`);
    const said = refused[field];
    if (said === undefined) return null;
    const known = knownReason(said);
    return known ? t(`claims.reasons.${known}`) : t('claims.reasons.other', { field: issueFieldLabel(field), message: said });
  };
  // Outside the chosen policy's period is only known at the last step; it is told there, beside the policy.
  const accidentReason = reasonText('accidentAt', problems.accidentAt);
  // Said at the damage step itself, so a greyed 下一步 always comes with its reason.
  const damageReason = reasonText('damage', problems.damage);

  const submit = async () => {
    setSending(true);
    setError(null);
    const r = await report(conversationId, reportFromDraft(draft, reportId));
    setSending(false);
    if (r.ok) setMade(r.value);
    else if (r.error.code === 'INVALID_INPUT' && r.error.issues && r.error.issues.length > 0) {
      // Show each reason at its field, and take the agent to the first step that holds one.
      const byField: Record<string, string> = {};
      for (const i of r.error.issues) byField[i.path.split('.')[0] ?? ''] ??= i.message;
      setRefused(byField);
      const steps = Object.keys(byField).map((f) => WIZARD_STEPS.indexOf(FIELD_STEP[f] ?? 'confirm'));
      const first = Math.min(...steps);
      // An accident outside the policy's period is fixed at either step; the policy is chosen here.
      if (!(byField.accidentAt === 'accident_outside_policy' && Object.keys(byField).length === 1)) setStep(first);
      if (steps.every((s) => s < 0)) setError({ code: r.error.code, text: t(`errors.${r.error.code}`, { defaultValue: r.error.message }) });
    } else if (r.error.code === 'NOT_VERIFIED' || r.error.code === 'VERIFICATION_EXPIRED') setError({ code: r.error.code, text: t('claims.wizard.notVerified') });
    else setError({ code: r.error.code, text: t(`errors.${r.error.code}`, { defaultValue: r.error.message }) });
  };

  if (made) {
    return (
      <Modal open onCancel={onClose} footer={<Button type="primary" onClick={onClose} data-testid="claim-wizard-done">{t('claims.wizard.done')}</Button>} title={t('claims.wizard.title')} width={720}>
        <Result
          status="success"
          title={
            <span>
              {t('claims.wizard.claimNo')} <span className="mono" data-testid="claim-number">{made.claimNo}</span>
            </span>
          }
          subTitle={t('claims.wizard.sent')}
        />
      </Modal>
    );
  }

  const fields = (() => {
    switch (current) {
      case 'timePlace':
        return (
          <Space orientation="vertical" className="claim-fields">
            <Radio.Group value={draft.type} onChange={(e) => edit({ type: e.target.value })} data-testid="claim-type">
              {CLAIM_TYPES.map((type) => (
                <Radio.Button key={type} value={type} data-testid={`claim-type-${type}`}>
                  {t(`claims.types.${type}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <label>
              {t('claims.fields.accidentAt')} <span className="muted small">{t('claims.fields.officeClock')}</span>
              <OfficeTimePicker
                field={accidentPick.text === draft.accidentAt ? accidentPick : { text: draft.accidentAt, shown: null }}
                invalid={accidentReason !== null}
                onChange={(f) => (setAccidentPick(f), edit({ accidentAt: f.text }))}
                testId="claim-accident-at"
              />
              <FieldReason field="accidentAt" text={accidentReason} />
            </label>
            <label>
              {t('claims.fields.place')}
              <Input value={draft.place} maxLength={120} onChange={(e) => edit({ place: e.target.value })} data-testid="claim-place" />
            </label>
            {late && (
              <Alert
                type="warning"
                showIcon
                data-testid="claim-late"
                title={t('claims.wizard.late')}
                description={draft.type ? <LateReport type={draft.type} /> : <div className="small">{t('claims.wizard.lateByType')}</div>}
              />
            )}
          </Space>
        );
      case 'parties':
        return (
          <Space orientation="vertical" className="claim-fields">
            <label>
              {t('claims.fields.ownPlate')}
              <Input value={draft.ownPlate} maxLength={12} onChange={(e) => edit({ ownPlate: e.target.value })} data-testid="claim-own-plate" />
            </label>
            <label>
              {t('claims.fields.people')}
              <Input value={draft.people} maxLength={200} onChange={(e) => edit({ people: e.target.value })} data-testid="claim-people" />
            </label>
            <Checkbox checked={draft.thirdParty} onChange={(e) => edit({ thirdParty: e.target.checked })} data-testid="claim-third-party">
              {t('claims.fields.thirdParty')}
            </Checkbox>
            {draft.thirdParty && (
              <Space wrap>
                <Input placeholder={t('claims.fields.otherPlate')} value={draft.otherPlate} maxLength={12} onChange={(e) => edit({ otherPlate: e.target.value })} data-testid="claim-other-plate" />
                <Input placeholder={t('claims.fields.otherName')} value={draft.otherName} maxLength={40} onChange={(e) => edit({ otherName: e.target.value })} />
                <Input placeholder={t('claims.fields.otherPhone')} value={draft.otherPhone} maxLength={20} onChange={(e) => edit({ otherPhone: e.target.value })} />
              </Space>
            )}
          </Space>
        );
      case 'account':
        return (
          <label className="claim-fields">
            {t('claims.fields.account')}
            <Input.TextArea rows={4} maxLength={1000} value={draft.account} onChange={(e) => edit({ account: e.target.value })} data-testid="claim-account" />
          </label>
        );
      case 'damage':
        return (
          <label className="claim-fields">
            {damageRequired(draft.type) ? t('claims.fields.damage') : t('claims.fields.damageOptional')}
            <Input.TextArea rows={3} maxLength={500} value={draft.damage} onChange={(e) => edit({ damage: e.target.value })} data-testid="claim-damage" />
            <FieldReason field="damage" text={damageReason} />
          </label>
        );
      case 'confirm':
        return (
          <Space orientation="vertical" className="claim-fields">
            {draft.type && (
              <div className="muted small" data-testid="claim-type-rule">
                <Tag>{t(`claims.types.${draft.type}`)}</Tag>
                <div>{t(`claims.handling.${draft.type}`)}</div>
                <div>
                  {t('common.labelValue', {
                    label: t('claims.card.materials'),
                    value: materialList(t, materialsChecklist(draft.type, draft.thirdParty ? [{ role: 'third_party' }] : [])),
                  })}
                </div>
                <div>{t(`claims.typeNotes.${draft.type}`)}</div>
              </div>
            )}
            <label>
              {t('claims.fields.policy')}
              <Select
                className="claim-policy"
                value={draft.policyId ?? undefined}
                onChange={(policyId: string) => edit({ policyId })}
                options={profile.policies.map((p) => ({
                  value: p.id,
                  label: `${t(`policyKinds.${p.kind}`)} ${p.policyNoMasked} (${formatCalendarDate(p.startsOn)} – ${formatCalendarDate(p.expiresOn)})`,
                  disabled: p.status !== 'active',
                }))}
                status={accidentReason ? 'error' : undefined}
                data-testid="claim-policy"
              />
              <FieldReason field="accidentAt" text={accidentReason} />
              <FieldReason field="policyId" text={reasonText('policyId', undefined)} />
            </label>
            {at !== null && (
              <div className="muted small">{t('common.labelValue', { label: t('claims.fields.accidentAt'), value: `${draft.accidentAt.replace('T', ' ')} (UTC+8)` })}</div>
            )}
            {late && <Tag color="warning">{t('claims.card.late')}</Tag>}
            {late && draft.type && <LateReport type={draft.type} />}
          </Space>
        );
    }
  })();

  return (
    <Modal
      open
      title={t('claims.wizard.title')}
      width={760}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Space>
          {step > 0 && (
            <Button onClick={() => go(step - 1)} data-testid="claim-back">
              {t('claims.wizard.back')}
            </Button>
          )}
          {step < WIZARD_STEPS.length - 1 ? (
            <Button type="primary" disabled={!stepComplete(current, draft, now)} onClick={() => go(step + 1)} data-testid="claim-next">
              {t('claims.wizard.next')}
            </Button>
          ) : (
            <Button type="primary" loading={sending} disabled={!stepComplete('confirm', draft, now, period)} onClick={() => void submit()} data-testid="claim-submit">
              {t('claims.wizard.submit')}
            </Button>
          )}
        </Space>
      }
    >
      {!verified && <Alert type="warning" showIcon title={t('claims.wizard.unverified')} className="claim-unverified" data-testid="claim-unverified" />}
      <Steps size="small" titlePlacement="vertical" current={step} items={WIZARD_STEPS.map((s) => ({ title: t(`claims.steps.${s}`) }))} className="claim-steps" />
      <div className="claim-step">
        <div className="claim-step-fields">{fields}</div>
        <aside className="claim-script" data-testid="claim-script">
          <div className="muted small">{t('claims.wizard.script')}</div>
          <div lang="zh-CN">{SCRIPT_LINE[current]}</div>
        </aside>
      </div>
      {error && <Alert type="error" showIcon title={error.text} data-testid="claim-error" data-code={error.code} />}
    </Modal>
  );
}
