import { chromium } from '@playwright/test';
import { startDevHostProcess } from '../support/dev-host-process.js';

/**
 * openLongConversationMs: in Debian's Chromium against the development
 * host, from the click on a session holding 10,000 messages until its
 * newest message is painted. Measured inside the page, so the browser
 * driver's own latency is not counted. Needs a built renderer.
 */
export async function benchLongConversation(): Promise<{ openLongConversationMs: number }> {
  const host = await startDevHostProcess(['--demo', '--long', '10000']);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('session-item').first().waitFor();
    // Passed as source text: the TypeScript loader would otherwise wrap the
    // in-page helpers with a naming shim that does not exist in the page.
    const ms = (await page.evaluate(`new Promise((resolve, reject) => {
      const newest = '第10000条';
      const item = [...document.querySelectorAll('[data-testid="session-item"]')].find((e) => e.textContent.includes(newest));
      if (!item) return reject(new Error('long conversation not in the session list'));
      const t0 = performance.now();
      item.click();
      function check() {
        const shown = [...document.querySelectorAll('[data-testid="message-body"]')].some((e) => e.textContent.includes(newest));
        if (shown) requestAnimationFrame(() => resolve(performance.now() - t0));
        else if (performance.now() - t0 > 10000) reject(new Error('newest message never shown'));
        else requestAnimationFrame(check);
      }
      check();
    })`)) as number;
    return { openLongConversationMs: Math.round(ms * 10) / 10 };
  } finally {
    await browser.close();
    await host.stop();
  }
}
