// Node tests for the hosted pages' root-key flows (Public/js/pages), against the fake server of
// fake-flowsta-server.mjs and the in-memory vault of fake-vault.mjs: the sign-up page's
// recovery step, the sign-in page opening (or making) the root key and rewriting an old
// account's vault, the forgot page (recovery code, reset link), the reset page, the email
// verification page, and the account page's password change, new recovery code, verification
// link and sessions. The vault side of sign-in/sign-up and the history are in vault.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';
import { fakeVault } from './fake-vault.mjs';
import { fakeElement, fakeField, fakeForm, fakeIndexedDB, installPage, until } from './page-fakes.mjs';

process.env.TZ = 'UTC';
if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const { auth: F, rootKey: R, vault: V, analytics: A, bytes } = lib;
const BASE = 'http://flowsta.test';
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/;
const PAGES = new URL('../../Public/js/pages/', import.meta.url);
let fresh = 0;

/** Imports a page script as a new module instance (pages run once, on import). */
const loadPage = (name) => import(new URL(`${name}?${++fresh}`, PAGES).href);

/**
 * A fresh "browser": a new IndexedDB, the fake server (a new one unless given) behind the
 * global fetch for /auth and the fake vault for /vault. Returns `{server, vault, browser, done}`;
 * `done()` removes the global fetch.
 */
function browserOn(server = createFakeFlowsta(lib, { signupDifficulty: 0 }), vault = fakeVault(), browser = server.newBrowser()) {
  globalThis.indexedDB = fakeIndexedDB();
  globalThis.fetch = (url, init) => (String(url).startsWith('/vault/') ? vault.fetch(url, init) : browser.fetch(new URL(url, BASE).href, init));
  return { server, vault, browser, done: () => { delete globalThis.fetch; } };
}

/** `fn` of flowsta-auth.js with the fake server, in `browser` (the server's first one by default). */
const call = (server, fn, args = {}, browser = null) => fn({ ...args, baseURL: BASE, fetch: (browser ?? server).fetch });

/** A page form with `values` (by field name), one submit button and `boxes` (id -> element). */
function pageForm(values, { dataset = {}, boxes = {}, checks = {} } = {}) {
  const fields = [
    ...Object.entries(values).map(([name, value]) => fakeField(name, value)),
    ...Object.entries(checks).map(([name, checked]) => fakeField(name, '', { type: 'checkbox', checked })),
  ];
  const button = fakeElement('button', { type: 'submit', textContent: 'Go' });
  const errorBox = fakeElement('p');
  return fakeForm({ dataset, fields, buttons: [button], errorBox, boxes });
}

/** The recovery step's elements (the "recovery-step" template). */
function recoveryStep() {
  const saved = fakeField('recovery-saved', '', { type: 'checkbox', checked: false });
  const elements = {
    'recovery-step': fakeElement('section', { hidden: true }), 'recovery-code': fakeElement('p'),
    'recovery-error': fakeElement('p'), 'recovery-step-title': fakeElement('h2'), 'recovery-saved': saved,
  };
  return { elements, form: fakeForm({ fields: [saved] }), saved };
}

/** Submits `form` and waits until `condition()`. */
async function submit(form, condition) {
  form.click(null);
  await until(condition);
}

