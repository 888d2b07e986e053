import { safeStorage } from 'electron';
import { readFile, rm, writeFile, rename } from 'node:fs/promises';
import { StoredSession, type TokenStore } from '../node/head-office/token-store.js';

/**
 * The head-office session, encrypted with the OS keychain (safeStorage)
 * in a file only this user can read. The store answers from memory; the
 * file is read once at start and rewritten in the background. Where the
 * only "encryption" on offer is plain text (Linux with no keyring,
 * `basic_text`), the session is kept in memory only: the agent signs in
 * again after a restart rather than leaving a refresh token readable.
 */
export async function createSafeTokenStore(file: string, log: (message: string) => void): Promise<TokenStore> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const plainText = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  const persist = available && !plainText;
  if (!persist) log(`no OS keyring for the head-office session (${plainText ? 'basic_text' : 'unavailable'}); it is kept in memory only`);

  let session: StoredSession | null = null;
  if (persist) {
    try {
      const { result } = await safeStorage.decryptStringAsync(await readFile(file));
      session = StoredSession.parse(JSON.parse(result));
    } catch {
      session = null;
    }
  }

  // Writes go one after another, so an older session can never land after a newer one.
  let writing: Promise<void> = Promise.resolve();
  const queue = (work: () => Promise<void>) => {
    writing = writing.then(work).catch((err: unknown) => log(`cannot store the head-office session: ${err instanceof Error ? err.message : String(err)}`));
  };

  return {
    load: () => session,
    save(next) {
      session = next;
      if (!persist) return;
      queue(async () => {
        const tmp = `${file}.tmp`;
        await writeFile(tmp, await safeStorage.encryptStringAsync(JSON.stringify(next)), { mode: 0o600 });
        await rename(tmp, file);
      });
    },
    clear() {
      session = null;
      queue(() => rm(file, { force: true }));
    },
    flush: () => writing,
  };
}
