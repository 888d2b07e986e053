import { Badge, Tag } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/contract/schemas';
import { formatStamp } from '../../i18n/format';
import { useDraft } from '../conversation/composer-store';
import { GroupTag } from '../routing/GroupTag';
import { LeadTag } from '../routing/LeadTag';
import { PriorityBadge } from '../routing/PriorityBadge';
import { ChannelTag } from './ChannelTag';
import { ResponseTimer } from './ResponseTimer';
import { conversationSubject } from './subject';

interface Props {
  conversation: ConversationSummary;
  index: number;
  active: boolean;
  /** The one option of the list in the tab order. */
  tabbable: boolean;
  onOpen(id: string): void;
}

export const SessionItem = memo(function SessionItem({ conversation: c, index, active, tabbable, onOpen }: Props) {
  const { t } = useTranslation();
  const draft = useDraft(c.id, c.draft);
  const showDraft = !active && draft.trim() !== '';
  return (
    <li
      className={`session-item${active ? ' is-active' : ''}`}
      data-testid="session-item"
      data-conversation-id={c.id}
      data-priority={c.priority}
      aria-selected={active}
      role="option"
      tabIndex={tabbable ? 0 : -1}
      onClick={() => onOpen(c.id)}
    >
      <div className="session-row">
        <ChannelTag channel={c.channel} />
        <span className="session-name" data-testid="session-customer">
          {c.customerName}
        </span>
        {index < 9 && <span className="session-key">Alt+{index + 1}</span>}
        <span className="session-spacer" />
        <ResponseTimer channel={c.channel} awaitingSince={c.awaitingReplySince} />
      </div>
      <div className="session-row">
        {/* Labels and subject share what the time leaves; on a narrow column they are cut, never scrolled. */}
        <span className="session-labels">
          {/* A complaint's badge already names its group. */}
          {c.group !== null && !(c.group === 'complaints' && c.priority > 0) && <GroupTag group={c.group} />}
          <PriorityBadge priority={c.priority} />
          {c.lead && <LeadTag />}
          {c.mood && (
            <Tag className="mini-tag mood-tag" color={c.mood === 'angry' ? 'red' : 'orange'} data-testid="session-mood" data-mood={c.mood}>
              {t(`mood.${c.mood}`)}
            </Tag>
          )}
          <span className="session-subject">{conversationSubject(t, c)}</span>
        </span>
        <span className="session-spacer" />
        {c.lastMessageAt !== null && <span className="session-time">{formatStamp(c.lastMessageAt)}</span>}
      </div>
      <div className="session-row">
        <span className="session-preview" data-testid="session-preview">
          {showDraft ? (
            <>
              <span className="session-draft-flag">{t('sessions.draft')}</span> {draft}
            </>
          ) : (
            c.lastMessagePreview || t('sessions.noMessages')
          )}
        </span>
        <Badge count={c.unreadCount} size="small" data-testid="unread-badge" title={t('sessions.unread', { count: c.unreadCount })} />
      </div>
    </li>
  );
});
