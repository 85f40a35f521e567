// Stand-ins for the browser around the hosted pages' scripts (Public/js/pages), shared by
// analytics.test.mjs and vault.test.mjs: Node has neither a DOM nor IndexedDB.
import assert from 'node:assert/strict';

/**
 * A created element: properties only, `remove()`, `replaceChildren()`; setting `innerHTML`
 * fails the test (the pages build text with textContent only).
 */
export function fakeElement(tag = 'div') {
  const element = { tagName: String(tag).toUpperCase(), textContent: '', children: [] };
  element.replaceChildren = (...children) => { element.children = children; };
  element.append = (...children) => { element.children.push(...children); };
  Object.defineProperty(element, 'innerHTML', { set: () => assert.fail('innerHTML is never used'), get: () => assert.fail('innerHTML is never used') });
  return element;
}

/** Resolves once `condition()` holds (fails after 5 s). */
export async function until(condition) {
  for (const started = Date.now(); !condition(); await new Promise((r) => setTimeout(r, 5))) {
    if (Date.now() - started > 5000) throw new Error('timed out');
  }
}

/** An in-memory IndexedDB with just what analytics.js uses: open, one store, get/put/delete. */
export function fakeIndexedDB() {
  const databases = new Map();
  const later = (fn) => setTimeout(fn, 0);
  return {
    open(name) {
      const request = {};
      later(() => {
        const isNew = !databases.has(name);
        const stores = databases.get(name) ?? new Map();
        databases.set(name, stores);
        request.result = {
          createObjectStore: (store) => stores.set(store, new Map()),
          transaction(store, mode) {
            const transaction = {};
            const run = (work) => {
              const r = {};
              later(() => {
                r.result = work();
                later(() => transaction.oncomplete?.());
              });
              return r;
            };
            const records = stores.get(store);
            transaction.objectStore = () => ({
              get: (key) => run(() => records.get(key)),
              put: (value, key) => run(() => (mode === 'readwrite' ? records.set(key, value) : assert.fail('readonly'), key)),
              delete: (key) => run(() => (mode === 'readwrite' ? records.delete(key) : assert.fail('readonly'), undefined)),
            });
            return transaction;
          },
          close() {},
        };
        if (isNew) request.onupgradeneeded?.();
        request.onsuccess?.();
      });
      return request;
    },
  };
}

/** Stand-ins for `window` and `document` around one form; records posts and navigations. */
export function installPage(forms, elements = {}) {
  const navigations = [];
  const windowListeners = {};
  // As in a browser, `location` is both `window.location` and a global (same-origin.js reads the latter).
  const location = { origin: 'http://flowsta.test', assign: (url) => navigations.push(url) };
  globalThis.location = location;
  globalThis.window = {
    location,
    addEventListener: (type, listener) => { windowListeners[type] = listener; },
  };
  globalThis.document = {
    getElementById: (id) => forms[id] ?? elements[id] ?? null,
    createElement: (tag) => fakeElement(tag),
  };
  return { navigations, windowListeners };
}

/** A form stand-in: named fields, buttons, `submit()` and `click(button)` record the posted fields. */
export function fakeForm({ dataset = {}, fields = [], buttons = [], errorBox = null }) {
  const listeners = {};
  const posts = [];
  const extra = [];
  const posted = (submitter) => [...fields, ...extra, ...(submitter?.name ? [submitter] : [])].map((f) => `${f.name}=${f.value}`);
  const form = {
    dataset, posts, listeners,
    elements: Object.fromEntries(fields.map((f) => [f.name, f])),
    querySelector: (selector) => (selector === '#form-error' ? errorBox : selector.startsWith('button') ? buttons[0] : null),
    querySelectorAll: (selector) => (selector.startsWith('button') ? buttons : fields),
    addEventListener: (type, listener) => { listeners[type] = listener; },
    append(element) {
      extra.push(element);
      element.remove = () => extra.splice(extra.indexOf(element), 1);
    },
    submit: () => posts.push(posted(null)),
    /** Dispatches the submit event; posts natively unless a listener prevented it. */
    click(submitter) {
      let prevented = false;
      listeners.submit({ submitter, preventDefault: () => { prevented = true; } });
      if (!prevented) posts.push(posted(submitter));
    },
  };
  return form;
}
