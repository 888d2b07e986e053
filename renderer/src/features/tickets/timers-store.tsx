import { Button } from 'antd';
import { create } from 'zustand';
import type { Ticket } from '../../../../shared/contract/schemas';
import type { SlaState } from '../../../../shared/domain/ticket-sla';
import { useAgent } from '../../app/agent-store';
import { unwrap } from '../../app/call';
import { desk } from '../../app/desk-client';
import { feedbackApi } from '../../app/feedback';
import { useUi } from '../../app/ui-store';
import { i18n } from '../../i18n';
import { newManagementNotices, newWarnings, runningTimers, workingTimeParts, type RunningTimer, type Viewer } from './ticket-timers';
import { useTickets } from './tickets-store';

/** Open tickets with a running deadline, as the desk holds them (the timers list and the warnings read these). */
export const useTicketTimers = create<{ tickets: Ticket[]; loaded: boolean }>(() => ({ tickets: [], loaded: false }));

export function viewerOf(): Viewer | null {
  const agent = useAgent.getState().agent;
  return agent ? { id: agent.id, role: agent.role } : null;
}

export function timeLeftText(minutesLeft: number): string {
  const { h, m } = workingTimeParts(minutesLeft);
  const time = h > 0 ? i18n.t('ticketSla.hoursMinutes', { h, m }) : i18n.t('ticketSla.minutes', { m });
  return minutesLeft < 0 || Object.is(minutesLeft, -0) ? i18n.t('ticketSla.overdueBy', { time }) : i18n.t('ticketSla.left', { time });
}

let loading: Promise<void> | null = null;
let again = false;

async function loadRunning(): Promise<void> {
  if (loading) {
    again = true;
    return loading;
  }
  loading = (async () => {
    try {
      const tickets = await unwrap(desk().tickets.running({}));
      useTicketTimers.setState({ tickets, loaded: true });
      warn();
    } catch {
      // The list keeps what it had; the next round tries again.
    } finally {
      loading = null;
      if (again) {
        again = false;
        void loadRunning();
      }
    }
  })();
  return loading;
}

const seen = new Map<string, SlaState>();
/** Level-3 complaints this lead's desk has told of. */
const told = new Set<string>();
/** More at once would bury the screen: the timers list shows the rest. */
const MAX_NOTICES = 4;

/** A notice for the owner and the lead when a ticket nears its deadline or passes it (once per ticket and state). */
function warn(): void {
  const viewer = viewerOf();
  const timers = runningTimers(useTicketTimers.getState().tickets, Date.now(), viewer);
  // Level-3 complaints first: management is told at once, before any deadline nears.
  const escalated = newManagementNotices(told, timers, viewer);
  for (const r of escalated.slice(0, MAX_NOTICES)) notify(r, 'management');
  const warnings = newWarnings(seen, timers, viewer);
  for (const r of warnings.slice(0, Math.max(0, MAX_NOTICES - escalated.length))) notify(r, 'deadline');
}

function notify({ ticket, timer }: RunningTimer, kind: 'management' | 'deadline'): void {
  const overdue = timer.state === 'overdue';
  const management = kind === 'management';
  const key = `${management ? 'management' : 'sla'}:${ticket.id}`;
  const api = feedbackApi().notification;
  api[overdue || management ? 'error' : 'warning']({
    key,
    title: i18n.t(management ? 'ticketSla.managementTitle' : overdue ? 'ticketSla.overdueTitle' : 'ticketSla.warnTitle'),
    description: i18n.t(management ? 'ticketSla.managementBody' : 'ticketSla.warnBody', { no: ticket.ticketNo, title: ticket.title, time: timeLeftText(timer.minutesLeft) }),
    placement: 'bottomRight',
    duration: 0,
    actions: (
      <Button
        size="small"
        type="primary"
        onClick={() => {
          api.destroy(key);
          useUi.getState().setView('tickets');
          useTickets.getState().openDetail(ticket.id);
        }}
      >
        {i18n.t('ticketSla.open')}
      </Button>
    ),
    props: { 'data-testid': management ? 'management-notice' : 'sla-warning', 'data-ticket-id': ticket.id, 'data-state': timer.state } as Record<string, string>,
  });
}

let started = false;
let refresh: ReturnType<typeof setTimeout> | undefined;

/**
 * Watch the deadlines from sign-in on, whichever view is open: re-read the
 * running tickets when tickets change and every half minute, and warn as
 * timers cross into due soon or overdue.
 */
export function startTicketWatch(): void {
  if (started) return;
  started = true;
  void loadRunning();
  setInterval(() => void loadRunning(), 30_000);
  useTickets.subscribe((s, prev) => {
    if (s.items === prev.items && s.detail === prev.detail) return;
    clearTimeout(refresh);
    refresh = setTimeout(() => void loadRunning(), 200);
  });
}

/** Re-read now (after the agent's own change). */
export const reloadTimers = (): Promise<void> => loadRunning();
