// Node tests for the root-key flows of flowsta-auth.js (docs/keys.md), end to end against the
// fake server (fake-flowsta-server.mjs: every OPAQUE step really checked, the password and the
// recovery code as two OPAQUE records): sign-up keys and the recovery code, sign-in opening the
// root key, an account older than the root key getting one (with its legacy-vault envelope),
// password change keeping the root key, a new recovery code, recovery with the code, a wrong
// code, a reset giving a new root key and code, email verification, sessions. Each flow also
// checks that no secret (password, recovery code, export keys, root key) reaches the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { loadLibrary } from './vectors-suite.mjs';
import { createFakeFlowsta } from './fake-flowsta-server.mjs';
import { fakeVault } from './fake-vault.mjs';

if (!globalThis.crypto?.subtle) {
  Object.defineProperty(globalThis, 'crypto', { value: webcrypto, configurable: true, writable: true });
}

const lib = await loadLibrary();
const { auth: F, rootKey: R, vault: V, bytes } = lib;
const BASE = 'http://flowsta.test';
const CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/;
const hex = bytes.toHex;

/** The fake server and `call(fn, args)`: `fn` with its baseURL and the first browser's fetch. */
function setUp(options) {
  const server = createFakeFlowsta(lib, { signupDifficulty: 0, ...options });
  const call = (fn, args = {}, fetchImpl = server.fetch) => fn({ ...args, baseURL: BASE, fetch: fetchImpl });
  return { server, call };
}

/** Registers `username` and signs in (no keys yet): login's result. */
async function newAccount({ call }, username = 'alice', password = 'old password', extra = {}) {
  await call(F.register, { username, password, ...extra });
  return call(F.login, { username, password });
}

/** Signs up as the sign-up page does: register, login, setUpNewAccountKeys. */
async function signUp(context, username = 'alice', password = 'old password', extra = {}) {
  const signedIn = await newAccount(context, username, password, extra);
  const keys = await context.call(F.setUpNewAccountKeys, signedIn);
  return { ...signedIn, ...keys };
}

/** Asserts that none of `secrets` (strings, or bytes in hex and base64url) is in what the server received. */
function assertNotSent(server, secrets) {
  const wire = JSON.stringify(server.requests);
  for (const secret of secrets) {
    const forms = typeof secret === 'string' ? [secret] : [hex(secret), bytes.toBase64Url(secret)];
    for (const form of forms) assert.ok(!wire.includes(form), `a secret reached the server (${form.slice(0, 12)}…)`);
  }
}

/** Rejects with a FlowstaAuthError of `code` (and `status`, when given). */
const failsWith = (code, status) => (error) => {
  assert.ok(error instanceof F.FlowstaAuthError, `${error?.name}: ${error?.message}`);
  assert.equal(error.code, code);
  if (status !== undefined) assert.equal(error.status, status);
  return true;
};

/** The root key opened from the account's stored recovery envelope with the export key of `code`. */
async function recoveryKeyOf(context, username, code) {
  const client = new lib.opaque.OpaqueClient();
  const { ke1, state } = await client.startLogin(R.parseRecoveryCode(code));
  const start = await context.server.newBrowser().fetch(`${BASE}/auth/recovery/start`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, ke1: bytes.toBase64Url(ke1) }),
  }).then((r) => r.json());
  const { exportKey } = await client.finishLogin(state, bytes.fromBase64Url(start.ke2));
  const account = context.server.accounts.get(username);
  return R.openEnvelope({ kind: 'recovery', lockSecret: exportKey, userId: account.user.id, envelope: account.keys.recovery.envelope });
}

