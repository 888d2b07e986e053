import { ClockCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../../../shared/domain/channels';
import { responseTimerState } from '../../../../shared/domain/first-response';
import { useClock } from '../../app/clock-store';
import { formatElapsed } from '../../i18n/format';

/** How long the customer has waited for a reply, against the channel's target (30 s chat, 30 min Weibo). */
export function ResponseTimer({ channel, awaitingSince }: { channel: Channel; awaitingSince: number | null }) {
  const { t } = useTranslation();
  const now = useClock((s) => s.now);
  const state = responseTimerState(channel, awaitingSince, now);
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
