import { describe, expect, it } from 'vitest';
import { commandAtCaret } from './script-command';

const atEnd = (draft: string) => commandAtCaret(draft, draft.length, draft.length);

describe('commandAtCaret', () => {
  it('finds a shortcut as the whole draft', () => {
    expect(atEnd('/bazs')).toEqual({ token: '/bazs', start: 0, end: 5 });
  });

  it('finds one after a space or at the start of a line', () => {
    expect(atEnd('您好 /bazs')).toEqual({ token: '/bazs', start: 3, end: 8 });
    expect(atEnd('您好，请稍等。\n/bazs')).toEqual({ token: '/bazs', start: 8, end: 13 });
  });

  it('reads only up to the caret, so text after it stays', () => {
    const draft = '前缀 /bazs 后缀';
    expect(commandAtCaret(draft, 8, 8)).toEqual({ token: '/bazs', start: 3, end: 8 });
    expect(commandAtCaret(draft, 6, 6)).toEqual({ token: '/ba', start: 3, end: 6 });
    expect(commandAtCaret(draft, draft.length, draft.length)).toBeNull();
  });

  it('ignores a slash inside a word, a bare slash and a selection', () => {
    expect(atEnd('1/2')).toBeNull();
    expect(atEnd('http://x.cn/abc')).toBeNull();
    expect(atEnd('您好/bazs')).toBeNull();
    expect(atEnd('您好 /')).toBeNull();
    expect(atEnd('/bazs ')).toBeNull();
    expect(commandAtCaret('/bazs', 0, 5)).toBeNull();
  });
});
