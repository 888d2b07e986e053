/**
 * On-site support (现场与网络联动支持): the online agent finds a case that
 * needs someone on site and sends a collaboration ticket (协作工单) to a
 * field office; the field office's staff visit, collect what is missing and
 * record the result, which comes back to the agent's ticket so the agent
 * follows up and closes the loop.
 */
import type { TicketStatus, TicketType } from './ticket-status.js';

/** Why a request for on-site support cannot go where the agent sent it. */
export type FieldOfficeProblem = 'not_onsite_support' | 'own_office' | 'unknown_office';

/**
 * Whether a ticket may ask `fieldOfficeId` for on-site support: only an
 * on-site support ticket does, and only of another office that exists
 * (the agent's own office needs no collaboration ticket).
 */
export function fieldOfficeProblem(type: TicketType, fieldOfficeId: string, ownOfficeId: string | null, exists: boolean): FieldOfficeProblem | null {
  if (type !== 'onsite_support') return 'not_onsite_support';
  if (fieldOfficeId === ownOfficeId) return 'own_office';
  if (!exists) return 'unknown_office';
  return null;
}

const DONE: readonly TicketStatus[] = ['resolved', 'closed'];

/** The field office's result goes back once per finish: when its ticket reaches resolved or closed from an open status. */
export function reportsFieldResult(from: TicketStatus, to: TicketStatus): boolean {
  return DONE.includes(to) && !DONE.includes(from);
}

/** The title of the field office's ticket. */
export const fieldTicketTitle = (title: string): string => `现场支援：${title}`.slice(0, 120);

/** The note the online agent's ticket gets when the field office has finished. */
export function fieldResultNote(officeName: string, note: string | null | undefined): string {
  const said = note?.trim();
  return said ? `网点已处理：${officeName}：${said}` : `网点已处理：${officeName}`;
}

/** The note the online agent's ticket gets when the field office's ticket is opened. */
export const fieldTicketOpenedNote = (officeName: string, ticketNo: string): string => `已派现场支援：${officeName}（工单 ${ticketNo}）`;