test('sign-up: a root key, a password envelope and a recovery record with its envelope; the next sign-in opens the same root key', async () => {
  const context = setUp();
  const { server, call } = context;
  const signedIn = await newAccount(context);
  assert.deepEqual(signedIn.envelopes, {}, 'a new account has no envelope yet');
  const { rootKey, recoveryCode } = await call(F.setUpNewAccountKeys, signedIn);
  assert.ok(rootKey instanceof Uint8Array && rootKey.length === 32);
  assert.match(recoveryCode, CODE);

  const paths = server.requests.map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(paths.slice(-2), ['POST /auth/recovery/register/start', 'POST /auth/keys']);
  const setUpBody = server.requests.at(-1).body;
  assert.deepEqual(setUpBody.envelopes.map((e) => e.kind), ['password']);
  assert.deepEqual(Object.keys(setUpBody.recovery).sort(), ['envelope', 'registration_record']);
  const account = server.accounts.get('alice');
  assert.deepEqual(await R.openEnvelope({ kind: 'password', lockSecret: signedIn.exportKey, userId: signedIn.user.id, envelope: account.keys.envelopes.password }), rootKey);
  assert.deepEqual(await recoveryKeyOf(context, 'alice', recoveryCode), rootKey, 'the recovery record signs in with the code and its envelope opens the root key');
  assert.deepEqual(await call(F.listSessions).then((items) => items.length), 1);

  // Sign-in: login/finish hands over the password envelope; it opens to the same root key.
  const again = await call(F.login, { username: 'alice', password: 'old password' });
  assert.deepEqual(Object.keys(again.envelopes), ['password']);
  assert.deepEqual(await call(F.openOrCreateRootKey, again), { rootKey, legacyVaultKey: null, created: false });
  assert.equal(server.requests.filter((r) => r.path === '/auth/keys').length, 1, 'nothing stored again');
  assertNotSent(server, [rootKey, signedIn.exportKey, recoveryCode, R.parseRecoveryCode(recoveryCode), 'old password']);
});

test('an account older than the root key (or made by another client) gets one at its first sign-in, with a legacy-vault envelope', async () => {
  const context = setUp();
  const { server, call } = context;
  const signedIn = await newAccount(context, 'bob', 'bob password');
  // The vault as the old pages left it: format 1 under the export key's vault key.
  const vault = fakeVault();
  const oldKey = await V.deriveVaultKey(signedIn.exportKey);
  const id = crypto.randomUUID();
  vault.entries.set(id, { kind: 'signin', ciphertext: await V.sealEntry(oldKey, { id, kind: 'signin', plaintext: '{"type":"signin"}', format: 1 }) });

  const made = await call(F.openOrCreateRootKey, signedIn);
  assert.equal(made.created, true);
  assert.deepEqual(made.legacyVaultKey, await R.legacyVaultKeyBytes(signedIn.exportKey));
  const posted = server.requests.at(-1);
  assert.equal(posted.path, '/auth/keys');
  assert.deepEqual(posted.body.envelopes.map((e) => e.kind), ['password', 'legacy-vault']);
  assert.equal(posted.body.recovery, undefined, 'no recovery code without the user seeing it');

  // The next sign-in, on any device: the same root key and the old vault key, which still reads the old entries.
  const again = await call(F.login, { username: 'bob', password: 'bob password' });
  assert.deepEqual(Object.keys(again.envelopes).sort(), ['legacy-vault', 'password']);
  const opened = await call(F.openOrCreateRootKey, again);
  assert.deepEqual(opened, { rootKey: made.rootKey, legacyVaultKey: made.legacyVaultKey, created: false });
  const { key } = { key: (await R.deriveRootKeys(opened.rootKey)).vaultKey };
  assert.equal(await V.rewriteLegacyEntries({ key, legacyKey: opened.legacyVaultKey, fetch: vault.fetch }), 1);
  assert.equal(await V.openEntry(key, { id, kind: 'signin', sealed: vault.entries.get(id).ciphertext }), '{"type":"signin"}');

  // Envelopes kept from before another client stored a root key: 409 root_key_exists, nothing replaced.
  await assert.rejects(call(F.openOrCreateRootKey, signedIn), failsWith('root_key_exists', 409));
  assert.deepEqual(await call(F.openOrCreateRootKey, again), opened);
  assertNotSent(server, [made.rootKey, made.legacyVaultKey, signedIn.exportKey, 'bob password']);
});

