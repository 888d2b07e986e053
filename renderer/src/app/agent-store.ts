import { create } from 'zustand';
import type { AgentProfile } from '../../../shared/contract/schemas';

export const useAgent = create<{ agent: AgentProfile | null; companyName: string }>(() => ({ agent: null, companyName: '' }));
