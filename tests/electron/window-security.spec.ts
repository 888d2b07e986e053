/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary } from '../support/electron-binary.js';

/**
 * The packaged window's security settings, checked in a real Electron.
 * They run where the Electron binary exists (`npx install-electron`), and
 * are reported as skipped, with the reason, where it does not.
 */
const binary = electronBinary();
if (binary === null) console.log('Electron window tests: skipped, no Electron binary on this machine (`npx install-electron` fetches it).');
test.skip(binary === null, 'Electron binary not installed on this machine (run `npx install-electron`); Electron window tests skipped');

let app: ElectronApplication;

test.beforeAll(async () => {
  app = await electron.launch({
    executablePath: binary!,
    args: [resolve(import.meta.dirname, '../..')],
    env: { ...process.env, MOTORDESK_USER_DATA: mkdtempSync(join(tmpdir(), 'motordesk-electron-')) },
  });
});
test.afterAll(async () => {
  await app?.close();
});

test('the window runs isolated, sandboxed and without Node', async () => {
  const win = await app.firstWindow();
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await win.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
  expect(await win.evaluate(() => typeof (window as unknown as { desk: { tickets: { list: unknown } } }).desk.tickets.list)).toBe('function');
});

test('the page is served from app:// with a CSP that blocks inline script', async () => {
  const win = await app.firstWindow();
  expect(win.url()).toBe('app://motordesk/index.html');
  const ran = await win.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

test('navigation and new windows are denied', async () => {
  const win = await app.firstWindow();
  // Record, in the main process, whether the navigation was stopped there.
  await app.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as { navigationPrevented?: boolean }).navigationPrevented = false;
    wc.once('will-navigate', (event) => setImmediate(() => ((globalThis as { navigationPrevented?: boolean }).navigationPrevented = event.defaultPrevented)));
  });
  await win.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await expect.poll(() => app.evaluate(() => (globalThis as { navigationPrevented?: boolean }).navigationPrevented)).toBe(true);
  expect(win.url()).toBe('app://motordesk/index.html');
  expect(await win.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
});

test('the contract answers through IPC and refuses bad input', async () => {
  const win = await app.firstWindow();
  const result = await win.evaluate(() => (window as unknown as { desk: { tickets: { create: (i: unknown) => Promise<unknown> } } }).desk.tickets.create({ type: 'bogus' }));
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});
