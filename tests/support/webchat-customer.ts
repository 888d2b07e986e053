import WebSocket from 'ws';
import type { ChatMessage, WebChatView } from '../../shared/head-office/conversations.js';
import { api } from './head-office-process.js';

/** Poll until `check` returns something truthy (or throw after `timeoutMs`). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'the condition'): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A customer on the web chat, as the page talks to head office: a session,
 * a live socket, messages by HTTP. Everything the socket brings is kept.
 */
export async function webChatCustomer(base: string, o: { name?: string; returning?: { visitorId: string; visitorSecret: string } } = {}) {
  const session = await api(base, 'POST', '/api/webchat/sessions', { ...(o.name ? { name: o.name } : {}), ...(o.returning ?? {}) });
  if (session.status !== 200) throw new Error(`no web chat session: ${JSON.stringify(session.body)}`);
  const { token, visitorId } = session.body as { token: string; visitorId: string };
  const visitorSecret = (session.body.visitorSecret as string | undefined) ?? o.returning?.visitorSecret ?? '';
  const received: ChatMessage[] = [];
  const events: { type: string; [k: string]: unknown }[] = [];
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/webchat/live?token=${encodeURIComponent(token)}`);
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { type: string; message?: ChatMessage };
    events.push(m);
    if (m.type === 'message' && m.message) received.push(m.message);
  });
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  await waitFor(() => events.some((e) => e.type === 'hello'), 5_000, 'the web chat hello');

  return {
    visitorId,
    /** With the id, what a returning visitor's page sends to be recognised. */
    visitorSecret,
    token,
    received,
    events,
    async send(text: string, topic?: string, clientMessageId: string = crypto.randomUUID()) {
      return api(base, 'POST', '/api/webchat/messages', { clientMessageId, ...(topic ? { topic } : {}), content: { type: 'text', text } }, token);
    },
    async view(after = 0): Promise<WebChatView> {
      return (await api(base, 'GET', `/api/webchat/conversation?after=${after}`, undefined, token)).body as WebChatView;
    },
    live(command: object) {
      socket.send(JSON.stringify(command));
    },
    async rate(conversationId: string, score: number, comment?: string) {
      return api(base, 'POST', '/api/webchat/rating', { conversationId, score, ...(comment ? { comment } : {}) }, token);
    },
    close() {
      socket.terminate();
    },
  };
}

export type WebChatCustomer = Awaited<ReturnType<typeof webChatCustomer>>;
