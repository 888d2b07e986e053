// What the customer has sent that head office has not confirmed yet. Sent
// one at a time, in order; while the line is down messages wait (and a
// reload keeps text and places, through localStorage). Each keeps its
// clientMessageId for every retry, so head office never shows one twice.

import { store } from './api.js';
import { messageElement, setMessageState } from './view.js';

const KEY = 'motordesk.webchat.outbox';
const RETRY_MAX_MS = 30000;

function sameContent(item, m) {
  if (m.direction !== 'in' || m.kind !== item.kind) return false;
  if (item.kind === 'text') return m.body === item.text;
  if (item.kind === 'location') {
    return Boolean(m.location) && Math.abs(m.location.latitude - item.location.latitude) < 1e-6 && Math.abs(m.location.longitude - item.location.longitude) < 1e-6;
  }
  return true;
}

/**
 * @param {{
 *   api: ReturnType<import('./api.js').createApi>,
 *   list: HTMLElement,
 *   conversation: ReturnType<import('./conversation.js').createConversation>,
 *   images: ReturnType<import('./view.js').createImageCache>,
 *   canSend: () => boolean,
 *   onError: (key: string) => void,
 * }} deps
 */
export function createOutbox({ api, list, conversation, images, canSend, onError }) {
  /** @type {{id: string, kind: string, text?: string, location?: object, file?: Blob, type?: string, localUrl?: string, topic?: string, at: number, status: 'sending'|'failed', el?: HTMLElement}[]} */
  let items = [];
  /** Confirmed by our POST but not yet shown (head office's seq is past a gap being fetched): message id → item. */
  const awaiting = new Map();
  let inFlight = null;
  let busy = false;
  let retryTimer = 0;
  let retryDelay = 2000;

  function persist() {
    // Pictures stay in memory only: a few MB of base64 would not fit in localStorage.
    const kept = items.filter((i) => i.kind !== 'image').map(({ id, kind, text, location, topic, at, status }) => ({ id, kind, text, location, topic, at, status }));
    store.set(KEY, kept.length ? JSON.stringify(kept) : null);
  }

  function render(item) {
    const pending = { direction: 'in', kind: item.kind, body: item.text ?? '', location: item.location ?? null, at: item.at };
    item.el = messageElement(pending, {
      state: item.status,
      imageUrl: item.localUrl ? Promise.resolve(item.localUrl) : null,
      onRetry: () => retry(item),
    });
    item.el.dataset.pending = '';
    list.append(item.el);
  }

  function setStatus(item, status) {
    item.status = status;
    if (item.el) setMessageState(item.el, status, () => retry(item));
    persist();
  }

  function unshow(item) {
    item.el?.remove();
    item.el = undefined;
  }

  function forget(item) {
    items = items.filter((i) => i !== item);
    unshow(item);
    persist();
  }

  function retry(item) {
    if (!items.includes(item)) return;
    setStatus(item, 'sending');
    retryDelay = 2000;
    void flush();
  }

  function retryLater(afterSeconds) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, afterSeconds ? afterSeconds * 1000 : retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
  }

  async function deliver(item) {
    if (item.kind === 'image') return api.sendImage(item.id, item.file, item.type, item.topic);
    const content = item.kind === 'text' ? { type: 'text', text: item.text } : { type: 'location', location: item.location };
    return api.sendMessage({ clientMessageId: item.id, ...(item.topic ? { topic: item.topic } : {}), content });
  }

  function settle(item, message) {
    items = items.filter((i) => i !== item);
    persist();
    if (message.imageId && item.localUrl) images.remember(message.imageId, item.localUrl);
    conversation.receive(message);
    // Shown now (or earlier, over the socket): the pending bubble goes. Otherwise it stays until its seq's turn.
    if (conversation.holds(message.id) || item.adopted) unshow(item);
    else awaiting.set(message.id, item);
  }

  /** Sends what is waiting, oldest first. A message that head office refuses is marked failed and the rest go on. */
  async function flush() {
    if (busy || !canSend()) return;
    busy = true;
    clearTimeout(retryTimer);
    try {
      for (let item; (item = items.find((i) => i.status === 'sending')); ) {
        inFlight = item;
        try {
          const { message } = await deliver(item);
          settle(item, message);
          retryDelay = 2000;
        } catch (e) {
          if (e.transient) {
            retryLater(e.retryAfterSeconds);
            break;
          }
          if (item.adopted) forget(item);
          else setStatus(item, 'failed');
          onError(e.code === 'PAYLOAD_TOO_LARGE' ? 'errImageTooLarge' : 'errSend');
        } finally {
          inFlight = null;
        }
        if (!canSend()) break;
      }
    } finally {
      busy = false;
    }
  }

  return {
    flush,
    /** Restores what a previous visit of this page left unsent. */
    restore() {
      try {
        const saved = JSON.parse(store.get(KEY) ?? '[]');
        if (Array.isArray(saved)) {
          items = saved
            .filter((i) => i && typeof i.id === 'string' && (i.kind === 'text' || i.kind === 'location'))
            .map((i) => ({ ...i, status: i.status === 'failed' ? 'failed' : 'sending' }));
        }
      } catch {
        items = [];
      }
      for (const item of items) render(item);
    },
    /** @param {{kind: 'text'|'location'|'image', text?: string, location?: object, file?: Blob, topic?: string}} content */
    enqueue(content) {
      const item = { id: crypto.randomUUID(), at: Date.now(), status: 'sending', ...content };
      if (item.file) item.localUrl = URL.createObjectURL(item.file);
      items.push(item);
      render(item);
      persist();
      void flush();
    },
    /** A message is shown in the list: if it is one of ours, its pending bubble goes. */
    shown(m) {
      if (m.direction !== 'in') return;
      const mine = awaiting.get(m.id) ?? items.find((i) => i.id === m.id);
      if (mine) {
        awaiting.delete(m.id);
        if (items.includes(mine) && mine !== inFlight) forget(mine);
        else unshow(mine);
        return;
      }
      // Echoed over the socket before our POST answered (ChatMessage does not carry the clientMessageId).
      if (inFlight && !inFlight.adopted && sameContent(inFlight, m)) {
        inFlight.adopted = m.id;
        unshow(inFlight);
      }
    },
  };
}
