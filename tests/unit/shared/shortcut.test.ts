import { describe, expect, it } from 'vitest';
import { shortcutScore } from '../../../shared/domain/shortcut.js';

describe('pinyin-initial shortcuts', () => {
  it('ranks prefix over substring over subsequence', () => {
    expect(shortcutScore('bazshs', '/bazs')).toBe(3);
    expect(shortcutScore('xbazs', '/bazs')).toBe(2);
    expect(shortcutScore('baxxzs', '/bazs')).toBe(1);
    expect(shortcutScore('tsca', '/bazs')).toBe(0);
  });

  it('ignores case and an empty query', () => {
    expect(shortcutScore('bahs', 'BAHS')).toBe(3);
    expect(shortcutScore('bahs', '/')).toBe(0);
  });
});
