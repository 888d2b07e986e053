import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { startDevHostProcess, type RunningDevHost } from '../support/dev-host-process';

export const ARTIFACTS = resolve(import.meta.dirname, '../artifacts');

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return resolve(ARTIFACTS, name);
}

/**
 * Open the workstation at the development host's URL and wait until the
 * shell shows its sessions. The language is a per-workstation setting kept
 * by the host, so a test that switched it must not leak into the next one.
 */
export async function openDesk(page: Page, url: string): Promise<void> {
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  if ((await page.locator('html').getAttribute('lang')) === 'en') {
    await page.getByTestId('language-zh').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  }
  await expect(page.getByTestId('session-item').first()).toBeVisible();
}

export const sessions = (page: Page): Locator => page.getByTestId('session-item');
export const composer = (page: Page): Locator => page.getByTestId('composer-input');
export const messages = (page: Page): Locator => page.getByTestId('message-list').getByTestId('message-item');

/** Open session `index` (0-based) with the mouse and wait until it is the one shown. */
export async function openSession(page: Page, index: number): Promise<{ id: string; customer: string }> {
  const item = sessions(page).nth(index);
  const id = (await item.getAttribute('data-conversation-id'))!;
  await item.click();
  await expectActive(page, id);
  const customer = (await page.getByTestId('conversation-customer').textContent())!.trim();
  return { id, customer };
}

export async function expectActive(page: Page, conversationId: string): Promise<void> {
  await expect(page.getByTestId('conversation')).toHaveAttribute('data-conversation-id', conversationId);
  await expect(page.locator(`[data-testid="session-item"][data-conversation-id="${conversationId}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('message-list')).toHaveAttribute('data-state', /ready|empty/);
}

/** Choose an option in an antd Select by its visible label. */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  const chosen = select.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: new RegExp(`^${label}$`) });
  // Single selects show their value in -content, multiple ones in -selection-item.
  // The dropdown animates in and out; a click that lands mid-animation is
  // lost, so pick again until the select shows the label.
  await expect(async () => {
    if ((await chosen.count()) > 0) return;
    // A multiple select stays open after a pick; clicking it again would close it.
    const isOpen = await select.evaluate((el) => el.classList.contains('ant-select-open'));
    if (!isOpen) await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option:visible')
      .filter({ hasText: new RegExp(`^${label}$`) })
      .click({ timeout: 2_000 });
    await expect(chosen).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
}

/** Empty an antd Select with its clear button (shown on hover). */
export async function clearSelect(page: Page, select: Locator): Promise<void> {
  await expect(async () => {
    await select.hover();
    await select.locator('.ant-select-clear').click({ timeout: 1_000 });
    await expect(select.locator('.ant-select-selection-item')).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  // Clearing can leave the dropdown open; close it so it does not cover what comes next.
  await page.keyboard.press('Escape');
}

/**
 * One development host per spec file: started before its tests, stopped
 * after. The returned object stands for the running host once it is up.
 */
export function devHostForFile(args: string[] = ['--demo']): RunningDevHost {
  let running: RunningDevHost | undefined;
  test.beforeAll(async () => {
    running = await startDevHostProcess(args);
  });
  test.afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as RunningDevHost, {
    get: (_target, key) => {
      if (!running) throw new Error('the development host is not running yet');
      return running[key as keyof RunningDevHost];
    },
  });
}

/**
 * A fresh browser context signed in to a head-office desk as `login`: the
 * shell is shown and, unless `live` is false, the live connection to head
 * office is up (conversations are only offered to a connected agent).
 */
export async function signInDesk(
  browser: Browser,
  url: string,
  login: string,
  password: string,
  options: { context?: BrowserContextOptions; live?: boolean } = {},
): Promise<Page> {
  const page = await (await browser.newContext(options.context)).newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(url);
  await page.getByTestId('sign-in-login').fill(login);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('app-shell')).toBeVisible();
  if (options.live !== false) await expect(page.getByTestId('presence-connected')).toHaveAttribute('data-connected', 'true');
  return page;
}

/** Open the web-chat conversation of `customerName` and link it to the record with that mobile number. */
export async function openAndLinkCustomer(page: Page, customerName: string, phone: string): Promise<void> {
  const item = page.getByTestId('session-item').filter({ hasText: customerName });
  await expect(item).toBeVisible({ timeout: 15_000 });
  await item.click();
  await page.getByTestId('conversation-link-customer').click();
  await page.getByTestId('link-customer-phone').fill(phone);
  await page.getByTestId('link-customer-submit').click();
  await expect(page.getByTestId('conversation-link-customer')).toHaveCount(0);
}
