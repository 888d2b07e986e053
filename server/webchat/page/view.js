// DOM building for messages. Text from head office or the customer only
// ever enters the page as text nodes (Element.append with a string, or
// textContent): never innerHTML, never markup built from data.

import { formatTime, t } from './i18n.js';

/** createElement with attributes set one by one; string children become text nodes. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'testid') el.dataset.testid = value;
    else if (key === 'onclick') el.addEventListener('click', value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

const coord = (x) => String(Math.round(x * 1e6) / 1e6);

/** "📍 label (lat, lng)" */
export function locationText(loc) {
  return `📍 ${loc.label ? `${loc.label} ` : ''}(${coord(loc.latitude)}, ${coord(loc.longitude)})`;
}

function timeEl(at) {
  return h('time', { class: 'msg-time', datetime: new Date(at).toISOString() }, formatTime(at));
}

function bodyEl(m, imageUrl) {
  const el = h('div', { class: 'msg-body', testid: 'webchat-message-body' });
  if (m.kind === 'image') {
    const img = h('img', { class: 'msg-image', alt: t('imageAlt') });
    el.append(img);
    imageUrl?.then(
      (url) => (img.src = url),
      () => img.replaceWith(h('span', { class: 'msg-image-failed' }, t('imageFailed'))),
    );
    if (m.body) el.append(h('span', { class: 'msg-caption' }, m.body));
  } else if (m.kind === 'location' && m.location) {
    el.append(locationText(m.location));
  } else {
    el.append(m.body);
  }
  return el;
}

/**
 * One message: the customer's own ('in', right, with its delivery state),
 * an agent's ('out', left, with the agent's name) or a notice ('system',
 * centred). `m` is a ChatMessage, or a pending one without seq.
 */
/** Head office's notices in the page's language (its Chinese text when the page does not know the notice). */
function noticeText(m) {
  if (m.notice === 'transferred') return m.noticeArg ? t('notice.transferredTo', { name: m.noticeArg }) : t('notice.transferred');
  if (m.notice === 'closed') return t('notice.closed');
  return m.body;
}

export function messageElement(m, { state, imageUrl, onRetry } = {}) {
  const root = h('div', {
    class: `msg msg-${m.direction} msg-kind-${m.kind}`,
    testid: 'webchat-message',
    'data-direction': m.direction,
    'data-seq': m.seq,
    'data-conversation-id': m.conversationId,
  });
  if (m.direction === 'system') {
    root.append(h('p', { class: 'msg-body', testid: 'webchat-message-body' }, noticeText(m)), timeEl(m.at));
    return root;
  }
  if (m.direction === 'out' && m.authorName) root.append(h('p', { class: 'msg-author' }, m.authorName));
  root.append(h('div', { class: 'bubble' }, bodyEl(m, imageUrl)), h('p', { class: 'msg-meta' }, timeEl(m.at)));
  if (m.direction === 'in') setMessageState(root, state ?? 'sent', onRetry);
  return root;
}

/** sending | sent (未读) | read (已读) | failed (with a retry button). */
export function setMessageState(root, state, onRetry) {
  if (root.dataset.state === state) return;
  root.dataset.state = state;
  const meta = root.querySelector('.msg-meta');
  let label = meta.querySelector('.msg-state');
  if (!label) meta.append((label = h('span', { class: 'msg-state' })));
  label.textContent = t(`state.${state}`);
  meta.querySelector('.msg-retry')?.remove();
  if (state === 'failed' && onRetry) {
    meta.append(h('button', { type: 'button', class: 'msg-retry', testid: 'webchat-retry', onclick: onRetry }, t('retry')));
  }
}

/** Where the previous conversation ends and the next one starts. */
export function dividerElement() {
  return h('p', { class: 'divider', role: 'separator' }, h('span', {}, t('newConversation')));
}

/** The first not-yet-confirmed message: confirmed ones are always inserted above it. */
export function firstPending(list) {
  return list.querySelector(':scope > [data-pending]');
}

/** Pictures fetched once with the bearer header, shown through blob: URLs (the CSP allows img-src blob:). */
export function createImageCache(api) {
  const urls = new Map();
  return {
    url(imageId) {
      if (!urls.has(imageId)) {
        const p = api.image(imageId).then((blob) => URL.createObjectURL(blob));
        p.catch(() => urls.delete(imageId));
        urls.set(imageId, p);
      }
      return urls.get(imageId);
    },
    /** The customer's own picture is already here: no need to download it again. */
    remember(imageId, url) {
      urls.set(imageId, Promise.resolve(url));
    },
  };
}
