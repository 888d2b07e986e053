/** The origin the packaged renderer is served from (custom protocol, not file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'motordesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Only our own window's top frame may call the main process: a frame from
 * anywhere else (an injected iframe, a navigated page) is refused even if it
 * somehow reached the preload bridge.
 */
export function isTrustedSender(sender: { url: string; isMainFrame: boolean; belongsToAppWindow: boolean } | null): boolean {
  if (!sender || !sender.isMainFrame || !sender.belongsToAppWindow) return false;
  try {
    const url = new URL(sender.url);
    return `${url.protocol}//${url.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
