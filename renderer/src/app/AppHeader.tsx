import { AppstoreOutlined, AuditOutlined, DashboardOutlined, LogoutOutlined, ProfileOutlined, SafetyOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Segmented, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/contract/schemas';
import { currentLocale } from '../i18n';
import { useAgent } from './agent-store';
import { useConnection } from './connection-store';
import { switchLanguage } from './language';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useUi, type DeskView } from './ui-store';
import { useSync } from '../features/head-office/sync-store';
import { PresenceSelect } from '../features/presence/PresenceSelect';
import { unwrap } from './call';
import { desk } from './desk-client';
import { reportError } from './feedback';

/** Leave the desk: the next agent signs in; unsent changes stay for when this agent returns. */
async function signOut() {
  try {
    await unwrap(desk().sync.signOut({}));
    window.location.reload();
  } catch (err) {
    reportError(err);
  }
}

const STATUS_BADGE = { online: 'success', connecting: 'processing', offline: 'error' } as const;

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Locale>
      size="small"
      value={currentLocale()}
      onChange={(v) => void switchLanguage(v)}
      data-testid="language-switch"
      aria-label={t('lang.label')}
      options={[
        { value: 'zh-CN', label: <span data-testid="language-zh">{t('lang.zh')}</span> },
        { value: 'en', label: <span data-testid="language-en">{t('lang.en')}</span> },
      ]}
    />
  );
}

export function AppHeader() {
  const { t } = useTranslation();
  const agent = useAgent((s) => s.agent);
  const status = useConnection((s) => s.status);
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const sync = useSync((s) => s.status);
  const headOffice = sync?.headOffice ?? false;
  const isLead = agent?.role === 'lead';
  // One word on the connection: the link to the workstation service first; with that up, head office's.
  const shown =
    status !== 'online' || !sync?.headOffice || sync.connection === 'signedOut'
      ? { badge: STATUS_BADGE[status], text: t(`connection.${status}`) }
      : sync.connection === 'online'
        ? { badge: 'success' as const, text: t('connection.headOfficeOnline') }
        : sync.connection === 'offline'
          ? { badge: 'warning' as const, text: t('connection.headOfficeOffline') }
          : { badge: 'warning' as const, text: t('connection.headOfficeSignIn') };

  return (
    <header className="app-header">
      <div className="brand">
        <SafetyOutlined className="brand-mark" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-title">{t('app.title')}</span>
      </div>
      <Segmented<DeskView>
        className="view-switch"
        value={view}
        onChange={setView}
        data-testid="view-switch"
        options={[
          { value: 'workspace', label: <span data-testid="view-workspace">{t('views.workspace')}</span>, icon: <AppstoreOutlined /> },
          { value: 'tickets', label: <span data-testid="view-tickets">{t('views.tickets')}</span>, icon: <ProfileOutlined /> },
          ...(headOffice ? [{ value: 'renewals' as const, label: <span data-testid="nav-renewals">{t('renewals.view')}</span>, icon: <ScheduleOutlined /> }] : []),
          ...(isLead ? [{ value: 'queue' as const, label: <span data-testid="nav-queue">{t('views.queue')}</span>, icon: <DashboardOutlined /> }] : []),
          ...(isLead ? [{ value: 'audit' as const, label: <span data-testid="nav-audit">{t('audit.nav')}</span>, icon: <AuditOutlined /> }] : []),
        ]}
      />
      <div className="header-right">
        <span className="connection" data-testid="connection-status" data-status={status} data-head-office={sync?.headOffice ? sync.connection : undefined}>
          <Badge status={shown.badge} text={shown.text} />
        </span>
        {agent && headOffice && sync?.account && <PresenceSelect />}
        <ShortcutsHelp />
        <LanguageSwitch />
        {agent && (
          <span className="agent-chip" data-testid="agent-name">
            <Avatar size={24} icon={<UserOutlined />} className="agent-avatar" />
            <span className="agent-display">{agent.displayName}</span>
            <span className="muted small mono">{agent.code}</span>
          </span>
        )}
        {agent && headOffice && (
          <Tooltip title={t('headOffice.signOut')}>
            <Button size="small" type="text" icon={<LogoutOutlined />} aria-label={t('headOffice.signOut')} onClick={() => void signOut()} data-testid="sign-out" />
          </Tooltip>
        )}
      </div>
    </header>
  );
}
