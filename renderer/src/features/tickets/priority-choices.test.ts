import { describe, expect, it } from 'vitest';
import { priorityChoices } from './priority-choices';

describe('priorities offered in the ticket drawer', () => {
  it('offer nothing below a complaint level\'s floor', () => {
    expect(priorityChoices({ complaintLevel: 3, priority: 'urgent' })).toEqual(['urgent']);
    expect(priorityChoices({ complaintLevel: 2, priority: 'high' })).toEqual(['high', 'urgent']);
  });

  it('offer every priority at level 1 and to tickets without a level', () => {
    expect(priorityChoices({ complaintLevel: 1, priority: 'normal' })).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(priorityChoices({ complaintLevel: null, priority: 'low' })).toEqual(['low', 'normal', 'high', 'urgent']);
  });

  it('keep showing a priority the ticket holds below the floor', () => {
    expect(priorityChoices({ complaintLevel: 2, priority: 'normal' })).toEqual(['normal', 'high', 'urgent']);
  });
});
