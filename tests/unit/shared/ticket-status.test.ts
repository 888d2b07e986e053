import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition, TICKET_STATUSES } from '../../../shared/domain/ticket-status.js';

describe('ticket state machine', () => {
  it('walks the normal path new → in_progress → resolved → closed', () => {
    expect(canTransition('new', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
  });

  it('lets a resolved ticket be reopened and a waiting one resume', () => {
    expect(canTransition('resolved', 'in_progress')).toBe(true);
    expect(canTransition('pending_customer', 'in_progress')).toBe(true);
  });

  it('refuses skipping work and leaving closed', () => {
    expect(canTransition('new', 'resolved')).toBe(false);
    expect(canTransition('in_progress', 'new')).toBe(false);
    for (const to of TICKET_STATUSES) expect(canTransition('closed', to)).toBe(false);
  });

  it('never offers a status as a transition to itself', () => {
    for (const s of TICKET_STATUSES) expect(allowedTransitions(s)).not.toContain(s);
  });
});
