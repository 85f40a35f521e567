"""Raw-request fuzzing over plain sockets, no schema generator: hostile header values (empty,
separators only, non-ASCII and invalid bytes, 64 KiB, repeated fields) for Content-Type,
Authorization, Cookie, Origin, Sec-Fetch-Site, Accept, X-Forwarded-For, Forwarded, Host,
Stripe-Signature and more; bodies of every media type (truncated and deeply nested JSON, huge
numbers, arrays for objects, invalid UTF-8, broken forms and multipart); malformed
percent-encoding in query and path; path ids of every shape; chunked, oversized and truncated
bodies; odd methods and request lines; slow clients.

Every route gets every case that applies: the OpenAPI document's operations, the HTML routes
and the static files. A route's baseline request is a valid one (the fixture's credentials, real
ids, a minimal body) with one thing broken per case; operations that could destroy the fixture
get random ids, or no credentials when they act on the session itself. One case goes to all
routes as a batch; after each batch GET /health must answer. When the server died, the batch's
unanswered requests are replayed one at a time on a restarted server to find the culprit."""
import base64
import concurrent.futures
import dataclasses
import hashlib
import hmac
import json
import os
import random
import re
import select
import socket
import threading
import time
import uuid

from harness import REPO, STRIPE_WEBHOOK_SECRET, Finding, server_error

WORKERS = 6  # connections at a time
TIMEOUT = 10.0
KIB64 = 64 * 1024
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


# --------------------------------------------------------------------------- routes


@dataclasses.dataclass
class Route:
    method: str
    template: str
    params: list = dataclasses.field(default_factory=list)
    body: str = ""  # "json", "form" or "" (no request body)
    props: list = dataclasses.field(default_factory=list)  # the body schema's property names
    query: list = dataclasses.field(default_factory=list)  # query parameter names
    auth: str = ""  # "bearer" (API key), "basic" (client), "access" (OAuth access token) or ""
    destructive: bool = False


def routes_from(doc, destructive):
    """The document's operations, then the HTML routes it does not list, the static files and
    CORS preflights."""
    def deref(node):
        while isinstance(node, dict) and "$ref" in node:
            target = doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    routes = []
    for template, item in doc["paths"].items():
        shared = [deref(p) for p in item.get("parameters", [])]
        for method, op in item.items():
            if method not in HTTP_METHODS:
                continue
            content = (op.get("requestBody") or {}).get("content", {})
            kind = next((k for k, ct in (("form", "application/x-www-form-urlencoded"), ("json", "application/json")) if ct in content), "")
            schema = deref(content.get("application/x-www-form-urlencoded" if kind == "form" else "application/json", {}).get("schema", {}))
            parameters = shared + [deref(p) for p in op.get("parameters", [])]
            security = {name for alternative in op.get("security") or [] for name in alternative}
            auth = "bearer" if "apiKey" in security else "basic" if "clientBasic" in security else "access" if "accessToken" in security else ""
            routes.append(Route(method.upper(), template, re.findall(r"{(\w+)}", template), kind, list(schema.get("properties", {})),
                                [p["name"] for p in parameters if p.get("in") == "query"], auth, destructive(method.upper(), template)))
    # Asked for by name though not routes of this server (they must answer 404, not fail).
    routes += [Route("GET", "/consent"), Route("POST", "/consent", body="form"), Route("POST", "/signin", body="form"),
               Route("POST", "/signup", body="form"), Route("GET", "/.well-known/oauth-authorization-server"), Route("GET", "/static/")]
    public = os.path.join(REPO, "Public")  # one file per folder: they all go through the same file middleware
    for folder, _, files in sorted(os.walk(public)):
        routes += [Route("GET", "/static/" + os.path.relpath(os.path.join(folder, f), public)) for f in sorted(files)[:1]]
    routes += [Route("OPTIONS", p) for p in ("/oauth/token", "/oauth/userinfo", "/oauth/revoke", "/oauth/introspect",
                                             "/.well-known/openid-configuration", "/.well-known/jwks.json")]
    return routes


# --------------------------------------------------------------------------- requests


@dataclasses.dataclass
class Req:
    route: Route
    case: str
    method: bytes
    target: bytes
    headers: list  # [(name, value)] as bytes, in order; repeated names allowed
    body: bytes = b""
    framing: bool = True  # add Content-Length for the body (off: the case frames it itself)
    half_close: bool = False  # shut the write side after sending (truncated bodies)
    expect_response: bool = True
    version: bytes = b"HTTP/1.1"
    raw: bytes = b""  # the whole request as is, when set

    def set(self, name, *values):
        """Replaces every `name` field with one field per value (none: removes it)."""
        lower = name.lower().encode()
        self.headers = [(n, v) for n, v in self.headers if n.lower() != lower] + [(name.encode(), v) for v in values]
        return self

    def change(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)
        return self

    def data(self):
        if self.raw:
            return self.raw
        headers = list(self.headers)
        if self.framing and (self.body or self.method in (b"POST", b"PUT", b"PATCH")):
            headers.append((b"Content-Length", str(len(self.body)).encode()))
        head = self.method + b" " + self.target + b" " + self.version + b"\r\n"
        head += b"".join(n + b": " + v + b"\r\n" for n, v in headers)
        return head + b"\r\n" + self.body


