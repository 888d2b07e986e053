/** How often the claims shown are read again from head office while the panel is visible. */
export const CLAIMS_REFRESH_MS = 30_000;

interface Win {
  addEventListener(type: 'focus', fn: () => void): void;
  removeEventListener(type: 'focus', fn: () => void): void;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(id: number): void;
}
interface Doc {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', fn: () => void): void;
  removeEventListener(type: 'visibilitychange', fn: () => void): void;
}

/**
 * Keep a customer's claims current: a colleague (or head office) may move a
 * claim on while it is on screen, so it is read again when the agent comes
 * back to the window and every 30 seconds while the window is visible, never
 * while it is hidden. Returns the function that stops watching.
 */
export function watchClaims(reload: () => void, win: Win = window, doc: Doc = document, everyMs = CLAIMS_REFRESH_MS): () => void {
  const whenVisible = () => {
    if (doc.visibilityState === 'visible') reload();
  };
  const timer = win.setInterval(whenVisible, everyMs);
  win.addEventListener('focus', whenVisible);
  doc.addEventListener('visibilitychange', whenVisible);
  return () => {
    win.clearInterval(timer);
    win.removeEventListener('focus', whenVisible);
    doc.removeEventListener('visibilitychange', whenVisible);
  };
}
