import { create } from 'zustand';
import type { z } from 'zod';
import type { AuditChainStatus, AuditEntryView, AuditFilters, AuditName } from '../../../../shared/contract/audit-schemas';
import type { DeskErrorPayload } from '../../../../shared/contract/errors';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { saveTextFile } from './save-file';

export type AuditFilterValues = z.input<typeof AuditFilters>;

const PAGE = 50;

interface AuditState {
  filters: AuditFilterValues;
  entries: AuditEntryView[];
  /** What the ids in the entries stand for (offices, accounts, tickets, claims, customers). */
  names: Record<string, AuditName>;
  /** Older entries exist: pass as `before`. */
  nextBefore: number | null;
  loading: boolean;
  error: DeskErrorPayload | null;
  chain: AuditChainStatus | null;
  checking: boolean;
  exporting: boolean;
  /** Search with these filters from the newest entry. */
  search(filters: AuditFilterValues): Promise<void>;
  /** The next, older page. */
  more(): Promise<void>;
  verify(): Promise<void>;
  exportCsv(): Promise<void>;
}

let searchSeq = 0;

/** The lead's audit log (审计日志): nothing kept; every search and export is head office's answer (and on its record). */
export const useAudit = create<AuditState>((set, get) => ({
  filters: {},
  entries: [],
  names: {},
  nextBefore: null,
  loading: false,
  error: null,
  chain: null,
  checking: false,
  exporting: false,

  async search(filters) {
    const seq = ++searchSeq;
    set({ filters, loading: true, error: null });
    try {
      const page = await unwrap(desk().audit.search({ ...filters, limit: PAGE }));
      if (seq === searchSeq) set({ entries: page.entries, names: page.names, nextBefore: page.nextBefore, loading: false });
    } catch (err) {
      if (seq === searchSeq) set({ entries: [], names: {}, nextBefore: null, loading: false, error: errorPayload(err) });
    }
  },

  async more() {
    const { filters, nextBefore, loading } = get();
    if (nextBefore === null || loading) return;
    const seq = ++searchSeq;
    set({ loading: true });
    try {
      const page = await unwrap(desk().audit.search({ ...filters, beforeEntry: nextBefore, limit: PAGE }));
      if (seq === searchSeq) set((s) => ({ entries: [...s.entries, ...page.entries], names: { ...s.names, ...page.names }, nextBefore: page.nextBefore, loading: false }));
    } catch (err) {
      if (seq === searchSeq) set({ loading: false });
      reportError(err);
    }
  },

  async verify() {
    set({ checking: true });
    try {
      set({ chain: await unwrap(desk().audit.verify({})), checking: false });
    } catch (err) {
      set({ chain: null, checking: false });
      reportError(err);
    }
  },

  async exportCsv() {
    set({ exporting: true });
    try {
      const file = await unwrap(desk().audit.export(get().filters));
      saveTextFile(file.fileName, file.csv, 'text/csv;charset=utf-8');
    } catch (err) {
      reportError(err);
    } finally {
      set({ exporting: false });
    }
  },
}));
