"""Graceful drain of `flowsta serve` (issue #19): after SIGTERM `/ready` answers 503 `draining`
while every other request is still served, a request in flight when the drain ends still gets
its answer, and the process then exits 0 and closes its port.

    drain_check.py BINARY
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DRAIN_SECONDS = 3
failures = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, path, timeout=5):
    try:
        with urllib.request.urlopen(url + path, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:
        return None, str(error).encode()


def main():
    binary = os.path.abspath(sys.argv[1])
    data = tempfile.mkdtemp(prefix="flowsta-drain.")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = dict(os.environ, FLOWSTA_DRAIN_SECONDS=str(DRAIN_SECONDS), FLOWSTA_SIGNUP_PROOF_BITS="8")
    env.pop("DATABASE_URL", None)
    log_path = os.path.join(data, "server.log")
    with open(log_path, "wb") as log:
        process = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", str(port), "--issuer", url, "--data-dir", data],
                                   cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and get(url, "/health", 1)[0] != 200:
            if process.poll() is not None:
                raise SystemExit("the server exited at start:\n" + open(log_path).read()[-4000:])
            time.sleep(0.2)
        check(get(url, "/ready")[0] == 200, "before the signal: /ready 200")

        signalled = time.monotonic()
        process.send_signal(signal.SIGTERM)
        status, body = None, b""
        while time.monotonic() - signalled < 1:
            status, body = get(url, "/ready")
            if status == 503:
                break
            time.sleep(0.02)
        reason = json.loads(body or b"{}").get("error") if status == 503 else None
        check(status == 503 and reason == "draining", f"SIGTERM -> /ready 503 draining within a second (got {status} {body[:80]!r})")
        check(get(url, "/health")[0] == 200, "draining: /health still 200")
        status, body = get(url, "/.well-known/openid-configuration")
        check(status == 200 and b'"issuer"' in body, "draining: discovery still served (200)")
        status, _ = get(url, "/auth/me")
        check(status == 401, f"draining: API requests still answered (401 without a session, got {status})")

        # A connection that sends its request just before the drain ends gets its answer.
        late = {}

        def late_request():
            time.sleep(max(0, DRAIN_SECONDS - 0.3 - (time.monotonic() - signalled)))
            late["status"] = get(url, "/.well-known/jwks.json", timeout=10)[0]

        thread = threading.Thread(target=late_request)
        thread.start()
        thread.join(15)
        check(late.get("status") == 200, f"a request sent 0.3 s before the drain ends is answered (got {late.get('status')})")

        try:
            code = process.wait(DRAIN_SECONDS + 20)
        except subprocess.TimeoutExpired:
            code = None
        elapsed = time.monotonic() - signalled
        check(code == 0, f"the process exits 0 after the drain (exit {code}, {elapsed:.1f} s after SIGTERM)")
        check(elapsed >= DRAIN_SECONDS - 0.2, f"it served for the whole drain ({DRAIN_SECONDS} s) first")
        check(get(url, "/health", 1)[0] is None, "afterwards the port is closed")
        log = open(log_path).read()
        check("draining before shutdown" in log, "the log says it drained")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if failures:
        print("--- server output ---\n" + open(log_path).read()[-4000:])
        shutil.rmtree(data, ignore_errors=True)
        raise SystemExit(f"{len(failures)} failed")
    shutil.rmtree(data, ignore_errors=True)
    print("drain: every check passed")


if __name__ == "__main__":
    main()
