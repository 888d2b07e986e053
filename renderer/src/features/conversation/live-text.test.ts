import { describe, expect, it } from 'vitest';
import { splitViewers } from './live-text';

describe('splitViewers', () => {
  it('puts typing colleagues apart from those only viewing, each once', () => {
    expect(
      splitViewers([
        { name: '王芳', typing: false },
        { name: '李雷', typing: true },
        { name: '王芳', typing: true },
        { name: '赵敏', typing: false },
        { name: ' ', typing: true },
      ]),
    ).toEqual({ typing: ['李雷', '王芳'], viewing: ['赵敏'] });
  });

  it('is empty with nobody there', () => {
    expect(splitViewers([])).toEqual({ typing: [], viewing: [] });
  });
});
