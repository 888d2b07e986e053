/**
 * Focus an element that may still be hidden for a frame or two (a tab pane
 * being shown, a panel being mounted). Gives up quietly after a few frames.
 */
export function focusSoon(get: () => HTMLElement | null | undefined, frames = 12): void {
  const attempt = (left: number) => {
    const el = get();
    if (el && el.offsetParent !== null) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
      if (document.activeElement === el) return;
    }
    if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  attempt(frames);
}
