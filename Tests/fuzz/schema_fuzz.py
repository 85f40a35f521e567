"""Schema-driven fuzzing with schemathesis: for every operation of GET /openapi.json, examples
that fit the schema and examples that break it (schemathesis' positive and negative modes),
drawn by Hypothesis within a per-operation time share. The only check is "not a server error"
(no 5xx, the server stays up); response schemas are not checked.

Credentials follow each operation's `security`: the API key (`Authorization: Bearer fsk_live_...`)
or the session cookie, drawn per example where both are allowed; the session and dashboard
cookies on every request; the app's client credentials (HTTP Basic) and the OAuth access token
where asked for. Half of the examples get the fixture's real ids, client id, redirect URI and
CSRF token in place of generated ones, so that they get past the lookups. Operations that can
destroy the fixture run last, and the fixture is repaired before each operation."""
import time

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from fixture import REDIRECT_URI
from harness import Finding, server_error

MAX_EXAMPLES = 500  # per operation; the time share usually ends it first
TIMEOUT = 15


class TimeUp(Exception):
    """The operation's time share is used up."""


def describe(request):
    """The exact request sent (requests.PreparedRequest), for the report."""
    body = request.body or b""
    body = body.encode() if isinstance(body, str) else body
    headers = "".join(f"\n      {k}: {v}" for k, v in request.headers.items())
    shown = repr(body[:1500]) + (f"... ({len(body)} bytes)" if len(body) > 1500 else "")
    return f"{request.method} {request.url}{headers}\n      body: {shown}"


class SchemaFuzzer:
    def __init__(self, server, fixture, findings, doc, destructive, seed_value):
        self.server = server
        self.fixture = fixture
        self.findings = findings
        self.doc = doc
        self.seed = seed_value
        self.session = requests.Session()
        self.schema = schemathesis.openapi.from_dict(doc)
        operations = [result.ok() for result in self.schema.get_all_operations()]
        # Destructive operations last; within each group, the document's order.
        self.operations = sorted(operations, key=lambda op: destructive(op.method.upper(), op.path))
        self.examples = 0
        self.crashes = 0
        self.skipped = []  # (operation, reason) when schemathesis cannot generate examples

    def run(self, deadline):
        """Fuzzes each operation for its share of the time left, at least one example each."""
        for i, op in enumerate(self.operations):
            now = time.monotonic()
            rebuilt = self.fixture.ensure()
            if rebuilt:
                print(f"  (schema: rebuilt the fixture's {', '.join(rebuilt)} before {op.method.upper()} {op.path})", flush=True)
            self.fuzz(op, now + (deadline - now) / (len(self.operations) - i))

    def fuzz(self, op, op_deadline):
        security = {name for alternative in self.operation_doc(op).get("security") or [] for name in alternative}
        strategy = st.one_of(op.as_strategy(generation_mode=GenerationMode.POSITIVE), op.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        calls = []

        @seed(self.seed)
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, phases=[Phase.generate], verbosity=Verbosity.quiet,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy, real=st.booleans(), use_cookie=st.booleans())
        def example(case, real, use_cookie):
            if calls and time.monotonic() > op_deadline:
                raise TimeUp
            calls.append(1)
            self.call(op, case, security, real, use_cookie)

        try:
            example()
        except TimeUp:
            pass
        except (schemathesis.errors.SchemathesisError, Unsatisfiable) as e:  # no examples: the schema's problem, not the server's
            self.skipped.append((f"{op.method.upper()} {op.path}", f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"))

    def operation_doc(self, op):
        return self.doc["paths"][op.path][op.method.lower()]

    def call(self, op, case, security, real, use_cookie):
        fx = self.fixture
        headers, cookies = {}, fx.cookies()
        if real:
            self.use_real_values(op, case)
        if "apiKey" in security and not ("sessionCookie" in security and use_cookie):
            headers["Authorization"] = "Bearer " + fx.api_key
        elif "clientBasic" in security and real:
            headers["Authorization"] = fx.basic()
        elif "accessToken" in security and real:
            headers["Authorization"] = "Bearer " + fx.access_token
        if case.media_type is None and op.method.upper() in ("POST", "PUT", "PATCH", "DELETE"):
            headers["Content-Type"] = "application/json"  # what the cross-site check asks of cookie routes
        self.examples += 1
        mark = self.server.log_size()
        try:
            response = case.call(base_url=self.server.url, session=self.session, headers=headers, cookies=cookies,
                                 timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException as e:
            self.no_response(op, case, headers, e)
            return
        except schemathesis.errors.SerializationNotPossible:
            return
        outcome = f"HTTP {response.status_code}"
        if server_error(response.status_code, op.path) and self.findings.is_new("schema", op.method.upper(), op.path, "generated example", outcome):
            self.findings.add(Finding("schema", op.method.upper(), op.path, "generated example", outcome, describe(response.request),
                                      self.server.errors_since(mark)))

    def use_real_values(self, op, case):
        """The fixture's ids, client and CSRF token in place of generated values."""
        fx = self.fixture
        values = fx.path_values()
        for name in list(case.path_parameters or {}):
            if name in values:
                case.path_parameters[name] = values[name]
        known = {"client_id": fx.client_id, "redirect_uri": REDIRECT_URI,
                 "csrf_token": fx.dashboard_csrf if op.path.startswith("/dashboard") else fx.hosted_csrf,
                 "org": fx.org_id, "app_id": fx.app_id, "app": fx.app_id, "key_id": fx.key_id}
        for container in (case.query, case.body if isinstance(case.body, dict) else None):
            for name in list(container or {}):
                if name in known:
                    container[name] = known[name]

    def no_response(self, op, case, headers, error):
        """A failed request: a crash (then restart) or a connection closed without an answer."""
        mark = self.server.log_mark
        problem = self.server.status()
        kwargs = case.as_transport_kwargs(base_url=self.server.url, headers=headers)  # what case.call sent
        kwargs["cookies"] = {**(kwargs.get("cookies") or {}), **self.fixture.cookies()}
        request = describe(requests.Request(**{k: kwargs.get(k) for k in ("method", "url", "headers", "params", "data", "json", "files",
                                                                          "cookies")}).prepare())
        if problem:
            self.crashes += 1
            self.findings.add(Finding("schema", op.method.upper(), op.path, "generated example", f"server crashed ({problem})", request,
                                      self.server.log_tail(mark)))
            self.server.restart()
            self.fixture.ensure()
        else:
            self.findings.add(Finding("schema", op.method.upper(), op.path, "generated example",
                                      f"no response ({type(error).__name__})", request))
