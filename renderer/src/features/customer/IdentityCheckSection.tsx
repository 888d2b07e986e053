import { CheckCircleFilled, LockOutlined, MessageOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationStatus } from '../../../../shared/contract/customer-schemas';
import { VERIFICATION_STEPS, type VerificationStep } from '../../../../shared/domain/identity-check';
import { useClock } from '../../app/clock-store';
import { formatDateTime, formatElapsed } from '../../i18n/format';
import { clearValuesShown, useIdentityCheck } from './identity-check-store';
import './identity-check.css';

const TEST_IDS: Record<VerificationStep, string> = { policy: 'verify-policy', id_last4: 'verify-id', sms_code: 'verify-code' };

function StepRow({ step, passed, disabled, children }: { step: VerificationStep; passed: boolean; disabled: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const busy = useIdentityCheck((s) => s.busy);
  const wrong = useIdentityCheck((s) => s.wrong === step);
  const answer = useIdentityCheck((s) => s.answer);
  const submit = async () => {
    if (!value.trim()) return;
    if (await answer(step, value)) setValue('');
  };
  return (
    <div className="identity-step" data-testid={`${TEST_IDS[step]}-step`}>
      <div className="identity-step-head">
        {passed ? <CheckCircleFilled className="identity-passed" /> : <SafetyOutlined className="muted" />}
        <span className="strong">{t(`identity.steps.${step}`)}</span>
        {passed && (
          <Tag color="success" className="mini-tag" data-testid={`${TEST_IDS[step]}-passed`}>
            {t('identity.passed')}
          </Tag>
        )}
      </div>
      {!passed && (
        <>
          <div className="muted small">{t(`identity.hints.${step}`)}</div>
          {children}
          <Space.Compact className="identity-answer">
            <Input
              size="small"
              value={value}
              maxLength={step === 'policy' ? 40 : 12}
              disabled={disabled}
              status={wrong ? 'error' : undefined}
              placeholder={t(`identity.placeholders.${step}`)}
              onChange={(e) => setValue(e.target.value)}
              onPressEnter={() => void submit()}
              data-testid={`${TEST_IDS[step]}-input`}
              autoComplete="off"
            />
            <Button size="small" type="primary" disabled={disabled || !value.trim()} loading={busy === step} onClick={() => void submit()} data-testid={`${TEST_IDS[step]}-submit`}>
              {t('identity.check')}
            </Button>
          </Space.Compact>
          {wrong && (
            <div className="identity-wrong small" data-testid={`${TEST_IDS[step]}-wrong`}>
              {t('identity.wrong')}
            </div>
          )}
        </>
      )}
    </div>
  );
}

function CodeSender({ status, disabled }: { status: VerificationStatus; disabled: boolean }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const skew = useIdentityCheck((s) => s.skewMs);
  const busy = useIdentityCheck((s) => s.busy === 'send');
  const sendCode = useIdentityCheck((s) => s.sendCode);
  const code = status.code;
  const serverNow = now - skew;
  const waitMs = code?.resendAt ? code.resendAt - serverNow : 0;
  const limitMs = status.codeLimitUntil !== null ? status.codeLimitUntil - serverNow : 0;
  const canSend = !disabled && limitMs <= 0 && (!code || (code.resendAt !== null && waitMs <= 0));
  return (
    <div className="identity-code" data-testid="verify-code-sender">
      <Button size="small" icon={<MessageOutlined />} disabled={!canSend} loading={busy} onClick={() => void sendCode()} data-testid="verify-send-code">
        {code ? (waitMs > 0 ? t('identity.resendIn', { time: formatElapsed(waitMs) }) : t('identity.resend')) : t('identity.sendCode')}
      </Button>
      {code && (
        <div className="muted small" data-testid="verify-code-sent">
          {t('identity.codeSent', { to: code.sentToMasked, time: formatElapsed(code.expiresAt - serverNow) })}
        </div>
      )}
      {code?.resendAt === null && <div className="muted small">{t('identity.noMoreCodes')}</div>}
      {limitMs > 0 && (
        <div className="muted small" data-testid="verify-code-limit">
          {t('identity.customerCodeLimit', { time: formatDateTime(status.codeLimitUntil! + skew) })}
        </div>
      )}
    </div>
  );
}

/**
 * 身份核实: the three checks the course asks for before anything that
 * identifies the customer is shown or said. The agent types what the
 * customer answers; head office decides and counts wrong answers.
 */
export function IdentityCheckSection({ conversationId, status }: { conversationId: string; status: VerificationStatus }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const skew = useIdentityCheck((s) => s.skewMs);
  const serverNow = now - skew;
  const revealed = useIdentityCheck((s) => clearValuesShown(s, conversationId, serverNow));
  const revealing = useIdentityCheck((s) => s.busy === 'reveal');
  const reveal = useIdentityCheck((s) => s.reveal);
  const locked = status.lockedUntil !== null && status.lockedUntil > serverNow;
  const verified = status.state === 'verified' && status.expiresAt !== null && status.expiresAt > serverNow;

  if (verified) {
    return (
      <section className="identity-check" data-testid="verify-section">
        <Alert
          type="success"
          showIcon
          data-testid="verify-verified"
          data-clear={revealed ? 'yes' : 'no'}
          title={t(revealed ? 'identity.verified' : 'identity.verifiedMasked')}
          description={
            <Space direction="vertical" size={4}>
              <span data-testid="verify-time-left">{t('identity.timeLeft', { time: formatElapsed(status.expiresAt! - serverNow) })}</span>
              {!revealed && (
                <Button size="small" loading={revealing} onClick={() => void reveal()} data-testid="verify-reveal">
                  {t('identity.reveal')}
                </Button>
              )}
            </Space>
          }
        />
      </section>
    );
  }
  return (
    <section className="identity-check" data-testid="verify-section">
      <div className="group-title">
        <SafetyOutlined /> {t('identity.title')}
      </div>
      {status.state === 'expired' && <Alert type="warning" showIcon className="identity-alert" data-testid="verify-expired" title={t('identity.expired')} />}
      {locked ? (
        <Alert
          type="error"
          showIcon
          icon={<LockOutlined />}
          className="identity-alert"
          data-testid="verify-locked"
          title={t('identity.locked')}
          description={t('identity.lockedUntil', { time: formatDateTime(status.lockedUntil! + skew) })}
        />
      ) : (
        <div className="muted small" data-testid="verify-attempts-left">
          {t('identity.intro', { count: status.attemptsLeft })}
        </div>
      )}
      {VERIFICATION_STEPS.map((step) => (
        <StepRow key={step} step={step} passed={status.passed.includes(step)} disabled={locked || (step === 'sms_code' && status.code === null)}>
          {step === 'sms_code' && <CodeSender status={status} disabled={locked} />}
        </StepRow>
      ))}
    </section>
  );
}
