import { Alert, Button, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncNotice } from '../../../../shared/contract/schemas';
import { TICKET_STATUSES } from '../../../../shared/domain/ticket-status';
import { useAgent } from '../../app/agent-store';
import { formatDateTime } from '../../i18n/format';
import { useTickets } from '../tickets/tickets-store';
import { SignInForm } from './SignInForm';
import { useSync } from './sync-store';

/** A sync that has brought this many changes is a long one (a first sync): say how far it has come. */
const PROGRESS_FROM = 2_000;

/** A value as the agent reads it: a status or priority in their language, anything else as it is. */
function useFieldValue() {
  const { t } = useTranslation();
  return (field: string, value: string) =>
    field === 'status' && (TICKET_STATUSES as readonly string[]).includes(value)
      ? t(`ticketStatus.${value}`)
      : field === 'priority'
        ? t(`ticketPriority.${value}`, { defaultValue: value })
        : value;
}

/** One refused change: what it was, why, and (for a conflict) both values. */
export function NoticeItem({ notice, inTicket = false }: { notice: SyncNotice; inTicket?: boolean }) {
  const { t } = useTranslation();
  const show = useFieldValue();
  const dismiss = useSync((s) => s.dismiss);
  const openDetail = useTickets((s) => s.openDetail);
  const c = notice.conflict;
  const text = c
    ? t('headOffice.conflict', { field: t(`headOffice.fields.${c.field}`, { defaultValue: c.field }), yours: show(c.field, c.yours), theirs: show(c.field, c.theirs), by: c.by ?? t('tickets.system') })
    : t(`headOffice.refused.${notice.code}`, { defaultValue: t('headOffice.refused.other') });
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="sync-notice"
      data-code={notice.code}
      title={
        <span>
          {t('headOffice.noticeTitle', { change: t(`headOffice.mutations.${notice.mutation}`, { defaultValue: notice.mutation }) })}
          {notice.ticketNo && <span className="mono muted"> · {notice.ticketNo}</span>}
          <span className="muted small"> · {formatDateTime(notice.at)}</span>
        </span>
      }
      description={<span data-testid="sync-notice-text">{text}</span>}
      action={
        <Space orientation="vertical" size={4}>
          {!inTicket && notice.ticketId && notice.code !== 'NOT_FOUND' && (
            <Button size="small" onClick={() => openDetail(notice.ticketId!)} data-testid="sync-notice-open">
              {t('headOffice.openTicket')}
            </Button>
          )}
          <Button size="small" type="text" onClick={() => void dismiss(notice.id)} data-testid="sync-notice-dismiss">
            {t('headOffice.dismiss')}
          </Button>
        </Space>
      }
    />
  );
}

/**
 * Under the header: offline or signed-out state with the number of
 * changes waiting, and every change head office refused, until read.
 */
export function SyncBanner() {
  const { t } = useTranslation();
  const status = useSync((s) => s.status);
  const notices = useSync((s) => s.notices);
  const signingIn = useSync((s) => s.signingIn);
  const { openSignIn, syncNow, load } = useSync.getState();
  const agent = useAgent((s) => s.agent);
  if (!status?.headOffice) return null;
  const waiting = t('headOffice.waiting', { count: status.pending });
  return (
    <div className="sync-banner" data-testid="sync-banner" data-connection={status.connection} data-pending={status.pending}>
      {status.connection === 'offline' && (
        <Alert
          type="info"
          showIcon
          banner
          data-testid="sync-offline"
          title={`${t('headOffice.offline')} ${waiting}`}
          action={
            <Button size="small" onClick={() => void syncNow()} data-testid="sync-retry">
              {t('headOffice.retry')}
            </Button>
          }
        />
      )}
      {status.pulling >= PROGRESS_FROM && (
        <Alert type="info" showIcon banner data-testid="sync-progress" title={t('headOffice.pulling', { count: status.pulling })} />
      )}
      {status.connection === 'signInRequired' && (
        <Alert
          type="warning"
          showIcon
          banner
          data-testid="sync-sign-in-required"
          title={`${t('headOffice.signInAgain')} ${waiting}`}
          action={
            <Button size="small" type="primary" onClick={() => openSignIn(true)} data-testid="sync-sign-in">
              {t('headOffice.signIn')}
            </Button>
          }
        />
      )}
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
      <Modal open={signingIn} onCancel={() => openSignIn(false)} footer={null} title={t('headOffice.signInAgainTitle')} destroyOnHidden>
        <SignInForm
          login={status.account?.login ?? agent?.code}
          onSignedIn={() => {
            openSignIn(false);
            void load();
          }}
        />
      </Modal>
    </div>
  );
}
