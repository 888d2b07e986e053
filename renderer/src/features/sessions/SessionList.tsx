import { PhoneOutlined } from '@ant-design/icons';
import { Button, Empty, Spin } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LogCallModal } from './LogCallModal';
import { useSessions } from './sessions-store';
import { SessionItem } from './SessionItem';
import { useSessionKeys } from './use-session-keys';

export function SessionList() {
  const { t } = useTranslation();
  const conversations = useSessions((s) => s.conversations);
  const activeId = useSessions((s) => s.activeId);
  const status = useSessions((s) => s.status);
  const open = useSessions((s) => s.open);
  const [logging, setLogging] = useState(false);
  const list = useRef<HTMLUListElement>(null);
  const ids = useMemo(() => conversations.map((c) => c.id), [conversations]);
  const keys = useSessionKeys(ids, activeId, open, list);

  return (
    <aside className="sessions-column" data-testid="session-list">
      <div className="column-head">
        <span className="column-title">{t('sessions.title')}</span>
        <span className="column-sub">{t('sessions.count', { count: conversations.length })}</span>
        <span className="session-spacer" />
        <Button size="small" type="text" icon={<PhoneOutlined />} onClick={() => setLogging(true)} aria-label={t('phone.button')} title={t('phone.button')} data-testid="log-call-button">
          <span className="wide-only">{t('phone.button')}</span>
        </Button>
      </div>
      <LogCallModal open={logging} onClose={() => setLogging(false)} />
      {status === 'loading' && conversations.length === 0 ? (
        <div className="column-center">
          <Spin />
        </div>
      ) : conversations.length === 0 ? (
        <Empty className="column-center" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sessions.empty')} />
      ) : (
        <ul ref={list} className="session-items" role="listbox" aria-label={t('sessions.title')} onKeyDown={keys.onKeyDown} onFocus={keys.onFocus}>
          {conversations.map((c, i) => (
            <SessionItem key={c.id} conversation={c} index={i} active={c.id === activeId} tabbable={c.id === keys.tabbableId} onOpen={open} />
          ))}
        </ul>
      )}
    </aside>
  );
}
