import { create } from 'zustand';

/** The team lead's live queue (队列监控) and audit log (审计日志) are offered to leads only. */
export type DeskView = 'workspace' | 'tickets' | 'queue' | 'audit' | 'renewals';
export type SidePanel = 'scripts' | 'knowledge' | 'customer';

interface UiState {
  view: DeskView;
  sidePanel: SidePanel;
  /** Counters: a panel focuses its search box whenever its counter moves. */
  scriptSearchFocus: number;
  knowledgeSearchFocus: number;
  setView(view: DeskView): void;
  toggleView(): void;
  setSidePanel(panel: SidePanel): void;
  focusScriptSearch(): void;
  focusKnowledgeSearch(): void;
}

export const useUi = create<UiState>((set) => ({
  view: 'workspace',
  sidePanel: 'scripts',
  scriptSearchFocus: 0,
  knowledgeSearchFocus: 0,
  setView: (view) => set({ view }),
  toggleView: () => set((s) => ({ view: s.view === 'workspace' ? 'tickets' : 'workspace' })),
  setSidePanel: (sidePanel) => set({ sidePanel }),
  focusScriptSearch: () => set((s) => ({ view: 'workspace', sidePanel: 'scripts', scriptSearchFocus: s.scriptSearchFocus + 1 })),
  focusKnowledgeSearch: () => set((s) => ({ view: 'workspace', sidePanel: 'knowledge', knowledgeSearchFocus: s.knowledgeSearchFocus + 1 })),
}));
