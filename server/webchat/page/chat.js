// The customer's web chat page: the start card, then the chat. This file
// wires the parts together and owns what is page-wide (the header, the
// connection banner, the typing notice, the read mark, scrolling).

import { createApi, store } from './api.js';
import { createComposer } from './composer.js';
import { createConversation } from './conversation.js';
import { t, translatePage } from './i18n.js';
import { createLive } from './live.js';
import { createOutbox } from './outbox.js';
import { createRating } from './rating.js';
import { createImageCache, h } from './view.js';

const TOPIC_KEY = 'motordesk.webchat.topic';
const TYPING_SHOWN_MS = 4000;
const TOPICS = ['new_business', 'renewal', 'claim_report', 'claim_progress', 'complaint'];

const $ = (id) => document.getElementById(id);
const ui = {
  header: $('header'),
  status: $('status'),
  connection: $('connection'),
  start: $('start'),
  name: $('name'),
  chat: $('chat'),
  scroll: $('scroll'),
  messages: $('messages'),
  typing: $('typing'),
  error: $('error'),
  composer: $('composer'),
};

translatePage();

const api = createApi();
const images = createImageCache(api);

// ---- errors the customer must see (a picture too large, a refused location, …) ----

function showError(key, vars) {
  ui.error.textContent = t(key, vars);
  ui.error.hidden = false;
}
function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
}

// ---- scrolling: follow new messages unless the customer scrolled up to read ----

let pinned = true;
ui.scroll.addEventListener('scroll', () => {
  pinned = ui.scroll.scrollHeight - ui.scroll.scrollTop - ui.scroll.clientHeight < 80;
});
function pinToEnd() {
  pinned = true;
  ui.scroll.scrollTop = ui.scroll.scrollHeight;
}
// Content grows (a message, a picture that finished loading, the rating card) or the view shrinks (the phone keyboard).
const resized = new ResizeObserver(() => pinned && (ui.scroll.scrollTop = ui.scroll.scrollHeight));
for (const el of [ui.scroll, ui.messages, $('rating'), $('rating-thanks')]) resized.observe(el);

// ---- the header: who serves the customer ----

function renderStatus(view) {
  const parts = [];
  if (view.state === 'assigned' && view.agentName) {
    const [before, after] = t('statusAssigned').split('{name}');
    parts.push(before, h('strong', { class: 'agent-name', testid: 'webchat-agent-name' }, view.agentName), after);
  } else {
    parts.push(t(view.state === 'waiting' || view.state === 'assigned' ? 'statusWaiting' : view.state === 'closed' ? 'statusClosed' : 'statusIdle'));
  }
  ui.status.replaceChildren(...parts);
  ui.status.dataset.state = view.state ?? 'none';
}

// ---- the topic chosen on the start card goes with the first message of the conversation it opens ----

let pendingTopic = TOPICS.includes(store.get(TOPIC_KEY)) ? store.get(TOPIC_KEY) : null;
function setPendingTopic(topic) {
  pendingTopic = topic;
  store.set(TOPIC_KEY, topic);
}

// ---- the agent is typing ----

let typingTimer = 0;
function agentTyping(on) {
  clearTimeout(typingTimer);
  ui.typing.hidden = !on;
  if (on) typingTimer = setTimeout(() => (ui.typing.hidden = true), TYPING_SHOWN_MS);
}

// ---- the parts ----

let live = null;
let outbox = null;
const rating = createRating({
  api,
  card: $('rating'),
  stars: $('stars'),
  comment: $('rating-comment'),
  submit: $('rating-submit'),
  thanks: $('rating-thanks'),
  onError: showError,
  clearError,
});

const conversation = createConversation({
  api,
  list: ui.messages,
  images,
  onAppended(m) {
    outbox?.shown(m);
    if (m.direction === 'out') {
      agentTyping(false);
      sendRead();
    }
  },
  onView(view) {
    renderStatus(view);
    rating.update(view);
    if (view.state === 'waiting' || view.state === 'assigned') setPendingTopic(null);
  },
});

outbox = createOutbox({
  api,
  list: ui.messages,
  conversation,
  images,
  canSend: () => navigator.onLine !== false && api.hasSession(),
  onError: showError,
});