test('openOrCreateRootKey: an envelope that does not open is invalid_envelope; an old sign-in is reauthentication_required', async () => {
  let clock = Date.now();
  const context = setUp({ now: () => clock });
  const alice = await signUp(context);
  const bob = await signUp(context, 'bob', 'bob password');
  const signedIn = await context.call(F.login, { username: 'alice', password: 'old password' });
  // The server hands alice bob's envelope, or one for another user id.
  await assert.rejects(context.call(F.openOrCreateRootKey, { ...signedIn, envelopes: { password: context.server.accounts.get('bob').keys.envelopes.password } }),
    failsWith('invalid_envelope'));
  await assert.rejects(context.call(F.openOrCreateRootKey, { ...signedIn, user: bob.user }), failsWith('invalid_envelope'));
  await assert.rejects(context.call(F.openOrCreateRootKey, { ...signedIn, user: { id: 'user-1' } }), failsWith('invalid_response'));
  assert.deepEqual((await context.call(F.openOrCreateRootKey, signedIn)).rootKey, alice.rootKey);

  // Storing keys needs a sign-in within 5 minutes.
  const carol = await newAccount(context, 'carol', 'carol password');
  clock += 6 * 60 * 1000;
  await assert.rejects(context.call(F.setUpNewAccountKeys, carol), failsWith('reauthentication_required', 403));
  await assert.rejects(context.call(F.openOrCreateRootKey, carol), failsWith('reauthentication_required', 403));
  assert.equal(context.server.accounts.get('carol').keys, null);
});

test('password change keeps the root key; other sessions end; a wrong current password changes nothing', async () => {
  const context = setUp();
  const { server, call } = context;
  const { rootKey, recoveryCode } = await signUp(context);
  const laptop = server.newBrowser();
  await call(F.login, { username: 'alice', password: 'old password' }, laptop.fetch);
  assert.equal((await call(F.listSessions)).length, 2);

  await assert.rejects(call(F.changePassword, { username: 'alice', currentPassword: 'wrong', newPassword: 'new password' }),
    failsWith('invalid_credentials', 0));
  assert.equal(server.requests.filter((r) => r.path === '/auth/password').length, 0);

  const changed = await call(F.changePassword, { username: 'alice', currentPassword: 'old password', newPassword: 'new password' });
  assert.deepEqual(changed.rootKey, rootKey);
  assert.equal(changed.user.username, 'alice');
  assert.deepEqual(server.requests.slice(-3).map((r) => `${r.method} ${r.path}`),
    ['DELETE ' + server.requests.at(-3).path, 'POST /auth/opaque/register/start', 'POST /auth/password']);
  assert.match(server.requests.at(-3).path, /^\/auth\/sessions\/s-/, 'the session the fresh sign-in replaced is ended');
  const sessions = await call(F.listSessions);
  assert.deepEqual(sessions.map((s) => s.current), [true], 'only this browser\'s new session is left');
  await assert.rejects(call(F.listSessions, {}, laptop.fetch), failsWith('unauthorized', 401));

  await assert.rejects(call(F.login, { username: 'alice', password: 'old password' }), failsWith('invalid_credentials'));
  const signedIn = await call(F.login, { username: 'alice', password: 'new password' });
  assert.deepEqual((await call(F.openOrCreateRootKey, signedIn)).rootKey, rootKey, 'same root key: same vault, same analytics ids');
  assert.deepEqual(await recoveryKeyOf(context, 'alice', recoveryCode), rootKey, 'the recovery code still works');
  assertNotSent(server, [rootKey, signedIn.exportKey, 'old password', 'new password']);
});

