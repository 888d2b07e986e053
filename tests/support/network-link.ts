import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay between desks and head office that a test can cut and mend,
 * like the line to a field office. Cutting drops every open connection
 * and refuses new ones; the target can change (a restarted head office).
 */
export interface NetworkLink {
  url: string;
  cut(): void;
  mend(): void;
  retarget(targetUrl: string): void;
  close(): Promise<void>;
}

export async function startNetworkLink(targetUrl: string): Promise<NetworkLink> {
  let target = new URL(targetUrl);
  let up = true;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      up = false;
      for (const s of open) s.destroy();
      open.clear();
    },
    mend() {
      up = true;
    },
    retarget(url) {
      target = new URL(url);
      for (const s of open) s.destroy();
      open.clear();
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of open) s.destroy();
        server.close(() => ok());
      }),
  };
}
