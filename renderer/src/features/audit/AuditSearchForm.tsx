import { ExportOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../../../shared/domain/audit-chain';
import { actionLabel } from './action-label';
import { useAudit, type AuditFilterValues } from './audit-store';

/** What the date picker hands back (a dayjs value), as far as this form needs it. */
interface Day {
  startOf(unit: 'day'): Day;
  endOf(unit: 'day'): Day;
  valueOf(): number;
}

interface FormValues {
  action?: string;
  actor?: string;
  subject?: string;
  customer?: string;
  text?: string;
  range?: [Day | null, Day | null] | null;
}

function toFilters(v: FormValues): AuditFilterValues {
  const text = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const [from, to] = v.range ?? [null, null];
  return {
    auditAction: v.action as AuditFilterValues['auditAction'],
    actorLogin: text(v.actor),
    subjectId: text(v.subject),
    customerName: text(v.customer),
    text: text(v.text),
    // Whole days in the lead's own time zone: from the first day's start to the last day's end.
    since: from ? from.startOf('day').valueOf() : undefined,
    until: to ? to.endOf('day').valueOf() + 1 : undefined,
  };
}

export function AuditSearchForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const loading = useAudit((s) => s.loading);
  const exporting = useAudit((s) => s.exporting);
  const { search, exportCsv } = useAudit.getState();

  return (
    <Form<FormValues> form={form} layout="inline" className="audit-form" data-testid="audit-form" onFinish={(v) => void search(toFilters(v))}>
      <Form.Item name="action">
        <Select
          allowClear
          className="audit-action-select"
          placeholder={t('audit.anyAction')}
          aria-label={t('audit.columns.action')}
          data-testid="audit-action"
          options={AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) }))}
        />
      </Form.Item>
      <Form.Item name="actor">
        <Input allowClear placeholder={t('audit.actor')} aria-label={t('audit.actor')} maxLength={64} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="subject">
        <Input allowClear placeholder={t('audit.subject')} aria-label={t('audit.subject')} maxLength={100} data-testid="audit-subject" />
      </Form.Item>
      <Form.Item name="customer">
        <Input allowClear placeholder={t('audit.customer')} aria-label={t('audit.customer')} maxLength={50} data-testid="audit-customer" />
      </Form.Item>
      <Form.Item name="text">
        <Input allowClear placeholder={t('audit.text')} aria-label={t('audit.text')} maxLength={100} data-testid="audit-text" />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} aria-label={t('audit.range')} data-testid="audit-range" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} data-testid="audit-search">
          {t('audit.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button icon={<ExportOutlined />} loading={exporting} onClick={() => void exportCsv()} data-testid="audit-export">
          {t('audit.export')}
        </Button>
      </Form.Item>
    </Form>
  );
}
