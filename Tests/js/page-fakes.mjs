// Stand-ins for the browser around the hosted pages' scripts (Public/js/pages), shared by
// analytics.test.mjs, vault.test.mjs and pages-keys.test.mjs: Node has neither a DOM nor IndexedDB.
import assert from 'node:assert/strict';

/**
 * An element: properties, attributes, listeners (`listeners[type]`; `click()` calls the click
 * listener), `hidden`, `focus()` (records `focused`), `classList`, `remove()`,
 * `replaceChildren()`, `append()`; setting `innerHTML` fails the test (the pages build text with
 * textContent only).
 */
export function fakeElement(tag = 'div', properties = {}) {
  const attributes = {};
  const classes = new Set();
  const element = {
    tagName: String(tag).toUpperCase(), textContent: '', children: [], hidden: false, disabled: false, listeners: {}, attributes, focused: false,
    addEventListener(type, listener) { element.listeners[type] = listener; },
    setAttribute(name, value) { attributes[name] = String(value); },
    getAttribute: (name) => attributes[name] ?? null,
    removeAttribute(name) { delete attributes[name]; },
    focus() { element.focused = true; },
    click() { element.listeners.click?.({ preventDefault() {}, target: element }); },
    classList: { toggle: (name, on) => (on ?? !classes.has(name) ? classes.add(name) : classes.delete(name)), contains: (name) => classes.has(name) },
    ...properties,
  };
  // As in a DOM, the text becomes the children's (as they are when added).
  const joined = () => element.children.map((child) => child.textContent ?? '').join('');
  element.replaceChildren = (...children) => { element.children = children; element.textContent = joined(); };
  element.append = (...children) => { element.children.push(...children); element.textContent = joined(); };
  Object.defineProperty(element, 'innerHTML', { set: () => assert.fail('innerHTML is never used'), get: () => assert.fail('innerHTML is never used') });
  return element;
}

/** A form field (`name` is also its id): value, validity, attributes, focus. */
export function fakeField(name, value = '', properties = {}) {
  return fakeElement('input', { name, id: name, value, checkValidity: () => true, ...properties });
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

/**
 * Stand-ins for `window` and `document` around the page's forms and elements (by id); records
 * posts, navigations and `history.replaceState` calls (which update the location as in a
 * browser). `url` is the page's path, query and fragment.
 */
export function installPage(forms, elements = {}, { url = '/' } = {}) {
  const navigations = [];
  const replaced = [];
  const windowListeners = {};
  // As in a browser, `location` is both `window.location` and a global (same-origin.js reads the latter).
  const parsed = new URL(url, 'http://flowsta.test');
  const location = {
    origin: 'http://flowsta.test', pathname: parsed.pathname, search: parsed.search, hash: parsed.hash,
    assign: (target) => navigations.push(target),
  };
  globalThis.location = location;
  globalThis.window = {
    location,
    history: {
      replaceState(state, title, target) {
        replaced.push(target);
        const next = new URL(target, 'http://flowsta.test');
        Object.assign(location, { pathname: next.pathname, search: next.search, hash: next.hash });
      },
    },
    addEventListener: (type, listener) => { windowListeners[type] = listener; },
  };
  globalThis.document = {
    getElementById: (id) => forms[id] ?? elements[id] ?? null,
    createElement: (tag) => fakeElement(tag),
  };
  return { navigations, windowListeners, replaced, location };
}

/**
 * A form stand-in: named fields, buttons, `submit()` and `click(button)` record the posted
 * fields. `querySelector` finds `#form-error` (`errorBox`), other `#id`s among `boxes` and the
 * fields, and the submit button; the fields are also properties of the form, by name.
 */
export function fakeForm({ dataset = {}, fields = [], buttons = [], errorBox = null, boxes = {} }) {
  const listeners = {};
  const posts = [];
  const extra = [];
  const posted = (submitter) => [...fields, ...extra, ...(submitter?.name ? [submitter] : [])].map((f) => `${f.name}=${f.value}`);
  const form = {
    dataset, posts, listeners,
    elements: Object.fromEntries(fields.map((f) => [f.name, f])),
    querySelector(selector) {
      if (selector === '#form-error') return errorBox;
      if (selector.startsWith('#')) return boxes[selector.slice(1)] ?? fields.find((f) => f.id === selector.slice(1)) ?? null;
      return selector.startsWith('button') ? buttons[0] : null;
    },
    querySelectorAll: (selector) => (selector.startsWith('button') ? buttons : selector.includes('button') ? [...fields, ...buttons] : fields),
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
  for (const field of fields) if (!(field.name in form)) form[field.name] = field;
  return form;
}
