// The pages' redirect check (Public/js/pages/same-origin.js): the open redirects a browser would
// follow after sign-in are refused, ordinary continuations are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LENGTH, sameOriginPath } from '../../Public/js/pages/same-origin.js';

const ORIGIN = 'https://auth.example.com';

test('paths on this server are kept', () => {
  for (const path of ['/account', '/oauth/authorize?client_id=a&redirect_uri=https%3A%2F%2Fapp.example%2Fcb', '/signin?continue=%2Faccount', '/a/b/../c']) {
    assert.equal(sameOriginPath(path, '/fallback', ORIGIN), path);
  }
});

test('anything that could leave the origin falls back', () => {
  const attacks = [
    '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\u0000/evil.example', '/ /evil.example',
    '//evil.example', '/\\evil.example', '\\\\evil.example', '/\\/evil.example', 'https://evil.example/',
    'javascript:alert(1)', 'evil.example', '', ' /account', '/caf\u00e9', '/\u2215\u2215evil.example',
    '/' + 'a'.repeat(MAX_LENGTH),
  ];
  for (const raw of attacks) assert.equal(sameOriginPath(raw, '/fallback', ORIGIN), '/fallback', JSON.stringify(raw));
});

test('non-strings and a missing origin fall back', () => {
  assert.equal(sameOriginPath(undefined, '/fallback', ORIGIN), '/fallback');
  assert.equal(sameOriginPath(null, '/fallback', ORIGIN), '/fallback');
  assert.equal(sameOriginPath('/account', '/fallback', undefined), '/fallback');
});
