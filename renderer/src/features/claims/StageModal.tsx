import { Alert, Button, Checkbox, Input, Modal, Space } from 'antd';
import { EMPTY_PICK, OfficeTimePicker, type PickedField } from './OfficeTimePicker';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CLAIM_CLOCK,
  claimDay,
  outstandingRequests,
  payoutProblem,
  stageNotice,
  surveyTimeProblem,
  type ClaimFieldReason,
  type ClaimStage,
  type StageStep,
} from '../../../../shared/domain/claims';
import type { ClaimView } from '../../../../shared/head-office/claims';
import { useClock } from '../../app/clock-store';
import { issueFieldLabel } from '../../app/error-issues';
import { formatNumber } from '../../i18n/format';
import { formatOfficeDateTime, instantOfOfficeInput } from '../tickets/office-time';
import { materialLabel, materialList } from './claim-labels';
import { useClaims } from './claims-store';
import { knownReason } from './report-form';
import { FieldReason } from './FieldReason';

type Field = 'surveyAt' | 'dueOn' | 'payoutYuan';
type Reason = ClaimFieldReason | 'invalid_time';

/** The amount as typed: a plain number (thousands separators allowed), never clamped; NaN when it is none. */
function parseYuan(text: string): number {
  const clean = text.replace(/[,，\s]/g, '');
  return clean === '' ? NaN : Number(clean);
}

/**
 * The values the next stage's notification needs (查勘定损: when the
 * survey is done, in office time; 资料提示: which materials by when;
 * 核赔结案: the payout, within the claim's limit), then the exact notice
 * the customer will receive, and an explicit confirmation before it goes.
 * Nothing typed is silently changed: a value that cannot be sent says why.
 */
