// What the sign-up proof of work (Public/js/signup-proof.js) costs in Node: solves random
// challenges shaped like the server's (67 base64url characters) at each difficulty and prints
// the mean wall time, the hash rate (nonces tried / time; about 2^d tries per solve), the share
// of a core the process got (CPU/wall) and the rate per CPU-second: on a shared machine the last
// is closer to what an idle core does. Every nonce is checked with node:crypto.
//
//   node benchmarks/signup-proof/node_cost.mjs [--runs N] [--difficulties 16,18,20,22] [--smoke]
//
// --smoke: difficulty 8, one run (checks that it works, measures nothing).
import { createHash, randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { solveSignupProof } from '../../Public/js/signup-proof.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const smoke = args.includes('--smoke');
const runs = smoke ? 1 : Number(option('--runs', '8'));
const difficulties = smoke ? [8] : option('--difficulties', '16,18,20,22').split(',').map(Number);
const USERNAME = 'bench_user';

function zeroBits(challenge, nonce) {
  const digest = createHash('sha256').update(`flowsta-signup-v1:${challenge}:${USERNAME}:${nonce}`).digest();
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
// Warm-up: let the JIT compile the search before anything is timed.
await solveSignupProof({ challenge: randomBytes(50).toString('base64url').slice(0, 67), difficulty: 14, username: USERNAME });

console.log('difficulty  runs  mean time    hashes/s  CPU/wall  hashes/CPU-s  expected 2^d at this rate');
for (const difficulty of difficulties) {
  let attempts = 0;
  let wall = 0;
  let cpu = 0;
  for (let run = 0; run < runs; run++) {
    const challenge = randomBytes(50).toString('base64url').slice(0, 67);
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const nonce = await solveSignupProof({ challenge, difficulty, username: USERNAME });
    wall += performance.now() - started;
    const used = process.cpuUsage(cpu0);
    cpu += (used.user + used.system) / 1000;
    if (zeroBits(challenge, nonce) < difficulty) throw new Error(`wrong nonce ${nonce} for ${challenge}`);
    attempts += Number(nonce) + 1;
  }
  const rate = attempts / (wall / 1000);
  console.log(`${String(difficulty).padStart(10)}  ${String(runs).padStart(4)}  ${(wall / runs).toFixed(0).padStart(6)} ms  `
    + `${(rate / 1e6).toFixed(2).padStart(6)} M/s  ${(cpu / wall).toFixed(2).padStart(8)}  `
    + `${(attempts / cpu / 1000).toFixed(2).padStart(8)} M/s  ${(2 ** difficulty / rate).toFixed(2).padStart(23)} s`);
}
