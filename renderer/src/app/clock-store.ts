import { create } from 'zustand';

/** One shared one-second tick for every running timer on screen. */
export const useClock = create<{ now: number }>(() => ({ now: Date.now() }));

let started = false;
export function startClock(): void {
  if (started) return;
  started = true;
  setInterval(() => useClock.setState({ now: Date.now() }), 1000);
}
