import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone, maskPlate, maskPolicyNumber, redactPersonalData } from '../../../shared/domain/masking.js';

describe('masking of personal identifiers', () => {
  it('keeps the first and last four of an ID number', () => {
    expect(maskIdNumber('32010219850612341X')).toBe('3201**********341X');
    expect(maskIdNumber('320102198506123')).toBe('320********6123');
  });

  it('masks a mobile number to 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('0086 138 1234 5678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
  });

  it('keeps a plate recognisable but not readable', () => {
    expect(maskPlate('苏A·B1234')).toBe('苏A·***34');
    expect(maskPlate('沪B12345')).toBe('沪B***45');
  });

  it('masks policy numbers', () => {
    expect(maskPolicyNumber('PDAA2020123456789012')).toBe('PDAA************9012');
  });

  it('hides at least half of short or unusual identifiers', () => {
    for (const [value, masked] of [
      [maskPhone('1234567'), '1****67'],
      [maskPhone('62123456'), '62****56'],
      [maskIdNumber('123456789'), '12*****89'],
      [maskPolicyNumber('P123'), 'P**3'],
    ] as const) {
      expect(value).toBe(masked);
      const shown = Array.from(value).filter((c) => c !== '*').length;
      expect(shown).toBeLessThanOrEqual(Math.floor(value.length / 2));
    }
  });

  it('redacts ID and mobile numbers inside free text', () => {
    const line = 'customer 32010219850612341X called from 13812345678 about claim 2024000123';
    const out = redactPersonalData(line);
    expect(out).not.toContain('32010219850612341X');
    expect(out).not.toContain('13812345678');
    expect(out).toContain('138****5678');
    expect(out).toContain('claim 2024000123');
  });

  it('redacts full-width digits', () => {
    expect(redactPersonalData('手机１３８１２３４５６７８')).toBe('手机138****5678');
  });

  it('redacts the forms people actually type', () => {
    for (const clear of ['+8613812345678', 'tel:8613812345678', '138 1234 5678', '138-1234-5678', '138.1234.5678', '320102850612341', '32010219850612341x', '3201 0219 9001 0112 34']) {
      const out = redactPersonalData(`call ${clear} now`);
      expect(out, clear).not.toContain(clear);
      const digits = clear.replace(/\D/g, '');
      expect(out.replace(/\D/g, '')).not.toContain(digits.slice(-11));
    }
  });
});
