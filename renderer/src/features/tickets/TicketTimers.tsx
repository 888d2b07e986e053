import { FieldTimeOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgent } from '../../app/agent-store';
import { useClock } from '../../app/clock-store';
import { formatOfficeDateTime, officeOffsetOf } from './office-time';
import { awaitsComplaintTeam } from '../../../../shared/domain/ticket-sla';
import { ComplaintLevelTag } from './TicketLabels';
import { runningTimers } from './ticket-timers';
import { timeLeftText, useTicketTimers } from './timers-store';
import { useTickets } from './tickets-store';
import './ticket-sla.css';

/** Re-counted every 15 seconds: working minutes do not need a finer clock. */
const STEP_MS = 15_000;

/** Every running deadline the agent watches (a lead: the office's), most urgent first; amber near the deadline, red overdue. */
export function TicketTimers() {
  const { t } = useTranslation();
  const tickets = useTicketTimers((s) => s.tickets);
  const step = useClock((s) => Math.floor(s.now / STEP_MS));
  const agent = useAgent((s) => s.agent);
  const openDetail = useTickets((s) => s.openDetail);
  const timers = useMemo(
    () => runningTimers(tickets, step * STEP_MS, agent ? { id: agent.id, role: agent.role } : null),
    [tickets, step, agent],
  );

  return (
    <section className="ticket-timers" data-testid="ticket-timers" aria-label={t('ticketSla.timers')}>
      <div className="ticket-timers-head">
        <strong>
          <FieldTimeOutlined /> {t('ticketSla.timers')}
        </strong>
        <span className="muted small">{t('ticketSla.timersHint')}</span>
      </div>
      {timers.length === 0 ? (
        <div className="muted small">{t('ticketSla.timersEmpty')}</div>
      ) : (
        <ol className="ticket-timers-list">
          {timers.map(({ ticket, timer, overnightAt }) => (
            <li
              key={ticket.id}
              className={`ticket-timer sla-${timer.state}`}
              data-testid="ticket-timer"
              data-ticket-id={ticket.id}
              data-state={timer.state}
              data-level={ticket.complaintLevel ?? ''}
              tabIndex={0}
              onClick={() => openDetail(ticket.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') openDetail(ticket.id);
              }}
            >
              {ticket.complaintLevel !== null ? <ComplaintLevelTag level={ticket.complaintLevel} short /> : <Tag>{t(`ticketType.${ticket.type}`)}</Tag>}
              <span className="mono small">{ticket.ticketNo}</span>
              <span className="ticket-timer-title">{ticket.title}</span>
              {ticket.escalatedTo && (
                <Tag color="magenta" data-testid="ticket-escalated">
                  {t('ticketSla.escalatedTo', { to: t(`ticketSla.handler.${ticket.escalatedTo}`) })}
                </Tag>
              )}
              {overnightAt !== null && (
                <Tooltip title={t('ticketSla.overnightSince', { time: formatOfficeDateTime(overnightAt, officeOffsetOf(ticket)) })}>
                  <Tag color="purple" data-testid="ticket-overnight">
                    {t('ticketSla.overnight')}
                  </Tag>
                </Tooltip>
              )}
              <Tooltip title={`${t('ticketSla.dueAt')} ${formatOfficeDateTime(timer.dueAt, officeOffsetOf(ticket))} · ${t('ticketSla.workingTimeNote')}`}>
                <span className="ticket-timer-left" data-testid="ticket-timer-left">
                  {timeLeftText(timer.minutesLeft)}
                </span>
              </Tooltip>
              <span className="muted small">
                {awaitsComplaintTeam(ticket) ? t('ticketSla.awaitsComplaintTeam') : (ticket.ownerName ?? t('ticketSla.noOwner'))}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
