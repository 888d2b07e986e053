export type NoticePermission = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Whether the renderer itself shows a desktop notification. In the
 * Electron app the main process shows a native one, so never a second here.
 */
export function shouldNotifyHere(inDesktopApp: boolean, permission: NoticePermission): boolean {
  return !inDesktopApp && permission === 'granted';
}

/** Ask the browser once, on a click, and only when it has not been asked (or answered) before. */
export function shouldAskPermission(inDesktopApp: boolean, permission: NoticePermission): boolean {
  return !inDesktopApp && permission === 'default';
}
