import { afterEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { deskCalls } from '../../../shared/contract/calls';
import { i18n } from '../i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { issueFieldLabel, issueMessage, issueMessages } from './error-issues';

/** The keys an input object accepts, through `.default()`, `.optional()` and transforms. */
function inputKeys(schema: z.ZodType): string[] {
  const def = schema._zod.def as { type: string; shape?: Record<string, unknown>; innerType?: z.ZodType; in?: z.ZodType };
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  if (def.innerType) return inputKeys(def.innerType);
  if (def.type === 'pipe' && def.in) return inputKeys(def.in);
  return [];
}

const everyInputField = [...new Set(Object.values(deskCalls).flatMap((area) => Object.values(area).flatMap((spec) => inputKeys(spec.input))))];
const ENGLISH = /[A-Za-z]/;

afterEach(async () => {
  await i18n.changeLanguage('zh-CN');
});

describe('input issues shown to the agent', () => {
  it('name the field in Chinese and never show the validator text', () => {
    const text = issueMessage({ path: 'callerName', message: 'Too small: expected string to have >=1 characters' });
    expect(text).toBe('来电人格式不正确');
    expect(text).not.toMatch(ENGLISH);
  });

  it('use the first step of a nested path', () => {
    expect(issueFieldLabel('scriptIds.3')).toBe('所用话术');
    expect(issueFieldLabel('durationSeconds')).toBe('通话时长');
  });

  it('fall back to a generic label for unknown or empty paths, never the raw path', () => {
    for (const path of ['', 'somethingNew', 'a.b.c', '0', 'toString', '__proto__']) {
      const text = issueMessage({ path, message: 'Unrecognized key' });
      expect(text).toBe('输入内容格式不正确');
      expect(text).not.toMatch(ENGLISH);
    }
  });

  it('show one line per field', () => {
    const lines = issueMessages([
      { path: 'code', message: 'Too small' },
      { path: 'code', message: 'Invalid string' },
      { path: 'displayName', message: 'Too big' },
    ]);
    expect(lines).toEqual(['坐席工号格式不正确', '显示名称格式不正确']);
  });

  it('say what is wrong when the refusal gives a typed reason, not that the format is wrong', async () => {
    expect(issueMessage({ path: 'dueAt', message: 'must lie ahead', reason: 'in_the_past' })).toBe('下一步时间必须晚于现在');
    expect(issueMessage({ path: 'note', message: 'required', reason: 'required' })).toBe('请填写备注');
    expect(issueMessage({ path: 'to', message: 'lead only', reason: 'lead_only' })).not.toContain('格式');
    await i18n.changeLanguage('en');
    expect(issueMessage({ path: 'dueAt', message: 'must lie ahead', reason: 'in_the_past' })).toBe('Time of the next step must be in the future');
  });

  it('follow the interface language', async () => {
    await i18n.changeLanguage('en');
    expect(issueMessage({ path: 'notes', message: 'x' })).toBe('Call notes is not valid');
  });

  it('have a Chinese and an English label for every input field of every call', () => {
    expect(everyInputField.length).toBeGreaterThan(25);
    const zhLabels = zhCN.fields as Record<string, string>;
    const enLabels = en.fields as Record<string, string>;
    for (const field of everyInputField) {
      expect(zhLabels[field], field).toBeTruthy();
      expect(zhLabels[field], field).not.toMatch(ENGLISH);
      expect(enLabels[field], field).toBeTruthy();
      expect(issueFieldLabel(field), field).toBe(zhLabels[field]);
    }
  });
});
