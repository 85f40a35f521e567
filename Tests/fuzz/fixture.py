"""The fuzzers' fixture: a developer signed up and in with the third-party OPAQUE client
opaque_snake (session cookie, sign-up proof of work solved; Tests/support/flowsta_checks.py),
an organization lifted to the enterprise plan with `flowsta orgs set-plan` (so the API rate
limit hides nothing), a confidential web app with a redirect URI, an API key (fsk_live_...), an
invite, OAuth tokens from a real authorization-code flow, a dashboard session and the CSRF
tokens of the hosted pages and the dashboard.

`ensure()` repairs what a fuzzed request destroyed (the account, the organization, the key, the
app secret, the tokens or a session) by building the broken part again."""
import base64
import hashlib
import html.parser
import os
import secrets
import sys
import urllib.parse

import requests

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../support"))
from flowsta_checks import opaque_sign_up_and_in  # noqa: E402

TIMEOUT = 30
REDIRECT_URI = "http://127.0.0.1:9/callback"  # nothing listens: only the Location header is read
SCOPES = ["openid", "profile", "email", "offline_access", "username"]


class HiddenInputs(html.parser.HTMLParser):
    """The hidden inputs of a page's forms, in order."""

    def __init__(self, text):
        super().__init__()
        self.pairs = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and (a.get("type") or "").lower() == "hidden" and a.get("name"):
            self.pairs.append((a["name"], a.get("value") or ""))


class FixtureError(Exception):
    pass


def expect(response, status, what):
    if response.status_code != status:
        raise FixtureError(f"{what}: expected HTTP {status}, got {response.status_code} {response.text[:300]!r}")
    return response


