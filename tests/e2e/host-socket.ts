import type { Page, WebSocketRoute } from '@playwright/test';

type Json = Record<string, unknown>;

export interface SeenCall {
  id: number;
  call: string;
  input: Json;
  answered: boolean;
}

interface Hold {
  matches(call: SeenCall): boolean;
  waiting: (() => void)[];
  released: boolean;
}

/**
 * Sits on the page's socket to the development host (`{ id, call, input }`
 * out, `{ id, result }` and `{ event, payload }` back). It records the calls
 * the page makes and lets a test hold answers back, rewrite what the page
 * sends, adjust what the host answers, or push an event as the host would.
 * Attach before the page opens the desk.
 */
export class HostSocket {
  readonly calls: SeenCall[] = [];
  private route: WebSocketRoute | null = null;
  private readonly byId = new Map<number, SeenCall>();
  private readonly holds: Hold[] = [];
  private readonly inputRewrites = new Map<string, (input: Json) => Json>();
  private readonly answerEdits = new Map<string, (data: unknown, call: SeenCall) => unknown>();

  static async attach(page: Page): Promise<HostSocket> {
    const socket = new HostSocket();
    await page.routeWebSocket(/\/desk\?token=/, (ws) => socket.bind(ws));
    return socket;
  }

  /** Calls to `name` made after `since` (an earlier `calls.length`). */
  callsTo(name: string, since = 0): SeenCall[] {
    return this.calls.slice(since).filter((c) => c.call === name);
  }

  /** Keep the host's answers to matching calls from the page until `release()`. */
  hold(name: string, matches: (input: Json) => boolean = () => true): { release(): void } {
    const hold: Hold = { matches: (c) => c.call === name && matches(c.input), waiting: [], released: false };
    this.holds.push(hold);
    return {
      release: () => {
        hold.released = true;
        for (const deliver of hold.waiting.splice(0)) deliver();
      },
    };
  }

  /** Change the input of every `name` call before the host sees it. */
  rewriteInput(name: string, rewrite: (input: Json) => Json): void {
    this.inputRewrites.set(name, rewrite);
  }

  /** Change the data of every successful answer to `name` before the page sees it. */
  editAnswer(name: string, edit: (data: unknown, call: SeenCall) => unknown): void {
    this.answerEdits.set(name, edit);
  }

  /** Push an event to the page as if the host had sent it. */
  emit(event: string, payload: Json): void {
    if (!this.route) throw new Error('the page has no socket to the host yet');
    this.route.send(JSON.stringify({ event, payload }));
  }

  private bind(ws: WebSocketRoute): void {
    this.route = ws;
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      const msg = JSON.parse(String(raw)) as { id?: unknown; call?: unknown; input?: Json };
      if (typeof msg.id === 'number' && typeof msg.call === 'string') {
        const seen: SeenCall = { id: msg.id, call: msg.call, input: msg.input ?? {}, answered: false };
        this.calls.push(seen);
        this.byId.set(msg.id, seen);
        const rewrite = this.inputRewrites.get(msg.call);
        if (rewrite) msg.input = rewrite(seen.input);
      }
      server.send(JSON.stringify(msg));
    });
    server.onMessage((raw) => {
      const msg = JSON.parse(String(raw)) as { id?: unknown; result?: { ok: boolean; data?: unknown } };
      const call = typeof msg.id === 'number' ? this.byId.get(msg.id) : undefined;
      if (!call) return ws.send(raw);
      const edit = this.answerEdits.get(call.call);
      if (edit && msg.result?.ok) msg.result.data = edit(msg.result.data, call);
      const deliver = () => {
        call.answered = true;
        ws.send(JSON.stringify(msg));
      };
      const hold = this.holds.find((h) => !h.released && h.matches(call));
      if (hold) hold.waiting.push(deliver);
      else deliver();
    });
  }
}
