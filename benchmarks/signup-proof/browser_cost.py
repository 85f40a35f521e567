#!/usr/bin/env python3
"""What the sign-up proof of work (Public/js/signup-proof.js) costs in headless Chromium.

A loopback HTTP server (127.0.0.1, a free port) serves Public/ and an empty page; the page imports
/js/signup-proof.js and solves random challenges shaped like the server's (67 base64url
characters) for each difficulty. Printed per difficulty: the mean wall time of a solve, the hash
rate (nonces tried / time; about 2^d tries per solve), the time 2^d tries take at that rate, and
the longest the page's main thread went without running a timer (the solver yields every 20,000
tries). Every nonce is checked with hashlib. Chromium runs with background networking off and
every host name but 127.0.0.1 unresolvable.

    "$(scripts/test-venv)" benchmarks/signup-proof/browser_cost.py [--runs N] [--difficulties 16,18,20] [--smoke]

--smoke: difficulty 8, one run (checks that it works, measures nothing). Needs selenium,
/usr/bin/chromium and /usr/bin/chromedriver (as Tests/js/browser/run_vectors.py).
"""

import argparse
import hashlib
import os
import secrets
import sys
import tempfile

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    sys.exit("selenium is missing: run this script with \"$(scripts/test-venv)\"")

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# The loopback page server of the Chromium vector check (no caching, strict CSP, quiet).
sys.path.insert(0, os.path.join(REPO, "Tests", "js", "browser"))
from run_vectors import serve  # noqa: E402
USERNAME = "bench_user"
PAGE = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>signup proof cost</title></head><body></body></html>\n"

# Runs in the page: solves one challenge, returns {nonce, ms, stallMs}.
SOLVE = """
const [challenge, difficulty, username, done] = arguments;
import('/js/signup-proof.js').then(async ({ solveSignupProof }) => {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 0);
  const started = performance.now();
  try {
    const nonce = await solveSignupProof({ challenge, difficulty, username });
    const ms = performance.now() - started;
    stall = Math.max(stall, performance.now() - last);
    done({ nonce, ms, stallMs: stall });
  } catch (error) {
    done({ error: String(error && error.stack || error) });
  } finally {
    clearInterval(timer);
  }
}, (error) => done({ error: String(error) }));
"""


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def zero_bits(challenge, nonce):
    digest = hashlib.sha256(f"flowsta-signup-v1:{challenge}:{USERNAME}:{nonce}".encode("utf-8")).digest()
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def solve(driver, difficulty):
    challenge = secrets.token_urlsafe(51)[:67]
    result = driver.execute_async_script(SOLVE, challenge, difficulty, USERNAME)
    if "error" in result:
        raise RuntimeError(result["error"])
    nonce = result["nonce"]
    if zero_bits(challenge, nonce) < difficulty:
        raise RuntimeError(f"nonce {nonce} does not solve {challenge} at {difficulty} bits")
    return int(nonce) + 1, result["ms"], result["stallMs"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--difficulties", default="16,18,20")
    parser.add_argument("--smoke", action="store_true", help="difficulty 8, one run")
    args = parser.parse_args()
    difficulties = [8] if args.smoke else [int(d) for d in args.difficulties.split(",")]
    runs = 1 if args.smoke else args.runs

    with tempfile.TemporaryDirectory() as root:
        os.symlink(os.path.join(REPO, "Public", "js"), os.path.join(root, "js"))
        with open(os.path.join(root, "bench.html"), "w", encoding="utf-8") as page:
            page.write(PAGE)
        server, base = serve(root)
        driver = browser()
        try:
            driver.set_script_timeout(900)
            driver.get(f"{base}/bench.html")
            print(f"Chromium {driver.capabilities.get('browserVersion')}, {os.cpu_count()} CPUs, "
                  f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            solve(driver, 14)  # warm-up: the JIT compiles the search before anything is timed
            print("difficulty  runs  mean time    hashes/s  expected 2^d at this rate  longest stall")
            for difficulty in difficulties:
                attempts = wall = stall = 0
                for _ in range(runs):
                    tries, ms, stalled = solve(driver, difficulty)
                    attempts += tries
                    wall += ms
                    stall = max(stall, stalled)
                rate = attempts / (wall / 1000)
                print(f"{difficulty:>10}  {runs:>4}  {wall / runs:>6.0f} ms  {rate / 1e6:>6.2f} M/s  "
                      f"{2 ** difficulty / rate:>23.2f} s  {stall:>10.1f} ms")
        finally:
            driver.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
