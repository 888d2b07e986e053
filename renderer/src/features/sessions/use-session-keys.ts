import { useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const idOf = (target: EventTarget): string | null =>
  target instanceof HTMLElement ? (target.closest('[data-conversation-id]')?.getAttribute('data-conversation-id') ?? null) : null;

/**
 * Keyboard for the session listbox (roving tabindex): one option is in the
 * tab order — the one last focused, else the open one, else the first.
 * ↑ ↓ Home End move the focus; Enter or Space opens the focused conversation.
 */
export function useSessionKeys(ids: readonly string[], activeId: string | null, open: (id: string) => void, list: RefObject<HTMLUListElement | null>) {
  // Remembered under the conversation open at the time: opening another one (Alt+1…9) moves the tab stop there.
  const [focused, setFocused] = useState<{ id: string; activeId: string | null } | null>(null);
  const tabbableId =
    focused && focused.activeId === activeId && ids.includes(focused.id) ? focused.id : activeId !== null && ids.includes(activeId) ? activeId : (ids[0] ?? null);

  const onFocus = (e: FocusEvent) => {
    const id = idOf(e.target);
    if (id) setFocused({ id, activeId });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const id = idOf(e.target);
    const at = id === null ? -1 : ids.indexOf(id);
    if (id === null || at === -1) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open(id);
      return;
    }
    const last = ids.length - 1;
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, last) : e.key === 'ArrowUp' ? Math.max(at - 1, 0) : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (next === null) return;
    e.preventDefault();
    list.current?.querySelector<HTMLElement>(`[data-conversation-id="${CSS.escape(ids[next]!)}"]`)?.focus();
  };

  return { tabbableId, onFocus, onKeyDown };
}