def abbreviate(data, limit=1500):
    """A request's bytes for a report: runs of one byte collapsed, cut at `limit` characters."""
    head = data[:2 * KIB64]  # enough to collapse a 64 KiB run; the 2 MiB bodies are cut
    text = repr(re.sub(rb"(.)\1{24,}", lambda m: b"<%d x %s>" % (len(m.group(0)), repr(m.group(1))[2:-1].encode()), head))[2:-1]
    return text if len(text) <= limit and len(head) == len(data) else text[:limit] + f"... ({len(data)} bytes in all)"


def exchange(port, data, half_close=False, pace=0.0):
    """Sends `data` on a new connection, reading while sending (a server may answer early and
    close); `pace`: seconds between bytes (a slow client). Returns (HTTP status or None, the
    transport error or None)."""
    received, error = bytearray(), None
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    except OSError as e:
        return None, f"connect failed ({e})"
    with sock:
        sock.setblocking(False)
        sent, shut = 0, False
        deadline = time.monotonic() + TIMEOUT + pace * len(data)
        while not complete(received):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                error = "timeout"
                break
            writing = sent < len(data)
            if not writing and half_close and not shut:
                sock.shutdown(socket.SHUT_WR)
                shut = True
            readable, writable, _ = select.select([sock], [sock] if writing else [], [], remaining)
            try:
                if readable:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    received += chunk
                if writable:
                    sent += sock.send(data[sent:sent + (1 if pace else 65536)])
                    time.sleep(pace)
            except OSError as e:  # reset, broken pipe
                error = "connection reset" if isinstance(e, ConnectionResetError) else type(e).__name__
                break
    match = re.match(rb"HTTP/\d\.\d (\d{3})", received)
    return (int(match.group(1)) if match else None), error


def complete(received):
    """Whether `received` holds a whole response (Content-Length or chunked); else read to EOF."""
    end = received.find(b"\r\n\r\n")
    if end < 0:
        return False
    head = bytes(received[:end]).lower()
    length = re.search(rb"\r\ncontent-length: *(\d+)", head)
    if length:
        return len(received) - end - 4 >= int(length.group(1))
    return b"transfer-encoding: chunked" in head and received.endswith(b"0\r\n\r\n")


# --------------------------------------------------------------------------- values

# Every value of GENERIC goes into each of the headers of HEADER_VALUES, then that header's own.
GENERIC = [b"", b";", b",,,;;;", b" ", b"=", b'"', "ü💥".encode(), b"\xff", b"\xc3\x28", b"\x01", b"a" * KIB64]


def b64(data):
    return base64.b64encode(data)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def jwt(header, payload, signature=b"sig"):
    return b".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(payload).encode()), b64url(signature)])


def stripe_signature(body, timestamp=None):
    t = str(int(time.time()) if timestamp is None else timestamp).encode()
    return b"t=" + t + b",v1=" + hmac.new(STRIPE_WEBHOOK_SECRET.encode(), t + b"." + body, hashlib.sha256).hexdigest().encode()


def nested(depth, obj=False):
    return (b'{"a":' * depth + b"1" + b"}" * depth) if obj else (b"[" * depth + b"]" * depth)


