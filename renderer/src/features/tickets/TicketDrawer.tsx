import { MessageOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Input, Select, Space, Spin, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDetail, TicketEvent } from '../../../../shared/contract/schemas';
import { TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../../../../shared/domain/ticket-status';
import { useUi } from '../../app/ui-store';
import { useSessions } from '../sessions/sessions-store';
import { PriorityTag, StatusTag } from './TicketLabels';
import { useTickets } from './tickets-store';
import { NoticeItem } from '../head-office/SyncBanner';
import { useSync } from '../head-office/sync-store';
import { closeNeedsSatisfaction } from '../../../../shared/domain/ticket-sla';
import { CloseComplaintModal } from './CloseComplaintModal';
import { TicketSlaSection } from './TicketSlaSection';
import { priorityChoices } from './priority-choices';
import { formatOfficeDateTime, officeOffsetOf } from './office-time';
import { requiresReason } from '../../../../shared/domain/ticket-status';

const isStatus = (v: string | null): v is TicketStatus => v !== null && (TICKET_STATUSES as readonly string[]).includes(v);

function HistoryItem({ event, officeOffset }: { event: TicketEvent; officeOffset: number }) {
  const { t } = useTranslation();
  const what =
    event.kind === 'created'
      ? t('tickets.eventCreated')
      : event.kind === 'status'
        ? t('tickets.eventStatus', {
            from: isStatus(event.fromValue) ? t(`ticketStatus.${event.fromValue}`) : (event.fromValue ?? ''),
            to: isStatus(event.toValue) ? t(`ticketStatus.${event.toValue}`) : (event.toValue ?? ''),
          })
        : event.kind === 'edit' && event.field
          ? t('tickets.eventEdit', {
              field: t(`tickets.${event.field === 'title' ? 'titleField' : event.field}`),
              from: event.field === 'priority' ? t(`ticketPriority.${event.fromValue}`, { defaultValue: event.fromValue ?? '' }) : (event.fromValue ?? ''),
              to: event.field === 'priority' ? t(`ticketPriority.${event.toValue}`, { defaultValue: event.toValue ?? '' }) : (event.toValue ?? ''),
            })
          : event.kind === 'level'
            ? t('ticketSla.history.level', {
                from: event.fromValue ? t(`ticketSla.levelName.${event.fromValue}`, { defaultValue: event.fromValue }) : '—',
                to: t(`ticketSla.levelName.${event.toValue}`, { defaultValue: event.toValue ?? '' }),
              })
            : event.kind === 'owner'
              ? t('ticketSla.history.owner', { from: event.fromValue ?? t('ticketSla.noOwner'), to: event.toValue ?? t('ticketSla.noOwner') })
              : event.kind === 'next_step'
                ? t('ticketSla.history.nextStep', { action: '', due: event.toValue ? formatOfficeDateTime(Number(event.toValue), officeOffset) : '' })
                : event.kind === 'satisfaction'
                  ? t('ticketSla.history.satisfaction', { rating: t(`ticketSla.rating.${event.toValue}`, { defaultValue: event.toValue ?? '' }) })
                  : t('tickets.eventNote');
  return (
    <div className="history-item" data-testid="ticket-history-item" data-kind={event.kind} data-to={event.toValue ?? ''}>
      <div className="history-head">
        <strong>{what}</strong>
        <span className="muted">
          {event.agentName ?? t('tickets.system')} · {formatOfficeDateTime(event.at, officeOffset)}
        </span>
      </div>
      {event.note && <div className="history-note">{event.note}</div>}
    </div>
  );
}

function DetailBody({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const busy = useTickets((s) => s.busy);
  const { transition, addNote, closeDetail } = useTickets.getState();
  const conversationOpen = useSessions((s) => s.conversations.some((c) => c.id === detail.conversationId));
  const allNotices = useSync((s) => s.notices);
  const notices = allNotices.filter((n) => n.ticketId === detail.id);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<false | 'note' | 'reason'>(false);
  const [closing, setClosing] = useState(false);

  useEffect(() => {
    setNote('');
    setNoteError(false);
  }, [detail.id]);

  const openConversation = () => {
    if (!detail.conversationId) return;
    useUi.getState().setView('workspace');
    useSessions.getState().open(detail.conversationId);
    closeDetail();
  };

  const move = async (to: TicketStatus) => {
    // A solved complaint is closed through the call back (回访) dialog.
    if (closeNeedsSatisfaction(detail.type, detail.status, to) && !detail.satisfaction) {
      setClosing(true);
      return;
    }
    // Closing a ticket nobody worked on is allowed with its reason: ask for it here rather than be refused.
    if (requiresReason(detail.status, to) && note.trim() === '') {
      setNoteError('reason');
      return;
    }
    if (await transition(to, note)) setNote('');
  };

  const saveNote = async () => {
    if (note.trim() === '') {
      setNoteError('note');
      return;
    }
    if (await addNote(note.trim())) setNote('');
  };

  return (
    <div className="ticket-detail" data-testid="ticket-detail" data-ticket-id={detail.id} data-status={detail.status}>
      <Typography.Title level={5} className="ticket-detail-title" data-testid="ticket-detail-title">
        {detail.title}
      </Typography.Title>
      {notices.length > 0 && (
        <div className="ticket-notices" data-testid="ticket-sync-notices">
          {notices.map((n) => (
            <NoticeItem key={n.id} notice={n} inTicket />
          ))}
        </div>
      )}
      <Descriptions size="small" bordered column={2} className="ticket-fields">
        <Descriptions.Item label={t('tickets.ticketNo')}>
          <span className="mono" data-testid="ticket-detail-no">
            {detail.ticketNo}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.status')}>
          <StatusTag status={detail.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.type')}>{t(`ticketType.${detail.type}`)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.priority')}>
          {detail.status === 'closed' ? (
            <PriorityTag priority={detail.priority} />
          ) : (
            <Select<TicketPriority>
              size="small"
              value={detail.priority}
              disabled={busy}
              onChange={(v) => void useTickets.getState().edit('priority', v)}
              data-testid="ticket-priority"
              aria-label={t('tickets.priority')}
              popupMatchSelectWidth={false}
              options={priorityChoices(detail).map((p) => ({ value: p, label: <PriorityTag priority={p} /> }))}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.category')}>{detail.category}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.customer')}>{detail.customerName ?? <span className="muted">{t('tickets.noCustomer')}</span>}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.owner')}>{detail.ownerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.conversation')}>
          {detail.conversationId ? (
            <Button size="small" type="link" icon={<MessageOutlined />} disabled={!conversationOpen} onClick={openConversation} data-testid="ticket-open-conversation">
              {t('tickets.openConversation')}
            </Button>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.createdAt')}>{formatOfficeDateTime(detail.createdAt, officeOffsetOf(detail))}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.updatedAt')}>{formatOfficeDateTime(detail.updatedAt, officeOffsetOf(detail))}</Descriptions.Item>
        {detail.linkedTicket && (
          <Descriptions.Item label={t(`onsiteSupport.${detail.linkedTicket.direction}`)} span={2}>
            <span data-testid="ticket-linked">
              <span className="mono">{detail.linkedTicket.ticketNo}</span> · {detail.linkedTicket.officeName}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('tickets.description')} span={2}>
          <div className="pre-wrap">{detail.description || <span className="muted">{t('tickets.noDescription')}</span>}</div>
        </Descriptions.Item>
      </Descriptions>

      <TicketSlaSection detail={detail} />
      <CloseComplaintModal
        open={closing}
        note={note}
        onClose={(closed) => {
          setClosing(false);
          if (closed) setNote('');
        }}
      />

      <div className="drawer-section">
        <div className="section-title">{t('tickets.actions')}</div>
        <Input.TextArea
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteError(false);
          }}
          placeholder={t('tickets.notePlaceholder')}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={2000}
          status={noteError ? 'error' : undefined}
          data-testid="ticket-note"
        />
        {noteError && (
          <div className="field-error" data-testid="ticket-note-error">
            {noteError === 'reason' ? t('ticketSla.closeReasonRequired') : t('tickets.noteRequired')}
          </div>
        )}
        <div className="ticket-actions" data-testid="ticket-actions">
          {detail.allowedNext.length === 0 ? (
            <span className="muted">{t('tickets.noActions')}</span>
          ) : (
            detail.allowedNext.map((s) => (
              <Button key={s} type={s === 'closed' ? 'default' : 'primary'} ghost={s !== 'closed'} loading={busy} onClick={() => void move(s)} data-testid={`ticket-transition-${s}`}>
                {t('tickets.moveTo', { status: t(`ticketStatus.${s}`) })}
              </Button>
            ))
          )}
          <span className="session-spacer" />
          <Button onClick={() => void saveNote()} disabled={busy} data-testid="ticket-add-note">
            {t('tickets.addNote')}
          </Button>
        </div>
      </div>

      <div className="drawer-section">
        <div className="section-title">{t('tickets.history')}</div>
        <Timeline
          data-testid="ticket-history"
          items={[...detail.events].reverse().map((e) => ({
            key: e.id,
            color: e.kind === 'status' || e.kind === 'edit' ? 'blue' : e.kind === 'created' ? 'green' : 'gray',
            content: <HistoryItem event={e} officeOffset={officeOffsetOf(detail)} />,
          }))}
        />
      </div>
    </div>
  );
}

export function TicketDrawer() {
  const { t } = useTranslation();
  const detailId = useTickets((s) => s.detailId);
  const detail = useTickets((s) => s.detail);
  const loading = useTickets((s) => s.detailLoading);
  const closeDetail = useTickets((s) => s.closeDetail);
  const shown = detail && detail.id === detailId ? detail : null;

  return (
    <Drawer
      open={detailId !== null}
      onClose={closeDetail}
      size={640}
      title={
        <Space>
          {t('tickets.detail')}
          {shown && <span className="mono muted">{shown.ticketNo}</span>}
        </Space>
      }
      destroyOnHidden
    >
      {shown ? (
        <DetailBody detail={shown} />
      ) : loading ? (
        <div className="column-center">
          <Spin />
        </div>
      ) : (
        <Empty description={t('tickets.loadFailed')} />
      )}
    </Drawer>
  );
}
