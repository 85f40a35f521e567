// Where a page may send the browser after signing in: a path on this server, never an open
// redirect. The twin of the server's check (FlowstaCore.SameOriginPath): browsers drop TAB, CR
// and LF anywhere in a URL and read "\" as "/", so "/\t/evil.example" would land on
// "//evil.example"; any control character, space, backslash or non-ASCII character refuses the
// path, and what is left must resolve to this page's origin.

export const MAX_LENGTH = 4096;

/** `raw` when it is a path that stays on `origin` (this page's by default), `fallback` otherwise. */
export function sameOriginPath(raw, fallback, origin = globalThis.location?.origin) {
  if (typeof raw !== 'string' || raw.length > MAX_LENGTH) return fallback;
  if (!raw.startsWith('/') || raw.startsWith('//')) return fallback;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x5c) return fallback;
  }
  if (!origin) return fallback;
  try {
    return new URL(raw, origin).origin === new URL(origin).origin ? raw : fallback;
  } catch {
    return fallback;
  }
}
