import type { DeskEventPayload } from '../../../../shared/contract/events';
import { isDesktopApp } from '../../app/desk-client';
import { feedbackApi } from '../../app/feedback';
import { useUi } from '../../app/ui-store';
import { i18n } from '../../i18n';
import { useSessions } from '../sessions/sessions-store';
import { shouldAskPermission, shouldNotifyHere, type NoticePermission } from './browser-notice';
import { playChime, unlockChime } from './chime';

function permission(): NoticePermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

let prepared = false;

/**
 * On the agent's first click anywhere: let the chime play, and in a plain
 * browser ask once whether new conversations may show a desktop
 * notification. Never on load: a prompt nobody asked for gets refused.
 */
export function prepareArrivals(): void {
  if (prepared) return;
  prepared = true;
  const first = () => {
    window.removeEventListener('click', first, true);
    unlockChime();
    if (shouldAskPermission(isDesktopApp(), permission())) void Notification.requestPermission().catch(() => undefined);
  };
  window.addEventListener('click', first, true);
}

function showBrowserNotice({ conversationId, customerName, channel }: DeskEventPayload<'conversationArrived'>): void {
  try {
    const notice = new Notification(i18n.t('arrival.title', { name: customerName }), {
      body: i18n.t(`channels.${channel}`, { defaultValue: channel }),
      tag: `conversation:${conversationId}`,
    });
    notice.onclick = () => {
      window.focus();
      notice.close();
      useUi.getState().setView('workspace');
      const sessions = useSessions.getState();
      if (sessions.conversations.some((c) => c.id === conversationId)) sessions.open(conversationId);
      else void sessions.load().then(() => useSessions.getState().open(conversationId));
    };
  } catch {
    // Some browsers only allow notifications from a service worker: the chime and the list still tell.
  }
}

/** Head office offered this desk a new conversation: a chime, a notice in a browser, and the list re-read. */
export function conversationArrived(payload: DeskEventPayload<'conversationArrived'>): void {
  useSessions.getState().scheduleRefresh();
  playChime();
  if (shouldNotifyHere(isDesktopApp(), permission())) showBrowserNotice(payload);
}

/** A conversation left this agent without their doing (a lead took it over, say): they are told, not left wondering. */
export function conversationLeft({ customerName, to, ended }: DeskEventPayload<'conversationLeft'>): void {
  useSessions.getState().scheduleRefresh();
  const text = ended ? i18n.t('arrival.leftEnded', { name: customerName }) : to ? i18n.t('arrival.leftTo', { name: customerName, to }) : i18n.t('arrival.leftQueue', { name: customerName });
  feedbackApi().message.info(text);
}
