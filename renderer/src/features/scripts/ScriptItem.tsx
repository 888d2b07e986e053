import { DeleteOutlined, EditOutlined, EnterOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Tag, Tooltip } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Script } from '../../../../shared/contract/schemas';
import { formatNumber } from '../../i18n/format';
import { ScriptPreview } from './ScriptPreview';

interface Props {
  script: Script;
  showStage: boolean;
  onInsert(script: Script): void;
  onEdit(script: Script): void;
  onDelete(script: Script): void;
}

export const ScriptItem = memo(function ScriptItem({ script: s, showStage, onInsert, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <li className="script-item" data-testid="script-item" data-script-id={s.id} data-scope={s.scope}>
      <div className="script-item-head">
        <span className="script-title-text" data-testid="script-title">
          {s.title}
        </span>
        {s.scope === 'team' ? (
          <Tooltip title={t('scripts.teamReadOnly')}>
            <Tag className="mini-tag" icon={<LockOutlined />} data-testid="script-readonly">
              {t('scripts.team')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag className="mini-tag" color="geekblue">
            {t('scripts.personal')}
          </Tag>
        )}
        {showStage && <Tag className="mini-tag">{t(`stages.${s.stage}`)}</Tag>}
        <span className="session-spacer" />
        <Tooltip title={t('scripts.shortcut')}>
          <span className="shortcut-code">/{s.shortcut}</span>
        </Tooltip>
      </div>
      <ScriptPreview body={s.body} className="script-body" testId="script-body" />
      <div className="script-item-foot">
        <span className="muted small">{t('scripts.uses', { n: formatNumber(s.useCount) })}</span>
        <span className="session-spacer" />
        {s.editable && (
          <>
            <Button size="small" type="text" icon={<EditOutlined />} onClick={() => onEdit(s)} data-testid="script-edit">
              {t('scripts.edit')}
            </Button>
            <Popconfirm title={t('scripts.deleteConfirm')} okText={t('scripts.delete')} cancelText={t('scripts.cancel')} onConfirm={() => onDelete(s)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid="script-delete">
                {t('scripts.delete')}
              </Button>
            </Popconfirm>
          </>
        )}
        <Button size="small" type="primary" ghost icon={<EnterOutlined />} onClick={() => onInsert(s)} data-testid="script-insert">
          {t('scripts.insert')}
        </Button>
      </div>
    </li>
  );
});
