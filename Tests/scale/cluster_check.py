"""Several instances behind a load balancer, under faults (issue #19). Under scripts/with-postgres:

    cluster_check.py BINARY

Three `flowsta serve` instances on one PostgreSQL database behind HAProxy, an SMTP sink, all on
loopback (Tests/scale/cluster.py). Checked:
1. A login started on one instance finishes on another.
2. OPAQUE sign-ins (opaque_snake) and full OAuth code flows run through HAProxy while one
   instance is killed with SIGKILL and started again: no 5xx except for requests in flight on
   the killed instance at that moment; every flow that completed has tokens that work on every
   instance (userinfo) and a refresh token that refreshes.
3. Invites created while that happens (their mail slowed at the SMTP server, so the killed
   instance is the one holding claims when it dies) each arrive exactly once; how long the
   killed instance's mail took to be picked up is printed.
4. A plan's API rate limit holds for the deployment: a burst through HAProxy gets the plan's
   rate, not three times it.
5. An app disabled through one instance refuses sign-ins on the others within a second
   (their client caches were warmed just before).
6. `flowsta store copy` of a populated SQLite deployment: the user signs in on PostgreSQL with
   the same password, the API key and the app work, the copy's verification passes.
"""
import html.parser
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "support"))

from cluster import REPO, Cluster, create_database, free_port  # noqa: E402
from flowsta_checks import (CHECKS, JSON_HEADERS, Stop, b64d, b64e, check, json_of, must,  # noqa: E402
                            opaque_sign_in, opaque_sign_up_and_in, show)

REDIRECT_URI = "https://rp.example/callback"
TIMEOUT = 30
SLOW_RCPT = 1.0
INVITES = 8


