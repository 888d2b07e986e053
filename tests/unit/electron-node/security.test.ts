import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/node/security/content-security-policy.js';
import { APP_ENTRY_URL, isTrustedSender } from '../../../electron/node/security/trusted-sender.js';

describe('IPC sender check', () => {
  const own = { url: APP_ENTRY_URL, isMainFrame: true, belongsToAppWindow: true };

  it('accepts our own window top frame', () => expect(isTrustedSender(own)).toBe(true));
  it('refuses a sub-frame', () => expect(isTrustedSender({ ...own, isMainFrame: false })).toBe(false));
  it('refuses another window', () => expect(isTrustedSender({ ...own, belongsToAppWindow: false })).toBe(false));
  it('refuses remote and file pages', () => {
    expect(isTrustedSender({ ...own, url: 'https://evil.example/index.html' })).toBe(false);
    expect(isTrustedSender({ ...own, url: 'file:///tmp/index.html' })).toBe(false);
    expect(isTrustedSender({ ...own, url: 'app://motordesk.evil/index.html' })).toBe(false);
  });
  it('refuses a missing frame', () => expect(isTrustedSender(null)).toBe(false));
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy(['ws://127.0.0.1:4000']);
  it('allows no inline or remote script and no eval', () => {
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*(unsafe-inline|unsafe-eval|https?:)/);
  });
  it('blocks plugins, framing and base tags', () => {
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });
  it('lets the renderer reach only its own host', () => expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000"));
});

describe('workstation window preferences (Electron security checklist)', () => {
  it('isolates the renderer, sandboxes it and gives it no Node', async () => {
    const { MAIN_WINDOW_WEB_PREFERENCES: p } = await import('../../../electron/node/security/window-preferences.js');
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false });
    expect(Object.isFrozen(p)).toBe(true);
  });
});
