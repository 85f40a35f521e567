// Runs the vector suite against the /js/ modules as served to browsers and publishes a JSON
// summary in <pre id="result" data-status="passed|failed"> for run_vectors.py.
import * as bytes from '/js/bytes.js';
import * as errors from '/js/errors.js';
import * as sha512 from '/js/sha512.js';
import * as group from '/js/ristretto255.js';
import * as oprf from '/js/oprf.js';
import * as primitives from '/js/opaque-primitives.js';
import * as opaque from '/js/opaque.js';
import * as argon2 from '/js/argon2id.js';
import * as auth from '/js/flowsta-auth.js';
import * as analytics from '/js/analytics.js';
import * as vault from '/js/vault.js';
import * as rootKey from '/js/root-key.js';
import * as signupProof from '/js/signup-proof.js';
import * as signingKey from '/js/signing-key.js';
import * as signIt from '/js/sign-it.js';
import { runSuite } from '../vectors-suite.mjs';

const lib = {
  bytes, errors, sha512, group, oprf, primitives, opaque, argon2, auth, analytics, vault, rootKey, signupProof, signingKey, signIt,
};
const output = document.getElementById('result');

async function load(name) {
  const response = await fetch(`/vectors/${name}`);
  if (!response.ok) throw new Error(`GET /vectors/${name}: HTTP ${response.status}`);
  return response.json();
}

async function main() {
  const started = performance.now();
  let summary;
  try {
    const results = await runSuite(load, lib);
    const failed = results.filter((r) => !r.ok);
    summary = {
      status: failed.length === 0 && results.length > 0 ? 'passed' : 'failed',
      total: results.length, passed: results.length - failed.length, failed: failed.length,
      durationMs: Math.round(performance.now() - started), userAgent: navigator.userAgent, results,
    };
  } catch (error) {
    summary = { status: 'failed', error: String(error?.stack ?? error) };
  }
  output.textContent = JSON.stringify(summary, null, 2);
  output.dataset.status = summary.status;
}

main();