export function StageModal({ claim, to, onClose }: { claim: ClaimView; to: Exclude<ClaimStage, 'reported'>; onClose: () => void }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const advance = useClaims((s) => s.advance);
  const busy = useClaims((s) => s.busy[claim.id] ?? false);
  const [surveyPick, setSurveyPick] = useState<PickedField>(EMPTY_PICK);
  const surveyAt = surveyPick.text;
  const [materials, setMaterials] = useState<string[]>(() => claim.materials.slice(0, 2));
  const [duePick, setDuePick] = useState<PickedField>(EMPTY_PICK);
  const dueOn = duePick.text;
  const [payout, setPayout] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Head office's refusal of a field (its reason code or its message), until the field changes. */
  const [refused, setRefused] = useState<Partial<Record<Field, string>>>({});

  const changed = (field: Field) => {
    setConfirming(false);
    setError(null);
    setRefused((r) => ({ ...r, [field]: undefined }));
  };

  // Each field's value, and why it cannot be sent (null while it is empty: the button just waits).
  const surveyInstant = instantOfOfficeInput(surveyAt, CLAIM_CLOCK.utcOffsetMinutes);
  const amount = parseYuan(payout);
  const problems: Partial<Record<Field, Reason>> = {};
  if (to === 'surveying' && surveyAt) problems.surveyAt = surveyInstant === null ? 'invalid_time' : (surveyTimeProblem(surveyInstant, now) ?? undefined);
  if (to === 'materials' && dueOn && dueOn < claimDay(now)) problems.dueOn = 'due_in_past';
  if (to === 'settled' && payout.trim()) problems.payoutYuan = payoutProblem(amount, claim.payoutLimitYuan) ?? undefined;

  // 核赔结案 waits for every 24-hour request to be answered: say which ones are still open.
  const open = to === 'settled' ? outstandingRequests(claim.materialRequests) : [];
  const openText =
    open.length > 0
      ? t('claims.stage.outstanding', {
          list: open.map((r) => t('claims.stage.outstandingItem', { materials: materialList(t, r.materials), sentAt: formatOfficeDateTime(r.sentAt, CLAIM_CLOCK.utcOffsetMinutes) })).join(t('claims.listSeparator')),
        })
      : null;

  const step = ((): StageStep | null => {
    if (Object.values(problems).some(Boolean) || open.length > 0) return null;
    if (to === 'surveying') return surveyInstant !== null ? { to, surveyAt: surveyInstant } : null;
    if (to === 'materials') return materials.length > 0 && dueOn ? { to, materials, dueOn } : null;
    return payout.trim() ? { to, payoutYuan: amount } : null;
  })();
  const preview = step ? stageNotice(claim.claimNo, step) : null;

  const reason = (field: Field): string | null => {
    const problem = problems[field];
    const limit = formatNumber(claim.payoutLimitYuan);
    if (problem) return t(`claims.reasons.${problem}`, { limit });
    const said = refused[field];
    if (!said) return null;
    const known = knownReason(said);
    return known ? t(`claims.reasons.${known}`, { limit }) : t('claims.reasons.other', { field: issueFieldLabel(field), message: said });
  };

  const send = async () => {
    if (!step) return;
    const { materials: chosen, ...rest } = step;
    const r = await advance(claim, { ...rest, ...(chosen ? { materials: [...chosen] } : {}) });
    if (r.ok) return onClose();
    setConfirming(false);
    const fieldIssues = (r.error.issues ?? []).filter((i): i is { path: Field; message: string } => ['surveyAt', 'dueOn', 'payoutYuan'].includes(i.path));
    if (r.error.code === 'INVALID_INPUT' && fieldIssues.length > 0) {
      setRefused(Object.fromEntries(fieldIssues.map((i) => [i.path, i.message])));
      return;
    }
    const outstanding = (r.error.issues ?? []).filter((i) => i.path === 'materialRequests');
    if (outstanding.length > 0) {
      // The claim reloads with the request head office named; until then say what head office said.
      const known = claim.materialRequests.filter((q) => outstanding.some((i) => i.message === q.id));
      setError(
        t('claims.stage.outstanding', {
          list: known.length > 0 ? known.map((q) => t('claims.stage.outstandingItem', { materials: materialList(t, q.materials), sentAt: formatOfficeDateTime(q.sentAt, CLAIM_CLOCK.utcOffsetMinutes) })).join(t('claims.listSeparator')) : r.error.message,
        }),
      );
      return;
    }
    setError(t(`errors.${r.error.code}`, { defaultValue: r.error.message }) + (r.error.code === 'CONFLICT' ? ` ${r.error.message}` : ''));
  };

  const footer = confirming ? (
    <Space>
      <Button onClick={() => setConfirming(false)} data-testid="claim-stage-edit">
        {t('claims.stage.edit')}
      </Button>
      <Button type="primary" danger={to === 'settled'} loading={busy} disabled={!step} onClick={() => void send()} data-testid="claim-stage-confirm">
        {t('claims.stage.confirm')}
      </Button>
    </Space>
  ) : (
    <Space>
      <Button onClick={onClose}>{t('claims.stage.cancel')}</Button>
      <Button type="primary" disabled={!step} onClick={() => setConfirming(true)} data-testid="claim-stage-send">
        {t('claims.stage.review')}
      </Button>
    </Space>
  );

  return (
    <Modal open title={t('claims.stage.title', { stage: t(`claims.stages.${to}`) })} onCancel={onClose} maskClosable={false} footer={footer} width={560}>
      <Space orientation="vertical" className="claim-fields">
        {to === 'surveying' && (
          <label>
            {t('claims.stage.surveyAt')} <span className="muted small">{t('claims.fields.officeClock')}</span>
            <OfficeTimePicker
              field={surveyPick}
              disabled={confirming}
              invalid={reason('surveyAt') !== null}
              onChange={(f) => (setSurveyPick(f), changed('surveyAt'))}
              testId="claim-survey-at"
            />
            <FieldReason field="surveyAt" text={reason('surveyAt')} />
          </label>
        )}
        {to === 'materials' && (
          <>
            <Checkbox.Group
              value={materials}
              disabled={confirming}
              onChange={(v) => (setMaterials(v as string[]), changed('dueOn'))}
              options={claim.materials.map((m) => ({ value: m, label: materialLabel(t, m) }))}
            />
            <label>
              {t('claims.stage.dueOn')}
              <OfficeTimePicker
                field={duePick}
                withTime={false}
                disabled={confirming}
                invalid={reason('dueOn') !== null}
                onChange={(f) => (setDuePick(f), changed('dueOn'))}
                testId="claim-due-on"
              />
              <FieldReason field="dueOn" text={reason('dueOn')} />
            </label>
          </>
        )}
        {to === 'settled' && (
          <label>
            {t('claims.stage.payout')} <span className="muted small">{t('claims.stage.payoutLimit', { limit: formatNumber(claim.payoutLimitYuan) })}</span>
            <Input
              inputMode="decimal"
              value={payout}
              disabled={confirming}
              status={reason('payoutYuan') ? 'error' : undefined}
              onChange={(e) => (setPayout(e.target.value), changed('payoutYuan'))}
              className="claim-payout"
              data-testid="claim-payout"
            />
            <FieldReason field="payoutYuan" text={reason('payoutYuan')} />
          </label>
        )}
        {openText && <Alert type="warning" showIcon title={openText} data-testid="claim-stage-outstanding" />}
        <div className="claim-script small" data-testid="claim-stage-preview" data-filled={preview ? 'true' : 'false'}>
          <div className="muted">{t('claims.stage.preview')} · {t('claims.toCustomer')}</div>
          {preview ? <div lang="zh-CN">{preview}</div> : <div className="muted">{t('claims.stage.previewPending')}</div>}
        </div>
        {confirming && <Alert type="warning" showIcon title={t('claims.stage.confirmQuestion')} data-testid="claim-stage-confirm-question" />}
        {error && <Alert type="error" showIcon title={error} data-testid="claim-stage-error" />}
      </Space>
    </Modal>
  );
}
