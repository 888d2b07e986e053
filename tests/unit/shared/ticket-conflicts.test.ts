import { describe, expect, it } from 'vitest';
import { ruleOnEdit, ruleOnStatusChange } from '../../../shared/domain/ticket-conflicts.js';

const ticket = { status: 'in_progress' as const, complaintLevel: null, priority: 'high', category: '交通事故', title: '追尾定损' };

describe('settling two agents changing one ticket', () => {
  it('refuses a status change based on a status a colleague already changed, naming both values', () => {
    expect(ruleOnStatusChange('in_progress', { from: 'new', to: 'closed', note: '重复' })).toEqual({ ok: false, code: 'CONFLICT', field: 'status', yours: 'closed', theirs: 'in_progress' });
  });

  it('checks the state machine against the status head office holds', () => {
    expect(ruleOnStatusChange('in_progress', { from: 'in_progress', to: 'new', note: null })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', reason: 'not_allowed' });
    expect(ruleOnStatusChange('new', { from: 'new', to: 'closed', note: null })).toMatchObject({ ok: false, reason: 'needs_reason' });
    expect(ruleOnStatusChange('new', { from: 'new', to: 'closed', note: '误开' })).toEqual({ ok: true });
  });

  it('lets edits of different fields both stand', () => {
    const afterColleague = { ...ticket, category: '单车事故' };
    expect(ruleOnEdit(afterColleague, { priority: { from: 'high', to: 'urgent' } })).toEqual({ ok: true, changed: [{ field: 'priority', from: 'high', to: 'urgent' }] });
  });

  it('refuses a stale edit of the same field, with both values', () => {
    const afterColleague = { ...ticket, priority: 'low' };
    expect(ruleOnEdit(afterColleague, { priority: { from: 'high', to: 'urgent' } })).toEqual({ ok: false, code: 'CONFLICT', field: 'priority', yours: 'urgent', theirs: 'low' });
  });

  it('takes an edit that ends where head office already is as no change at all', () => {
    expect(ruleOnEdit({ ...ticket, priority: 'urgent' }, { priority: { from: 'high', to: 'urgent' } })).toEqual({ ok: true, changed: [] });
  });

  it('refuses a priority below the complaint level\'s floor, with a typed reason, and takes any at or above it', () => {
    const level3 = { ...ticket, complaintLevel: 3 as const, priority: 'urgent' };
    expect(ruleOnEdit(level3, { priority: { from: 'urgent', to: 'normal' } })).toEqual({ ok: false, code: 'INVALID_INPUT', field: 'priority', reason: 'priority_below_level' });
    const level2 = { ...ticket, complaintLevel: 2 as const, priority: 'urgent' };
    expect(ruleOnEdit(level2, { priority: { from: 'urgent', to: 'normal' } })).toMatchObject({ ok: false, reason: 'priority_below_level' });
    expect(ruleOnEdit(level2, { priority: { from: 'urgent', to: 'high' } })).toMatchObject({ ok: true });
    // Level 1 and tickets without a level take any priority; other fields of a level-3 complaint stay editable.
    expect(ruleOnEdit({ ...ticket, complaintLevel: 1 as const }, { priority: { from: 'high', to: 'low' } })).toMatchObject({ ok: true });
    expect(ruleOnEdit(level3, { title: { from: '追尾定损', to: '追尾定损争议' } })).toMatchObject({ ok: true });
  });

  it('takes no edits on a closed ticket', () => {
    expect(ruleOnEdit({ ...ticket, status: 'closed' }, { title: { from: '追尾定损', to: '改' } })).toEqual({ ok: false, code: 'INVALID_TRANSITION', reason: 'closed' });
  });
});
