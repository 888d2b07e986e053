import { ReloadOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/contract/schemas';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type TicketPriority, type TicketStatus, type TicketType } from '../../../../shared/domain/ticket-status';
import { formatStamp } from '../../i18n/format';
import { PriorityTag, StatusTag } from './TicketLabels';
import { useTickets } from './tickets-store';
import { TicketTimers } from './TicketTimers';
import { ComplaintLevelTag } from './TicketLabels';

export function TicketsView() {
  const { t, i18n } = useTranslation();
  const { filters, items, total, loading, page, pageSize, detailId } = useTickets();
  const { setFilters, resetFilters, setPage, load, openDetail } = useTickets.getState();
  const [text, setText] = useState(filters.text);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => setText(filters.text), [filters.text]);

  const columns = useMemo<TableColumnsType<Ticket>>(
    () => [
      { key: 'ticketNo', title: t('tickets.ticketNo'), dataIndex: 'ticketNo', width: 150, render: (v: string) => <span className="mono">{v}</span> },
      { key: 'title', title: t('tickets.titleField'), dataIndex: 'title', ellipsis: { showTitle: true } },
      {
        key: 'type',
        title: t('tickets.type'),
        dataIndex: 'type',
        width: 130,
        render: (v: TicketType, r: Ticket) => (r.complaintLevel !== null ? <ComplaintLevelTag level={r.complaintLevel} /> : t(`ticketType.${v}`)),
      },
      // Category and owner give way first on a narrow window (below 1200 px).
      { key: 'category', title: t('tickets.category'), dataIndex: 'category', width: 110, ellipsis: true, responsive: ['xl'] },
      { key: 'priority', title: t('tickets.priority'), dataIndex: 'priority', width: 90, render: (v: TicketPriority) => <PriorityTag priority={v} /> },
      // Long status names ("Waiting for customer") wrap inside their own cell.
      { key: 'status', title: t('tickets.status'), dataIndex: 'status', width: 150, className: 'ticket-status-cell', render: (v: TicketStatus) => <StatusTag status={v} /> },
      { key: 'customer', title: t('tickets.customer'), dataIndex: 'customerName', width: 110, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
      { key: 'owner', title: t('tickets.owner'), dataIndex: 'ownerName', width: 120, ellipsis: true, responsive: ['xl'], render: (v: string | null) => v ?? <span className="muted">—</span> },
      { key: 'updatedAt', title: t('tickets.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (v: number) => formatStamp(v) },
    ],
    // Column titles follow the interface language.
    [t, i18n.language],
  );

  return (
    <section className="tickets-view" data-testid="tickets-view">
      <div className="tickets-toolbar">
        <Select<TicketStatus[]>
          mode="multiple"
          allowClear
          className="filter-status"
          placeholder={t('tickets.filterStatus')}
          value={filters.statuses}
          onChange={(statuses) => setFilters({ statuses })}
          options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`ticketStatus.${s}`) }))}
          maxTagCount="responsive"
          data-testid="ticket-filter-status"
        />
        <Select<TicketType>
          allowClear
          className="filter-type"
          placeholder={t('tickets.filterType')}
          value={filters.type ?? undefined}
          onChange={(type) => setFilters({ type: type ?? null })}
          options={TICKET_TYPES.map((s) => ({ value: s, label: t(`ticketType.${s}`) }))}
          data-testid="ticket-filter-type"
        />
        <Select<TicketPriority>
          allowClear
          className="filter-priority"
          placeholder={t('tickets.filterPriority')}
          value={filters.priority ?? undefined}
          onChange={(priority) => setFilters({ priority: priority ?? null })}
          options={TICKET_PRIORITIES.map((s) => ({ value: s, label: t(`ticketPriority.${s}`) }))}
          data-testid="ticket-filter-priority"
        />
        <Input.Search
          allowClear
          className="filter-text"
          placeholder={t('tickets.filterText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={100}
          onSearch={(v) => setFilters({ text: v })}
          data-testid="ticket-filter-text"
        />
        <Space size={8}>
          <Button onClick={resetFilters}>{t('tickets.reset')}</Button>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('tickets.refresh')} />
        </Space>
      </div>
      <TicketTimers />
      <Table<Ticket>
        className="tickets-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={loading}
        locale={{ emptyText: t('tickets.empty') }}
        rowClassName={(r) => (r.id === detailId ? 'is-selected-row' : '')}
        onRow={(r) =>
          ({
            onClick: () => openDetail(r.id),
            // Rows are in the tab order; Enter opens the focused one like a click.
            tabIndex: 0,
            onKeyDown: (e) => {
              if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
              e.preventDefault();
              openDetail(r.id);
            },
            'data-testid': 'ticket-row',
            'data-ticket-id': r.id,
          }) as HTMLAttributes<HTMLElement>
        }
        scroll={{ y: 'calc(100vh - 230px)' }}
        pagination={{
          current: page,
          pageSize,
          total,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (count) => t('tickets.total', { count }),
          onChange: setPage,
        }}
      />
    </section>
  );
}
