import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRIORITY } from '../../../../shared/domain/routing';

/** 报案 (red) and 投诉 (orange) go first in the queue; a normal conversation shows nothing. */
export function PriorityBadge({ priority, testId = 'session-priority' }: { priority: number; testId?: string }) {
  const { t } = useTranslation();
  if (priority < PRIORITY.complaint) return null;
  const claim = priority >= PRIORITY.claimReport;
  return (
    <Tag
      className="mini-tag priority-badge"
      color={claim ? 'red' : 'orange'}
      variant="solid"
      title={t(claim ? 'priority.claimReportHint' : 'priority.complaintHint')}
      data-testid={testId}
      data-priority={priority}
    >
      {t(claim ? 'priority.claimReport' : 'priority.complaint')}
    </Tag>
  );
}
