import { BookOutlined, IdcardOutlined, MessageOutlined } from '@ant-design/icons';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConversationView } from '../features/conversation/ConversationView';
import { CustomerPanel } from '../features/customer/CustomerPanel';
import { KnowledgePanel } from '../features/knowledge/KnowledgePanel';
import { ScriptsPanel } from '../features/scripts/ScriptsPanel';
import { SessionList } from '../features/sessions/SessionList';
import { useUi, type SidePanel } from './ui-store';

export function Workspace() {
  const { t } = useTranslation();
  const sidePanel = useUi((s) => s.sidePanel);
  const setSidePanel = useUi((s) => s.setSidePanel);
  return (
    <main className="workspace" data-testid="workspace">
      <SessionList />
      <ConversationView />
      <aside className="side-column" data-testid="side-panels">
        <Tabs
          className="side-tabs"
          activeKey={sidePanel}
          onChange={(k) => setSidePanel(k as SidePanel)}
          size="small"
          items={[
            { key: 'scripts', label: <span data-testid="panel-tab-scripts">{t('panels.scripts')}</span>, icon: <MessageOutlined />, children: <ScriptsPanel /> },
            { key: 'knowledge', label: <span data-testid="panel-tab-knowledge">{t('panels.knowledge')}</span>, icon: <BookOutlined />, children: <KnowledgePanel /> },
            { key: 'customer', label: <span data-testid="panel-tab-customer">{t('panels.customer')}</span>, icon: <IdcardOutlined />, children: <CustomerPanel /> },
          ]}
        />
      </aside>
    </main>
  );
}
