/**
 * Sign It statements (docs/sign-it.md): the bytes the user's signing key signs for one file.
 * One statement per file, UTF-8, lines joined by LF (no LF at the end):
 *
 *   flowsta sign-it v1
 *   did=<the signer's did:key>
 *   file_hash=<64 lowercase hex digits>
 *   intent=<authorship|approval|witness|receipt|agreement>
 *   ai_generation=<none|assisted|generated>
 *   license=<licence, or empty>
 *   commercial_licensing=<not_available|open_to_licensing, or empty>
 *   ai_training=<allowed|allowed_with_attribution|requires_license|not_allowed, or empty>
 *   contact_preference=<no_contact|allow_contact_requests, or empty>
 *   signed_at=<YYYY-MM-DDTHH:MM:SSZ>
 *
 * Known answers: Tests/FlowstaCryptoTests/Vectors/sign-it-v1.json (PyNaCl).
 */

import { utf8 } from './bytes.js';
import { sign } from './signing-key.js';

export const STATEMENT_LABEL = 'flowsta sign-it v1';

const WORDS = {
  intent: ['authorship', 'approval', 'witness', 'receipt', 'agreement'],
  ai_generation: ['none', 'assisted', 'generated'],
  commercial_licensing: ['not_available', 'open_to_licensing'],
  ai_training: ['allowed', 'allowed_with_attribution', 'requires_license', 'not_allowed'],
  contact_preference: ['no_contact', 'allow_contact_requests'],
};

/** Throws `TypeError` unless `value` is one of `name`'s words (or, when `optional`, empty). */
function word(name, value, optional) {
  if (optional && (value === undefined || value === null)) return '';
  if (!WORDS[name].includes(value)) throw new TypeError(`${name}: not one of ${WORDS[name].join(', ')}`);
  return value;
}

/**
 * The statement of `file` (`{file_hash, intent, ai_generation, content_rights}` as the server
 * sends them) for the signer `did` at `signedAt` (the exact `YYYY-MM-DDTHH:MM:SSZ` string), as
 * bytes. Throws `TypeError` for a field that is not what the encoding allows.
 */
export function statement(did, file, signedAt) {
  if (typeof did !== 'string' || !did.startsWith('did:key:z')) throw new TypeError('did: expected a did:key');
  if (typeof file?.file_hash !== 'string' || !/^[0-9a-f]{64}$/.test(file.file_hash)) throw new TypeError('file_hash: expected 64 lowercase hex digits');
  if (typeof signedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(signedAt)) throw new TypeError('signed_at: expected YYYY-MM-DDTHH:MM:SSZ');
  const rights = file.content_rights ?? {};
  const license = rights.license ?? '';
  if (typeof license !== 'string' || license.length > 100 || !/^[\x20-\x7e]*$/.test(license)) throw new TypeError('license: printable ASCII');
  const lines = [
    STATEMENT_LABEL,
    `did=${did}`,
    `file_hash=${file.file_hash}`,
    `intent=${word('intent', file.intent, false)}`,
    `ai_generation=${word('ai_generation', file.ai_generation, false)}`,
    `license=${license}`,
    `commercial_licensing=${word('commercial_licensing', rights.commercial_licensing, true)}`,
    `ai_training=${word('ai_training', rights.ai_training, true)}`,
    `contact_preference=${word('contact_preference', rights.contact_preference, true)}`,
    `signed_at=${signedAt}`,
  ];
  return utf8(lines.join('\n'));
}

/** The signatures (64 bytes each) of every file's statement under `key` (`signingKeyOf`), in order. */
export async function signFiles(key, files, signedAt) {
  const signatures = [];
  for (const file of files) signatures.push(await sign(key.privateKey, statement(key.did, file, signedAt)));
  return signatures;
}