test('a new recovery code: the old one stops working, the new one opens the same root key', async () => {
  const context = setUp();
  const { server, call } = context;
  const { rootKey, recoveryCode: oldCode } = await signUp(context);
  await assert.rejects(call(F.makeNewRecoveryCode, { username: 'alice', password: 'wrong' }), failsWith('invalid_credentials'));
  const made = await call(F.makeNewRecoveryCode, { username: 'alice', password: 'old password' });
  assert.match(made.recoveryCode, CODE);
  assert.notEqual(made.recoveryCode, oldCode);
  assert.deepEqual(made.rootKey, rootKey);
  assert.equal(made.created, false);
  assert.deepEqual(server.requests.slice(-2).map((r) => `${r.method} ${r.path}`), ['POST /auth/recovery/register/start', 'PUT /auth/recovery']);
  assert.equal(server.requests.at(-1).headers['Content-Type'], 'application/json');
  assert.deepEqual(await recoveryKeyOf(context, 'alice', made.recoveryCode), rootKey);
  await assert.rejects(call(F.recoverWithCode, { username: 'alice', code: oldCode, newPassword: 'whatever 1' }), failsWith('invalid_credentials'));
  assert.equal((await call(F.listSessions)).length, 1, 'the fresh sign-in replaced the session');

  // An account without a root key gets one first (no legacy entries are lost: the legacy-vault envelope comes with it).
  await newAccount(context, 'dora', 'dora password');
  const first = await call(F.makeNewRecoveryCode, { username: 'dora', password: 'dora password' });
  assert.equal(first.created, true);
  assert.ok(first.legacyVaultKey);
  assert.deepEqual(await recoveryKeyOf(context, 'dora', first.recoveryCode), first.rootKey);
  assertNotSent(server, [rootKey, made.recoveryCode, R.parseRecoveryCode(made.recoveryCode), first.rootKey]);
});

test('recovery with the code (typed in lowercase with spaces): a new password, the same root key and old vault key, signed in', async () => {
  const context = setUp();
  const { server, call } = context;
  await newAccount(context, 'erin', 'erin password');
  const signedIn = await call(F.login, { username: 'erin', password: 'erin password' });
  const { rootKey, legacyVaultKey } = await call(F.openOrCreateRootKey, signedIn);
  const { recoveryCode } = await call(F.makeNewRecoveryCode, { username: 'erin', password: 'erin password' });
  const other = server.newBrowser();
  await call(F.login, { username: 'erin', password: 'erin password' }, other.fetch);

  const typed = ` ${recoveryCode.toLowerCase().replaceAll('-', ' ').replace(/0/g, 'o')} `;
  const phone = server.newBrowser();
  const recovered = await call(F.recoverWithCode, { username: 'Erin', code: typed, newPassword: 'brand new password' }, phone.fetch);
  assert.deepEqual(recovered.rootKey, rootKey);
  assert.deepEqual(recovered.legacyVaultKey, legacyVaultKey);
  assert.equal(recovered.user.username, 'erin');
  assert.deepEqual(server.requests.slice(-3).map((r) => r.path), ['/auth/recovery/start', '/auth/recovery/finish', '/auth/recovery/complete']);
  assert.deepEqual((await call(F.listSessions, {}, phone.fetch)).map((s) => s.current), [true], 'signed in; every other session ended');
  await assert.rejects(call(F.listSessions, {}, other.fetch), failsWith('unauthorized'));

  await assert.rejects(call(F.login, { username: 'erin', password: 'erin password' }), failsWith('invalid_credentials'));
  const after = await call(F.login, { username: 'erin', password: 'brand new password' });
  assert.deepEqual(await call(F.openOrCreateRootKey, after), { rootKey, legacyVaultKey, created: false });
  assert.deepEqual(await recoveryKeyOf(context, 'erin', recoveryCode), rootKey, 'the code still works after a recovery');
  assertNotSent(server, [rootKey, recoveryCode, R.parseRecoveryCode(recoveryCode), typed.trim(), 'brand new password', after.exportKey]);
});

