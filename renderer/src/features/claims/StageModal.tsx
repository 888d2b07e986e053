import { Alert, Checkbox, Input, InputNumber, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGE_NOTIFICATIONS, type ClaimStage } from '../../../../shared/domain/claims';
import type { AdvanceClaimRequest, ClaimView } from '../../../../shared/head-office/claims';
import { materialLabel } from './claim-labels';
import { useClaims } from './claims-store';

/**
 * The values the next stage's notification needs (查勘定损: when the
 * survey is done; 资料提示: which materials by when; 核赔结案: the payout),
 * with the notification the customer will receive shown above them.
 */
export function StageModal({ claim, to, onClose }: { claim: ClaimView; to: Exclude<ClaimStage, 'reported'>; onClose: () => void }) {
  const { t } = useTranslation();
  const advance = useClaims((s) => s.advance);
  const busy = useClaims((s) => s.busy[claim.id] ?? false);
  const [surveyAt, setSurveyAt] = useState('');
  const [materials, setMaterials] = useState<string[]>(() => claim.materials.slice(0, 2));
  const [dueOn, setDueOn] = useState('');
  const [payout, setPayout] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const step = ((): AdvanceClaimRequest | null => {
    if (to === 'surveying') {
      const at = surveyAt ? new Date(surveyAt).getTime() : NaN;
      return Number.isFinite(at) ? { to, surveyAt: at } : null;
    }
    if (to === 'materials') return materials.length > 0 && dueOn ? { to, materials, dueOn } : null;
    return payout !== null && payout > 0 ? { to, payoutYuan: payout } : null;
  })();

  const ok = async () => {
    if (!step) return;
    const r = await advance(claim, step);
    if (r.ok) onClose();
    else setError(t(`errors.${r.error.code}`, { defaultValue: r.error.message }) + (r.error.code === 'CONFLICT' ? ` ${r.error.message}` : ''));
  };

  return (
    <Modal
      open
      title={t('claims.stage.title', { stage: t(`claims.stages.${to}`) })}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={t('claims.stage.send')}
      okButtonProps={{ disabled: !step, loading: busy, ...({ 'data-testid': 'claim-stage-send' } as Record<string, string>) }}
    >
      <Space orientation="vertical" className="claim-fields">
        <div className="claim-script small" data-testid="claim-stage-template">
          <div className="muted">{t('common.labelValue', { label: t(`claims.stages.${to}`), value: t('claims.toCustomer') })}</div>
          <div lang="zh-CN">{STAGE_NOTIFICATIONS[to]}</div>
        </div>
        {to === 'surveying' && (
          <label>
            {t('claims.stage.surveyAt')}
            <Input type="datetime-local" value={surveyAt} onChange={(e) => setSurveyAt(e.target.value)} data-testid="claim-survey-at" />
          </label>
        )}
        {to === 'materials' && (
          <>
            <Checkbox.Group value={materials} onChange={(v) => setMaterials(v as string[])} options={claim.materials.map((m) => ({ value: m, label: materialLabel(t, m) }))} />
            <label>
              {t('claims.stage.dueOn')}
              <Input type="date" value={dueOn} onChange={(e) => setDueOn(e.target.value)} data-testid="claim-due-on" />
            </label>
          </>
        )}
        {to === 'settled' && (
          <label>
            {t('claims.stage.payout')}
            <InputNumber min={0.01} max={100_000_000} precision={2} value={payout} onChange={(v) => setPayout(v)} className="claim-payout" data-testid="claim-payout" />
          </label>
        )}
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