test('sign-up page: the recovery code is shown once in place of the form; Continue needs the box ticked', async () => {
  const page = browserOn();
  const form = pageForm({ username: 'ivy', display_name: '', email: '', password: 'ivy password', password_confirm: 'ivy password' },
    { dataset: { continue: '/oauth/authorize?client_id=x' } });
  const alt = fakeElement('p');
  const step = recoveryStep();
  const { navigations } = installPage({ 'signup-form': form, 'recovery-confirm-form': step.form }, { ...step.elements, 'signin-alt': alt });
  try {
    await loadPage('signup.js');
    await submit(form, () => !step.elements['recovery-step'].hidden);
    const code = step.elements['recovery-code'].textContent;
    assert.match(code, CODE);
    assert.deepEqual(step.elements['recovery-code'].children.map((span) => [span.tagName, span.textContent]),
      [['SPAN', code.slice(0, 15)], ['SPAN', code.slice(15)]], 'two halves of three groups, which wrap as units');
    assert.equal(form.hidden, true);
    assert.equal(alt.hidden, true);
    assert.equal(step.elements['recovery-step-title'].focused, true, 'the focus moves to the step');
    assert.equal(form.password.value, '', 'the password fields are emptied');
    assert.deepEqual(navigations, []);

    step.form.click(null);
    assert.match(step.elements['recovery-error'].textContent, /Tick the box/);
    assert.equal(step.saved.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(navigations, []);
    step.saved.checked = true;
    step.form.click(null);
    assert.deepEqual(navigations, ['/oauth/authorize?client_id=x']);
    assert.equal(step.elements['recovery-error'].textContent, '');

    // The code shown is the account's: it opens the root key the browser keeps.
    const account = page.server.accounts.get('ivy');
    const recovered = await call(page.server, F.recoverWithCode, { username: 'ivy', code, newPassword: 'ivy new password' });
    const { vaultKey } = await R.deriveRootKeys(recovered.rootKey);
    const [id, entry] = [...page.vault.entries][0];
    assert.equal(JSON.parse(await V.openEntry(vaultKey, { id, kind: 'signin', sealed: entry.ciphertext })).type, 'signin');
    assert.ok(account.keys.recovery && account.keys.envelopes.password);
    assert.ok(!JSON.stringify(page.server.requests).includes(code), 'the code was never sent');
  } finally {
    page.done();
  }
});

test('sign-up page: when the keys cannot be set up, the account is still signed in and goes on (no code to show)', async () => {
  const page = browserOn();
  const failing = page.browser.fetch;
  page.browser.fetch = async (url, init) => (url.endsWith('/auth/recovery/register/start')
    ? { ok: false, status: 500, json: async () => ({ error: 'server_error' }) } : failing(url, init));
  const form = pageForm({ username: 'jo', display_name: '', email: '', password: 'jo password', password_confirm: 'jo password' });
  const step = recoveryStep();
  const { navigations } = installPage({ 'signup-form': form, 'recovery-confirm-form': step.form }, step.elements);
  try {
    await loadPage('signup.js');
    await submit(form, () => navigations.length > 0);
    assert.deepEqual(navigations, ['/account']);
    assert.equal(step.elements['recovery-step'].hidden, true);
    // The fallback stored a root key without a recovery code; the analytics root is there for the consent page.
    assert.deepEqual(Object.keys(page.server.accounts.get('jo').keys.envelopes).sort(), ['legacy-vault', 'password']);
    assert.ok(await A.loadAnalyticsRoot());
    assert.ok(await V.loadVaultKey());
  } finally {
    page.done();
  }

  // No keys at all (POST /auth/keys fails too): still signed in and on, with the export key's analytics root.
  const again = browserOn();
  const real = again.browser.fetch;
  again.browser.fetch = async (url, init) => (url.endsWith('/auth/keys')
    ? { ok: false, status: 500, json: async () => ({ error: 'server_error' }) } : real(url, init));
  const second = pageForm({ username: 'kai', display_name: '', email: '', password: 'kai password', password_confirm: 'kai password' });
  const secondStep = recoveryStep();
  const next = installPage({ 'signup-form': second, 'recovery-confirm-form': secondStep.form }, secondStep.elements);
  try {
    await loadPage('signup.js');
    await submit(second, () => next.navigations.length > 0);
    assert.deepEqual(next.navigations, ['/account']);
    assert.equal(again.server.accounts.get('kai').keys, null);
    assert.equal(await V.loadVaultKey(), null);
    assert.ok(await A.loadAnalyticsRoot(), 'the consent page can go on');
  } finally {
    again.done();
  }
});

test('sign-in page: an account older than the root key gets one, and its format-1 history is rewritten in format 2 at once', async () => {
  const page = browserOn();
  const { exportKey } = await call(page.server, F.register, { username: 'kim', password: 'kim password' });
  const oldKey = await V.deriveVaultKey(exportKey);
  const ids = [];
  for (let n = 0; n < 3; n++) {
    const id = crypto.randomUUID();
    ids.push(id);
    page.vault.entries.set(id, { kind: 'signin', ciphertext: await V.sealEntry(oldKey, { id, kind: 'signin', plaintext: JSON.stringify({ n }), format: 1 }) });
  }
  const form = pageForm({ username: 'kim', password: 'kim password' }, { dataset: { continue: '/account' } });
  const { navigations } = installPage({ 'signin-form': form });
  try {
    await loadPage('signin.js');
    await submit(form, () => navigations.length > 0);
  } finally {
    page.done();
  }
  assert.deepEqual(navigations, ['/account']);
  const formats = [...page.vault.entries.values()].map((e) => bytes.fromBase64Url(e.ciphertext)[0]);
  assert.deepEqual(formats, [2, 2, 2, 2], 'the three old entries rewritten, the sign-in recorded');
  const [key, legacyKey] = [await V.loadVaultKey(), await V.loadLegacyVaultKey()];
  assert.ok(key && legacyKey, 'both keys kept, non-extractable');
  assert.deepEqual((await V.listEntries({ key, fetch: page.vault.fetch })).slice(0, 3).map((e) => e.value), [{ n: 0 }, { n: 1 }, { n: 2 }]);
  assert.deepEqual(Object.keys(page.server.accounts.get('kim').keys.envelopes).sort(), ['legacy-vault', 'password']);
});

test('sign-in page: a vault that never answers holds the first sign-in of an old account for a few seconds at most', async () => {
  const page = browserOn();
  await call(page.server, F.register, { username: 'lee', password: 'lee password' });
  page.vault.mode = 'hang';
  const form = pageForm({ username: 'lee', password: 'lee password' });
  const { navigations } = installPage({ 'signin-form': form });
  const started = Date.now();
  try {
    await loadPage('signin.js');
    await submit(form, () => navigations.length > 0);
  } finally {
    page.done();
  }
  const waited = Date.now() - started;
  assert.deepEqual(navigations, ['/account']);
  assert.ok(waited < 4500, `${waited} ms`);
  assert.ok(await V.loadVaultKey(), 'the keys are kept all the same');
});

test('sign-in page: a root key that cannot be opened or stored does not block signing in (nor app sign-ins)', async () => {
  const page = browserOn();
  const { exportKey } = await call(page.server, F.register, { username: 'max', password: 'max password' });
  const real = page.browser.fetch;
  page.browser.fetch = async (url, init) => (url.endsWith('/auth/keys')
    ? { ok: false, status: 503, json: async () => ({ error: 'server_error' }) } : real(url, init));
  const form = pageForm({ username: 'max', password: 'max password' });
  const { navigations } = installPage({ 'signin-form': form });
  try {
    await loadPage('signin.js');
    await submit(form, () => navigations.length > 0);
  } finally {
    page.done();
  }
  assert.deepEqual(navigations, ['/account']);
  assert.equal(await V.loadVaultKey(), null, 'no key made up locally');
  assert.equal(page.vault.requests.length, 0, 'nothing recorded');
  assert.equal(page.server.accounts.get('max').keys, null);
  // The export key's analytics root stands in, so the consent page does not send the user back to sign in.
  const root = await A.loadAnalyticsRoot();
  assert.equal(await A.analyticsID(root, 'flowsta_app_x', '2026-12'), await A.analyticsID(await A.analyticsRootBytes(exportKey), 'flowsta_app_x', '2026-12'));
});

test('forgot page: the recovery code sets a new password, keeps the root key and signs in; wrong and malformed codes say so', async () => {
  const page = browserOn();
  const server = page.server;
  await call(server, F.register, { username: 'nia', password: 'nia password' });
  const signedIn = await call(server, F.login, { username: 'nia', password: 'nia password' });
  const { rootKey, recoveryCode } = await call(server, F.setUpNewAccountKeys, signedIn);
  const recoveryForm = pageForm({ username: 'nia', recovery_code: 'not a code', password: 'nia new password', password_confirm: 'nia new password' },
    { dataset: { continue: '/oauth/authorize?client_id=x' } });
  const resetForm = pageForm({ reset_email: 'nia@example.com' }, { boxes: { 'reset-request-error': fakeElement('p') } });
  const status = fakeElement('p');
  const { navigations } = installPage({ 'recovery-form': recoveryForm, 'reset-request-form': resetForm }, { 'reset-request-status': status });
  try {
    await loadPage('forgot.js');
    const before = server.requests.length;
    recoveryForm.click(null);
    assert.match(recoveryForm.querySelector('#form-error').textContent, /not a recovery code/);
    assert.equal(recoveryForm.recovery_code.getAttribute('aria-invalid'), 'true');
    assert.equal(server.requests.length, before, 'nothing sent for a malformed code');

    recoveryForm.recovery_code.value = R.generateRecoveryCode().code;
    await submit(recoveryForm, () => recoveryForm.querySelector('#form-error').textContent !== '');
    assert.equal(recoveryForm.querySelector('#form-error').textContent, 'The username or recovery code is not right.');
    assert.deepEqual(navigations, []);

    recoveryForm.recovery_code.value = recoveryCode.toLowerCase().replaceAll('-', ' ');
    await submit(recoveryForm, () => navigations.length > 0);
    assert.deepEqual(navigations, ['/oauth/authorize?client_id=x']);
    assert.equal(recoveryForm.password.value, '');
    assert.equal(recoveryForm.recovery_code.value, '');
    const key = await V.loadVaultKey();
    const id = [...page.vault.entries.keys()][0];
    const expected = (await R.deriveRootKeys(rootKey)).vaultKey;
    assert.equal(JSON.parse(await V.openEntry(expected, { id, kind: 'signin', sealed: page.vault.entries.get(id).ciphertext })).type, 'signin',
      'the same root key: the sign-in went to the same vault');
    assert.ok(key);

    // Without the code: always the same message on 202.
    await submit(resetForm, () => status.textContent !== '');
    assert.equal(status.textContent, 'If this address is verified for an account, a link is on its way (valid 30 minutes).');
    assert.equal(server.outbox.filter((m) => m.kind === 'reset').length, 0, 'not a verified address: no mail, same answer');
    resetForm.reset_email.value = '';
    resetForm.click(null);
    assert.match(resetForm.querySelector('#reset-request-error').textContent, /email address/);
    assert.equal(status.textContent, '');
  } finally {
    page.done();
  }
  await call(server, F.login, { username: 'nia', password: 'nia new password' });
});

test('reset page: the token leaves the URL; a new password makes a new root key and shows the new recovery code; Continue goes to /account', async () => {
  const page = browserOn();
  const server = page.server;
  const old = await call(server, F.register, { username: 'oz', password: 'oz password', email: 'oz@example.com' });
  await call(server, F.verifyEmail, { token: server.outbox.at(-1).token });
  await call(server, F.requestPasswordReset, { email: 'oz@example.com' });
  const { token } = server.outbox.at(-1);
  const form = pageForm({ password: 'oz new password', password_confirm: 'oz new password' }, { checks: { 'reset-understood': false } });
  const warning = fakeElement('div');
  const step = recoveryStep();
  const { navigations, replaced, location } = installPage({ 'reset-form': form, 'recovery-confirm-form': step.form },
    { ...step.elements, 'reset-warning': warning, 'reset-understood': form['reset-understood'] }, { url: `/reset#token=${token}` });
  try {
    await loadPage('reset.js');
    assert.deepEqual(replaced, ['/reset']);
    assert.equal(location.hash, '');
    form.click(null);
    assert.match(form.querySelector('#form-error').textContent, /Tick the box/);
    form['reset-understood'].checked = true;
    await submit(form, () => !step.elements['recovery-step'].hidden);
    assert.equal(form.hidden, true);
    assert.equal(warning.hidden, true);
    const code = step.elements['recovery-code'].textContent;
    assert.match(code, CODE);
    step.saved.checked = true;
    step.form.click(null);
    assert.deepEqual(navigations, ['/account']);
  } finally {
    page.done();
  }
  const signedIn = await call(server, F.login, { username: 'oz', password: 'oz new password' });
  const { rootKey } = await call(server, F.openOrCreateRootKey, signedIn);
  const recovered = await call(server, F.recoverWithCode, { username: 'oz', code: step.elements['recovery-code'].textContent, newPassword: 'oz third password' });
  assert.deepEqual(recovered.rootKey, rootKey, 'the code shown opens the new root key');
  assert.ok(old.user.id);
});

test('reset page: without a token the form is disabled with a message; a used link says so', async () => {
  let page = browserOn();
  let form = pageForm({ password: '', password_confirm: '' });
  installPage({ 'reset-form': form }, {}, { url: '/reset' });
  try {
    await loadPage('reset.js');
    assert.match(form.querySelector('#form-error').textContent, /incomplete/);
    assert.ok(form.querySelectorAll('input, button').every((control) => control.disabled));
  } finally {
    page.done();
  }

  page = browserOn();
  form = pageForm({ password: 'pq new password', password_confirm: 'pq new password' }, { checks: { 'reset-understood': true } });
  const step = recoveryStep();
  installPage({ 'reset-form': form, 'recovery-confirm-form': step.form }, { ...step.elements, 'reset-understood': form['reset-understood'] },
    { url: '/reset?x=1#token=used-or-made-up' });
  try {
    await loadPage('reset.js');
    assert.equal(globalThis.location.search, '?x=1', 'only the fragment goes');
    await submit(form, () => form.querySelector('#form-error').textContent !== '');
    assert.equal(form.querySelector('#form-error').textContent, 'This link is expired or was used already. Ask for a new one.');
    assert.equal(step.elements['recovery-step'].hidden, true);
  } finally {
    page.done();
  }
});

test('verify-email page: verified; an expired or used link; an address verified by another account; no token', async () => {
  const page = browserOn();
  const server = page.server;
  await call(server, F.register, { username: 'pia', password: 'pia password', email: 'pia@example.com' });
  const { token } = server.outbox.at(-1);
  const run = async (url) => {
    const status = fakeElement('p', { textContent: 'Verifying…' });
    const { replaced } = installPage({}, { 'verify-status': status }, { url });
    await loadPage('verify-email.js');
    await until(() => status.textContent !== 'Verifying…');
    return { status, replaced };
  };
  try {
    let { status, replaced } = await run(`/verify-email#token=${token}`);
    assert.equal(status.textContent, 'Your email address is verified.');
    assert.ok(status.classList.contains('ok'));
    assert.deepEqual(replaced, ['/verify-email']);
    assert.equal(server.accounts.get('pia').emailVerified, true);

    ({ status } = await run(`/verify-email#token=${token}`));
    assert.match(status.textContent, /expired or was used already/);
    assert.ok(status.classList.contains('error'));

    await call(server, F.register, { username: 'quin', password: 'quin password', email: 'PIA@example.com' });
    ({ status } = await run(`/verify-email#token=${server.outbox.at(-1).token}`));
    assert.match(status.textContent, /Another account has verified this email address/);

    ({ status, replaced } = await run('/verify-email'));
    assert.match(status.textContent, /incomplete/);
  } finally {
    page.done();
  }
});

/** The account page's elements (the "account" template), for `username`. */
function accountElements(username) {
  const passwordForm = pageForm({ current_password: '', new_password: '', new_password_confirm: '' },
    { dataset: { username }, boxes: { 'password-error': fakeElement('p') } });
  const recoveryForm = pageForm({ recovery_password: '' }, { dataset: { username }, boxes: { 'recovery-new-error': fakeElement('p') } });
  const elements = {
    'password-status': fakeElement('p'), 'recovery-new-result': fakeElement('div', { hidden: true }), 'new-recovery-code': fakeElement('p'),
    'recovery-state': fakeElement('p'), 'resend-verification': fakeElement('button'), 'email-message': fakeElement('p'),
    'sessions-status': fakeElement('p', { textContent: 'Loading your sessions…' }), 'sessions-list': fakeElement('ul'),
    'signout-others': fakeElement('button'), 'history-status': fakeElement('p', { textContent: 'Loading your activity…' }),
    'history-list': fakeElement('ul'),
  };
  return { forms: { 'password-form': passwordForm, 'recovery-new-form': recoveryForm, 'signout-form': fakeForm({}) }, elements };
}

/** The text of each item of #sessions-list, and its button (or null). */
const sessionRows = (list) => list.children.map((li) => ({
  text: li.children[0].textContent, button: li.children.find((c) => c.tagName === 'BUTTON') ?? null,
}));

test('account page: sessions listed (this browser marked), one signed out, then all the others', async () => {
  const server = createFakeFlowsta(lib, { signupDifficulty: 0 });
  const here = server.newBrowser();
  await call(server, F.register, { username: 'ray', password: 'ray password' });
  const others = [server.newBrowser(), server.newBrowser()];
  for (const b of others) await call(server, F.login, { username: 'ray', password: 'ray password' }, b);
  await call(server, F.login, { username: 'ray', password: 'ray password' }, here);
  const page = browserOn(server, fakeVault(), here);
  const { forms, elements } = accountElements('ray');
  installPage(forms, elements);
  const status = elements['sessions-status'];
  const list = elements['sessions-list'];
  const today = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date());
  try {
    await loadPage('account.js');
    await until(() => status.textContent !== 'Loading your sessions…');
    let rows = sessionRows(list);
    assert.deepEqual(rows.map((r) => r.text), [`Signed in on ${today} · this browser`, `Signed in on ${today}`, `Signed in on ${today}`]);
    assert.deepEqual(rows.map((r) => r.button?.textContent ?? null), [null, 'Sign out', 'Sign out']);
    assert.equal(rows[1].button.getAttribute('aria-label'), `Sign out the session that began on ${today}`);
    assert.equal(elements['signout-others'].hidden, false);

    rows[1].button.click();
    await until(() => list.children.length === 2);
    assert.equal(status.textContent, 'Signed out.');
    rows = sessionRows(list);
    assert.equal(rows.filter((r) => r.button).length, 1);

    elements['signout-others'].click();
    await until(() => list.children.length === 1);
    assert.equal(status.textContent, 'Signed out everywhere else.');
    assert.equal(elements['signout-others'].hidden, true);
    for (const b of others) await assert.rejects(call(server, F.listSessions, {}, b), (e) => e.code === 'unauthorized');
  } finally {
    page.done();
  }
});