/** Tells head office how far the customer has seen the agent's messages, when the page is actually on screen. */
let readSent = { conversationId: null, seq: 0 };
function sendRead() {
  if (document.visibilityState !== 'visible') return;
  const seen = conversation.agentSeen();
  if (!seen.conversationId || seen.seq === 0) return;
  if (readSent.conversationId === seen.conversationId && readSent.seq >= seen.seq) return;
  if (live?.send({ type: 'read', seq: seen.seq })) readSent = seen;
}

function isCurrent(conversationId) {
  const current = conversation.agentSeen().conversationId;
  return !conversationId || !current || conversationId === current;
}

function catchUpThenSend() {
  conversation
    .catchUp()
    .catch(() => undefined)
    .then(() => {
      sendRead();
      void outbox.flush();
    });
}

live = createLive({
  url() {
    if (!api.token) return null;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    return `${scheme}://${location.host}/api/webchat/live?token=${encodeURIComponent(api.token)}`;
  },
  onStatus(up) {
    ui.connection.hidden = up;
    if (!up) agentTyping(false);
  },
  // Whatever happened while the socket was down is fetched, not assumed lost.
  onHello: catchUpThenSend,
  onEvent(msg) {
    if (msg.type === 'message') conversation.receive(msg.message);
    // Typing and read marks name their conversation: one for an earlier conversation is not this one's.
    else if (msg.type === 'typing' && isCurrent(msg.conversationId)) agentTyping(true);
    else if (msg.type === 'read' && isCurrent(msg.conversationId)) conversation.agentRead(msg.agentReadSeq);
    else if (msg.type === 'state' && conversation.applyView(msg.view)) conversation.catchUpSoon();
  },
  onRefused(code) {
    // A refused upgrade looks like any dropped line to the page: an HTTP request tells a bad token (401 → new session) from no line.
    if (code === 4401 || code === 1008) api.renew().catch(() => undefined);
    else conversation.catchUpSoon();
  },
});
api.onSession(() => live.now());

// ---- the composer ----

createComposer({
  input: $('input'),
  send: $('send'),
  counter: $('counter'),
  imageButton: $('image-button'),
  imageInput: $('image-input'),
  locationButton: $('location-button'),
  enqueue(content) {
    const view = conversation.view();
    const opensConversation = !view.conversationId || view.state === 'closed';
    outbox.enqueue({ ...content, ...(pendingTopic && opensConversation ? { topic: pendingTopic } : {}) });
    pinToEnd();
  },
  typing: () => live.send({ type: 'typing' }),
  onError: showError,
  clearError,
});

// ---- screens ----

function enterChat() {
  ui.start.hidden = true;
  ui.header.hidden = false;
  ui.chat.hidden = false;
  ui.composer.hidden = false;
  clearError();
  renderStatus(conversation.view());
  outbox.restore();
  catchUpThenSend();
  live.now();
  // Not on phones: the keyboard would cover the history the customer came back to read.
  if (matchMedia('(pointer: fine)').matches) $('input').focus({ preventScroll: true });
}

function showStart() {
  ui.start.hidden = false;
  const buttons = [...ui.start.querySelectorAll('button[data-topic]')];
  for (const button of buttons) {
    button.addEventListener('click', async () => {
      clearError();
      const topic = button.dataset.topic;
      buttons.forEach((b) => (b.disabled = true));
      button.setAttribute('aria-busy', 'true');
      try {
        await api.startSession({ name: ui.name.value.trim() || undefined, topic });
        setPendingTopic(topic);
        enterChat();
      } catch {
        showError('errStart');
      } finally {
        buttons.forEach((b) => (b.disabled = false));
        button.removeAttribute('aria-busy');
      }
    });
  }
}

// ---- the line coming and going ----

window.addEventListener('online', () => {
  live.now();
  void outbox.flush();
});
window.addEventListener('offline', () => live.drop());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'visible' || !api.hasSession() || ui.chat.hidden) return;
  // A phone may have slept with the socket silently dead: reconnect if it is down, catch up either way.
  if (live.up) catchUpThenSend();
  else live.now();
});

if (api.hasSession()) enterChat();
else showStart();
