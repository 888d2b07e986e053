/**
 * The renderer's Content-Security-Policy, for the Electron window and the
 * development host alike. No remote code, no eval, no plugins, no framing.
 * Inline styles stay allowed because the component library injects its
 * CSS-in-JS at run time; inline scripts do not.
 */
export function contentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connectSources.map((s) => ` ${s}`).join('')}`,
    "media-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
  ].join('; ');
}
