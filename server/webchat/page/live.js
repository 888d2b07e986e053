// The live socket to head office. It reconnects on its own (1 s doubling
// to 15 s, with jitter so a head-office restart is not hit by every phone
// at once). Nothing is trusted to have arrived over it: the page catches up
// over HTTP after every hello.

const MAX_DELAY_MS = 15000;

/**
 * @param {{
 *   url: () => string | null,
 *   onHello: () => void,
 *   onEvent: (msg: any) => void,
 *   onStatus: (up: boolean) => void,
 *   onRefused: (code: number) => void,
 * }} hooks
 */
export function createLive(hooks) {
  let ws = null;
  let greeted = false;
  let attempt = 0;
  let timer = 0;

  function schedule() {
    if (timer) return;
    const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
    attempt++;
    timer = setTimeout(open, base * (0.7 + Math.random() * 0.6));
  }

  function open() {
    clearTimeout(timer);
    timer = 0;
    if (ws) return;
    const url = hooks.url();
    if (!url) return;
    let sock;
    try {
      sock = new WebSocket(url);
    } catch {
      schedule();
      return;
    }
    ws = sock;
    greeted = false;
    sock.onmessage = (e) => {
      if (ws !== sock || typeof e.data !== 'string') return;
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch {
        return;
      }
      if (msg?.type === 'hello') {
        greeted = true;
        attempt = 0;
        hooks.onStatus(true);
        hooks.onHello();
      } else if (greeted) {
        hooks.onEvent(msg);
      }
    };
    sock.onclose = (e) => {
      if (ws !== sock) return;
      const wasUp = greeted;
      ws = null;
      greeted = false;
      hooks.onStatus(false);
      // Closed before hello: the browser cannot tell us whether the upgrade was refused for the token (401) or the line is down.
      if (!wasUp) hooks.onRefused(e.code);
      schedule();
    };
  }

  function drop() {
    const sock = ws;
    ws = null;
    greeted = false;
    if (sock) {
      sock.onclose = null;
      sock.onmessage = null;
      try {
        sock.close();
      } catch {
        // Already closing.
      }
      hooks.onStatus(false);
    }
  }

  return {
    get up() {
      return greeted;
    },
    /** Connect now unless already connected or connecting (the network is back, the page is visible again). */
    now() {
      attempt = 0;
      if (!ws) open();
    },
    /** Give up the current socket (offline, a new token) and try again later. */
    drop() {
      drop();
      schedule();
    },
    /** Reconnect right away, with the current token. */
    restart() {
      drop();
      attempt = 0;
      open();
    },
    send(msg) {
      if (!ws || !greeted || ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(msg));
      return true;
    },
  };
}
