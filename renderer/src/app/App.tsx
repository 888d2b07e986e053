import { ApiOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Result, Spin, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentProfile } from '../../../shared/contract/schemas';
import { CreateTicketModal } from '../features/tickets/CreateTicketModal';
import { TicketDrawer } from '../features/tickets/TicketDrawer';
import { TicketsView } from '../features/tickets/TicketsView';
import { startTicketWatch } from '../features/tickets/timers-store';
import { SignInPage } from '../features/head-office/SignInPage';
import { SyncBanner } from '../features/head-office/SyncBanner';
import { useSync } from '../features/head-office/sync-store';
import { prepareArrivals } from '../features/arrival/arrival';
import { usePresence } from '../features/presence/presence-store';
import { QueueView } from '../features/queue/QueueView';
import { AuditView } from '../features/audit/AuditView';
import { RenewalsView } from '../features/renewals/RenewalsView';
import { useSessions } from '../features/sessions/sessions-store';
import { isLocale } from '../i18n';
import { useAgent } from './agent-store';
import { onAgentReturns } from './attention';
import { errorPayload, unwrap } from './call';
import { startClock } from './clock-store';
import { useConnection } from './connection-store';
import { connectDesk, desk } from './desk-client';
import { FeedbackBridge } from './feedback';
import { applyLanguage } from './language';
import { startLiveUpdates } from './live-updates';
import { AppHeader } from './AppHeader';
import { RegisterAgent } from './RegisterAgent';
import { useUi } from './ui-store';
import { useDeskShortcuts } from './use-shortcuts';
import { startViewing } from './viewing';
import { Workspace } from './Workspace';

const THEME: ThemeConfig = {
  token: {
    fontSize: 14,
    colorPrimary: '#1d5fbf',
    borderRadius: 4,
    fontFamily:
      "-apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Tabs: { horizontalMargin: '0' },
  },
};

/** 48 px app header + 48 px column head (a drawer header is 56 px) + a little air. */
const TOAST_TOP = 104;

type Phase = { kind: 'starting' } | { kind: 'noHost' } | { kind: 'offline' } | { kind: 'register' } | { kind: 'signIn' } | { kind: 'ready' };

function Shell() {
  const chosen = useUi((s) => s.view);
  const isLead = useAgent((s) => s.agent?.role === 'lead');
  // The live queue and the audit log are the team lead's; anyone else (or a lead signed out meanwhile) sees the workspace.
  const view = (chosen === 'queue' || chosen === 'audit') && !isLead ? 'workspace' : chosen;
  useDeskShortcuts();
  useEffect(() => {
    startClock();
    startLiveUpdates();
    startViewing();
    startTicketWatch();
    void useSessions.getState().load();
    if (useSync.getState().status?.headOffice) {
      prepareArrivals();
      void usePresence.getState().load();
    }
  }, []);
  useEffect(() => {
    if (chosen !== view) useUi.getState().setView(view);
  }, [chosen, view]);
  // Coming back to the workspace (or to the window) is reading the open conversation.
  useEffect(() => onAgentReturns(() => useSessions.getState().markActiveRead()), []);
  return (
    <div className="app-shell" data-testid="app-shell" data-view={view}>
      <AppHeader />
      <SyncBanner />
      {view === 'workspace' ? <Workspace /> : view === 'tickets' ? <TicketsView /> : view === 'audit' ? <AuditView /> : view === 'renewals' ? <RenewalsView /> : <QueueView />}
      <TicketDrawer />
      <CreateTicketModal />
    </div>
  );
}

/** Who is at this desk and in which language, read once the host answers. */
async function loadIdentity(): Promise<Phase> {
  try {
    const settings = await unwrap(desk().settings.get({}));
    if (isLocale(settings.locale)) await applyLanguage(settings.locale);
    const agent = await unwrap(desk().agent.current({}));
    useAgent.setState({ agent, companyName: settings.companyName });
    await useSync.getState().load();
    // With a head office, the agent is whoever signs in; a standalone desk registers its own.
    if (!agent) return { kind: useSync.getState().status?.headOffice ? 'signIn' : 'register' };
    return { kind: 'ready' };
  } catch (err) {
    return { kind: errorPayload(err).code === 'TRANSPORT' ? 'offline' : 'noHost' };
  }
}

function Boot() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const generation = useConnection((s) => s.generation);
  const triedAt = useRef(0);

  useEffect(() => {
    void (async () => {
      const link = await connectDesk();
      triedAt.current = useConnection.getState().generation;
      setPhase(link === 'connected' ? await loadIdentity() : { kind: link });
    })();
  }, []);

  // The host was not reachable at start: carry on as soon as the socket is up again.
  useEffect(() => {
    if (phase.kind !== 'offline' || generation <= triedAt.current) return;
    triedAt.current = generation;
    setPhase({ kind: 'starting' });
    void loadIdentity().then(setPhase);
  }, [phase.kind, generation]);

  switch (phase.kind) {
    case 'starting':
      return (
        <div className="center-screen" data-testid="app-starting">
          <Spin size="large" description={t('app.loading')}>
            <div className="spin-space" />
          </Spin>
        </div>
      );
    case 'noHost':
      return (
        <div className="center-screen">
          <Result icon={<ApiOutlined />} status="warning" title={t('app.noHost')} subTitle={t('app.noHostHint')} />
        </div>
      );
    case 'offline':
      return (
        <div className="center-screen" data-testid="app-offline">
          <Result
            status="warning"
            title={t('app.reconnecting')}
            extra={<Button onClick={() => window.location.reload()}>{t('app.retry')}</Button>}
          />
        </div>
      );
    case 'register':
      return (
        <RegisterAgent
          onRegistered={(agent: AgentProfile) => {
            useAgent.setState({ agent });
            setPhase({ kind: 'ready' });
          }}
        />
      );
    case 'signIn':
      return <SignInPage onSignedIn={() => void loadIdentity().then(setPhase)} />;
    case 'ready':
      return <Shell />;
  }
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME}>
      {/* Toasts sit below the app header, the column heads and any drawer header (with its close button). */}
      <AntApp className="ant-app-root" message={{ top: TOAST_TOP }}>
        <FeedbackBridge />
        <Boot />
      </AntApp>
    </ConfigProvider>
  );
}
