import { create } from 'zustand';
import type { SyncNotice, SyncStatus } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';

interface SyncState {
  status: SyncStatus | null;
  notices: SyncNotice[];
  /** The re-sign-in dialog is open. */
  signingIn: boolean;
  load(): Promise<void>;
  dismiss(id: string): Promise<void>;
  syncNow(): Promise<void>;
  openSignIn(open: boolean): void;
}

/** Head office as the agent sees it: connection, changes waiting, and refused changes to read. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  notices: [],
  signingIn: false,

  async load() {
    try {
      const [status, notices] = await Promise.all([unwrap(desk().sync.status({})), unwrap(desk().sync.notices({}))]);
      set({ status, notices });
    } catch (err) {
      reportError(err);
    }
  },

  async dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
    try {
      await unwrap(desk().sync.dismissNotice({ noticeId: id }));
    } catch (err) {
      reportError(err);
      void get().load();
    }
  },

  async syncNow() {
    try {
      set({ status: await unwrap(desk().sync.now({})) });
    } catch (err) {
      reportError(err);
    }
  },

  openSignIn(open) {
    set({ signingIn: open });
  },
}));
