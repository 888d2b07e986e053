import { useSync } from '../features/head-office/sync-store';
import { useSessions } from '../features/sessions/sessions-store';
import { agentIsLooking } from './attention';
import { unwrap } from './call';
import { useConnection } from './connection-store';
import { desk } from './desk-client';
import { useUi } from './ui-store';
import { createViewingReporter } from './viewing-reporter';

let started = false;

/** The conversation the agent has on screen: the open one, while the workspace shows in a visible window. */
function onScreen(): string | null {
  const { activeId, conversations } = useSessions.getState();
  return agentIsLooking() && activeId !== null && conversations.some((c) => c.id === activeId) ? activeId : null;
}

/**
 * Tell head office (through the main process) which conversation is on the
 * agent's screen, so colleagues see "also viewing": on opening another one,
 * leaving the workspace, hiding the window (null) and coming back.
 */
export function startViewing(): void {
  if (started) return;
  started = true;
  const reporter = createViewingReporter((conversationId) => {
    // Ephemeral: the next change says it again.
    void unwrap(desk().conversations.viewing({ conversationId })).catch(() => undefined);
  });
  const check = () => {
    if (useSync.getState().status?.headOffice) reporter.report(onScreen());
  };
  document.addEventListener('visibilitychange', check);
  useUi.subscribe((s, prev) => {
    if (s.view !== prev.view) check();
  });
  useSessions.subscribe((s, prev) => {
    if (s.activeId !== prev.activeId || s.conversations !== prev.conversations) check();
  });
  useSync.subscribe((s, prev) => {
    if (s.status?.headOffice !== prev.status?.headOffice) check();
  });
  // After a reconnect the main process may have lost what it was told: say it again.
  useConnection.subscribe((s, prev) => {
    if (s.generation === prev.generation) return;
    reporter.reset();
    check();
  });
  check();
}