HEADER_VALUES = {
    "Content-Type": [b"application/json;", b'application/json; charset="', b";application/json", b"APPLICATION/JSON ; ;",
                     b"application/x-www-form-urlencoded; charset=latin-1", b"multipart/form-data", b"multipart/form-data; boundary=",
                     b"text/plain", b"application/json, text/html", b"/", b"*/*", b"application/json; charset=\xff"],
    "Authorization": [b"Bearer", b"Bearer ", b"bearer x", b"Basic", b"Basic ", b"Basic =", b"Basic " + b64(b"nocolon"), b"Basic " + b64(b":"),
                      b"Basic " + b64(b"\xff\xfe:\xff"), b"Basic !!!", b"Basic " + b64(b"%zz:%"), b"Basic " + b64(b"a:b:c"),
                      b"Basic " + b64(b"x" * 40000 + b":y"), b"Bearer \xff", b"Bearer fsk_live_", b"Bearer fsk_live_" + b"A" * 43,
                      b"Bearer fsk_live_" + b"\xff" * 43, b"Bearer a.b.c", b"Bearer " + jwt({"alg": "none", "typ": "at+jwt"}, {"sub": "x"}, b""),
                      b"Bearer " + jwt({"alg": "ES256", "kid": "k" * 5000}, {"exp": 1e308}),
                      b"Bearer " + jwt({"alg": "RS256", "kid": None}, {"iat": "x", "exp": [], "aud": {}}), b"Digest x"],
    "Cookie": [b"flowsta_session=", b"flowsta_session", b"flowsta_session=\xff", b"flowsta_session=a; flowsta_session=b",
               b"; ".join(b"c%d=%d" % (i, i) for i in range(2000)), b"flowsta_dashboard=garbage", b"flowsta_dashboard=",
               b"flowsta_dashboard_flow=" + b64url(random.Random(1).randbytes(100)), b"flowsta_dashboard_flow=A", b'flowsta_session="quoted"',
               b"flowsta_session=%00"],
    "Origin": [b"null", b"http://", b"http://evil.example", b"http://[::1", b"http://127.0.0.1:99999"],
    "Sec-Fetch-Site": [b"cross-site", b"same-origin", b"none", b"cross-site, same-origin"],
    "Accept": [b"*/*;q=abc", b"text/html;q=1e999", b"application/json;q=-1", b"text/html;q=0, application/json;q=0"],
    "X-Forwarded-For": [b"1.2.3.4, , ,", b"999.999.999.999", b"unknown", b"[::1]:99999", b"1.2.3.4" + b", 1.2.3.4" * 5000],
    "Forwarded": [b'for="[::1"', b"for=;by=;host=", b"for=1.2.3.4;proto=gopher"],
    "Host": [b"evil.example", b"127.0.0.1:99999", b"[::1", b"a@b", b"127.0.0.1:8080/path"],
    "Stripe-Signature": [b"t=", b"t=abc,v1=", b"t=99999999999999999999,v1=" + b"0" * 64, b"t=-1,v1=00", b"v1=" + b"0" * 64,
                         b"t=1," + b"v1=x," * 2000, b"t=1e999,v1=00", b"t= 1 , v1 = 00", b"t=1,t=2,v1=00", b"t=1,v1=" + b"0" * 63,
                         b"t=9223372036854775807,v1=00", b"t=-9223372036854775808,v1=00"],
}
OTHER_HEADER_VALUES = {  # only their own values
    "X-Forwarded-Proto": [b"https", b"\xff"],
    "X-Forwarded-Host": [b"evil.example:99999"],
    "Range": [b"bytes=", b"bytes=5-1", b"bytes=0-99999999999999999999", b"bytes=1-2,3-4", b"bytes=-99999999999999999999", b"items=0-1"],
    "If-None-Match": [b"*", b'"x", W/"'],
    "If-Modified-Since": [b"Thu, 99 Foo 9999 99:99:99 GMT", b"Mon, 31 Dec 9999 23:59:59 GMT"],
    "Expect": [b"100-continue", b"garbage"],
    "Access-Control-Request-Headers": [b"a" * 10000, b"\xff"],
    "Accept-Encoding": [b"gzip;q=abc"],
    "Connection": [b"keep-alive, close", b"Upgrade, HTTP2-Settings"],
    "Upgrade": [b"h2c", b"websocket"],
}
REPEATED = {  # two fields of one name with different values
    "Content-Type": [b"application/json", b"application/x-www-form-urlencoded"],
    "Authorization": [b"Bearer <key>", b"Basic " + b64(b"x:y")],
    "Cookie": [b"flowsta_session=<session>", b"flowsta_session=junk"],
    "Origin": [b"http://evil.example", b"<origin>"],
    "Sec-Fetch-Site": [b"same-origin", b"cross-site"],
    "Host": [b"<host>", b"evil.example"],
    "Accept": [b"application/json", b"text/html"],
    "Stripe-Signature": [b"<signature>", b"t=1,v1=00"],
    "X-Forwarded-For": [b"1.2.3.4", b"5.6.7.8"],
    "Forwarded": [b"for=1.2.3.4", b"for=5.6.7.8"],
}

JSON_BODIES = [b"", b"{", b'{"a":', b'{"a":"', b"[]", b"[{}]", b"null", b"true", b"1e999", b"99999999999999999999999", b"-0", b'"s"',
               b'{"a":1e999}', b'{"a":99999999999999999999999}', b'{"a":-99999999999999999999999e-999}', b'{"a":"\\ud800"}',
               b'{"a":"\xff"}', b"\xef\xbb\xbf{}", b'{"a":1,"a":2}', nested(10000), nested(10000, obj=True), b"\x00", b"{}x",
               b'{"' + b"a" * 60000 + b'":1}', b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(5000)) + b"}", b"\xff\xfe{\x00}\x00"]
WEIRD_JSON_VALUES = [b"1e999", b"99999999999999999999999", b"-1", b"0.5", b"[]", b"{}", b"null", b'""', b'"\\u0000"', b'"' + b"x" * 20000 + b'"',
                     b"true", b'"\xff"', b'"\\ud800"', "\"ü💥\"".encode() * 1, nested(1000), b'"%ff"', b'"00000000-0000-0000-0000-000000000000"',
                     b'"javascript:alert(1)"', b'"http://[::1"', b'"9999-99-99T99:99:99Z"']
FORM_BODIES = [b"=", b"&&&", b"%", b"%zz=%zz", b"a=%ff", b"a=\xff", b"a=%", b"a=%0", b"%00=%00", b"a=1&a=2",
               b"&".join(b"p%d=v" % i for i in range(5000)), b"a" * 60000, b"+=+", b"a=b=c", b"%%%%", b"\x00=\x00"]
WEIRD_FORM_VALUES = [b"", b"%ff", b"\xff", b"%00", b"99999999999999999999", b"1e999", b"-1", b"x" * 20000, b"%zz", b"%C3%BC%F0%9F%92%A5",
                     b"http://[::1", b"javascript:alert(1)", b"%0d%0aX-Injected:%201"]
