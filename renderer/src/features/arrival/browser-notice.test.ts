import { describe, expect, it } from 'vitest';
import { shouldAskPermission, shouldNotifyHere } from './browser-notice';

describe('desktop notifications from the renderer', () => {
  it('are never shown in the Electron app, which shows native ones', () => {
    expect(shouldNotifyHere(true, 'granted')).toBe(false);
    expect(shouldAskPermission(true, 'default')).toBe(false);
  });

  it('are shown in a browser only once permission is granted', () => {
    expect(shouldNotifyHere(false, 'granted')).toBe(true);
    for (const p of ['default', 'denied', 'unsupported'] as const) expect(shouldNotifyHere(false, p)).toBe(false);
  });

  it('ask only a browser that was never asked', () => {
    expect(shouldAskPermission(false, 'default')).toBe(true);
    for (const p of ['granted', 'denied', 'unsupported'] as const) expect(shouldAskPermission(false, p)).toBe(false);
  });
});
