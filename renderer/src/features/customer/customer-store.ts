import { create } from 'zustand';
import type { CustomerProfile } from '../../../../shared/contract/schemas';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { reportError } from '../../app/feedback';
import { i18n } from '../../i18n';

interface CustomerState {
  profiles: Record<string, CustomerProfile>;
  loading: Record<string, boolean>;
  failed: Record<string, boolean>;
  load(customerId: string, force?: boolean): Promise<void>;
}

export const useCustomers = create<CustomerState>((set, get) => ({
  profiles: {},
  loading: {},
  failed: {},

  async load(customerId, force = false) {
    if (get().loading[customerId] || (get().profiles[customerId] && !force)) return;
    set((s) => ({ loading: { ...s.loading, [customerId]: true }, failed: { ...s.failed, [customerId]: false } }));
    try {
      const profile = await unwrap(desk().customers.get({ customerId }));
      set((s) => ({ profiles: { ...s.profiles, [customerId]: profile }, loading: { ...s.loading, [customerId]: false } }));
    } catch (err) {
      set((s) => ({ loading: { ...s.loading, [customerId]: false }, failed: { ...s.failed, [customerId]: true } }));
      reportError(err, i18n.t('customer.loadFailed'));
    }
  },
}));
