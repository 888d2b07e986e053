import { Notification, type BrowserWindow } from 'electron';
import type { Desk } from '../node/app/create-desk.js';
import { channelLabel } from '../node/features/live-conversations/channel-labels.js';

/**
 * A desktop notification when head office offers a new conversation and
 * the agent is looking elsewhere; a click brings the window forward. The
 * renderer plays the sound, so the notification itself is silent.
 */
export function notifyArrivals(desk: Desk, window: () => BrowserWindow | null): void {
  if (!Notification.isSupported()) return;
  desk.subscribe((event, payload) => {
    if (event !== 'conversationArrived') return;
    const win = window();
    if (win && !win.isDestroyed() && win.isFocused()) return;
    const { customerName, channel } = payload as { customerName: string; channel: string };
    const locale = desk.services.settings.get().locale;
    const n = new Notification({
      title: locale === 'en' ? `New conversation: ${customerName}` : `新会话：${customerName}`,
      body: channelLabel(channel, locale),
      silent: true,
    });
    n.on('click', () => {
      const w = window();
      if (!w || w.isDestroyed()) return;
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
    });
    n.show();
  });
}
