import { useEffect } from 'react';
import { useSessions } from '../features/sessions/sessions-store';
import { useUi } from './ui-store';

/**
 * Desk-wide keys. `event.code` is used so Alt+digit works whatever
 * character the layout (or macOS Option) would type.
 */
export function useDeskShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat && !e.code.startsWith('Arrow')) return;
      const ui = useUi.getState();
      const sessions = useSessions.getState();
      let handled = true;
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code)) {
        ui.setView('workspace');
        sessions.openIndex(Number(e.code.slice(5)) - 1);
      } else if (e.altKey && !e.ctrlKey && (e.code === 'ArrowUp' || e.code === 'ArrowDown')) {
        ui.setView('workspace');
        sessions.openRelative(e.code === 'ArrowUp' ? -1 : 1);
      } else if ((e.ctrlKey && !e.altKey && e.code === 'Slash') || (e.altKey && !e.ctrlKey && e.code === 'KeyS')) {
        ui.focusScriptSearch();
      } else if (e.altKey && !e.ctrlKey && e.code === 'KeyK') {
        ui.focusKnowledgeSearch();
      } else if (e.altKey && !e.ctrlKey && e.code === 'KeyT') {
        ui.toggleView();
      } else {
        handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