PATH_VALUES = [b"", b"a" * 8000, "ü".encode(), b"%C3%BC", b"%ff", b"%00", b"%zz", b"%", b"..", b"%2e%2e", b".", b"00000000-0000-0000-0000-000000000000",
               b"<REAL-UPPER>", b"<REAL>%20", b"-1", b"99999999999999999999", b"1e999", b"a/b", b"%2F", b";", "💥".encode(), b"\xff",
               b"00000000-0000-0000-0000-00000000000g", b"{org}", b"%7Borg%7D"]
QUERY_STRINGS = [b"%", b"%zz", b"%00", b"%ff", b"a=%", b"&&&", b"=", b"a=%ff%fe", b"a=1&a=2", b"limit=99999999999999999999", b"limit=-1",
                 b"limit=1e999", b"limit=", b"cursor=%ff", b"cursor=" + b"A" * 1000, b"cursor=" + b64url(b'{"t":1e999,"id":"x"}'),
                 b"a=" + b"b" * 30000, b"a=\xff", "a=ü".encode(), b"%%%%", b"a=%2", b"+=+&=&"]
QUERY_VALUES = [b"%ff", b"99999999999999999999", b"-1", b"1e999", b"", b"\xff", b"%00", b"x" * 5000, b"2024-13-45", b"%zz", b"a%20b"]

