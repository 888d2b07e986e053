import { describe, expect, it } from 'vitest';
import { previewParts, previewText } from './script-preview';

describe('script preview', () => {
  it('cuts a body into text and placeholders, keeping fallbacks', () => {
    expect(previewParts('{{customerName|您}}好，这里是{{companyName|本公司}}客服，报案号{{claimNo}}。')).toEqual([
      { kind: 'placeholder', key: 'customerName', fallback: '您' },
      { kind: 'text', text: '好，这里是' },
      { kind: 'placeholder', key: 'companyName', fallback: '本公司' },
      { kind: 'text', text: '客服，报案号' },
      { kind: 'placeholder', key: 'claimNo', fallback: undefined },
      { kind: 'text', text: '。' },
    ]);
  });

  it('leaves text without placeholders whole, and a blank fallback is none', () => {
    expect(previewParts('您好')).toEqual([{ kind: 'text', text: '您好' }]);
    expect(previewParts('')).toEqual([]);
    expect(previewParts('{{ plate | }}')).toEqual([{ kind: 'placeholder', key: 'plate', fallback: undefined }]);
  });

  it('reads as plain text with a label for each placeholder', () => {
    expect(previewText('感谢您联系{{companyName|本公司}}。', (k) => `【${k}】`)).toBe('感谢您联系【companyName】。');
  });
});
