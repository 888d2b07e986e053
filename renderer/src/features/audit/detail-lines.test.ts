import { describe, expect, it } from 'vitest';
import { detailLines } from './detail-lines';

describe("an audit entry's detail as lines", () => {
  it('flattens nested objects into paths and keeps strings exactly as typed', () => {
    expect(detailLines({ filters: { text: '<b>张</b>', action: 'pii.reveal' }, rows: 3, passed: false, fields: ['phone', 'idNumber'], none: null })).toEqual([
      ['filters.text', '<b>张</b>'],
      ['filters.action', 'pii.reveal'],
      ['rows', '3'],
      ['passed', 'false'],
      ['fields', '["phone","idNumber"]'],
      ['none', 'null'],
    ]);
  });

  it('has no lines for an empty detail', () => {
    expect(detailLines({})).toEqual([]);
  });
});
