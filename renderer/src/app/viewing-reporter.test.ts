import { describe, expect, it } from 'vitest';
import { createViewingReporter } from './viewing-reporter';

describe('createViewingReporter', () => {
  it('sends only changes, null included, and again after a reset', () => {
    const sent: (string | null)[] = [];
    const r = createViewingReporter((id) => sent.push(id));
    r.report('a');
    r.report('a');
    r.report(null);
    r.report(null);
    r.report('b');
    r.reset();
    r.report('b');
    expect(sent).toEqual(['a', null, 'b', 'b']);
  });
});
