import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** The customer wrote from a channel identity not yet linked to a customer record (潜在客户). */
export function LeadTag({ testId = 'session-lead' }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag className="mini-tag lead-tag" color="gold" title={t('lead.hint')} data-testid={testId}>
      {t('lead.tag')}
    </Tag>
  );
}