MULTIPART = b'--b\r\nContent-Disposition: form-data; name="%s"\r\n\r\nv\r\n--b--\r\n'
BODY_MEDIA = [  # (case, Content-Type or None, body)
    ("multipart: one field", b"multipart/form-data; boundary=b", MULTIPART % b"name"),
    ("multipart: no boundary", b"multipart/form-data", MULTIPART % b"name"),
    ("multipart: unterminated", b"multipart/form-data; boundary=b", b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nv'),
    ("multipart: boundary mismatch", b"multipart/form-data; boundary=zzz", MULTIPART % b"name"),
    ("text/plain", b"text/plain", b"hello"),
    ("text/plain invalid UTF-8", b"text/plain; charset=utf-8", b"\xff\xfe\xfd"),
    ("octet-stream", b"application/octet-stream", random.Random(2).randbytes(256)),
    ("no Content-Type, JSON body", None, b'{"a":1}'),
    ("no Content-Type, form body", None, b"a=1"),
    ("JSON Content-Type, form body", b"application/json", b"a=1&b=2"),
    ("form Content-Type, JSON body", b"application/x-www-form-urlencoded", b'{"a":1}'),
    ("application/xml", b"application/xml", b"<a/>"),
]


# --------------------------------------------------------------------------- the cases


def roundrobin(*iterables):
    """The iterables' items in turn (a1, b1, c1, a2, b2, ...) until all are exhausted."""
    iterators = [iter(i) for i in iterables]
    while iterators:
        for it in list(iterators):
            item = next(it, None)
            if item is None:
                iterators.remove(it)
            else:
                yield item


class Cases:
    """Each case's requests, made from the routes' baselines. The generators yield batches
    (case label, change, routes): one case on every route it applies to."""

    def __init__(self, routes, fixture, port, destructive):
        self.routes = routes
        self.fx = fixture
        self.port = port
        self.destructive = destructive
        self.host = f"127.0.0.1:{port}".encode()

    def baseline(self, route, case, ids=None):
        """A valid request for `route` (see the module's description)."""
        fx, rnd = self.fx, random.Random(case)
        values = {**({} if route.destructive else fx.path_values()), **(ids or {})}
        path = route.template.encode()
        for name in route.params:
            value = values.get(name) or str(uuid.UUID(int=rnd.getrandbits(128)))
            path = path.replace(b"{%s}" % name.encode(), value if isinstance(value, bytes) else value.encode())
        headers = [(b"Host", self.host), (b"Connection", b"close"), (b"User-Agent", b"flowsta-fuzz")]
        if not (route.destructive and not route.params):
            headers.append((b"Cookie", "; ".join(f"{k}={v}" for k, v in fx.cookies().items()).encode()))
            token = {"bearer": "Bearer " + fx.api_key, "basic": fx.basic(), "access": "Bearer " + fx.access_token}.get(route.auth)
            if token:
                headers.append((b"Authorization", token.encode()))
        body = b""
        if route.body == "json":
            headers.append((b"Content-Type", b"application/json"))
            body = self.webhook_event() if route.template == "/webhooks/stripe" else b"{}"
        elif route.body == "form":
            headers.append((b"Content-Type", b"application/x-www-form-urlencoded"))
            body = self.form(route)
        elif route.method in ("POST", "PUT", "PATCH", "DELETE"):
            headers.append((b"Content-Type", b"application/json"))  # what the cross-site check asks of cookie routes
        if route.template == "/webhooks/stripe":
            headers.append((b"Stripe-Signature", stripe_signature(body)))
        return Req(route, case, route.method.encode(), path, headers, body)

    def form(self, route):
        """A minimal valid form: the page's CSRF token, or what the OAuth endpoints require."""
        if route.template == "/oauth/token":
            return b"grant_type=client_credentials"
        if route.template in ("/oauth/revoke", "/oauth/introspect"):
            return b"token=not-a-token"
        if route.template == "/oauth/userinfo":
            return b""
        csrf = self.fx.dashboard_csrf if route.template.startswith("/dashboard") else self.fx.hosted_csrf
        return b"csrf_token=" + csrf.encode()

    def webhook_event(self):
        return json.dumps({"id": "evt_fuzz_" + uuid.uuid4().hex, "type": "customer.subscription.updated", "created": int(time.time()),
                           "object": "event", "data": {"object": {"id": "sub_fuzz", "object": "subscription", "customer": "cus_fuzz",
                                                                  "metadata": {"organization_id": self.fx.org_id}}}}).encode()

    def substitute(self, value, req):
        """Fills the placeholders of REPEATED and PATH_VALUES from the request and fixture (no
        real credentials where the baseline carries none: it acts on the session itself)."""
        current = {n.lower(): v for n, v in req.headers}
        credentials = b"cookie" in current
        for placeholder, real in {b"<key>": self.fx.api_key.encode() if credentials else b"fsk_live_none",
                                  b"<session>": self.fx.session_token.encode() if credentials else b"none",
                                  b"<origin>": f"http://127.0.0.1:{self.port}".encode(), b"<host>": self.host,
                                  b"<signature>": current.get(b"stripe-signature", b"t=1,v1=00"), b"<REAL>": self.fx.org_id.encode(),
                                  b"<REAL-UPPER>": self.fx.org_id.upper().encode()}.items():
            value = value.replace(placeholder, real)
        return value

    def batches(self):
        """All batches, kinds of case interleaved so that a run cut short by its time budget
        still covers every kind."""
        return roundrobin(self.header_cases(), self.body_cases(), self.url_cases(), self.transport_cases(), self.request_line_cases(),
                          self.webhook_cases())

    def batch(self, case, change, routes=None):
        """A batch: `change(request, route)` for each route's baseline (None skips the route)."""
        return case, change, routes or self.routes

    def requests(self, case, change, routes):
        built = (change(self.baseline(route, case), route) for route in routes)
        return [r for r in built if r is not None]

    def each(self, items, label, change):
        """One batch per item: label(item), change(item)."""
        for item in items:
            yield self.batch(label(item), change(item))

    def header_cases(self):
        def header(name, values):
            for value in GENERIC + values if name in HEADER_VALUES else values:
                yield self.batch(f"{name}: '{abbreviate(value, 80)}'", lambda r, _, value=value: r.set(name, value))
            if name in REPEATED:
                pair = REPEATED[name]
                yield self.batch(f"{name} twice: {' / '.join(abbreviate(v, 40) for v in pair)}",
                                 lambda r, _: r.set(name, *[self.substitute(v, r) for v in pair]))

        def lines():
            yield self.batch("Host missing", lambda r, _: r.set("Host"))
            yield self.batch("only Host and Connection", lambda r, _: r.change(headers=[(b"Host", self.host), (b"Connection", b"close")]))
            for name, value in [(b"X-\xff", b"a"), (b"Bad Header", b"a"), (b"", b"empty name"), (b"X-Folded", b"a\r\n folded"),
                                (b"X-Nul", b"a\x00b"), (b"X-Bare-CR", b"a\rb")]:
                yield self.batch(f"header line {abbreviate(name + b': ' + value, 60)}",
                                 lambda r, _, name=name, value=value: r.change(headers=r.headers + [(name, value)]))
            yield self.batch("header line without a colon", lambda r, _: r.change(raw=r.data().replace(b"\r\n\r\n", b"\r\nNoColonHere\r\n\r\n", 1)))
            yield self.batch("1000 extra header fields (64 KiB)",
                             lambda r, _: r.change(headers=r.headers + [(b"X-F%d" % i, b"v" * 55) for i in range(1000)]))

        return roundrobin(*[header(name, values) for name, values in {**HEADER_VALUES, **OTHER_HEADER_VALUES}.items()], lines())

    def body_cases(self):
        def body(content_type, data):
            def change(r, route):
                if route.method not in ("POST", "PUT", "PATCH", "DELETE"):
                    return None
                return r.set("Content-Type", *([content_type] if content_type else [])).change(body=data)
            return change

        def json_fields(value):
            def change(r, route):
                if route.body != "json" or not route.props:
                    return None
                return r.change(body=b"{" + b",".join(b'"%s":%s' % (p.encode(), value) for p in route.props) + b"}")
            return change

        def form_fields(make):
            def change(r, route):
                if route.body != "form":
                    return None
                if "client_id" in route.props:
                    r.set("Authorization")  # so that the body's client_id is the one looked up
                return r.change(body=r.body + b"".join(make(n.encode()) for n in route.props or ["a"] if n != "csrf_token"))
            return change

        def shapes():
            yield self.batch("JSON body: the object inside an array", lambda r, route: r.change(body=b"[" + r.body + b"]") if route.body == "json" else None)
            yield self.batch("JSON body: every field an array of strings", lambda r, route: r.change(
                body=json.dumps({p: [p] for p in route.props}).encode()) if route.body == "json" and route.props else None)
            yield self.batch("form body: every field twice", form_fields(lambda n: b"&%s=1&%s=2" % (n, n)))

        return roundrobin(
            self.each(JSON_BODIES, lambda d: f"JSON body {abbreviate(d, 60)}", lambda d: body(b"application/json", d)),
            self.each(FORM_BODIES, lambda d: f"form body {abbreviate(d, 60)}", lambda d: body(b"application/x-www-form-urlencoded", d)),
            self.each(BODY_MEDIA, lambda m: f"body: {m[0]}", lambda m: body(m[1], m[2])),
            self.each(WEIRD_JSON_VALUES, lambda v: f"JSON body: every field = {abbreviate(v, 60)}", json_fields),
            self.each(WEIRD_FORM_VALUES, lambda v: f"form body: every field = {abbreviate(v, 60)}",
                      lambda v: form_fields(lambda n: b"&%s=%s" % (n, v))),
            shapes())

    def url_cases(self):
        def query(make):
            return lambda r, route: r.change(target=r.target + b"?" + b"&".join(make(n.encode()) for n in route.query)) if route.query else None

        def ids(value):
            return lambda r, route: self.baseline(route, r.case, {p: self.substitute(value, r) for p in route.params}) if route.params else None

        def whole_path():
            yield self.batch("path with doubled slashes", lambda r, _: r.change(target=r.target.replace(b"/", b"//")))
            yield self.batch("path upper-case", lambda r, _: r.change(target=r.target.upper()))
            yield self.batch("path fully percent-encoded", lambda r, _: r.change(target=b"".join(b"%%%02X" % c if c != 47 else b"/" for c in r.target)))
            yield self.batch("every query parameter twice", query(lambda n: b"%s=1&%s=2" % (n, n)))

        suffixes = [b"/", b"//", b"/.", b"/..", b"%00", b"%ff", b";a=b", b"/%2e%2e/%2e%2e/Package.swift", b"?#", b"#frag", b"/\xff"]
        return roundrobin(
            self.each(QUERY_STRINGS, lambda q: f"query ?{abbreviate(q, 60)}", lambda q: lambda r, _: r.change(target=r.target + b"?" + q)),
            self.each(QUERY_VALUES, lambda v: f"every query parameter = {abbreviate(v, 60)}", lambda v: query(lambda n: b"%s=%s" % (n, v))),
            self.each(PATH_VALUES, lambda v: f"path ids = {abbreviate(v, 60)}", ids),
            self.each(suffixes, lambda s: f"path + {abbreviate(s, 40)}", lambda s: lambda r, _: r.change(target=r.target + s)),
            whole_path())

    def transport_cases(self):
        def with_body(change):
            return lambda r, route: change(r) if route.method in ("POST", "PUT", "PATCH") else None

        def chunked(chunks, last=b"0\r\n\r\n", half_close=False, expect_response=True):
            return with_body(lambda r: r.set("Transfer-Encoding", b"chunked").change(
                body=b"".join(chunks(r.body)) + last, framing=False, half_close=half_close, expect_response=expect_response))

        def one_chunk(data):
            return [b"%x\r\n%s\r\n" % (len(data), data)] if data else []

        big = b'{"a":"' + b"x" * (2 * 1024 * 1024) + b'"}'
        yield self.batch("chunked body", chunked(one_chunk))
        yield self.batch("chunked body, one byte per chunk", chunked(lambda b: [b"1\r\n%s\r\n" % b[i:i + 1] for i in range(len(b))]))
        yield self.batch("chunked body with chunk extensions and a trailer",
                         chunked(lambda b: [b"%x;a=b;c\r\n%s\r\n" % (len(b), b)] if b else [], last=b"0;x=y\r\nX-Trailer: 1\r\n\r\n"))
        yield self.batch("chunked: size 'zz'", chunked(lambda b: [b"zz\r\n" + b + b"\r\n"]))
        yield self.batch("chunked: size ffffffffffffffff, then close", chunked(lambda b: [b"ffffffffffffffff\r\n" + b + b"\r\n"], last=b"", half_close=True))
        yield self.batch("chunked: no last chunk, then close", chunked(one_chunk, last=b"", half_close=True, expect_response=False))
        yield self.batch("chunked 2 MiB body", chunked(lambda _: one_chunk(big)))
        yield self.batch("2 MiB JSON body with Content-Length", with_body(lambda r: r.change(body=big)))
        yield self.batch("2 MiB form body", with_body(lambda r: r.change(body=r.body + b"&a=" + b"x" * (2 * 1024 * 1024))))
        yield self.batch("Content-Length 1000 more than sent, then close",
                         with_body(lambda r: r.set("Content-Length", b"%d" % (len(r.body) + 1000)).change(framing=False, half_close=True, expect_response=False)))
        for value in [b"-1", b"abc", b"99999999999999999999", b"1, 2", b" 2", b"+2", b"0x10", b""]:
            yield self.batch(f"Content-Length: '{abbreviate(value)}' (2-byte body)",
                             with_body(lambda r, v=value: r.set("Content-Length", v).change(body=b"{}", framing=False)))
        yield self.batch("Content-Length twice: 2 / 3 (2-byte body)", with_body(lambda r: r.set("Content-Length", b"2", b"3").change(body=b"{}", framing=False)))
        yield self.batch("Transfer-Encoding: chunked twice", with_body(lambda r: r.set("Transfer-Encoding", b"chunked", b"chunked").change(
            body=b"".join(one_chunk(r.body)) + b"0\r\n\r\n", framing=False)))
        yield self.batch("Content-Length and Transfer-Encoding: chunked",
                         with_body(lambda r: r.set("Transfer-Encoding", b"chunked").set("Content-Length", b"%d" % len(r.body)).change(
                             body=b"".join(one_chunk(r.body)) + b"0\r\n\r\n", framing=False)))
        for value in [b"gzip", b"chunked, gzip", b"identity", b"gzip, chunked", b"\xff"]:
            yield self.batch(f"Transfer-Encoding: {abbreviate(value)}", with_body(lambda r, v=value: r.set("Transfer-Encoding", v)))
        yield self.batch("Content-Encoding: gzip, plain body", with_body(lambda r: r.set("Content-Encoding", b"gzip")))

    def request_line_cases(self):
        def method(name):
            def change(r, route):
                if self.destructive(name.decode(), route.template):  # e.g. GET /auth/me turned into DELETE
                    r = self.baseline(dataclasses.replace(route, destructive=True), r.case)
                return r.change(method=name)
            return change

        for name in [b"HEAD", b"OPTIONS", b"TRACE", b"FUZZ", b"get", b"A" * 1000, b"GET", b"POST", b"PUT", b"PATCH", b"DELETE"]:
            yield self.batch(f"method {abbreviate(name, 20)}", method(name))
        for version in [b"HTTP/1.0", b"HTTP/2.0", b"HTTP/9.9", b"HTTP/1.1x", b"http/1.1"]:
            yield self.batch(f"version {version.decode()}", lambda r, _, v=version: r.change(version=v))
        yield self.batch("HTTP/1.0 without Host", lambda r, _: r.set("Host").change(version=b"HTTP/1.0"))
        yield self.batch("absolute-form target", lambda r, _: r.change(target=b"http://" + self.host + r.target))
        yield self.batch("absolute-form target of another host", lambda r, _: r.change(target=b"http://evil.example" + r.target))
        yield self.batch("two requests pipelined",
                         lambda r, _: r.change(raw=r.set("Connection", b"keep-alive").data() + r.set("Connection", b"close").data()))
        yield self.batch("request, then garbage", lambda r, _: r.change(raw=r.data() + b"\xff\x00GARBAGE\r\n\r\n"))
        health = [Route("GET", "/health")]
        for target in [b"*", b"", b"health", b"//", b"/%", b"/%zz", b"/" + b"a" * KIB64, b"/../../etc/passwd", b"/static/../Package.swift",
                       b"/static/%2e%2e/Package.swift", b"/static/..%2fPackage.swift", b"/static/%00", b"/static",
                       b"/static/css/../../Package.swift", b"/a b", b"/\x00", b"/\xff"]:
            yield self.batch(f"target {abbreviate(target, 40)}", lambda r, _, t=target: r.change(target=t), health)
        for raw in [b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", b"GET\r\n\r\n", b"GET /health\r\n\r\n", b"\x16\x03\x01\x00\x05hello",
                    b"GET /health HTTP/1.1\nHost: x\nConnection: close\n\n", b" GET /health HTTP/1.1\r\n\r\n"]:
            yield self.batch(f"raw bytes {abbreviate(raw, 40)}", lambda r, _, raw=raw: r.change(raw=raw), health)
        # Empty lines before a request line are to be ignored (RFC 9112 §2.2): the server waits.
        yield self.batch("raw bytes \\r\\n\\r\\n, then close", lambda r, _: r.change(raw=b"\r\n\r\n", half_close=True, expect_response=False), health)

    def webhook_cases(self):
        """Correctly signed Stripe deliveries of hostile events (the signature is checked first)."""
        webhook = [r for r in self.routes if r.template == "/webhooks/stripe"]

        def signed(data, timestamp=None):
            return lambda r, _: r.set("Stripe-Signature", stripe_signature(data, timestamp)).change(body=data)

        for data in JSON_BODIES:
            yield self.batch(f"signed Stripe event {abbreviate(data, 60)}", signed(data), webhook)
        base = {"id": "evt_x", "type": "invoice.paid", "created": 1, "data": {"object": {}}}
        events = [{**base, "id": 1e308}, {**base, "type": None}, {**base, "created": "x"}, {**base, "data": []}, {**base, "data": {"object": []}},
                  {**base, "data": {"object": {"customer": {"id": 1}}}}, {k: v for k, v in base.items() if k != "data"}]
        objects = [{}, {"id": None, "customer": 1e308, "metadata": [], "items": {"data": [{}]}},
                   {"id": "x", "mode": "subscription", "subscription": "sub_x", "client_reference_id": self.fx.org_id},
                   {"id": "x", "customer": "cus_x", "metadata": {"organization_id": self.fx.org_id}, "status": "active",
                    "items": {"data": [{"price": {"id": "price_fuzz_pro"}, "current_period_end": 99999999999999999999}]}},
                   {"id": "x", "customer": "cus_x", "total": -1, "amount_due": 1e308, "lines": {"data": [{}] * 3}, "created": -1}]
        for event_type in ("checkout.session.completed", "customer.subscription.created", "customer.subscription.updated",
                           "customer.subscription.deleted", "invoice.finalized", "invoice.paid", "invoice.payment_failed"):
            events += [{**base, "id": "evt_" + uuid.uuid4().hex, "type": event_type, "data": {"object": obj}} for obj in objects]
        for event in events:
            data = json.dumps(event).encode()
            yield self.batch(f"signed Stripe event {abbreviate(data, 100)}", signed(data), webhook)
        yield self.batch("signed Stripe event, timestamp far in the future", signed(b"{}", 99999999999), webhook)
        yield self.batch("signed Stripe event, negative timestamp", signed(b"{}", -1), webhook)


# --------------------------------------------------------------------------- running


class RawFuzzer:
    def __init__(self, server, fixture, findings, doc, destructive):
        self.server = server
        self.fixture = fixture
        self.findings = findings
        self.routes = routes_from(doc, destructive)
        self.cases = Cases(self.routes, fixture, server.port, destructive)
        self.slow_route = Route("*", "(slow clients)")
        self.sent = 0
        self.crashes = 0

    def tested(self):
        """(method, path template) of what was fuzzed: the routes and the slow clients."""
        return {(r.method, r.template) for r in self.routes + [self.slow_route]}

    def run(self, deadline):
        """Runs the batches until done or past `deadline`, with slow clients alongside; returns
        (batches run, batches in all)."""
        self.fixture.ensure()
        batches = list(self.cases.batches())
        slow = threading.Thread(target=self.slow_clients)
        slow.start()
        done = 0
        with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
            for case, change, routes in batches:
                if time.monotonic() >= deadline:
                    break
                requests = self.cases.requests(case, change, routes)
                mark = self.server.log_size()
                results = list(pool.map(lambda req: exchange(self.server.port, req.data(), req.half_close), requests))
                self.sent += len(requests)
                self.after_batch(case, requests, results, mark)
                done += 1
        slow.join()
        return done, len(batches)

    def after_batch(self, case, requests, results, mark):
        problem = self.server.status()
        unanswered = [req for req, (status, _) in zip(requests, results) if status is None]
        if problem:
            log = self.server.log_tail(self.server.log_mark)
            self.restart()
            self.replay(case, unanswered, problem, log)
        else:
            for req, (status, error) in zip(requests, results):
                if status is None and req.expect_response:
                    self.record(req, f"no response ({error or 'connection closed'})")
        failed = [(req, status) for req, (status, _) in zip(requests, results) if status and server_error(status, req.target.decode("latin-1"))]
        errors = self.server.errors_since(mark) if failed else ""
        for req, status in failed:
            self.record(req, f"HTTP {status}", errors)
        rebuilt = self.fixture.ensure()
        if rebuilt:
            print(f"  (raw: rebuilt the fixture's {', '.join(rebuilt)} after the case {case})", flush=True)

    def replay(self, case, suspects, problem, batch_log):
        """Finds which of a crashed batch's unanswered requests kills the server."""
        culprits = 0
        for req in suspects:
            mark = self.server.log_size()
            status, error = exchange(self.server.port, req.data(), req.half_close)
            crashed = self.server.status()
            if crashed:
                culprits += 1
                self.record(req, f"server crashed ({crashed})", self.server.log_tail(mark))
                self.restart()
            elif status is None and req.expect_response:
                self.record(req, f"no response ({error or 'connection closed'})")
        if not culprits:
            route = suspects[0].route if suspects else Route("*", "(batch)")
            self.findings.add(Finding("raw", route.method, route.template, case, f"server {problem} during the batch; no single request reproduced it",
                                      "; ".join(abbreviate(r.data(), 200) for r in suspects[:5]), batch_log))

    def restart(self):
        self.crashes += 1
        self.server.restart()
        self.fixture.ensure()

    def record(self, req, outcome, log=""):
        self.findings.add(Finding("raw", req.route.method, req.route.template, req.case, outcome, abbreviate(req.data()), log))

    def slow_clients(self):
        """A few connections sending their request one byte per 100 ms while the batches run:
        each must get its answer (unless the server was restarted meanwhile)."""
        host = f"127.0.0.1:{self.server.port}".encode()
        requests = [b"GET /health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n" % host,
                    b"GET /openapi.json HTTP/1.1\r\nHost: %s\r\nCookie: flowsta_session=x\r\nConnection: close\r\n\r\n" % host,
                    b"POST /oauth/revoke HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    b"Content-Length: 7\r\nConnection: close\r\n\r\ntoken=x" % host]

        def dribble(data):
            starts = self.server.starts
            status, error = exchange(self.server.port, data, pace=0.1)
            if (status is None or server_error(status, "")) and self.server.starts == starts and not self.server.exited():
                req = Req(self.slow_route, "request sent one byte per 100 ms", b"", b"", [], raw=data)
                self.record(req, f"HTTP {status}" if status else f"no response ({error or 'connection closed'})")

        threads = [threading.Thread(target=dribble, args=(data,)) for data in requests]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
