import { describe, expect, it } from 'vitest';
import { locationText, replyFailure } from './message-content';

describe('locationText', () => {
  it('shows the label and the coordinates', () => {
    expect(locationText({ latitude: 31.2304, longitude: 121.4737, label: '上海市黄浦区人民大道' })).toBe('📍 上海市黄浦区人民大道 (31.2304, 121.4737)');
  });

  it('rounds long coordinates and does without a label', () => {
    expect(locationText({ latitude: 39.908823456, longitude: -116.3974749 })).toBe('📍 (39.908823, -116.397475)');
  });
});

describe('replyFailure', () => {
  it('reads the code in front of head office\'s reason', () => {
    expect(replyFailure('ANSWERED_BY_COLLEAGUE: 王芳 answered after the last message you saw')).toBe('ANSWERED_BY_COLLEAGUE');
    expect(replyFailure('NOT_ASSIGNED: the conversation is back in the queue')).toBe('NOT_ASSIGNED');
  });

  it('calls anything else "other"', () => {
    expect(replyFailure(null)).toBe('other');
    expect(replyFailure('something broke')).toBe('other');
    expect(replyFailure('WHO_KNOWS: x')).toBe('other');
  });
});
