import { describe, expect, it } from 'vitest';
import { ruleOnEdit, ruleOnStatusChange } from '../../../shared/domain/ticket-conflicts.js';

const ticket = { status: 'in_progress' as const, priority: 'high', category: '交通事故', title: '追尾定损' };

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

  it('takes no edits on a closed ticket', () => {
    expect(ruleOnEdit({ ...ticket, status: 'closed' }, { title: { from: '追尾定损', to: '改' } })).toEqual({ ok: false, code: 'INVALID_TRANSITION', reason: 'closed' });
  });
});