class FormParser(html.parser.HTMLParser):
    """The first form posting to /oauth/consent: its hidden inputs and decision buttons."""

    def __init__(self):
        super().__init__()
        self.form = None
        self.inside = False
        self.hidden = []
        self.decisions = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form is None and (a.get("action") or "").endswith("/oauth/consent"):
            self.form, self.inside = a, True
        elif self.inside and tag == "input" and (a.get("type") or "").lower() == "hidden":
            self.hidden.append((a.get("name"), a.get("value") or ""))
        elif self.inside and tag == "button" and a.get("name") == "decision":
            self.decisions.append(a.get("value"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


class Recorder:
    """Every request of the fault phase: (start, end, what, status or None for no answer)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.errors = []

    def call(self, session, method, url, **kwargs):
        start = time.monotonic()
        try:
            response = session.request(method, url, timeout=TIMEOUT, allow_redirects=False, **kwargs)
            status = response.status_code
        except requests.RequestException as error:
            response, status = None, None
            self.errors.append(f"{method} {urllib.parse.urlsplit(url).path}: {type(error).__name__}")
        with self.lock:
            self.requests.append((start, time.monotonic(), f"{method} {urllib.parse.urlsplit(url).path}", status))
        return response


def code_flow(base, recorder, username, password, client_id, client_secret):
    """Signs in with opaque_snake and runs a code flow with PKCE: the token response, or None
    when a step got no good answer (recorded)."""
    import hashlib

    import opaque_snake

    session = requests.Session()
    session.headers["Accept"] = "application/json"
    client = opaque_snake.OpaqueClient()
    ke1, state = client.start_login(password)
    r = recorder.call(session, "POST", base + "/auth/opaque/login/start", json={"username": username, "ke1": b64e(ke1.to_bytes())})
    if r is None or r.status_code != 200:
        return None
    finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
    r = recorder.call(session, "POST", base + "/auth/opaque/login/finish",
                      json={"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())})
    if r is None or r.status_code != 200:
        return None
    verifier = b64e(secrets.token_bytes(32))
    challenge = b64e(hashlib.sha256(verifier.encode()).digest())
    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI, "scope": "openid profile offline_access",
        "state": "s" + secrets.token_hex(4), "nonce": "n" + secrets.token_hex(4), "code_challenge": challenge,
        "code_challenge_method": "S256",
    })
    session.headers["Accept"] = "text/html"
    r = recorder.call(session, "GET", base + "/oauth/authorize?" + query)
    location = None
    for _ in range(3):
        if r is None:
            return None
        if r.status_code in (302, 303):
            location = r.headers.get("Location", "")
            break
        if r.status_code != 200:
            return None
        page = FormParser()
        page.feed(r.text)
        if page.form is None:
            return None
        form = list(page.hidden) + ([("decision", "allow")] if "allow" in page.decisions else [])
        r = recorder.call(session, "POST", base + "/oauth/consent", data=form)
    if not location or not location.startswith(REDIRECT_URI):
        return None
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query).get("code", [None])[0]
    r = recorder.call(requests.Session(), "POST", base + "/oauth/token", auth=(client_id, client_secret), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier})
    if r is None or r.status_code != 200:
        return None
    return r.json()


class ClusterCheck:
    def __init__(self, binary):
        self.binary = binary
        # Every client here is this machine, through one proxy: the login throttle (shared by the
        # instances, checked elsewhere) would stop the flows after a few sign-ins.
        self.cluster = Cluster(binary, instances=3, smtp=True, slow_rcpt=SLOW_RCPT, label="cluster", env={
            "FLOWSTA_LOGIN_LIMIT_PER_USERNAME": "0", "FLOWSTA_LOGIN_LIMIT_PER_ADDRESS": "0"})
        self.tag = secrets.token_hex(3)

    def run(self):
        try:
            self.cluster.start()
            print(f"== 3 instances on {self.cluster.database_url.rsplit('/', 1)[-1]} behind HAProxy at {self.cluster.url}", flush=True)
            self.setup()
            self.login_across_instances()
            self.faults()
            self.mail_exactly_once()
            self.rate_limit()
            self.disable_app()
        except Stop:
            pass
        finally:
            self.cluster.stop()
        try:
            self.store_copy()
        except Stop:
            pass

    # ------------------------------------------------------------------ setup

    def setup(self):
        base = self.cluster.url
        self.dev = requests.Session()
        self.dev.headers["Accept"] = "application/json"
        opaque_sign_up_and_in(self.dev, base, "setup developer", f"dev{self.tag}", "dev password " + self.tag, f"dev{self.tag}@example.com")
        r = self.dev.post(base + "/api/v1/orgs", json={"name": f"Scale {self.tag}", "contact_email": "dev@example.com"}, timeout=TIMEOUT)
        must("setup: organization created through HAProxy", r.status_code == 201, show(r))
        self.org = r.json()["id"]
        result = self.cluster.cli("orgs", "set-plan", self.org, "enterprise")
        must("setup: `flowsta orgs set-plan ORG enterprise` (room for the invites)", result.returncode == 0, result.stderr[-2000:])
        r = self.dev.post(base + f"/api/v1/orgs/{self.org}/apps", timeout=TIMEOUT, json={
            "name": "Scale RP", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": ["openid", "profile", "offline_access"]})
        must("setup: app created", r.status_code == 201, show(r))
        self.app, self.client_id = r.json()["id"], r.json()["client_id"]
        r = self.dev.post(base + f"/api/v1/orgs/{self.org}/apps/{self.app}/secret", headers=JSON_HEADERS, timeout=TIMEOUT)
        must("setup: client secret issued", r.status_code == 201, show(r))
        self.client_secret = r.json()["client_secret"]
        self.users = []
        for index in range(4):
            name, password = f"user{self.tag}x{index}", "user password " + secrets.token_hex(6)
            with requests.Session() as session:
                opaque_sign_up_and_in(session, base, "setup end user", name, password)
            self.users.append((name, password))

    # ------------------------------------------------------------------ 1

    def login_across_instances(self):
        import opaque_snake

        name, password = self.users[0]
        for first, second in ((0, 1), (1, 2), (2, 0)):
            client = opaque_snake.OpaqueClient()
            ke1, state = client.start_login(password)
            session = requests.Session()
            r = session.post(self.cluster.instance_url(first) + "/auth/opaque/login/start",
                             json={"username": name, "ke1": b64e(ke1.to_bytes())}, timeout=TIMEOUT)
            must(f"1 login/start on instance {first} -> 200", r.status_code == 200, show(r))
            finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])), state, password)
            r = session.post(self.cluster.instance_url(second) + "/auth/opaque/login/finish",
                             json={"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())}, timeout=TIMEOUT)
            check(f"1 login/finish of that login on instance {second} -> 200 and a session",
                  r.status_code == 200 and session.cookies.get("flowsta_session"), show(r))
            me = session.get(self.cluster.instance_url((second + 1) % 3) + "/auth/me", timeout=TIMEOUT)
            check(f"1 that session works on instance {(second + 1) % 3}", me.status_code == 200, show(me))

    # ------------------------------------------------------------------ 2 and 3

    def faults(self):
        base = self.cluster.url
        recorder = Recorder()
        stop = threading.Event()
        flows = []
        interrupted = [0]
        self.invites = []

        def worker(offset):
            index = offset
            while not stop.is_set():
                name, password = self.users[index % len(self.users)]
                index += 2
                tokens = code_flow(base, recorder, name, password, self.client_id, self.client_secret)
                if tokens is None:
                    interrupted[0] += 1
                else:
                    flows.append(tokens)

        def inviter():
            for index in range(INVITES):
                address = f"slow-{self.tag}-{index}@example.org"
                r = recorder.call(self.dev, "POST", base + f"/api/v1/orgs/{self.org}/invites", json={"email": address, "role": "member"})
                if r is not None and r.status_code == 201:
                    self.invites.append(address)
                time.sleep(0.2)

        invites = threading.Thread(target=inviter)
        invites.start()
        workers = [threading.Thread(target=worker, args=(offset,)) for offset in range(2)]
        for thread in workers:
            thread.start()
        # The victim: the instance sending the (slowed) invite mail, so it dies holding claims.
        deadline = time.monotonic() + 20
        victim = None
        while time.monotonic() < deadline and victim is None:
            victim = self.cluster.instance_talking_to_sink()
            time.sleep(0.05)
        time.sleep(1.5)
        check("2 an instance was delivering invite mail when the kill came", victim is not None)
        victim = 1 if victim is None else victim
        self.killed_at_wall = time.time()
        killed_at = time.monotonic()
        self.cluster.kill(victim)
        # kill() returns once the process is reaped: until then its listening socket may still
        # take a connection that then dies with it (HAProxy answers 502: in flight on it too).
        gone_at = time.monotonic()
        print(f"   SIGKILL instance {victim}", flush=True)
        time.sleep(2)
        self.cluster.start_instance(victim)
        self.cluster.wait_ready(victim)
        restarted_at = time.monotonic()
        print(f"   instance {victim} started again and ready after {restarted_at - killed_at:.1f} s", flush=True)
        time.sleep(3)
        stop.set()
        for thread in workers + [invites]:
            thread.join()

        in_flight = [entry for entry in recorder.requests if entry[0] <= gone_at and entry[1] >= killed_at]
        bad = [entry for entry in recorder.requests if (entry[3] is None or entry[3] >= 500) and entry not in in_flight]
        failed_in_flight = [entry for entry in in_flight if entry[3] is None or entry[3] >= 500]
        print(f"   {len(recorder.requests)} requests, {len(flows)} completed code flows, {interrupted[0]} interrupted; "
              f"{len(in_flight)} requests in flight at the kill ({(gone_at - killed_at) * 1000:.0f} ms), {len(failed_in_flight)} of them failed",
              flush=True)
        odd = [f"{what} -> {status}" for _, _, what, status in recorder.requests if status not in (200, 201, 302, 303)]
        if odd:
            print("   answers other than 200/201/302/303: " + "; ".join(odd[:8]), flush=True)
        check("2 no 5xx (and no unanswered request) except requests in flight on the killed instance",
              not bad, f"{len(bad)}: " + "; ".join(f"{what} -> {status} ({start - killed_at:+.2f} s to {end - killed_at:+.2f} s from the kill)"
                                                   for start, end, what, status in bad[:5]))
        if bad:
            print("   client errors: " + "; ".join(recorder.errors[:8]), flush=True)
            print("   HAProxy server events: " + " | ".join(self.cluster.proxy_events()[-8:]), flush=True)
        check("2 code flows completed before and after the kill (>= 4)", len(flows) >= 4, f"{len(flows)}")
        check("2 flows cut by the kill are at most the clients' requests in flight (2)", interrupted[0] <= 2, f"{interrupted[0]}")

        for number, tokens in enumerate(flows):
            bearer = {"Authorization": "Bearer " + tokens["access_token"]}
            answers = [requests.get(self.cluster.instance_url(index) + "/oauth/userinfo", headers=bearer, timeout=TIMEOUT)
                       for index in range(3)]
            subjects = {(json_of(answer) or {}).get("sub") for answer in answers}
            if not check(f"2 flow {number}: its access token works at userinfo on all three instances",
                         all(answer.status_code == 200 for answer in answers) and len(subjects) == 1,
                         ", ".join(str(answer.status_code) for answer in answers)):
                continue
        refreshed = [requests.post(base + "/oauth/token", auth=(self.client_id, self.client_secret), timeout=TIMEOUT,
                                   data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}).status_code
                     for tokens in flows]
        check("2 every completed flow's refresh token refreshes through HAProxy", refreshed and all(s == 200 for s in refreshed),
              f"{refreshed}")

    def mail_exactly_once(self):
        must("3 invites created during the faults", len(self.invites) >= INVITES // 2, f"{len(self.invites)} of {INVITES}")
        deadline = time.monotonic() + 90
        received = []
        while time.monotonic() < deadline:
            received = [(to, at) for to, at in self.cluster.received_mail() if to in self.invites]
            if {to for to, _ in received} >= set(self.invites):
                break
            time.sleep(0.5)
        time.sleep(6)  # a duplicate would come with the next delivery round
        received = [(to, at) for to, at in self.cluster.received_mail() if to in self.invites]
        counts = {address: sum(1 for to, _ in received if to == address) for address in self.invites}
        check(f"3 each of the {len(self.invites)} invites arrived exactly once at the SMTP server",
              all(count == 1 for count in counts.values()), f"{counts}")
        after_kill = sorted(at - self.killed_at_wall for _, at in received if at > self.killed_at_wall)
        if after_kill:
            print(f"   mail after the kill: first {after_kill[0]:.1f} s, last {after_kill[-1]:.1f} s after it "
                  f"({len(after_kill)} messages; claims last 30 s, rounds every 5 s, each slowed {SLOW_RCPT:.0f} s at RCPT)", flush=True)

    # ------------------------------------------------------------------ 4

    def rate_limit(self):
        base = self.cluster.url
        result = self.cluster.cli("orgs", "set-plan", self.org, "spark")
        must("4 `flowsta orgs set-plan ORG spark`", result.returncode == 0, result.stderr[-2000:])
        r = self.dev.post(base + f"/api/v1/orgs/{self.org}/keys", json={"name": "burst"}, timeout=TIMEOUT)
        must("4 API key created", r.status_code == 201, show(r))
        key = r.json()["secret"]
        for attempt in range(4):
            now = time.time()
            time.sleep(1.05 - (now % 1))  # just after a second starts: the burst fits in one window
            started = time.time()
            statuses = []
            lock = threading.Lock()

            def burst():
                with requests.Session() as session:
                    for _ in range(5):
                        answer = session.get(base + f"/api/v1/orgs/{self.org}", headers={"Authorization": "Bearer " + key}, timeout=TIMEOUT)
                        with lock:
                            statuses.append((answer.status_code, answer.headers.get("Retry-After"), answer.headers.get("RateLimit-Policy")))

            threads = [threading.Thread(target=burst) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if int(time.time()) == int(started):
                break
            print(f"   burst {attempt + 1} crossed a second boundary; again", flush=True)
        allowed = sum(1 for status, _, _ in statuses if status == 200)
        refused = [retry for status, retry, _ in statuses if status == 429]
        policies = {policy for _, _, policy in statuses if policy}
        rate = int(next(iter(policies)).split("q=")[1].split(";")[0]) if len(policies) == 1 else None
        check(f"4 the plan's rate is announced on every instance (RateLimit-Policy {policies})", rate == 25, f"{policies}")
        check(f"4 a burst of 40 API requests over three instances in one second: the plan's {rate} allowed "
              "(limits per instance would allow all 40: about 13 reach each)", allowed == rate, f"{allowed} allowed")
        check("4 the others are 429 with Retry-After", refused and len(refused) == 40 - allowed and all(refused), f"{statuses}")

    # ------------------------------------------------------------------ 5

    def disable_app(self):
        query = urllib.parse.urlencode({
            "response_type": "code", "client_id": self.client_id, "redirect_uri": REDIRECT_URI, "scope": "openid",
            "code_challenge": b64e(os.urandom(32)), "code_challenge_method": "S256", "state": "x"})

        def authorize(index):
            return requests.get(self.cluster.instance_url(index) + "/oauth/authorize?" + query, timeout=TIMEOUT, allow_redirects=False).status_code

        warmed = [authorize(index) for index in range(3)]
        check("5 the app signs users in on every instance (client caches warm)", all(status == 200 for status in warmed), f"{warmed}")
        r = self.dev.patch(self.cluster.instance_url(0) + f"/api/v1/orgs/{self.org}/apps/{self.app}", json={"active": False}, timeout=TIMEOUT)
        changed = time.monotonic()
        must("5 app disabled through instance 0", r.status_code == 200, show(r))
        for index in (1, 2):
            refused_after = None
            while time.monotonic() - changed < 5:
                if authorize(index) == 400:
                    refused_after = time.monotonic() - changed
                    break
                time.sleep(0.01)
            check(f"5 instance {index} refuses the disabled app's sign-ins within a second (cached for 5 s otherwise)",
                  refused_after is not None and refused_after <= 1.0,
                  "never" if refused_after is None else f"{refused_after:.3f} s")
            if refused_after is not None:
                print(f"   instance {index} refused after {refused_after * 1000:.0f} ms", flush=True)
        self.dev.patch(self.cluster.url + f"/api/v1/orgs/{self.org}/apps/{self.app}", json={"active": True}, timeout=TIMEOUT)

    # ------------------------------------------------------------------ 6

    def store_copy(self):
        work = tempfile.mkdtemp(prefix="flowsta-copy.")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        kek = self.cluster.kek
        env = {name: value for name, value in os.environ.items() if not name.startswith("FLOWSTA_") and name != "DATABASE_URL"}
        env.update({"FLOWSTA_KEK": kek, "FLOWSTA_SIGNUP_PROOF_BITS": "8", "FLOWSTA_DRAIN_SECONDS": "0", "FLOWSTA_LOG_LEVEL": "warning"})

        def serve(data, listen, extra):
            log = open(os.path.join(work, f"serve-{listen}.log"), "wb")
            process = subprocess.Popen([os.path.abspath(self.binary), "serve", "--host", "127.0.0.1", "--port", str(listen),
                                        "--issuer", f"http://127.0.0.1:{listen}", "--data-dir", data],
                                       cwd=REPO, env=dict(env, **extra), stdout=log, stderr=subprocess.STDOUT)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                try:
                    if requests.get(f"http://127.0.0.1:{listen}/ready", timeout=2).status_code == 200:
                        return process
                except requests.RequestException:
                    pass
                if process.poll() is not None:
                    break
                time.sleep(0.1)
            raise SystemExit("a server for the copy did not start: " + open(os.path.join(work, f"serve-{listen}.log")).read()[-3000:])

        sqlite_data = os.path.join(work, "embedded")
        embedded = serve(sqlite_data, port, {})
        name, password = f"copy{self.tag}", "copy password " + self.tag
        try:
            session = requests.Session()
            session.headers["Accept"] = "application/json"
            opaque_sign_up_and_in(session, url, "6 embedded", name, password)
            r = session.post(url + "/api/v1/orgs", json={"name": "Copied org", "contact_email": "c@example.com"}, timeout=TIMEOUT)
            must("6 embedded: organization created", r.status_code == 201, show(r))
            org = r.json()["id"]
            r = session.post(url + f"/api/v1/orgs/{org}/apps", timeout=TIMEOUT, json={
                "name": "Copied app", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": ["openid"]})
            must("6 embedded: app created", r.status_code == 201, show(r))
            client_id = r.json()["client_id"]
            r = session.post(url + f"/api/v1/orgs/{org}/keys", json={"name": "copied"}, timeout=TIMEOUT)
            must("6 embedded: API key created", r.status_code == 201, show(r))
            key = r.json()["secret"]
        finally:
            embedded.send_signal(signal.SIGTERM)
            embedded.wait(timeout=60)

        target = create_database(os.environ["FLOWSTA_TEST_POSTGRES_URL"], f"flowsta_copy_{self.tag}")
        result = subprocess.run([os.path.abspath(self.binary), "store", "copy", "--from", "sqlite://" + os.path.join(sqlite_data, "flowsta.sqlite"),
                                 "--to", target], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        verified = [line for line in result.stdout.splitlines() if line.startswith("verified:")]
        must("6 `flowsta store copy --from sqlite://… --to postgres://…` exits 0 and reports its verification",
             result.returncode == 0 and verified, result.stdout[-2000:] + result.stderr[-2000:])
        print("   " + verified[0], flush=True)
        copied_users = [line for line in result.stdout.splitlines() if line.startswith("copied users:")]
        check("6 the copy names every table it copied, users among them", copied_users == ["copied users: 1 rows"], f"{copied_users}")
        again = subprocess.run([os.path.abspath(self.binary), "store", "copy", "--from", "sqlite://" + os.path.join(sqlite_data, "flowsta.sqlite"),
                                "--to", target], cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        check("6 a second copy into the filled database is refused", again.returncode != 0 and "already holds data" in again.stderr,
              again.stderr[-500:])

        moved_port = free_port()
        moved = serve(os.path.join(work, "moved"), moved_port, {"DATABASE_URL": target})
        moved_url = f"http://127.0.0.1:{moved_port}"
        try:
            signed_in, _, why = opaque_sign_in(moved_url, name, password)
            check("6 on PostgreSQL the same user signs in with the same password", signed_in is not None, why or "")
            wrong, _, _ = opaque_sign_in(moved_url, name, "not the password")
            check("6 and a wrong password is still refused", wrong is None)
            r = requests.get(moved_url + f"/api/v1/orgs/{org}/apps", headers={"Authorization": "Bearer " + key}, timeout=TIMEOUT)
            apps = [app.get("client_id") for app in (json_of(r) or {}).get("items", [])]
            check("6 the API key works and lists the copied app", r.status_code == 200 and apps == [client_id], show(r))
            query = urllib.parse.urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI,
                                            "scope": "openid", "code_challenge": b64e(os.urandom(32)), "code_challenge_method": "S256"})
            status = requests.get(moved_url + "/oauth/authorize?" + query, timeout=TIMEOUT, allow_redirects=False).status_code
            check("6 the copied app signs users in", status == 200, f"{status}")
        finally:
            moved.send_signal(signal.SIGTERM)
            moved.wait(timeout=60)
            if os.environ.get("FLOWSTA_KEEP_CLUSTER") != "1":
                import shutil
                shutil.rmtree(work, ignore_errors=True)


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    ClusterCheck(sys.argv[1]).run()
    sys.exit(CHECKS.summary())


if __name__ == "__main__":
    main()