test('account page: password change keeps the vault readable; a wrong current password and a new recovery code; resend the link', async () => {
  const server = createFakeFlowsta(lib, { signupDifficulty: 0 });
  const here = server.newBrowser();
  await call(server, F.register, { username: 'sam', password: 'sam password', email: 'sam@example.com' }, here);
  const signedIn = await call(server, F.login, { username: 'sam', password: 'sam password' }, here);
  const { rootKey, recoveryCode } = await call(server, F.setUpNewAccountKeys, signedIn, here);
  const page = browserOn(server, fakeVault(), here);
  const { vaultKey } = await V.rememberRootKey(rootKey);
  await V.putEntry({ kind: 'signin', value: { type: 'signin', at: '2026-12-01T07:00:00.000Z' }, key: vaultKey, fetch: page.vault.fetch });
  const laptop = server.newBrowser();
  await call(server, F.login, { username: 'sam', password: 'sam password' }, laptop);
  const { forms, elements } = accountElements('sam');
  installPage(forms, elements);
  const passwordForm = forms['password-form'];
  const error = passwordForm.querySelector('#password-error');
  try {
    await loadPage('account.js');
    await until(() => elements['history-status'].textContent === '' && elements['sessions-status'].textContent !== 'Loading your sessions…');
    assert.deepEqual(elements['history-list'].children.map((li) => li.textContent), ['Signed in — 1 Dec 2026, 07:00']);

    Object.assign(passwordForm.current_password, { value: 'not it' });
    Object.assign(passwordForm.new_password, { value: 'short' });
    passwordForm.click(null);
    assert.match(error.textContent, /at least 8/);
    passwordForm.new_password.value = 'sam new password';
    passwordForm.new_password_confirm.value = 'sam other password';
    passwordForm.click(null);
    assert.match(error.textContent, /not the same/);
    passwordForm.new_password_confirm.value = 'sam new password';
    await submit(passwordForm, () => error.textContent !== '');
    assert.equal(error.textContent, 'Your current password is not right.');
    assert.equal(passwordForm.current_password.getAttribute('aria-invalid'), 'true');

    passwordForm.current_password.value = 'sam password';
    await submit(passwordForm, () => elements['password-status'].textContent !== '');
    assert.equal(error.textContent, '');
    assert.equal(elements['password-status'].textContent, 'Your password is changed. Your other devices are signed out.');
    assert.deepEqual(['current_password', 'new_password', 'new_password_confirm'].map((n) => passwordForm[n].value), ['', '', '']);
    await until(() => sessionRows(elements['sessions-list']).length === 1);
    await assert.rejects(call(server, F.listSessions, {}, laptop), (e) => e.code === 'unauthorized');
    // The same root key: the vault key kept after the change still opens the history.
    const entries = await V.listEntries({ fetch: page.vault.fetch });
    assert.deepEqual(entries.map((e) => e.value.type), ['signin']);

    // A new recovery code.
    const recoveryForm = forms['recovery-new-form'];
    recoveryForm.recovery_password.value = 'sam password';
    await submit(recoveryForm, () => recoveryForm.querySelector('#recovery-new-error').textContent !== '');
    assert.equal(recoveryForm.querySelector('#recovery-new-error').textContent, 'Your password is not right.');
    recoveryForm.recovery_password.value = 'sam new password';
    await submit(recoveryForm, () => !elements['recovery-new-result'].hidden);
    const code = elements['new-recovery-code'].textContent;
    assert.match(code, CODE);
    assert.notEqual(code, recoveryCode);
    assert.equal(recoveryForm.recovery_password.value, '');
    assert.match(elements['recovery-state'].textContent, /You have a recovery code/);

    // The verification link again: once, then the server says there is nothing to verify.
    elements['resend-verification'].click();
    await until(() => elements['email-message'].textContent !== '');
    assert.equal(elements['email-message'].textContent, 'A new link is on its way to your address.');
    await call(server, F.verifyEmail, { token: server.outbox.at(-1).token });
    elements['email-message'].textContent = '';
    elements['resend-verification'].click();
    await until(() => elements['email-message'].textContent !== '');
    assert.match(elements['email-message'].textContent, /nothing to verify/);
    assert.equal(elements['resend-verification'].disabled, false);
    // The new code opens the same root key (a recovery ends every session: last).
    assert.deepEqual((await call(server, F.recoverWithCode, { username: 'sam', code, newPassword: 'sam third password' }, server.newBrowser())).rootKey, rootKey);
  } finally {
    page.done();
  }
});
