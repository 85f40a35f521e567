#!/usr/bin/env python3
"""Interop check: webhooks with independent receivers (issue #22).

Receivers on loopback (http.server threads) keep every request and answer 2xx only when it is
genuine: A verifies with the PyPI `standardwebhooks` package (`Webhook(secret).verify`), B
recomputes `X-Flowsta-Signature` (hex HMAC-SHA256 of the raw body keyed with the `whsec_...` text)
with hmac; A is made with a session on `/api/v1/orgs/{org}/webhooks`, B with an API key on
`/api/v1/webhooks`. Real events: an app is created, gets a secret, is renamed; an API key is made;
the operator's CLI lifts the plan and an invited member joins; an end user signs in to the app
with authlib (consent, PKCE, ID token checked with joserfc). Each event must reach both exactly
once, `webhook-id` = body `id`, user events naming the user only by the ID token's pairwise `sub`,
no body carrying a username, an e-mail address or the browser's User-Agent. Then: a rotation with
a one-hour grace (both secrets verify, `X-Flowsta-Signature` is the new one's) and without (only
the new one); C answers 500 once and gets the same event 30 s later (log: delivered, 2 attempts);
D answers 302, never followed (log: 302, pending); private, link-local, reserved, non-https and
credential URLs refused (400), at creation and by PATCH; a member gets 403, a session on the
API-key form 400; a redelivery repeats body and id.

The server must allow loopback targets (FLOWSTA_OUTBOUND_ALLOW_LOOPBACK=true). The member and plan
part runs the operator's CLI on the server's data, FLOWSTA_BIN and FLOWSTA_DATA_DIR (interop/run.sh
sets them); without them it is skipped. Usage: python3 webhooks_interop.py BASE_URL
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../Tests/support"))
sys.path.insert(0, HERE)
from flowsta_checks import (  # noqa: E402
    CHECKS, JSON_HEADERS, base_url, check, json_of, must, opaque_sign_up_and_in, run_checks, show,
)
from oidc_conformance import APP_SCOPES, REDIRECT_URI, Conformance  # noqa: E402

TIMEOUT = 30
EVENTS = ["user.signed_in", "consent.granted", "app.created", "app.updated", "api_key.created", "member.added", "plan.changed"]
QUIET = ["billing.updated"]  # C and D: nothing here fires it, so they only get test events
REFUSED = ["https://10.0.0.1/x", "https://192.168.1.1/x", "https://172.16.0.1/x", "https://169.254.169.254/latest/meta-data",
           "https://[fd00::1]/x", "https://[::ffff:10.0.0.1]/x", "https://100.64.0.1/x", "http://93.184.215.14/x",
           "ftp://127.0.0.1/x"]  # plus a loopback URL with user:pass@ (loopback itself is allowed here)


def standard_ok(secret, headers, body):
    """Standard Webhooks verification by the reference package (signature and timestamp)."""
    from standardwebhooks.webhooks import Webhook
    try:
        Webhook(secret).verify(body, headers)
        return True
    except Exception:
        return False


def refused(r, status=400, error="invalid_request"):
    return r.status_code == status and (json_of(r) or {}).get("error") == error


def flowsta_ok(secret, headers, body):
    """X-Flowsta-Signature: hex HMAC-SHA256 of the raw body, keyed with the secret's text."""
    mac = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(mac, headers.get("x-flowsta-signature", ""))


