import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const StoredSession = z.object({ accessToken: z.string(), refreshToken: z.string(), accountId: z.string(), login: z.string() });
export type StoredSession = z.infer<typeof StoredSession>;

/** Where a desk keeps its head-office session between starts. */
export interface TokenStore {
  load(): StoredSession | null;
  save(session: StoredSession): void;
  clear(): void;
  /** Wait until what was saved is on disk (stores that write in the background). */
  flush?(): Promise<void>;
}

/**
 * A session in a file only this user can read (mode 0600), written
 * atomically. The development host uses it; the Electron app wraps the same
 * content in safeStorage.
 */
export function fileTokenStore(file: string): TokenStore {
  return {
    load() {
      try {
        return StoredSession.parse(JSON.parse(readFileSync(file, 'utf8')));
      } catch {
        return null;
      }
    },
    save(session) {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(session), { mode: 0o600 });
      renameSync(tmp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** In memory only (tests, or a desk that must not keep a session). */
export function memoryTokenStore(): TokenStore {
  let session: StoredSession | null = null;
  return { load: () => session, save: (s) => (session = s), clear: () => (session = null) };
}
