import { Alert, Button, DatePicker, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskErrorPayload } from '../../../../shared/contract/errors';
import { DECLINE_REASONS, type DeclineReason, type RenewalOutcome } from '../../../../shared/domain/renewal';
import type { RenewalTask } from '../../../../shared/head-office/renewals';
import { useRenewals } from './renewal-store';

type Kind = RenewalOutcome['outcome'];
const FIELDS = ['reason', 'reasonText', 'callbackOn'] as const;

/** The field an error names (`outcome.callbackOn` → callbackOn), if it is one of this form's. */
function fieldOf(error: DeskErrorPayload): (typeof FIELDS)[number] | null {
  for (const issue of error.issues ?? []) {
    const last = issue.path.split('.').at(-1);
    const field = FIELDS.find((f) => f === last);
    if (field) return field;
  }
  return null;
}

/** 已续保 / 不续保 with a reason / 约定回访 on a later date, with an optional note. */
export function RenewalOutcomeForm({ task, today }: { task: RenewalTask; today: string }) {
  const { t } = useTranslation();
  const saving = useRenewals((s) => s.saving[task.id] ?? false);
  const [kind, setKind] = useState<Kind | null>(null);
  const [reason, setReason] = useState<DeclineReason | undefined>(undefined);
  const [reasonText, setReasonText] = useState('');
  const [callbackOn, setCallbackOn] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const build = (): RenewalOutcome | string => {
    const extra = note.trim() ? { note: note.trim() } : {};
    if (kind === 'renewed') return { outcome: 'renewed', ...extra };
    if (kind === 'declined') {
      if (!reason) return 'reason';
      if (reason === 'other' && !reasonText.trim()) return 'reasonText';
      return { outcome: 'declined', reason, ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}), ...extra };
    }
    if (!callbackOn || callbackOn <= today) return 'callbackOn';
    return { outcome: 'callback', callbackOn, ...extra };
  };

  const submit = async () => {
    if (!kind) return;
    const outcome = build();
    if (typeof outcome === 'string') {
      setProblem(t(`renewals.fieldErrors.${outcome}`));
      return;
    }
    setProblem(null);
    const error = await useRenewals.getState().record(task.id, outcome);
    if (error) {
      const field = fieldOf(error);
      setProblem(field ? t(`renewals.fieldErrors.${field}`) : t(`errors.${error.code}`));
    }
  };

  return (
    <div className="renewal-outcome" data-testid="renewal-outcome-form">
      <Radio.Group
        size="small"
        optionType="button"
        value={kind}
        onChange={(e) => {
          setKind(e.target.value as Kind);
          setProblem(null);
        }}
        options={(['renewed', 'declined', 'callback'] as const).map((k) => ({
          value: k,
          label: <span data-testid={`renewal-outcome-${k}`}>{t(`renewals.outcomes.${k}`)}</span>,
        }))}
      />
      {kind === 'declined' && (
        <div className="renewal-outcome-row">
          <Select<DeclineReason>
            size="small"
            placeholder={t('renewals.reason')}
            value={reason}
            onChange={setReason}
            style={{ minWidth: 180 }}
            data-testid="renewal-decline-reason"
            options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`renewals.reasons.${r}`) }))}
          />
          <Input
            size="small"
            maxLength={200}
            placeholder={t('renewals.reasonTextHint')}
            value={reasonText}
            onChange={(e) => setReasonText(e.target.value)}
            data-testid="renewal-decline-text"
          />
        </div>
      )}
      {kind === 'callback' && (
        <div className="renewal-outcome-row">
          <label className="muted small" htmlFor={`callback-${task.id}`}>
            {t('renewals.callbackOn')}
          </label>
          {/* The picker writes dates as 2026-06-01 in either language; a native date field follows the system's locale (06/01/2026). */}
          <span data-testid="renewal-callback-on">
            <DatePicker
              id={`callback-${task.id}`}
              size="small"
              format="YYYY-MM-DD"
              disabledDate={(d) => d.format('YYYY-MM-DD') <= today}
              onChange={(_, text) => setCallbackOn(typeof text === 'string' ? text : '')}
              style={{ width: 170 }}
            />
          </span>
        </div>
      )}
      {kind && (
        <div className="renewal-outcome-row">
          <Input size="small" maxLength={500} placeholder={t('renewals.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="renewal-note" />
          <Button size="small" type="primary" loading={saving} onClick={() => void submit()} data-testid="renewal-save">
            {t('renewals.save')}
          </Button>
        </div>
      )}
      {problem && <Alert type="error" showIcon title={problem} data-testid="renewal-outcome-error" />}
    </div>
  );
}