test('recovery: a wrong code is invalid_credentials (KE3 never sent); a malformed one invalid_recovery_code before any request', async () => {
  const context = setUp();
  const { server, call } = context;
  const { recoveryCode } = await signUp(context);
  const wrong = R.generateRecoveryCode().code;
  const before = server.requests.length;
  await assert.rejects(call(F.recoverWithCode, { username: 'alice', code: wrong, newPassword: 'new password' }), failsWith('invalid_credentials', 0));
  assert.deepEqual(server.requests.slice(before).map((r) => r.path), ['/auth/recovery/start']);
  await assert.rejects(call(F.recoverWithCode, { username: 'nobody', code: recoveryCode, newPassword: 'new password' }), failsWith('invalid_credentials'));

  const count = server.requests.length;
  for (const code of ['', 'XXXX-XXXX', `${recoveryCode}-A`, recoveryCode.replace(/.$/, 'U'), undefined]) {
    await assert.rejects(call(F.recoverWithCode, { username: 'alice', code, newPassword: 'new password' }), failsWith('invalid_recovery_code', 0));
  }
  assert.equal(server.requests.length, count, 'nothing was sent');
  // The right code still works afterwards (the failed attempts changed nothing).
  await call(F.recoverWithCode, { username: 'alice', code: recoveryCode, newPassword: 'new password' });
});

test('reset through the verified address: a new root key and a new recovery code; the vault is deleted; the link works once', async () => {
  const vault = fakeVault();
  const context = setUp({ vault });
  const { server, call } = context;
  const old = await signUp(context, 'fay', 'fay password', { email: 'Fay@Example.com' });
  vault.entries.set(crypto.randomUUID(), { kind: 'signin', ciphertext: 'AgAA' });

  // Not verified yet: the same answer, and no mail.
  const mails = () => server.outbox.filter((m) => m.kind === 'reset');
  assert.deepEqual(await call(F.requestPasswordReset, { email: 'fay@example.com' }), {});
  assert.equal(mails().length, 0);
  const verification = server.outbox.find((m) => m.kind === 'email_verification');
  const verified = await call(F.verifyEmail, { token: verification.token }, server.newBrowser().fetch);
  assert.equal(verified.user.email_verified, true);
  assert.deepEqual(await call(F.requestPasswordReset, { email: 'nobody@example.com' }), {});
  assert.deepEqual(await call(F.requestPasswordReset, { email: 'fay@example.com' }), {});
  assert.equal(mails().length, 1);
  await assert.rejects(call(F.requestPasswordReset, { email: 'not an address' }), failsWith('invalid_request', 400));

  const browser = server.newBrowser();
  const reset = await call(F.resetPassword, { token: mails()[0].token, newPassword: 'fay new password' }, browser.fetch);
  assert.match(reset.recoveryCode, CODE);
  assert.notEqual(reset.recoveryCode, old.recoveryCode);
  assert.notEqual(hex(reset.rootKey), hex(old.rootKey), 'a new root key');
  assert.equal(reset.user.username, 'fay');
  assert.equal(vault.entries.size, 0, 'the history under the old key is gone');
  assert.deepEqual((await call(F.listSessions, {}, browser.fetch)).map((s) => s.current), [true]);
  await assert.rejects(call(F.listSessions), failsWith('unauthorized'), 'the old session ended');

  const signedIn = await call(F.login, { username: 'fay', password: 'fay new password' });
  assert.deepEqual(signedIn.envelopes['legacy-vault'], undefined);
  assert.deepEqual((await call(F.openOrCreateRootKey, signedIn)).rootKey, reset.rootKey);
  assert.deepEqual(await recoveryKeyOf(context, 'fay', reset.recoveryCode), reset.rootKey);
  await assert.rejects(call(F.recoverWithCode, { username: 'fay', code: old.recoveryCode, newPassword: 'x password' }), failsWith('invalid_credentials'));
  await assert.rejects(call(F.resetPassword, { token: mails()[0].token, newPassword: 'again password' }), failsWith('invalid_token', 400));
  await assert.rejects(call(F.resetPassword, { token: 'made-up', newPassword: 'again password' }), failsWith('invalid_token'));
  assertNotSent(server, [reset.rootKey, reset.recoveryCode, R.parseRecoveryCode(reset.recoveryCode), 'fay new password']);
});