class Fixture:
    def __init__(self, server):
        self.server = server
        self.base = server.url
        self.builds = 0

    # ------------------------------------------------------------------ building

    def build(self):
        """Everything from a new account up."""
        self.builds += 1
        self.tag = secrets.token_hex(4)
        self.dev = requests.Session()
        self.dev.headers["Accept"] = "application/json"
        username = f"fuzz-{self.tag}"
        user = opaque_sign_up_and_in(self.dev, self.base, "fixture", username, "fuzz password " + secrets.token_hex(8),
                                     f"{username}@example.com")
        self.user_id = user["id"]
        self.session_token = self.dev.cookies.get("flowsta_session")
        self.build_organization()
        self.build_dashboard_session()

    def build_organization(self):
        org = expect(self.dev.post(self.base + "/api/v1/orgs", json={"name": f"Fuzz {self.tag}", "contact_email": "fuzz@example.com"},
                                   timeout=TIMEOUT), 201, "POST /api/v1/orgs").json()
        self.org_id = org["id"]
        out = self.server.cli("orgs", "set-plan", self.org_id, "enterprise")
        if out.returncode != 0:
            raise FixtureError(f"flowsta orgs set-plan {self.org_id} enterprise: exit {out.returncode} {out.stderr.strip()}")
        key = expect(self.dev.post(self.api(f"/orgs/{self.org_id}/keys"), json={"name": "fuzz"}, timeout=TIMEOUT),
                     201, "POST /api/v1/orgs/{org}/keys").json()
        self.api_key, self.key_id = key["secret"], key["key"]["id"]
        invite = expect(self.dev.post(self.api(f"/orgs/{self.org_id}/invites"), json={"email": "invitee@example.com", "role": "member"},
                                      timeout=TIMEOUT), 201, "POST /api/v1/orgs/{org}/invites").json()
        self.invite_id = invite["id"]
        self.build_app()

    def build_app(self):
        app = expect(self.dev.post(self.api(f"/orgs/{self.org_id}/apps"), timeout=TIMEOUT, json={
            "name": f"Fuzz app {self.tag}", "type": "web", "redirect_uris": [REDIRECT_URI], "allowed_scopes": SCOPES}),
            201, "POST /api/v1/orgs/{org}/apps").json()
        self.app_id, self.client_id = app["id"], app["client_id"]
        issued = expect(self.dev.post(self.api(f"/orgs/{self.org_id}/apps/{self.app_id}/secret"), timeout=TIMEOUT,
                                      headers={"Content-Type": "application/json"}),  # the cross-site check asks for it
                        201, "POST /api/v1/orgs/{org}/apps/{app}/secret").json()
        self.client_secret = issued["client_secret"]
        self.build_tokens()

    def build_tokens(self):
        """Authorization code + PKCE through the consent page, as the developer."""
        verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        query = urllib.parse.urlencode({
            "response_type": "code", "client_id": self.client_id, "redirect_uri": REDIRECT_URI, "scope": " ".join(SCOPES),
            "state": "fuzz", "nonce": "fuzz", "code_challenge": challenge, "code_challenge_method": "S256"})
        location = self.authorize("/oauth/authorize?" + query)
        code = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(location).query)).get("code")
        if not code:
            raise FixtureError(f"no code in the authorization redirect {location!r}")
        tokens = expect(requests.post(self.base + "/oauth/token", auth=(self.client_id, self.client_secret), timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier}),
            200, "POST /oauth/token").json()
        self.access_token, self.refresh_token = tokens["access_token"], tokens["refresh_token"]

    def authorize(self, path):
        """GETs an authorization URL as the developer, posts its consent (or pass-through) form
        with decision=allow and returns the redirect's Location."""
        r = expect(self.dev.get(self.base + path, allow_redirects=False, timeout=TIMEOUT), 200, "GET /oauth/authorize")
        form = HiddenInputs(r.text).pairs
        if not any(name == "decision" for name, _ in form):
            form.append(("decision", "allow"))
        form.append(("share_email", "yes"))
        r = expect(self.dev.post(self.base + "/oauth/consent", data=form, allow_redirects=False, timeout=TIMEOUT),
                   303, "POST /oauth/consent")
        return r.headers["Location"]

    def build_dashboard_session(self):
        """Sign in with Flowsta on the dashboard (a first-party app: no consent screen)."""
        r = expect(self.dev.get(self.base + "/dashboard/signin", allow_redirects=False, timeout=TIMEOUT), 303, "GET /dashboard/signin")
        callback = self.authorize(r.headers["Location"])
        expect(self.dev.get(urllib.parse.urljoin(self.base, callback), allow_redirects=False, timeout=TIMEOUT), 303, "GET /dashboard/callback")
        self.dashboard_token = self.dev.cookies.get("flowsta_dashboard")
        self.dashboard_csrf = self.csrf("/dashboard", {"flowsta_dashboard": self.dashboard_token})
        self.hosted_csrf = self.csrf("/account", {"flowsta_session": self.session_token})

    def csrf(self, path, cookies):
        r = expect(requests.get(self.base + path, cookies=cookies, timeout=TIMEOUT), 200, f"GET {path}")
        token = dict(HiddenInputs(r.text).pairs).get("csrf_token")
        if not token:
            raise FixtureError(f"no csrf_token on {path}")
        return token

    # ------------------------------------------------------------------ checking and repairing

    def ensure(self):
        """Rebuilds what fuzzed requests broke; returns the names of the parts rebuilt."""
        if self.get("/auth/me", cookies={"flowsta_session": self.session_token}).status_code != 200:
            self.build()
            return ["account"]
        org = self.get(f"/api/v1/orgs/{self.org_id}", headers=self.bearer())
        if org.status_code != 200 or org.json().get("plan") != "enterprise" or org.json().get("deleted_at"):
            self.build_organization()
            return ["organization"]
        rebuilt = []
        if self.get(f"/api/v1/orgs/{self.org_id}/apps/{self.app_id}", headers=self.bearer()).status_code != 200:
            self.build_app()
            rebuilt.append("app")
        else:
            introspection = requests.post(self.base + "/oauth/introspect", data={"token": self.access_token},
                                          auth=(self.client_id, self.client_secret), timeout=TIMEOUT)
            if introspection.status_code != 200:  # the client secret was rotated
                self.build_app()
                rebuilt.append("app secret")
            elif not introspection.json().get("active"):
                try:
                    self.build_tokens()
                    rebuilt.append("tokens")
                except FixtureError:
                    # A fuzzed PATCH changed the app (redirect URIs, scopes, disabled): the
                    # authorization no longer completes, so make a new app.
                    self.build_app()
                    rebuilt.append("app (changed)")
        if self.get("/dashboard", cookies={"flowsta_dashboard": self.dashboard_token}).status_code != 200:
            self.build_dashboard_session()
            rebuilt.append("dashboard session")
        return rebuilt

    def get(self, path, **kwargs):
        return requests.get(self.base + path, timeout=TIMEOUT, allow_redirects=False, **kwargs)

    # ------------------------------------------------------------------ for the fuzzers

    def api(self, path):
        return self.base + "/api/v1" + path

    def bearer(self):
        return {"Authorization": "Bearer " + self.api_key}

    def basic(self):
        raw = f"{urllib.parse.quote(self.client_id, safe='')}:{urllib.parse.quote(self.client_secret, safe='')}"
        return "Basic " + base64.b64encode(raw.encode()).decode()

    def path_values(self):
        """Real values for the path parameters, by name."""
        return {"org": self.org_id, "app": self.app_id, "appID": self.app_id, "key": self.key_id, "user": self.user_id,
                "invite": self.invite_id}

    def cookies(self):
        return {"flowsta_session": self.session_token, "flowsta_dashboard": self.dashboard_token}
