import { useSessions } from '../features/sessions/sessions-store';
import { useThreads } from '../features/conversation/threads-store';
import { useTickets } from '../features/tickets/tickets-store';
import { useSync } from '../features/head-office/sync-store';
import { conversationArrived, conversationLeft } from '../features/arrival/arrival';
import { useLive } from '../features/conversation/live-store';
import { usePresence } from '../features/presence/presence-store';
import { useQueue } from '../features/queue/queue-store';
import { useConnection } from './connection-store';
import { desk } from './desk-client';

let started = false;

/**
 * Events are "something changed" notices: re-read what is on screen. After
 * a reconnect anything may have changed, so re-read it all.
 */
export function startLiveUpdates(): void {
  if (started) return;
  started = true;
  const api = desk();
  api.on('conversationChanged', ({ conversationId }) => {
    const sessions = useSessions.getState();
    sessions.scheduleRefresh();
    sessions.noteActivity(conversationId);
    useThreads.getState().changed(conversationId, conversationId === sessions.activeId);
  });
  api.on('conversationArrived', conversationArrived);
  api.on('conversationLeft', conversationLeft);
  api.on('conversationLive', (payload) => useLive.getState().apply(payload));
  api.on('queueChanged', ({ conversationId }) => useQueue.getState().changed(conversationId));
  api.on('presenceChanged', () => void usePresence.getState().load());
  api.on('ticketChanged', ({ ticketId }) => useTickets.getState().changed(ticketId));
  api.on('syncChanged', ({ ticketsChanged }) => {
    void useSync.getState().load();
    // Many tickets at once (a first sync) come as one notice: re-read what is on screen.
    const tickets = useTickets.getState();
    if (ticketsChanged && tickets.loaded) tickets.scheduleRefresh();
    if (ticketsChanged && tickets.detailId) void tickets.loadDetail(tickets.detailId);
  });

  let seen = useConnection.getState().generation;
  useConnection.subscribe((s) => {
    if (s.generation === seen) return;
    seen = s.generation;
    const sessions = useSessions.getState();
    void sessions.load();
    const threads = useThreads.getState();
    for (const id of Object.keys(threads.threads)) threads.changed(id, id === sessions.activeId);
    const tickets = useTickets.getState();
    if (tickets.loaded) void tickets.load();
    if (tickets.detailId) void tickets.loadDetail(tickets.detailId);
    void useSync.getState().load();
    if (useSync.getState().status?.headOffice) void usePresence.getState().load();
    useQueue.getState().reconnected();
  });
}
