import { Table } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../shared/contract/audit-schemas';
import { formatDateTime } from '../../i18n/format';
import { actionLabel } from './action-label';
import { detailLines } from './detail-lines';

function Detail({ detail }: { detail: AuditEntryView['detail'] }) {
  const lines = detailLines(detail);
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <span className="audit-detail" data-testid="audit-detail">
      {lines.map(([k, v]) => (
        <span key={k} className="audit-detail-item">
          <span className="muted">{k}</span> {v}
        </span>
      ))}
    </span>
  );
}

/** The entries, newest first as head office sent them. */
export function AuditTable({ entries, loading }: { entries: AuditEntryView[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<AuditEntryView>
      size="small"
      rowKey="seq"
      data-testid="audit-table"
      loading={loading}
      dataSource={entries}
      pagination={false}
      locale={{ emptyText: t('audit.empty') }}
      onRow={(e) => ({ 'data-testid': 'audit-row', 'data-seq': e.seq, 'data-action': e.action }) as HTMLAttributes<HTMLElement>}
      columns={[
        { key: 'seq', title: t('audit.columns.seq'), width: 80, render: (_, e) => <span className="mono">#{e.seq}</span> },
        { key: 'at', title: t('audit.columns.at'), width: 170, render: (_, e) => formatDateTime(Date.parse(e.at)) },
        { key: 'actor', title: t('audit.columns.actor'), width: 120, render: (_, e) => e.actorLogin ?? <span className="muted">{t('audit.system')}</span> },
        { key: 'action', title: t('audit.columns.action'), width: 150, render: (_, e) => actionLabel(t, e.action) },
        {
          key: 'subject',
          title: t('audit.columns.subject'),
          width: 220,
          render: (_, e) => (
            <span className="mono small">
              {e.subjectType} · {e.subjectId}
            </span>
          ),
        },
        { key: 'detail', title: t('audit.columns.detail'), render: (_, e) => <Detail detail={e.detail} /> },
      ]}
    />
  );
}