test('email: verify with the link\'s token (once), send the link again, nothing to verify, an address verified by another account', async () => {
  const context = setUp();
  const { server, call } = context;
  await signUp(context, 'gus', 'gus password', { email: 'shared@example.com' });
  const first = server.outbox.find((m) => m.kind === 'email_verification' && m.to === 'shared@example.com');
  await assert.rejects(call(F.verifyEmail, { token: 'not-a-token' }), failsWith('invalid_token', 400));
  assert.deepEqual(await call(F.resendVerification), {});
  const second = server.outbox.at(-1);
  assert.equal(second.kind, 'email_verification');
  assert.equal(server.requests.at(-1).body, null, 'no body');
  assert.equal(server.requests.at(-1).headers['Content-Type'], 'application/json', 'but sent as JSON (CSRF rule)');
  const { user } = await call(F.verifyEmail, { token: second.token });
  assert.equal(user.email_verified, true);
  await assert.rejects(call(F.verifyEmail, { token: second.token }), failsWith('invalid_token'), 'single use');
  await assert.rejects(call(F.resendVerification), failsWith('nothing_to_verify', 409));

  // Another account typed the same address: it cannot verify it any more.
  const other = server.newBrowser();
  await call(F.register, { username: 'hal', password: 'hal password', email: 'shared@example.com' }, other.fetch);
  const hers = server.outbox.at(-1);
  await assert.rejects(call(F.verifyEmail, { token: hers.token }), failsWith('email_in_use', 409));
  assert.ok(first.token);
});

test('sessions: listed with this browser marked; ending one, and all the others', async () => {
  const context = setUp();
  const { server, call } = context;
  await signUp(context);
  const [phone, laptop] = [server.newBrowser(), server.newBrowser()];
  await call(F.login, { username: 'alice', password: 'old password' }, phone.fetch);
  await call(F.login, { username: 'alice', password: 'old password' }, laptop.fetch);
  const listed = await call(F.listSessions);
  assert.equal(listed.length, 3);
  assert.deepEqual(listed.map((s) => s.current), [false, false, true]);
  for (const s of listed) assert.match(s.created_on, /^\d{4}-\d{2}-\d{2}$/);

  const phoneId = (await call(F.listSessions, {}, phone.fetch)).find((s) => s.current).id;
  assert.deepEqual(await F.endSession(phoneId, { baseURL: BASE, fetch: server.fetch }), {});
  assert.equal(server.requests.at(-1).method, 'DELETE');
  assert.equal(server.requests.at(-1).headers['Content-Type'], 'application/json');
  await assert.rejects(call(F.listSessions, {}, phone.fetch), failsWith('unauthorized'));
  await assert.rejects(F.endSession(phoneId, { baseURL: BASE, fetch: server.fetch }), failsWith('not_found', 404));
  assert.equal((await call(F.listSessions)).length, 2);

  assert.deepEqual(await F.endOtherSessions({ baseURL: BASE, fetch: server.fetch }), {});
  assert.deepEqual((await call(F.listSessions)).map((s) => s.current), [true]);
  await assert.rejects(call(F.listSessions, {}, laptop.fetch), failsWith('unauthorized'));
  await assert.rejects(F.endSession('', { baseURL: BASE, fetch: server.fetch }), failsWith('invalid_request'));
});
