import type { RenewalTask } from '../../../../shared/head-office/renewals';
import { taskGroup, type TaskGroup } from '../../../../shared/domain/renewal';

export const TASK_GROUPS: readonly TaskGroup[] = ['overdue', 'today', 'week', 'callback'];

/**
 * The list in the groups the agent works through: overdue, today, later
 * this week, and call backs booked for a later date (已约回访, kept in view
 * so they can be worked early). Within a group head office's order stays
 * (the agent's own tasks first, then by date).
 */
export function groupByDue(tasks: readonly RenewalTask[], today: string): Record<TaskGroup, RenewalTask[]> {
  const groups: Record<TaskGroup, RenewalTask[]> = { overdue: [], today: [], week: [], callback: [] };
  for (const task of tasks) {
    const group = taskGroup(task, today);
    if (group) groups[group].push(task);
  }
  return groups;
}
