// An in-memory /vault/entries API with the shape of the real one (Sources/FlowstaAPI/
// VaultController.swift), as a `fetch`, shared by vault.test.mjs and root-key.test.mjs.

/**
 * The fake vault: `{ fetch, entries, requests, mode, failPuts, maxPutsInFlight }`. PUT creates
 * (201) or replaces (200) an entry, GET lists with limit/kind/cursor (at most `pageSize` items a
 * page, whatever the limit), DELETE answers 204/404. Records every request. `mode`: 'up',
 * 'error' (500), 'down' (rejects), 'hang'. `failPuts`: PUT answers 500 while GET still works.
 * `putDelayMs` delays every PUT, so `maxPutsInFlight` shows how many a client sends at once.
 */
export function fakeVault({ pageSize = 100, putDelayMs = 0 } = {}) {
  const entries = new Map(); // id -> {kind, ciphertext}, in insertion order
  const requests = [];
  const state = { mode: 'up', failPuts: false, entries, requests, maxPutsInFlight: 0 };
  let putsInFlight = 0;
  const reply = (status, body) => ({ ok: status >= 200 && status < 300, status, json: async () => body });
  const put = async (id, body) => {
    putsInFlight++;
    state.maxPutsInFlight = Math.max(state.maxPutsInFlight, putsInFlight);
    try {
      if (putDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, putDelayMs));
      if (state.failPuts) return reply(500, { error: 'server_error' });
      const { kind, ciphertext } = JSON.parse(body);
      const created = !entries.has(id);
      entries.set(id, { kind, ciphertext });
      return reply(created ? 201 : 200, { id, kind, size: ciphertext.length });
    } finally {
      putsInFlight--;
    }
  };
  const list = (parsed) => {
    const kind = parsed.searchParams.get('kind');
    const limit = Math.min(Number(parsed.searchParams.get('limit') ?? 100), pageSize);
    const all = [...entries].filter(([, e]) => !kind || e.kind === kind);
    const start = Number(parsed.searchParams.get('cursor') ?? 0);
    const page = all.slice(start, start + limit);
    const next = start + limit < all.length ? String(start + limit) : null;
    return reply(200, { items: page.map(([i, e]) => ({ id: i, kind: e.kind, ciphertext: e.ciphertext, size: e.ciphertext.length })), next_cursor: next });
  };
  state.fetch = async (url, init = {}) => {
    requests.push({ url, method: init.method ?? 'GET', headers: init.headers ?? {}, credentials: init.credentials, body: init.body });
    if (state.mode === 'down') throw new TypeError('Failed to fetch');
    if (state.mode === 'hang') return new Promise(() => {});
    if (state.mode === 'error') return reply(500, { error: 'server_error' });
    const parsed = new URL(url, 'http://flowsta.test');
    const match = parsed.pathname.match(/^\/vault\/entries(?:\/([^/]+))?$/);
    if (!match) return reply(404, { error: 'not_found' });
    const id = match[1];
    if (init.method === 'PUT' && id) return put(id, init.body);
    if (init.method === 'DELETE' && id) return entries.delete(id) ? reply(204) : reply(404, { error: 'not_found' });
    if ((init.method ?? 'GET') === 'GET' && !id) return list(parsed);
    return reply(405, { error: 'method_not_allowed' });
  };
  return state;
}
