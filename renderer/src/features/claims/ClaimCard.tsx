import { AlertOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Popover, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CLAIM_CLOCK, CLAIM_STAGES, nextStage } from '../../../../shared/domain/claims';
import type { ClaimView, MaterialRequestView } from '../../../../shared/head-office/claims';
import { uuidv7 } from '../../../../shared/domain/ids';
import { useClock } from '../../app/clock-store';
import { formatCalendarDate, formatElapsed, formatNumber } from '../../i18n/format';
import { formatOfficeDateTime } from '../tickets/office-time';
import { materialLabel, materialList } from './claim-labels';
import { useClaims } from './claims-store';
import { StageModal } from './StageModal';

function MaterialRequest({ claim, request }: { claim: ClaimView; request: MaterialRequestView }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const received = useClaims((s) => s.materialsReceived);
  const busy = useClaims((s) => s.busy[claim.id] ?? false);
  // The status head office gave is as of its answer; the clock moves on here.
  const status = request.receivedAt !== null ? 'received' : now > request.dueAt ? 'overdue' : 'open';
  return (
    <div className="claim-request" data-testid="claim-material-request" data-status={status}>
      <div className="small">{materialList(t, request.materials)}</div>
      {status === 'received' && <Tag color="success">{t('claims.requests.received')}</Tag>}
      {status === 'open' && (
        <Tag color="processing" data-testid="claim-request-countdown">
          {t('claims.requests.left', { time: formatElapsed(request.dueAt - now) })}
        </Tag>
      )}
      {status === 'overdue' && (
        <Tag color="error" data-testid="claim-request-overdue">
          {t('claims.requests.overdue', { time: formatElapsed(now - request.dueAt) })}
        </Tag>
      )}
      {status !== 'received' && (
        <Button size="small" loading={busy} onClick={() => void received(claim, request.id)} data-testid="claim-request-received">
          {t('claims.requests.markReceived')}
        </Button>
      )}
    </div>
  );
}

function RequestMaterials({ claim }: { claim: ClaimView }) {
  const { t } = useTranslation();
  const request = useClaims((s) => s.requestMaterials);
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  // The request being composed keeps its id until head office has it: sending again after a lost answer is the same request, one message to the customer.
  const [requestId, setRequestId] = useState(() => uuidv7());
  const send = async () => {
    const r = await request(claim, requestId, chosen);
    if (r.ok) {
      setOpen(false);
      setChosen([]);
      setRequestId(uuidv7());
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomLeft"
      // Kept inside the window: the list wraps in a bounded box instead of running to the edge.
      classNames={{ root: 'claim-request-popover' }}
      title={t('claims.requests.ask')}
      content={
        <Space orientation="vertical" className="claim-request-choices">
          <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} options={claim.materials.map((m) => ({ value: m, label: materialLabel(t, m) }))} />
          <Button type="primary" size="small" disabled={chosen.length === 0} onClick={() => void send()} data-testid="claim-request-send">
            {t('claims.requests.send')}
          </Button>
        </Space>
      }
    >
      <Button size="small" data-testid="claim-request-materials">
        {t('claims.requests.ask')}
      </Button>
    </Popover>
  );
}

/** One claim: its stage, expected dates, materials, the 24-hour requests, warning signs and the next step. */
export function ClaimCard({ claim }: { claim: ClaimView }) {
  const { t } = useTranslation();
  const refer = useClaims((s) => s.refer);
  const busy = useClaims((s) => s.busy[claim.id] ?? false);
  const [advancing, setAdvancing] = useState(false);
  const next = nextStage(claim.stage);
  const expected =
    claim.expected.unit === 'calendar_days'
      ? t('claims.card.expectedTheft', { date: formatCalendarDate(claim.expected.from) })
      : t('claims.card.expected', { from: formatCalendarDate(claim.expected.from), to: formatCalendarDate(claim.expected.to) });
  return (
    <div className="info-card claim-card" data-testid="claim-card" data-stage={claim.stage}>
      <div className="info-card-head">
        <span className="mono strong" data-testid="claim-card-no">
          {claim.claimNo}
        </span>
        <Tag className="mini-tag">{t(`claims.types.${claim.type}`)}</Tag>
        {claim.late && (
          <Tag color="warning" className="mini-tag">
            {t('claims.card.late')}
          </Tag>
        )}
      </div>
      <Steps
        size="small"
        // Titles under their numbers: four stages fit the narrow panel in either language without breaking a word.
        titlePlacement="vertical"
        className="claim-stages"
        current={CLAIM_STAGES.indexOf(claim.stage)}
        // A settled claim has every stage done, the last one included.
        status={claim.stage === 'settled' ? 'finish' : 'process'}
        items={CLAIM_STAGES.map((s) => ({ title: t(`claims.stages.${s}`) }))}
        data-testid="claim-stages"
      />
      <div className="small" data-testid="claim-expected">
        {expected}
        {claim.expected.provisional && <span className="muted"> {t('claims.card.provisional')}</span>}
      </div>
      <div className="muted small">{t('common.labelValue', { label: t('claims.card.reportedAt'), value: formatOfficeDateTime(claim.reportedAt, CLAIM_CLOCK.utcOffsetMinutes) })}</div>
      <div className="small" data-testid="claim-materials">
        {t('common.labelValue', { label: t('claims.card.materials'), value: materialList(t, claim.materials) })}
      </div>
      {claim.payoutYuan !== null && <div className="small">{t('claims.card.payout', { amount: formatNumber(claim.payoutYuan) })}</div>}

      {claim.materialRequests.map((r) => (
        <MaterialRequest key={r.id} claim={claim} request={r} />
      ))}

      {claim.fraudSignals.length > 0 && (
        <Alert
          type="warning"
          className="claim-fraud"
          data-testid="claim-fraud"
          icon={<AlertOutlined />}
          showIcon
          title={t('claims.fraud.title')}
          description={
            <ul className="claim-fraud-list">
              {claim.fraudSignals.map((s) => (
                <li key={s.code} data-testid="claim-fraud-signal" data-code={s.code}>
                  <strong>{t(`claims.fraud.codes.${s.code}`)}</strong>
                  <ul>
                    {s.evidence.map((e, i) => (
                      <li key={i} className="small">
                        {e.text}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Space wrap className="claim-actions">
        {next && (
          <Button size="small" type="primary" onClick={() => setAdvancing(true)} data-testid="claim-advance">
            {t('claims.card.advance', { stage: t(`claims.stages.${next}`) })}
          </Button>
        )}
        {claim.stage !== 'settled' && <RequestMaterials claim={claim} />}
        {claim.referral ? (
          <Tag color="red" data-testid="claim-referred">
            {t('claims.fraud.referred', { no: claim.referral.ticketNo })}
          </Tag>
        ) : (
          <Button size="small" danger loading={busy} onClick={() => void refer(claim, {})} data-testid="claim-refer">
            {t('claims.fraud.refer')}
          </Button>
        )}
      </Space>
      {advancing && next && next !== 'reported' && <StageModal claim={claim} to={next} onClose={() => setAdvancing(false)} />}
    </div>
  );
}
