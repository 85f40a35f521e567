"""Shared by the fuzzers: the server under test (started, watched and restarted after a crash
with the same port, data directory and database) and the findings they record."""
import collections
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../.."))

# Billing is on so that /webhooks/stripe verifies Stripe-Signature and the billing routes run.
# Stripe's API base is the server itself: its 404 answers are non-retryable errors, so a call to
# "Stripe" fails at once with 502 billing_provider_error, the documented answer (ALLOWED_502).
STRIPE_WEBHOOK_SECRET = "whsec_fuzz"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`flowsta serve` on a free loopback port with a throwaway data directory (like
    scripts/lib/test-server.sh), on DATABASE_URL when given, else SQLite in the data directory."""

    def __init__(self, binary, database_url=None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="flowsta-fuzz.")
        # A copy: restarts must run the same binary even if a build replaces the original.
        self.binary = shutil.copy2(binary, os.path.join(self.data, "flowsta"))
        self.log_path = os.path.join(self.data, "server.log")
        self.env = dict(os.environ, FLOWSTA_STRIPE_SECRET_KEY="sk_test_fuzz", FLOWSTA_STRIPE_WEBHOOK_SECRET=STRIPE_WEBHOOK_SECRET,
                        FLOWSTA_STRIPE_PRICE_SPARK="price_fuzz_spark", FLOWSTA_STRIPE_PRICE_PRO="price_fuzz_pro",
                        FLOWSTA_STRIPE_API_BASE=self.url,
                        # All requests come from 127.0.0.1: the per-address login limit would lock
                        # the fixture out once the fuzzers have tried 60 logins in a minute.
                        FLOWSTA_LOGIN_LIMIT_PER_ADDRESS="0",
                        # The sign-up proof of work stays on (its checks get fuzzed), but cheap
                        # for the fixture's sign-ups.
                        FLOWSTA_SIGNUP_PROOF_BITS="8")
        self.env.pop("DATABASE_URL", None)
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.process = None
        self.starts = 0

    def cli(self, *args):
        """Runs a `flowsta` command on the server's data (e.g. `orgs set-plan`)."""
        return subprocess.run([self.binary, *args, "--data-dir", self.data], cwd=REPO, env=self.env,
                              capture_output=True, text=True, timeout=120)

    def start(self):
        self.log_mark = self.log_size()
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--issuer", self.url,
                 "--data-dir", self.data, "--log-level", "warning"],
                cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.starts += 1
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.process.poll() is None:
            if self.healthy():
                return
            time.sleep(0.3)
        raise RuntimeError(f"the server did not become healthy on {self.url}:\n" + self.log_tail(self.log_mark, 60))

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def healthy(self, timeout=3):
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=timeout) as r:
                return r.status == 200
        except Exception:
            return False

    def exited(self):
        return self.process.poll() is not None

    def status(self):
        """None while the server answers GET /health; else "exited (code N)" or "unresponsive"
        (a live process that did not answer for 10 s)."""
        for _ in range(5):
            if self.healthy():
                return None
            if self.exited():
                return f"exited (code {self.process.returncode})"
            time.sleep(0.5)
        if self.healthy(timeout=8):
            return None
        return f"exited (code {self.process.returncode})" if self.exited() else "unresponsive"

    def restart(self):
        """Kills a hung server (ours), then starts it again on the same port, data and database."""
        self.stop()
        self.start()

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except OSError:
            return 0

    def log_lines(self, since):
        with open(self.log_path, "rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", "replace").splitlines()

    def log_tail(self, since, lines=15):
        """The log's last lines from offset `since`; after a crash, first its message and the
        crashed thread's top frames (Swift's backtrace ends with registers and images)."""
        text = self.log_lines(since)
        crash = []
        for i, line in enumerate(text):
            if "Fatal error" in line or "Program crashed" in line:
                crash.append(line)
            elif line.rstrip().endswith("crashed:"):
                crash += text[i:i + 12]
                break
        return "\n".join(crash + ["..."] * bool(crash) + text[-lines:])

    def errors_since(self, since):
        """The error lines logged from offset `since` (once the server's 50 ms log flush has
        run), counted, without their time and request id."""
        time.sleep(0.1)
        counts = collections.Counter()
        for line in self.log_lines(since):
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("level") in ("error", "critical"):
                counts[json.dumps({k: v for k, v in entry.items() if k not in ("ts", "request_id")})] += 1
        return "\n".join(f"{n} x {line}" for line, n in counts.most_common())


def destructive(method, template):
    """Operations that can end the fixture's account, session, organization, API key, app
    secret, membership or plan (the fuzzers run them last, or keep them away from real ids)."""
    return (method == "DELETE" or (method == "PATCH" and "/members/" in template) or (method == "PUT" and template.endswith("/plan"))
            or template.endswith(("/logout", "/signout", "/leave", "/rotate", "/revoke", "/remove", "/role", "/delete", "/secret",
                                  "/restore", "/billing/plan", "/active", "/disconnect")))


# 502 billing_provider_error is the documented answer when Stripe refuses (here always: see above).
ALLOWED_502 = ("/billing/", "/plan", "/webhooks/stripe")


def server_error(status, path):
    """A status the fuzzers report: any 5xx except a billing route's 502."""
    return status >= 500 and not (status == 502 and any(p in path for p in ALLOWED_502))


@dataclass
class Finding:
    phase: str  # "schema" or "raw"
    method: str
    route: str  # the path template, e.g. /api/v1/orgs/{org}
    case: str  # what was fuzzed, e.g. "Content-Type: ';'"
    outcome: str  # "HTTP 500", "server crashed (exited (code 132))", "no response (...)"
    request: str  # the exact request (raw bytes, abbreviated) or a curl command
    log: str = ""  # the server log: its last lines after a crash, else the errors it logged meanwhile


@dataclass
class Findings:
    items: list = field(default_factory=list)
    seen: set = field(default_factory=set)

    def is_new(self, phase, method, route, case, outcome):
        return (phase, method, route, case, outcome) not in self.seen

    def add(self, finding):
        """Records a finding once per (phase, method, route, case, outcome)."""
        key = (finding.phase, finding.method, finding.route, finding.case, finding.outcome)
        if key not in self.seen:
            self.seen.add(key)
            self.items.append(finding)
            print(f"FINDING [{finding.phase}] {finding.method} {finding.route} {finding.case} -> {finding.outcome}", flush=True)

    def report(self):
        """The full list, then a summary grouped by case (one cause often hits many routes)."""
        if not self.items:
            return
        print(f"\n===== {len(self.items)} distinct finding(s) =====")
        for i, f in enumerate(self.items, 1):
            print(f"\n--- {i}. [{f.phase}] {f.method} {f.route}: {f.outcome}\n    case: {f.case}\n    request: {f.request}")
            if f.log:
                print("    server log:\n" + "\n".join("      " + line for line in f.log.splitlines()))
        print("\n===== by case =====")
        grouped = collections.defaultdict(list)
        for f in self.items:
            grouped[(f.phase, f.case, f.outcome)].append(f)
        for (phase, case, outcome), group in sorted(grouped.items()):
            routes = [f"{f.method} {f.route}" for f in group]
            print(f"[{phase}] {case} -> {outcome}: {len(routes)} route(s): {', '.join(routes[:8])}{' ...' if len(routes) > 8 else ''}")
            if group[0].log:
                print(f"    server log: {group[0].log.splitlines()[0]}")
