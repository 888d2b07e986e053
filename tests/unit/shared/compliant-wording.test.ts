import { describe, expect, it } from 'vitest';
import { customerMood, findForbiddenPhrases, FORBIDDEN_PHRASES } from '../../../shared/domain/compliant-wording.js';

const found = (draft: string) => findForbiddenPhrases(draft).map((p) => p.phrase);

describe('forbidden phrases in a draft (禁忌用语)', () => {
  it('finds each phrase the course lists, and offers its recommended wording', () => {
    for (const p of FORBIDDEN_PHRASES) {
      expect(found(`好的，${p.phrase}。`)).toContain(p.phrase);
      expect(p.suggestion.length).toBeGreaterThan(0);
    }
  });

  it('finds them written with 你 as with 您, and split by spaces, punctuation or invisible characters', () => {
    expect(found('你搞错了吧')).toEqual(['您搞错了']);
    expect(found('这个真的没 办 法')).toEqual(['没办法']);
    expect(found('没、办法！')).toEqual(['没办法']);
    expect(found('不-可-能的')).toEqual(['不可能']);
    expect(found('我不\u200b知道')).toEqual(['我不知道']);
    expect(found('你 必须 先上传照片')).toEqual(['您必须']);
  });

  it('lists several, each once, and leaves courteous wording alone', () => {
    expect(found('我不知道，没办法，真的没办法')).toEqual(['没办法', '我不知道']);
    expect(found('尊敬的客户，非常感谢您的耐心，让我为您核实一下，我们将尽快处理。')).toEqual([]);
    expect(found('请提供事故认定书和维修发票')).toEqual([]);
  });
});

describe('how a customer sounds', () => {
  it('hears anger in words and in stacked marks', () => {
    expect(customerMood('你们就是骗子')).toBe('angry');
    expect(customerMood('我要投诉你们')).toBe('angry');
    expect(customerMood('到底赔不赔！！')).toBe('angry');
    expect(customerMood('什么意思?!')).toBe('angry');
  });

  it('hears anxiety', () => {
    expect(customerMood('车还在路上，我好着急，怎么办')).toBe('anxious');
    expect(customerMood('能不能快点处理')).toBe('anxious');
  });

  it('takes anger over anxiety, and hears nothing in a calm question', () => {
    expect(customerMood('急死了，你们这什么破服务！！')).toBe('angry');
    expect(customerMood('请问续保需要准备什么材料？')).toBeNull();
    expect(customerMood('好的，谢谢！')).toBeNull();
  });
});
