import { create } from 'zustand';
import type { KnowledgeArticle, KnowledgeHit } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { currentLocale } from '../../i18n';

interface KnowledgeState {
  query: string;
  /** The query the shown hits answer; null before the first search. */
  searched: string | null;
  hits: KnowledgeHit[];
  searching: boolean;
  articleId: string | null;
  article: KnowledgeArticle | null;
  articleLoading: boolean;
  setQuery(query: string): void;
  search(): Promise<void>;
  openArticle(id: string, countUse?: boolean): Promise<void>;
  closeArticle(): void;
  /** Re-read what is shown in the new interface language. */
  relocalize(): void;
}

let seq = 0;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

export const useKnowledge = create<KnowledgeState>((set, get) => ({
  query: '',
  searched: null,
  hits: [],
  searching: false,
  articleId: null,
  article: null,
  articleLoading: false,

  setQuery(query) {
    set({ query });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => void get().search(), 300);
  },

  async search() {
    clearTimeout(typingTimer);
    const query = get().query.trim();
    const mine = ++seq;
    if (!query) {
      set({ hits: [], searched: null, searching: false });
      return;
    }
    set({ searching: true });
    try {
      const hits = await unwrap(desk().knowledge.search({ locale: currentLocale(), query, limit: 20 }));
      if (mine !== seq) return;
      set({ hits, searched: query, searching: false });
    } catch (err) {
      if (mine === seq) set({ searching: false });
      reportError(err);
    }
  },

  async openArticle(id, countUse = true) {
    set({ articleId: id, articleLoading: true, article: get().article?.id === id ? get().article : null });
    try {
      const article = await unwrap(desk().knowledge.get({ articleId: id, locale: currentLocale(), countUse }));
      if (get().articleId === id) set({ article, articleLoading: false });
    } catch (err) {
      // The agent may have opened another article (or gone back) meanwhile: leave that one alone.
      if (get().articleId === id) set({ articleLoading: false, articleId: null });
      reportError(err);
    }
  },

  closeArticle() {
    set({ articleId: null });
  },

  relocalize() {
    const { searched, articleId } = get();
    if (searched) void get().search();
    // Same article in the other language: not a new use of it.
    if (articleId) void get().openArticle(articleId, false);
  },
}));
