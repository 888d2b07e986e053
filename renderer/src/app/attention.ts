import { useUi } from './ui-store';

/** The agent can see the open conversation: the workspace is on screen in a visible window. */
export function agentIsLooking(): boolean {
  return useUi.getState().view === 'workspace' && document.visibilityState === 'visible';
}

/**
 * Call `back` each time the agent can see the workspace again: the window
 * is shown after being hidden, or the desk switches back from tickets.
 */
export function onAgentReturns(back: () => void): () => void {
  const check = () => {
    if (agentIsLooking()) back();
  };
  document.addEventListener('visibilitychange', check);
  const unsubscribe = useUi.subscribe((s, prev) => {
    if (s.view !== prev.view) check();
  });
  return () => {
    document.removeEventListener('visibilitychange', check);
    unsubscribe();
  };
}
