import { RiseOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail } from '../../../../shared/contract/schemas';
import { useClock } from '../../app/clock-store';
import { formatOfficeDateTime, officeOffsetOf } from './office-time';
import { LevelModal } from './LevelModal';
import { NextStepForm } from './NextStepForm';
import { OwnerField } from './OwnerField';
import { ComplaintLevelTag } from './TicketLabels';
import { timerOf } from './ticket-timers';
import { timeLeftText } from './timers-store';
import './ticket-sla.css';

/** The ticket's service level in the drawer: level and escalation, deadline and time left, owner, next step, 事不过夜. */
export function TicketSlaSection({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const [levelOpen, setLevelOpen] = useState(false);
  const step = useClock((s) => Math.floor(s.now / 15_000));
  const running = useMemo(() => timerOf(detail, step * 15_000), [detail, step]);
  const isComplaint = detail.type === 'complaint';
  const solved = detail.status === 'resolved' || detail.status === 'closed';
  // Shown in the office's clock, the one the next-step field is typed in.
  const offset = officeOffsetOf(detail);
  const formatDateTime = (at: number) => formatOfficeDateTime(at, offset);

  return (
    <div className="drawer-section ticket-sla-section" data-testid="ticket-sla">
      <div className="section-title">{t('ticketSla.timers')}</div>
      {running?.overnightAt != null && (
        <Alert type="warning" showIcon data-testid="ticket-overnight-flag" title={t('ticketSla.overnightFlag')} description={t('ticketSla.overnightSince', { time: formatDateTime(running.overnightAt) })} />
      )}
      <Descriptions size="small" bordered column={2}>
        {isComplaint && (
          <Descriptions.Item label={t('ticketSla.level')} span={2}>
            <Space wrap>
              {detail.complaintLevel !== null && <ComplaintLevelTag level={detail.complaintLevel} />}
              {detail.escalatedTo && (
                <Tag color="magenta" data-testid="ticket-escalated">
                  {t('ticketSla.escalatedTo', { to: t(`ticketSla.handler.${detail.escalatedTo}`) })}
                </Tag>
              )}
              {!solved && (
                <Button size="small" danger icon={<RiseOutlined />} onClick={() => setLevelOpen(true)} data-testid="ticket-escalate">
                  {t('ticketSla.changeLevel')}
                </Button>
              )}
            </Space>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('ticketSla.dueAt')}>{detail.slaDueAt !== null ? formatDateTime(detail.slaDueAt) : t('ticketSla.noDeadline')}</Descriptions.Item>
        <Descriptions.Item label={t('ticketSla.due')}>
          {running ? (
            <span className={`sla-clock sla-${running.timer.state}`} data-testid="ticket-sla-left" data-state={running.timer.state}>
              {t(`ticketSla.state.${running.timer.state}`)} · {timeLeftText(running.timer.minutesLeft)}
            </span>
          ) : (
            <span className="muted">{solved ? t('ticketSla.stopped') : t('ticketSla.noDeadline')}</span>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticketSla.owner')} span={2}>
          <OwnerField detail={detail} />
        </Descriptions.Item>
        {detail.satisfaction && (
          <Descriptions.Item label={t('ticketSla.satisfaction')} span={2}>
            <span data-testid="ticket-satisfaction">
              {t(`ticketSla.rating.${detail.satisfaction}`)}
              {detail.satisfactionNote ? ` · ${detail.satisfactionNote}` : ''}
            </span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {!solved && (
        <>
          <div className="section-title">
            {t('ticketSla.nextStep')}
            {detail.nextStep ? (
              <span className="muted small"> · {t('ticketSla.history.nextStep', { action: detail.nextStep.action, due: formatDateTime(detail.nextStep.dueAt) })}</span>
            ) : (
              <span className="muted small"> · {t('ticketSla.nextStepMissing')}</span>
            )}
          </div>
          <NextStepForm detail={detail} />
        </>
      )}
      <div className="muted small">{t('ticketSla.workingTimeNote')}</div>
      {isComplaint && <LevelModal detail={detail} open={levelOpen} onClose={() => setLevelOpen(false)} />}
    </div>
  );
}
