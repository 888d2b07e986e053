import { create } from 'zustand';
import type { DeskErrorPayload } from '../../../../shared/contract/errors';
import type { RenewalOutcome, RenewalTask } from '../../../../shared/head-office/renewals';
import { errorPayload, unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';

interface RenewalState {
  /** Head office's date the list was read on. */
  today: string | null;
  tasks: RenewalTask[];
  loading: boolean;
  error: DeskErrorPayload | null;
  /** Tasks with an outcome on its way. */
  saving: Record<string, boolean>;
  load(): Promise<void>;
  /** Record an outcome; the error (with the field at fault) is returned for the form to show. */
  record(taskId: string, outcome: RenewalOutcome): Promise<DeskErrorPayload | null>;
}

let loadSeq = 0;

/** 续保任务: the week's renewal reminders of the agent's office. */
export const useRenewals = create<RenewalState>((set, get) => ({
  today: null,
  tasks: [],
  loading: false,
  error: null,
  saving: {},

  async load() {
    const seq = ++loadSeq;
    set({ loading: true });
    try {
      const list = await unwrap(desk().renewals.tasks({ due: 'week' }));
      if (seq === loadSeq) set({ today: list.today, tasks: list.tasks, loading: false, error: null });
    } catch (err) {
      if (seq === loadSeq) set({ loading: false, error: errorPayload(err) });
    }
  },

  async record(taskId, outcome) {
    set((s) => ({ saving: { ...s.saving, [taskId]: true } }));
    try {
      await unwrap(desk().renewals.recordOutcome({ taskId, outcome }));
      await get().load();
      return null;
    } catch (err) {
      return errorPayload(err);
    } finally {
      set((s) => ({ saving: { ...s.saving, [taskId]: false } }));
    }
  },
}));
