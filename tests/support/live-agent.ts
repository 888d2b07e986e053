import WebSocket from 'ws';
import { api } from './head-office-process.js';
import { waitFor } from './webchat-customer.js';

/**
 * An agent seen from head office without a whole desk: signed in, with a
 * live socket open (which is what makes head office offer conversations),
 * and a status. Routing tests use many of these.
 */
export async function liveAgent(base: string, login: string, password: string, status: 'online' | 'busy' | 'away' | 'offline' = 'online') {
  const signIn = await api(base, 'POST', '/api/auth/login', { login, password });
  if (signIn.status !== 200) throw new Error(`${login} could not sign in: ${JSON.stringify(signIn.body)}`);
  const token = signIn.body.accessToken as string;
  const id = signIn.body.account.id as string;
  const events: { type: string; [k: string]: unknown }[] = [];
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/sync/live`, { headers: { authorization: `Bearer ${token}` } });
  socket.on('message', (data) => events.push(JSON.parse(data.toString()) as { type: string }));
  await waitFor(() => events.some((e) => e.type === 'hello'), 5_000, `${login}'s live socket`);
  const setStatus = (s: string) => api(base, 'PUT', '/api/presence', { status: s }, token);
  await setStatus(status);
  return {
    id,
    token,
    events,
    setStatus,
    /** Say something on the live socket (typing, viewing, read), as a desk does. */
    live(command: object) {
      socket.send(JSON.stringify(command));
    },
    /** The conversations head office has given this agent now. */
    async conversations(): Promise<{ id: string; customerName: string; group: string; priority: number }[]> {
      return (await api(base, 'GET', '/api/desk/conversations', undefined, token)).body;
    },
    close() {
      socket.terminate();
    },
  };
}
