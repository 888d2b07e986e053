import { describe, expect, it } from 'vitest';
import type { TicketPriority } from '../../../../shared/domain/ticket-status';
import { byUrgency, isOpenTicket, OPEN_STATUSES } from './ticket-queue';

const t = (id: string, priority: TicketPriority, updatedAt: number) => ({ id, priority, updatedAt });

describe('ticket work queue', () => {
  it('puts urgent before high before normal before low, newest first within a priority', () => {
    const sorted = [t('a', 'low', 9), t('b', 'normal', 1), t('c', 'urgent', 1), t('d', 'high', 5), t('e', 'normal', 7), t('f', 'urgent', 3)].sort(byUrgency);
    expect(sorted.map((x) => x.id)).toEqual(['f', 'c', 'd', 'e', 'b', 'a']);
  });

  it('counts every status but closed as open work', () => {
    expect(OPEN_STATUSES).toEqual(['new', 'in_progress', 'pending_customer', 'resolved']);
    expect(isOpenTicket({ status: 'resolved' })).toBe(true);
    expect(isOpenTicket({ status: 'closed' })).toBe(false);
  });
});
