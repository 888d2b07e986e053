const STORAGE_KEY = 'motordesk.hostToken';

/**
 * The development host hands its token in the URL hash. Keep it for this
 * tab only and take it out of the address bar so it is not copied, shared
 * or kept in history.
 */
export function takeHostToken(): string | null {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    window.sessionStorage.setItem(STORAGE_KEY, fromHash);
    hash.delete('token');
    const rest = hash.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
    return fromHash;
  }
  return window.sessionStorage.getItem(STORAGE_KEY);
}
