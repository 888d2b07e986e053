import { MAX_TEXT_LENGTH } from '../../../../shared/contract/schemas';
import { create } from 'zustand';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';

const SAVE_DELAY_MS = 600;
const MAX_SCRIPT_IDS = 20;

export interface Selection {
  start: number;
  end: number;
}

interface ComposerState {
  /** Draft per conversation; absent means "not touched here yet, use the host's draft". */
  drafts: Record<string, string>;
  /** Scripts inserted into the current reply, for usage statistics on send. */
  scriptIds: Record<string, string[]>;
  /** Last caret/selection the agent left in each composer. */
  selections: Record<string, Selection>;
  /** A reply held back because the customer or a colleague wrote since (CONVERSATION_CHANGED). */
  held: Record<string, boolean>;
  /** Where the composer should put the caret after a programmatic edit. */
  caret: { conversationId: string; start: number; end: number; seq: number } | null;
  setDraft(conversationId: string, text: string): void;
  setSelection(conversationId: string, selection: Selection): void;
  /** Replace `[start, end)` (default: the current selection) and remember the script. */
  /** False (and nothing changes) when the reply would grow past MAX_TEXT_LENGTH. */
  insert(conversationId: string, baseDraft: string, text: string, options?: { scriptId?: string; range?: Selection }): boolean;
  select(conversationId: string, selection: Selection): void;
  clear(conversationId: string): void;
  setHeld(conversationId: string, held: boolean): void;
}

const saveTimers = new Map<string, ReturnType<typeof setTimeout>>();

function scheduleSave(conversationId: string, draft: string): void {
  clearTimeout(saveTimers.get(conversationId));
  saveTimers.set(
    conversationId,
    setTimeout(() => {
      saveTimers.delete(conversationId);
      void unwrap(desk().conversations.saveDraft({ conversationId, draft })).catch((err) => reportError(err));
    }, SAVE_DELAY_MS),
  );
}

/** A sent reply empties the draft on the host; a late save must not bring it back. */
export function cancelDraftSave(conversationId: string): void {
  clearTimeout(saveTimers.get(conversationId));
  saveTimers.delete(conversationId);
}

let caretSeq = 0;

/**
 * The composer on screen. A textarea keeps its selection while another
 * control has focus, so an insert from a side panel reads the caret from
 * the element itself rather than from the last event we happened to see.
 */
let liveComposer: { conversationId: string; element: HTMLTextAreaElement } | null = null;

export function registerComposerElement(conversationId: string, element: HTMLTextAreaElement | null): void {
  if (element) liveComposer = { conversationId, element };
  else if (liveComposer?.conversationId === conversationId) liveComposer = null;
}

function liveSelection(conversationId: string): Selection | undefined {
  if (!liveComposer || liveComposer.conversationId !== conversationId || !liveComposer.element.isConnected) return undefined;
  const { selectionStart, selectionEnd } = liveComposer.element;
  return { start: selectionStart, end: selectionEnd };
}

export const useComposer = create<ComposerState>((set, get) => ({
  drafts: {},
  scriptIds: {},
  selections: {},
  held: {},
  caret: null,

  setDraft(conversationId, text) {
    set((s) => ({ drafts: { ...s.drafts, [conversationId]: text } }));
    scheduleSave(conversationId, text);
  },

  setSelection(conversationId, selection) {
    const prev = get().selections[conversationId];
    if (prev && prev.start === selection.start && prev.end === selection.end) return;
    set((s) => ({ selections: { ...s.selections, [conversationId]: selection } }));
  },

  insert(conversationId, baseDraft, text, options = {}) {
    const draft = get().drafts[conversationId] ?? baseDraft;
    const sel = options.range ?? liveSelection(conversationId) ?? get().selections[conversationId] ?? { start: draft.length, end: draft.length };
    const start = Math.min(sel.start, draft.length);
    const end = Math.min(Math.max(sel.end, start), draft.length);
    const next = draft.slice(0, start) + text + draft.slice(end);
    if (next.length > MAX_TEXT_LENGTH) return false;
    const caretAt = start + text.length;
    set((s) => {
      const ids = s.scriptIds[conversationId] ?? [];
      const scriptIds =
        options.scriptId && !ids.includes(options.scriptId) && ids.length < MAX_SCRIPT_IDS
          ? { ...s.scriptIds, [conversationId]: [...ids, options.scriptId] }
          : s.scriptIds;
      return {
        drafts: { ...s.drafts, [conversationId]: next },
        scriptIds,
        selections: { ...s.selections, [conversationId]: { start: caretAt, end: caretAt } },
        caret: { conversationId, start: caretAt, end: caretAt, seq: ++caretSeq },
      };
    });
    scheduleSave(conversationId, next);
    return true;
  },

  select(conversationId, selection) {
    set((s) => ({
      selections: { ...s.selections, [conversationId]: selection },
      caret: { conversationId, ...selection, seq: ++caretSeq },
    }));
  },

  clear(conversationId) {
    cancelDraftSave(conversationId);
    set((s) => ({
      drafts: { ...s.drafts, [conversationId]: '' },
      scriptIds: { ...s.scriptIds, [conversationId]: [] },
      selections: { ...s.selections, [conversationId]: { start: 0, end: 0 } },
    }));
  },

  setHeld(conversationId, held) {
    if ((get().held[conversationId] ?? false) === held) return;
    set((s) => ({ held: { ...s.held, [conversationId]: held } }));
  },
}));

/** The draft the agent sees: what they typed here, or the one saved on the host. */
export function useDraft(conversationId: string | null, hostDraft: string): string {
  return useComposer((s) => (conversationId ? (s.drafts[conversationId] ?? hostDraft) : ''));
}
