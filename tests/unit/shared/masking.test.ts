import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskPlate, maskPolicyNumber, redactPersonalData } from '../../../shared/domain/masking.js';

describe('masking of personal identifiers', () => {
  it('keeps the first and last four of an ID number', () => {
    expect(maskIdNumber('32010219850612341X')).toBe('3201**********341X');
    expect(maskIdNumber('320102198506123')).toBe('3201*******6123');
  });

  it('masks a mobile number to 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('keeps a plate recognisable but not readable', () => {
    expect(maskPlate('苏A·B1234')).toBe('苏A·***34');
    expect(maskPlate('沪B12345')).toBe('沪B***45');
  });

  it('masks policy numbers', () => {
    expect(maskPolicyNumber('PDAA2020123456789012')).toBe('PDAA************9012');
  });

  it('redacts ID and mobile numbers inside free text', () => {
    const line = 'customer 32010219850612341X called from 13812345678 about claim 2024000123';
    const out = redactPersonalData(line);
    expect(out).not.toContain('32010219850612341X');
    expect(out).not.toContain('13812345678');
    expect(out).toContain('138****5678');
    expect(out).toContain('claim 2024000123');
  });
});
