import type { RenewalTask } from '../../../../shared/head-office/renewals';
import { dueGroup, type DueFilter } from '../../../../shared/domain/renewal';

export const DUE_GROUPS: readonly DueFilter[] = ['overdue', 'today', 'week'];

/**
 * The week's tasks in the three groups the agent works through: overdue,
 * today, later this week. Within a group head office's order stays (the
 * agent's own tasks first, then by date).
 */
export function groupByDue(tasks: readonly RenewalTask[], today: string): Record<DueFilter, RenewalTask[]> {
  const groups: Record<DueFilter, RenewalTask[]> = { overdue: [], today: [], week: [] };
  for (const task of tasks) {
    const group = dueGroup(task.dueOn, today);
    if (group) groups[group].push(task);
  }
  return groups;
}
