import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { responseTimerState } from '../../../../shared/domain/first-response';
import { useClock } from '../../app/clock-store';
import { formatElapsed } from '../../i18n/format';

/** mm:ss the customer has waited for a first reply: neutral, amber at 20 s, red at 30 s. */
export function ResponseTimer({ awaitingSince }: { awaitingSince: number | null }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const state = responseTimerState(awaitingSince, now);
  if (state === 'idle' || awaitingSince === null) return null;
  const elapsed = formatElapsed(now - awaitingSince);
  const tip = state === 'breached' ? t('sessions.timerBreached') : state === 'warn' ? t('sessions.timerWarn') : t('sessions.timerOk');
  return (
    <Tooltip title={tip} placement="right">
      <span className={`response-timer timer-${state}`} data-testid="response-timer" data-state={state} aria-label={t('sessions.waiting', { time: elapsed })}>
        <ClockCircleOutlined />
        {elapsed}
      </span>
    </Tooltip>
  );
}
