import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SkillGroup } from '../../../../shared/domain/routing';

const COLOR: Record<SkillGroup, string> = { new_business: 'geekblue', renewal: 'cyan', claims: 'purple', complaints: 'magenta' };

/** The skill group (技能组) head office routed a conversation through. */
export function GroupTag({ group, testId = 'session-group' }: { group: SkillGroup; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag className="mini-tag group-tag" color={COLOR[group]} variant="outlined" title={t(`groups.full.${group}`)} data-testid={testId} data-group={group}>
      {t(`groups.short.${group}`)}
    </Tag>
  );
}
