/**
 * `/` and pinyin initials (`/bazs`) typed at the start of the reply, of a
 * line, or after a space, ending at the caret: the script shortcut.
 */
const COMMAND_BEFORE_CARET = /(?:^|\s)(\/[A-Za-z0-9]{1,20})$/;

export interface ScriptCommand {
  /** The shortcut as typed, `/` included: what the script search is asked. */
  token: string;
  /** Where the token starts in the draft; it ends at the caret. */
  start: number;
  end: number;
}

/** The shortcut the caret sits right after, if any; a selection is never one. */
export function commandAtCaret(draft: string, selectionStart: number, selectionEnd: number): ScriptCommand | null {
  if (selectionStart !== selectionEnd) return null;
  const caret = Math.min(selectionEnd, draft.length);
  const m = COMMAND_BEFORE_CARET.exec(draft.slice(0, caret));
  if (!m) return null;
  const token = m[1]!;
  return { token, start: caret - token.length, end: caret };
}
