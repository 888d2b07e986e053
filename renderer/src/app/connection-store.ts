import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

interface ConnectionState {
  status: ConnectionStatus;
  /** Bumped on every successful (re)connect so views can re-read what they show. */
  generation: number;
  setStatus(status: ConnectionStatus): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  status: 'connecting',
  generation: 0,
  setStatus: (status) =>
    set((s) => ({ status, generation: status === 'online' && s.status !== 'online' ? s.generation + 1 : s.generation })),
}));
