import { Table } from 'antd';
import type { TFunction } from 'i18next';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView, AuditName } from '../../../../shared/contract/audit-schemas';
import { formatDateTime } from '../../i18n/format';
import { actionLabel } from './action-label';
import { readableDetail, subjectText, type DetailWords } from './detail-view';

type Names = Readonly<Record<string, AuditName>>;

function detailWords(t: TFunction): DetailWords {
  return {
    key: (k) => t(`audit.detailKeys.${k}`, { defaultValue: k }),
    value: (k, code) => (k === 'action' ? actionLabel(t, code) : t(`audit.detailValues.${code.replace(/\./g, '_')}`, { defaultValue: code })),
    yes: t('audit.yes'),
    no: t('audit.no'),
    none: '—',
    separator: t('audit.separator'),
  };
}

function Detail({ detail, names }: { detail: AuditEntryView['detail']; names: Names }) {
  const { t } = useTranslation();
  const lines = readableDetail(detail, names, detailWords(t));
  if (lines.length === 0) return <span className="muted">—</span>;
  return (
    <span className="audit-detail" data-testid="audit-detail">
      {lines.map((l) => (
        <span key={l.path} className="audit-detail-item" data-path={l.path}>
          <span className="muted">{l.label}</span> {l.value}
        </span>
      ))}
    </span>
  );
}

/** The entries, newest first as head office sent them; ids shown by the names head office sent with them, or as they are when it sent none. */
export function AuditTable({ entries, names, loading }: { entries: AuditEntryView[]; names: Names; loading: boolean }) {
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
          width: 200,
          render: (_, e) => (
            <span className="small" data-testid="audit-subject-cell">
              {t(`audit.subjectTypes.${e.subjectType}`, { defaultValue: e.subjectType })}
              {e.subjectId ? ` · ${subjectText(e.subjectId, names, t('audit.allOffices'))}` : ''}
            </span>
          ),
        },
        { key: 'detail', title: t('audit.columns.detail'), render: (_, e) => <Detail detail={e.detail} names={names} /> },
      ]}
    />
  );
}