class Receiver:
    """A webhook endpoint on loopback: keeps every request (path, lower-case headers, raw body,
    answer) and answers 2xx only when `verify` accepts it with one of `secrets`; mode
    "fail-once" answers 500 to the first delivery, "redirect" answers 302 to /elsewhere."""

    def __init__(self, name, verify, mode=""):
        self.name, self.verify, self.mode = name, verify, mode
        self.secrets, self.got, self.hook = [], [], None
        lock, outer = threading.Lock(), self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 65536))
                headers = {k.lower(): v for k, v in self.headers.items()}
                with lock:
                    genuine = any(outer.verify(s, headers, body) for s in outer.secrets)
                    status = 400 if not genuine else 500 if outer.mode == "fail-once" and not outer.got else \
                        302 if outer.mode == "redirect" else 204
                    outer.got.append({"path": self.path, "method": self.command, "headers": headers, "body": body, "status": status})
                self.send_response(status)
                if status == 302:  # another path of the receiver itself
                    self.send_header("Location", outer.url.rsplit("/", 1)[0] + "/elsewhere")
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST  # a followed redirect would often arrive as GET

            def log_message(self, format, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook-{name.lower()}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def accepted(self):
        """The deliveries answered 2xx, as (entry, parsed body)."""
        return [(e, json.loads(e["body"])) for e in list(self.got) if 200 <= e["status"] < 300]

    def wait(self, done, seconds):
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            time.sleep(0.2)
        return done()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def main():
    base = base_url("webhooks_interop.py")
    if not base:
        return 2
    print(f"server: {base}")
    run = WebhooksRun(base)
    started = time.monotonic()
    run_checks(run)
    print(f"({time.monotonic() - started:.0f} s)")
    return CHECKS.summary()


class WebhooksRun(Conformance):
    def __init__(self, base):
        super().__init__(base)
        self.a, self.b = Receiver("A", standard_ok), Receiver("B", flowsta_ok)
        self.c, self.d = Receiver("C", standard_ok, "fail-once"), Receiver("D", standard_ok, "redirect")
        self.hooks = []  # (session, collection path, id): deleted in the cleanup
        self.agent = f"WebhooksInteropBrowser/{self.tag} (a User-Agent no payload may carry)"
        self.private = []  # strings no body may contain
        self.expected = {"app.created": 1, "app.updated": 2, "api_key.created": 1, "user.signed_in": 1, "consent.granted": 1}
        self.key = self.member = None

    def checks(self):
        self.setup_org()
        self.setup_endpoints()
        self.start_slow()
        self.trigger_events()
        self.check_events()
        self.rotation()
        self.redirect_not_followed()
        self.refusals()
        self.roles()
        self.retried_once()
        self.redeliver()

    # ------------------------------------------------------------------ setup

    def setup_org(self):
        r = self.plain.get(self.base + "/.well-known/openid-configuration", timeout=TIMEOUT)
        self.meta = json_of(r) or {}
        must("setup: discovery -> 200", r.status_code == 200 and self.meta.get("authorization_endpoint"), show(r))
        self.jwks = json_of(self.plain.get(self.meta["jwks_uri"], timeout=TIMEOUT)) or {}
        name, password = f"whdev-{self.tag}", "dev password " + secrets.token_hex(8)
        opaque_sign_up_and_in(self.dev, self.base, "setup: developer", name, password, f"{name}@example.com")
        self.accounts.append((name, password))
        self.private += [name, f"{name}@example.com"]
        r = self.dev.post(self.base + "/api/v1/orgs", json={"name": f"Webhooks {self.tag}", "contact_email": "dev@example.com"},
                          timeout=TIMEOUT)
        self.org = (json_of(r) or {}).get("id")
        must("setup: an organization", r.status_code == 201 and self.org, show(r))
        self.org_hooks = f"/api/v1/orgs/{self.org}/webhooks"
        # A key made before any endpoint exists: its api_key.created goes nowhere.
        r = self.dev.post(self.base + f"/api/v1/orgs/{self.org}/keys", json={"name": "webhooks interop"}, timeout=TIMEOUT)
        must("setup: an API key", r.status_code == 201 and (json_of(r) or {}).get("secret"), show(r))
        self.key = self.requests.Session()
        self.key.headers.update({"Accept": "application/json", "Authorization": "Bearer " + r.json()["secret"]})

    def create(self, session, path, receiver, events, label):
        r = session.post(self.base + path, json={"url": receiver.url, "description": f"receiver {receiver.name}", "events": events},
                         timeout=TIMEOUT)
        body = json_of(r) or {}
        hook, secret = body.get("webhook") or {}, body.get("secret") or ""
        must(f"1 {label} -> 201 {{webhook, secret whsec_...}}, enabled, the events asked for",
             r.status_code == 201 and hook.get("id") and re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", secret)
             and sorted(hook.get("events") or []) == sorted(events) and hook.get("enabled") is True and hook.get("url") == receiver.url,
             show(r))
        receiver.secrets, receiver.hook = [secret], hook["id"]
        self.hooks.append((session, path, hook["id"]))

    def setup_endpoints(self):
        self.create(self.dev, self.org_hooks, self.a, EVENTS, "receiver A (standardwebhooks): POST /api/v1/orgs/{org}/webhooks, session")
        self.create(self.key, "/api/v1/webhooks", self.b, EVENTS, "receiver B (X-Flowsta-Signature): POST /api/v1/webhooks, API key")
        self.create(self.dev, self.org_hooks, self.c, QUIET, "receiver C (fails once)")
        self.create(self.dev, self.org_hooks, self.d, QUIET, "receiver D (redirects)")
        r = self.key.get(self.base + "/api/v1/webhooks", timeout=TIMEOUT)
        items = (json_of(r) or {}).get("items") or []
        check("1 GET /api/v1/webhooks (API key) -> the 4 endpoints, oldest first, no secret",
              r.status_code == 200 and [i.get("id") for i in items] == [x.hook for x in (self.a, self.b, self.c, self.d)]
              and "whsec_" not in r.text and all("secret" not in i for i in items), show(r))

    def test_event(self, receiver):
        r = self.dev.post(self.base + f"{self.org_hooks}/{receiver.hook}/test", headers=JSON_HEADERS, timeout=TIMEOUT)
        body = json_of(r) or {}
        must(f"POST .../webhooks/{{{receiver.name}}}/test -> 202 a pending webhook.test delivery",
             r.status_code == 202 and body.get("event") == "webhook.test" and body.get("state") == "pending", show(r))
        return body

    def start_slow(self):
        """C's retry comes 30 s after its first attempt: its clock (and D's) starts first."""
        self.c_sent, self.c_delivery = time.monotonic(), self.test_event(self.c)
        self.d_delivery = self.test_event(self.d)

    # ------------------------------------------------------------------ real events

    def trigger_events(self):
        apps = f"/api/v1/orgs/{self.org}/apps"
        r = self.dev.post(self.base + apps, timeout=TIMEOUT, json={
            "name": f"Webhooks app {self.tag}", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": APP_SCOPES})
        app = json_of(r) or {}
        must("2 event: POST .../apps -> 201 (app.created)", r.status_code == 201 and app.get("id"), show(r))
        self.app = app["id"]
        self.apps.append((self.org, self.app))
        r = self.dev.post(self.base + f"{apps}/{self.app}/secret", headers=JSON_HEADERS, timeout=TIMEOUT)
        must("2 event: a client secret -> 201 (app.updated, change secret_rotated)", r.status_code == 201, show(r))
        self.client1 = {"id": app["client_id"], "secret": r.json()["client_secret"]}
        r = self.dev.patch(self.base + f"{apps}/{self.app}", json={"name": f"Webhooks app {self.tag} renamed"}, timeout=TIMEOUT)
        must("2 event: PATCH the app's name -> 200 (app.updated, change updated)", r.status_code == 200, show(r))
        r = self.dev.post(self.base + f"/api/v1/orgs/{self.org}/keys", json={"name": "second key"}, timeout=TIMEOUT)
        must("2 event: POST .../keys -> 201 (api_key.created)", r.status_code == 201, show(r))
        self.key2 = r.json()["key"]["id"]
        self.member_joins()
        self.sign_in()

    def cli(self, *args):
        return subprocess.run([self.binary, *args, "--data-dir", self.data_dir], cwd=os.path.join(HERE, ".."),
                              capture_output=True, text=True, timeout=120)

    def member_joins(self):
        """plan.changed (the operator's CLI: the free plan has one seat) and member.added (an
        invite, its link read from the outbox with the CLI, accepted by a second user)."""
        self.binary, self.data_dir = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        if not (self.binary and self.data_dir):
            print("SKIP member.added, plan.changed and a member's 403: FLOWSTA_BIN and FLOWSTA_DATA_DIR are not set")
            return
        out = self.cli("orgs", "set-plan", self.org, "pro")
        must("2 event: `flowsta orgs set-plan ORG pro` -> exit 0 (plan.changed)", out.returncode == 0, out.stderr[-300:])
        name, password = f"whmember-{self.tag}", "member password " + secrets.token_hex(8)
        r = self.dev.post(self.base + f"/api/v1/orgs/{self.org}/invites", json={"email": f"{name}@example.com", "role": "member"},
                          timeout=TIMEOUT)
        must("2 event: POST .../invites (member) -> 201", r.status_code == 201, show(r))
        out = self.cli("mail", "outbox")  # "--- id ...", "To: ...", "Subject: ...", the text; the server's other mails too
        mail = next((m for m in re.split(r"^--- ", out.stdout, flags=re.M) if f"\nTo: {name}@example.com\n" in m), "")
        tokens = re.findall(r"/invites/accept\?token=([A-Za-z0-9_-]{43})", mail)
        must("2 event: `flowsta mail outbox` holds the invite link", out.returncode == 0 and len(tokens) == 1, out.stdout[-500:])
        self.member = self.requests.Session()
        self.member.headers["Accept"] = "application/json"
        opaque_sign_up_and_in(self.member, self.base, "setup: member", name, password, f"{name}@example.com")
        self.accounts.append((name, password))
        self.private += [name, f"{name}@example.com"]
        r = self.member.post(self.base + "/api/v1/invites/accept", json={"token": tokens[0]}, timeout=TIMEOUT)
        must("2 event: the invite accepted -> 200 role member (member.added)",
             r.status_code == 200 and (json_of(r) or {}).get("role") == "member", show(r))
        self.expected.update({"plan.changed": 1, "member.added": 1})

    def sign_in(self):
        from authlib.oauth2.rfc7636 import create_s256_code_challenge

        self.username, self.password = f"whuser-{self.tag}", "user password " + secrets.token_hex(8)
        self.email = f"{self.username}@example.com"
        self.ua = self.user_agent()
        self.ua.headers["User-Agent"] = self.agent
        user = opaque_sign_up_and_in(self.ua, self.base, "setup: end user", self.username, self.password, self.email)
        self.accounts.append((self.username, self.password))
        self.private += [self.username, self.email, user["id"], self.agent]
        verifier = secrets.token_urlsafe(48)
        params = self.params(scope="openid email", code_challenge=create_s256_code_challenge(verifier), code_challenge_method="S256")
        outcome = self.authorize(params)  # the consent page: Allow, e-mail shared
        must("2 event: the user signs in to the app (authlib, consent, PKCE) -> a code", outcome.query.get("code"),
             self.describe(outcome))
        token = self.exchange(outcome.query["code"], self.client1, verifier)
        self.claims = self.verify_id_token(token["id_token"], self.client1, params["nonce"])

    # ------------------------------------------------------------------ what arrived

    def check_events(self):
        def complete(receiver):
            types = [b.get("type") for _, b in receiver.accepted()]
            return all(types.count(t) >= n for t, n in self.expected.items())

        for receiver in (self.a, self.b):
            receiver.wait(lambda: complete(receiver), 20)
        time.sleep(2)  # a duplicate would come now
        for receiver in (self.a, self.b):
            self.check_receiver(receiver)
        check("2 A and B got the same events (one id per event, whichever endpoint)",
              sorted(b["id"] for _, b in self.a.accepted()) == sorted(b["id"] for _, b in self.b.accepted()))

    def check_receiver(self, r):
        how = "standardwebhooks" if r is self.a else "X-Flowsta-Signature (hmac)"
        got = r.accepted()
        types = sorted(b.get("type") for _, b in got)
        check(f"2 {r.name}: every delivery verified with {how} and answered 2xx", all(200 <= e["status"] < 300 for e in r.got),
              repr([(e["status"], e["body"][:120]) for e in r.got if e["status"] >= 300]))
        check(f"2 {r.name}: each event exactly once: {sorted(self.expected.items())}",
              types == sorted(t for t, n in self.expected.items() for _ in range(n)) and len({b["id"] for _, b in got}) == len(got),
              repr(types))
        now = time.time()

        def well_formed(e, b):
            h = e["headers"]
            return (h.get("webhook-id") == b["id"] and b["id"].startswith("evt_") and h.get("x-flowsta-event") == b["type"]
                    and abs(int(h.get("webhook-timestamp", "0")) - now) < 120 and e["method"] == "POST"
                    and h.get("content-type", "").startswith("application/json") and sorted(b) == ["data", "id", "timestamp", "type"]
                    and all(isinstance(v, str) for v in b["data"].values()) and b["data"].get("organization_id") == self.org)

        check(f"2 {r.name}: webhook-id = body id (evt_...), X-Flowsta-Event = type, webhook-timestamp now, JSON body, string data",
              all(well_formed(e, b) for e, b in got), repr([(e["headers"], e["body"]) for e, _ in got][:2]))
        by = {}
        for _, b in got:
            by.setdefault(b["type"], []).append(b["data"])
        one = lambda kind: (by.get(kind) or [{}])[0]  # noqa: E731
        for kind in ("user.signed_in", "consent.granted"):
            check(f"2 {r.name}: {kind}: sub = the ID token's sub, app_id = the app",
                  one(kind).get("sub") == self.claims["sub"] and one(kind).get("app_id") == self.app, f"{one(kind)} vs sub {self.claims['sub']}")
        check(f"2 {r.name}: consent.granted carries the granted scope", set(one("consent.granted").get("scope", "").split()) >= {"openid", "email"},
              repr(one("consent.granted")))
        check(f"2 {r.name}: app.created and api_key.created name the app and the key",
              one("app.created").get("target_id") == self.app and one("api_key.created").get("target_id") == self.key2, repr(by))
        check(f"2 {r.name}: app.updated: change secret_rotated and updated",
              sorted(d.get("change", "") for d in by.get("app.updated", [])) == ["secret_rotated", "updated"], repr(by.get("app.updated")))
        if "member.added" in self.expected:
            plan = one("plan.changed")
            check(f"2 {r.name}: member.added role member, plan.changed free -> pro",
                  one("member.added").get("role") == "member" and (plan.get("previous_plan"), plan.get("plan")) == ("free", "pro"),
                  repr((by.get("member.added"), plan)))
        leaks = [x for x in self.private + ["@"] if any(x.encode() in e["body"] for e in r.got)]
        check(f"2 {r.name}: no body carries a username, an e-mail address, the account id or the User-Agent", not leaks, repr(leaks))

    # ------------------------------------------------------------------ rotation

    def rotate(self, grace):
        r = self.dev.post(self.base + f"{self.org_hooks}/{self.a.hook}/rotate-secret", json={"grace_hours": grace}, timeout=TIMEOUT)
        body = json_of(r) or {}
        must(f"3 rotate-secret grace_hours {grace} -> 201 a new whsec_ secret" + (", previous_secret_expires_at set" if grace else ""),
             r.status_code == 201 and re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", body.get("secret") or "")
             and body["secret"] not in self.a.secrets and (body["webhook"].get("previous_secret_expires_at") is not None) == bool(grace),
             show(r))
        return body["secret"]

    def test_to_a(self):
        count = len(self.a.got)
        delivery = self.test_event(self.a)
        must("3 receiver A got the test event within 10 s, webhook-id = the delivery's event_id",
             self.a.wait(lambda: len(self.a.got) > count, 10) and self.a.got[count]["headers"].get("webhook-id") == delivery.get("event_id"),
             repr(self.a.got[count:]))
        return self.a.got[count]

    def rotation(self):
        old = self.a.secrets[0]
        new = self.rotate(1)
        e = self.test_to_a()  # A still trusts only the old secret: the grace must carry it
        h, body, signatures = e["headers"], e["body"], e["headers"].get("webhook-signature", "")
        check("3 grace 1 h: A, still on the old secret, accepted it (2xx)", 200 <= e["status"] < 300, repr(e["status"]))
        check("3 grace 1 h: two v1 signatures; the old and the new secret both verify (standardwebhooks)",
              len(signatures.split()) == 2 and standard_ok(old, h, body) and standard_ok(new, h, body), repr(signatures))
        check("3 grace 1 h: X-Flowsta-Signature is the new secret's", flowsta_ok(new, h, body) and not flowsta_ok(old, h, body),
              repr(h.get("x-flowsta-signature")))
        newest = self.rotate(0)
        self.a.secrets = [newest]
        e = self.test_to_a()
        h, body, signatures = e["headers"], e["body"], e["headers"].get("webhook-signature", "")
        check("3 grace 0: one v1 signature; only the newest secret verifies (standardwebhooks), A accepted it",
              len(signatures.split()) == 1 and standard_ok(newest, h, body) and not standard_ok(new, h, body)
              and not standard_ok(old, h, body) and e["status"] == 204, repr(signatures))
        check("3 grace 0: X-Flowsta-Signature is the newest secret's", flowsta_ok(newest, h, body), repr(h))

    # ------------------------------------------------------------------ retries, redirects, refusals, roles

    def log(self, receiver, session=None, prefix=None):
        r = (session or self.dev).get(self.base + f"{prefix or self.org_hooks}/{receiver.hook}/deliveries", timeout=TIMEOUT)
        return r, (json_of(r) or {}).get("items") or []

    def redirect_not_followed(self):
        d = self.d
        d.wait(lambda: d.got, 10)
        r, items = self.log(d)
        entry = next((i for i in items if i.get("id") == self.d_delivery.get("id")), {})
        check("5 D (302 to /elsewhere): one POST to its own path, /elsewhere never asked for",
              [(e["method"], e["path"]) for e in d.got] == [("POST", "/hook-d")], repr([(e["method"], e["path"]) for e in d.got]))
        check("5 D's delivery log: last_status 302, state pending, attempts 1, a next attempt",
              entry.get("last_status") == 302 and entry.get("state") == "pending" and entry.get("attempts") == 1 and entry.get("next_attempt_at"),
              show(r))
        print(f"  (D's last_error: {entry.get('last_error')!r})")

    def refusals(self):
        port = self.a.server.server_address[1]
        for url in REFUSED + [f"http://user:pass@127.0.0.1:{port}/x"]:
            r = self.dev.post(self.base + self.org_hooks, json={"url": url, "events": ["app.created"]}, timeout=TIMEOUT)
            check(f"6 POST webhook url {url} -> 400 invalid_request", refused(r), show(r))
        for url in ("https://10.0.0.1/x", "https://[::ffff:169.254.169.254]/x"):
            r = self.dev.patch(self.base + f"{self.org_hooks}/{self.a.hook}", json={"url": url}, timeout=TIMEOUT)
            check(f"6 PATCH A's url to {url} -> 400 invalid_request", refused(r), show(r))
        r = self.dev.get(self.base + f"{self.org_hooks}/{self.a.hook}", timeout=TIMEOUT)
        check("6 ... A's url is unchanged", (json_of(r) or {}).get("url") == self.a.url, show(r))

    def roles(self):
        r = self.dev.get(self.base + "/api/v1/webhooks", timeout=TIMEOUT)
        check("7 a session on GET /api/v1/webhooks -> 400 invalid_request", refused(r), show(r))
        r = self.dev.post(self.base + "/api/v1/webhooks", json={"url": self.a.url, "events": ["app.created"]}, timeout=TIMEOUT)
        check("7 a session on POST /api/v1/webhooks -> 400 invalid_request", refused(r), show(r))
        r = self.key.get(self.base + f"/api/v1/webhooks/{self.a.hook}", timeout=TIMEOUT)
        check("7 the API key reads the session's endpoint on /api/v1/webhooks/{id} -> 200",
              r.status_code == 200 and (json_of(r) or {}).get("id") == self.a.hook, show(r))
        if self.member is None:
            return
        r = self.member.post(self.base + self.org_hooks, json={"url": self.a.url, "events": ["app.created"]}, timeout=TIMEOUT)
        check("7 a member (not admin) creating an endpoint -> 403 forbidden", refused(r, 403, "forbidden"), show(r))
        r = self.member.get(self.base + self.org_hooks, timeout=TIMEOUT)
        check("7 ... but may list them (read permission) -> 200, no secret", r.status_code == 200 and "whsec_" not in r.text, show(r))

    def retried_once(self):
        c = self.c
        c.wait(lambda: len(c.got) >= 2, max(1, 60 - (time.monotonic() - self.c_sent)))
        time.sleep(1.5)  # a third request would come now
        print(f"  (C: {len(c.got)} request(s) {time.monotonic() - self.c_sent:.0f} s after the test event)")
        ids = [e["headers"].get("webhook-id") for e in c.got]
        check("4 C (500 once): two attempts, 500 then 2xx, the same webhook-id and body, accepted exactly once",
              [e["status"] for e in c.got] == [500, 204] and len(set(ids)) == 1 and ids[0] == self.c_delivery.get("event_id")
              and c.got[0]["body"] == c.got[1]["body"], repr([(e["status"], e["headers"].get("webhook-id")) for e in c.got]))
        r, items = self.log(c)
        entry = next((i for i in items if i.get("id") == self.c_delivery.get("id")), {})
        check("4 C's delivery log: delivered, attempts 2, last_status 204, latency_ms an integer, delivered_at set",
              entry.get("state") == "delivered" and entry.get("attempts") == 2 and entry.get("last_status") == 204
              and type(entry.get("latency_ms")) is int and entry.get("delivered_at"), show(r))
        self.d.wait(lambda: len(self.d.got) >= 2, 10)  # D's retry is due 30 s after its first attempt, like C's
        check("5 D: its retry came, and /elsewhere was still never asked for",
              len(self.d.got) == 2 and all((e["method"], e["path"]) == ("POST", "/hook-d") for e in self.d.got),
              repr([(e["method"], e["path"]) for e in self.d.got]))

    def redeliver(self):
        """B's app.created again from its log, through the API key: the same id and body."""
        r, items = self.log(self.b, self.key, "/api/v1/webhooks")
        old = next((i for i in items if i.get("event") == "app.created"), None)
        must("B's delivery log (API key) has the app.created delivery, delivered", old and old.get("state") == "delivered", show(r))
        r = self.key.post(self.base + f"/api/v1/webhooks/{self.b.hook}/deliveries/{old['id']}/redeliver", timeout=TIMEOUT)
        body = json_of(r) or {}
        check("redeliver -> 202 a new delivery with the same event_id", r.status_code == 202 and body.get("id") != old["id"]
              and body.get("event_id") == old.get("event_id"), show(r))
        same = lambda: [e for e in self.b.got if e["headers"].get("webhook-id") == old.get("event_id")]  # noqa: E731
        self.b.wait(lambda: len(same()) >= 2, 10)
        got = same()
        check("redeliver: B got the same body again, signed and accepted", len(got) == 2 and got[0]["body"] == got[1]["body"]
              and got[1]["status"] == 204, repr([(e["status"], e["body"][:80]) for e in got]))

    # ------------------------------------------------------------------ cleanup

    def cleanup(self):
        try:
            for session, path, hook in self.hooks:
                r = session.delete(self.base + f"{path}/{hook}", headers=JSON_HEADERS, timeout=TIMEOUT)
                check(f"cleanup: DELETE {path.replace(str(self.org), '{org}')}/{{id}} -> 204", r.status_code == 204, show(r))
            super().cleanup()
        finally:
            for receiver in (self.a, self.b, self.c, self.d):
                receiver.close()
            for s in (self.key, self.member):
                if s is not None:
                    s.close()


if __name__ == "__main__":
    sys.exit(main())
