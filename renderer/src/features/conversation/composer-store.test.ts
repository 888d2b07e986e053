import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../../../shared/contract/schemas';

const saveDraft = vi.fn(async () => ({ ok: true as const, data: { ok: true as const } }));
vi.mock('../../app/desk-client', () => ({ desk: () => ({ conversations: { saveDraft } }) }));
vi.mock('../../app/feedback', () => ({ reportError: vi.fn() }));

const { useComposer } = await import('./composer-store');

const CONV = '0190a000-0000-7000-8000-000000000002';

afterEach(() => useComposer.setState({ drafts: {}, scriptIds: {}, selections: {} }));

describe('inserting into a reply', () => {
  it('puts text at the caret and remembers the script', () => {
    useComposer.setState({ drafts: { [CONV]: '您好，。' }, selections: { [CONV]: { start: 3, end: 3 } } });
    expect(useComposer.getState().insert(CONV, '', '王先生', { scriptId: 's1', range: { start: 3, end: 3 } })).toBe(true);
    expect(useComposer.getState().drafts[CONV]).toBe('您好，王先生。');
    expect(useComposer.getState().scriptIds[CONV]).toEqual(['s1']);
  });

  it('refuses an insert that would make the reply too long, changing nothing', () => {
    const full = 'x'.repeat(MAX_TEXT_LENGTH - 3);
    useComposer.setState({ drafts: { [CONV]: full } });
    expect(useComposer.getState().insert(CONV, '', '四个字符', { scriptId: 's2' })).toBe(false);
    expect(useComposer.getState().drafts[CONV]).toBe(full);
    expect(useComposer.getState().scriptIds[CONV]).toBeUndefined();
  });
});
