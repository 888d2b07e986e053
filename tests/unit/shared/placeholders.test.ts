import { describe, expect, it } from 'vitest';
import { fillPlaceholders, findPlaceholders, unfilledPlaceholders } from '../../../shared/domain/placeholders.js';

describe('script placeholders', () => {
  it('fills known values and leaves unknown ones marked', () => {
    const r = fillPlaceholders('{{customerName}}您好，您的报案号是{{claimNo}}。', { customerName: '王先生' });
    expect(r.text).toBe('王先生您好，您的报案号是{{claimNo}}。');
    expect(r.unfilled).toEqual(['claimNo']);
  });

  it('uses the fallback when the conversation does not know the value', () => {
    const r = fillPlaceholders('{{customerName|您}}好，欢迎致电{{companyName|本公司}}', { companyName: '安行保险' });
    expect(r.text).toBe('您好，欢迎致电安行保险');
    expect(r.unfilled).toEqual([]);
  });

  it('treats blank values as unknown', () => {
    expect(fillPlaceholders('{{amount}}元', { amount: '  ' }).unfilled).toEqual(['amount']);
  });

  it('lists each unfilled key once and finds positions', () => {
    const text = '{{claimNo}} 与 {{claimNo}} 以及 {{ date }}';
    expect(unfilledPlaceholders(text)).toEqual(['claimNo', 'date']);
    const refs = findPlaceholders(text);
    expect(refs).toHaveLength(3);
    expect(text.slice(refs[0]!.start, refs[0]!.end)).toBe('{{claimNo}}');
  });

  it('ignores single braces and malformed markers', () => {
    expect(findPlaceholders('{claimNo} {{ }} {{1abc}}')).toEqual([]);
  });
});
