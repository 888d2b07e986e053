import { create } from 'zustand';
import type { Script, ScriptStage } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi, reportError } from '../../app/feedback';
import { currentLocale, i18n } from '../../i18n';

export interface ScriptDraft {
  stage: ScriptStage;
  title: string;
  body: string;
}

interface ScriptsState {
  stage: ScriptStage | null;
  query: string;
  scripts: Script[];
  /** What `scripts` holds: the list for a stage, or results for a query. */
  mode: 'list' | 'search';
  /** The (trimmed) query and stage the shown `scripts` answer; null before the first answer. */
  answers: { query: string; stage: ScriptStage | null } | null;
  loading: boolean;
  editing: Script | 'new' | null;
  saving: boolean;
  setStage(stage: ScriptStage | null): void;
  setQuery(query: string): void;
  reload(): Promise<void>;
  startEdit(script: Script | 'new'): void;
  cancelEdit(): void;
  save(draft: ScriptDraft): Promise<boolean>;
  remove(script: Script): Promise<void>;
}

let seq = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;

export const useScripts = create<ScriptsState>((set, get) => ({
  stage: null,
  query: '',
  scripts: [],
  mode: 'list',
  answers: null,
  loading: false,
  editing: null,
  saving: false,

  setStage(stage) {
    set({ stage });
    void get().reload();
  },

  setQuery(query) {
    set({ query });
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().reload(), 200);
  },

  async reload() {
    clearTimeout(searchTimer);
    const { stage } = get();
    const query = get().query.trim();
    const mine = ++seq;
    set({ loading: true });
    try {
      const locale = currentLocale();
      const scripts = query
        ? await unwrap(desk().scripts.search({ locale, query, limit: 50 }))
        : await unwrap(desk().scripts.list(stage ? { locale, stage } : { locale }));
      if (mine !== seq) return;
      const filtered = query && stage ? scripts.filter((s) => s.stage === stage) : scripts;
      set({ scripts: filtered, mode: query ? 'search' : 'list', answers: { query, stage }, loading: false });
    } catch (err) {
      if (mine === seq) set({ loading: false });
      reportError(err);
    }
  },

  startEdit(script) {
    set({ editing: script });
  },

  cancelEdit() {
    set({ editing: null });
  },

  async save(draft) {
    const editing = get().editing;
    if (!editing || get().saving) return false;
    set({ saving: true });
    try {
      if (editing === 'new') await unwrap(desk().scripts.createPersonal(draft));
      else await unwrap(desk().scripts.updatePersonal({ scriptId: editing.id, ...draft }));
      set({ saving: false, editing: null });
      feedbackApi().message.success(i18n.t('scripts.saved'));
      void get().reload();
      return true;
    } catch (err) {
      set({ saving: false });
      reportError(err);
      return false;
    }
  },

  async remove(script) {
    try {
      await unwrap(desk().scripts.deletePersonal({ scriptId: script.id }));
      feedbackApi().message.success(i18n.t('scripts.deleted'));
      void get().reload();
    } catch (err) {
      reportError(err);
    }
  },
}));

/** True when the shown scripts are the answer to the search text and stage on screen now. */
export function answersCurrentSearch(s: Pick<ScriptsState, 'answers' | 'query' | 'stage'>): boolean {
  return s.answers !== null && s.answers.query === s.query.trim() && s.answers.stage === s.stage;
}
