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

  it('keeps of a plate only the province, the city letter and the last two characters', () => {
    for (const plate of ['苏A·B1234', '沪AD12345', '苏E·8L888', '京N·F5X21']) {
      const chars = Array.from(plate);
      const masked = Array.from(maskPlate(plate));
      expect(masked).toHaveLength(chars.length);
      const shown = masked.filter((c, i) => c !== '*' && c !== '·' && i >= 2 && i < chars.length - 2);
      expect(shown, plate).toEqual([]);
      expect(masked.slice(0, 2).join('') + masked.slice(-2).join('')).toBe(chars.slice(0, 2).join('') + chars.slice(-2).join(''));
    }
  });

  it('keeps a plate recognisable but not readable', () => {
    expect(maskPlate('苏A·B1234')).toBe('苏A·***34');
    expect(maskPlate('沪B12345')).toBe('沪B***45');
  });

  it('masks new-energy plates (six characters after the city letter), with or without the dot', () => {
    expect(maskPlate('苏A·D56789')).toBe('苏A·****89');
    expect(maskPlate('沪AD12345')).toBe('沪A****45');
    expect(maskPlate(' 苏E·8L888 ')).toBe('苏E·***88');
  });

  it('masks the ID number of the issue\'s example and the 22-character policy numbers head office keeps', () => {
    expect(maskIdNumber('320102198506121234')).toBe('3201**********1234');
    expect(maskPolicyNumber('PDAA202632010001007037')).toBe('PDAA**************7037');
    expect(maskPolicyNumber('PDZA202532010002007074')).toMatch(/^PDZA\*{14}7074$/);
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

describe('redacting free text keeps the customer’s own writing', () => {
  it('folds full-width digits to find numbers, but leaves Chinese punctuation alone', () => {
    expect(redactPersonalData('我的电话是１３８００１３８０００，请回电。')).toBe('我的电话是138****8000，请回电。');
    expect(redactPersonalData('身份证３２０１０２１９９００１０１１２３４，谢谢！')).toBe('身份证3201**********1234，谢谢！');
    expect(redactPersonalData('车停在中山路（靠近路口）：没有人受伤。')).toBe('车停在中山路（靠近路口）：没有人受伤。');
  });
});
