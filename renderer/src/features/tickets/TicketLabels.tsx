import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketPriority, TicketStatus } from '../../../../shared/domain/ticket-status';

const STATUS_COLOR: Record<TicketStatus, string> = {
  new: 'blue',
  in_progress: 'processing',
  pending_customer: 'warning',
  resolved: 'success',
  closed: 'default',
};

const PRIORITY_COLOR: Record<TicketPriority, string> = {
  low: 'default',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function StatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid="ticket-status" data-status={status}>
      {t(`ticketStatus.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLOR[priority]} data-testid="ticket-priority" data-priority={priority}>
      {t(`ticketPriority.${priority}`)}
    </Tag>
  );
}

const LEVEL_COLOR = { 1: 'gold', 2: 'volcano', 3: 'red' } as const;

/** A complaint's level (一级/二级/三级投诉). */
export function ComplaintLevelTag({ level, short = false }: { level: 1 | 2 | 3; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={LEVEL_COLOR[level]} data-testid="complaint-level" data-level={level}>
      {t(short ? `ticketSla.levelShort.${level}` : `ticketSla.levelName.${level}`)}
    </Tag>
  );
}
