#!/usr/bin/env python3
"""Real-browser end-to-end test of the developer dashboard (/dashboard), as a new developer uses
it, through the pages only (headless Chromium, selenium):

 1. /dashboard without a session -> the hosted sign-in page (Sign in with Flowsta, PKCE) ->
    "Create an account" -> sign-up (OPAQUE in the page) -> the pass-through page posts itself (no
    consent screen for the first-party dashboard) -> /dashboard/callback -> /dashboard, "Signed in
    as <strong>username</strong>". The typed password is in no request the page sent.
 2. An organization from #create-organization -> its overview; the plan meters say "0 of 1" apps.
 3. #create-app with an invalid redirect URI -> #redirect_uris-error next to the textarea
    (aria-invalid), the typed values kept; fixed -> the app page, client id flowsta_app_...
 4. Issue a client secret -> the one-time reveal page.
 5. An API key "ci" -> reveal (#secret-value fsk_live_...), the copy button (clipboard permission
    granted over CDP; the clipboard is read back), the key lists the org's apps on the management
    API; the keys page shows only its prefix.
 6. Rotate (a new key on the reveal page, the old one "expires ...") and revoke the old one
    ("revoked", no more buttons, the API refuses it); disable/enable and delete the app (the
    confirm checkbox first unticked -> #confirm-error).
 7. Keyboard and labels: the first Tab focuses "Skip to content"; on every page each visible
    form control has a <label> (or aria-label), each button a name, each POST form a csrf_token.
 8. Screenshots of every page at 375 px and 1440 px (full height) into $FLOWSTA_ARTIFACTS
    (default .build/artifacts/dashboard), checked as PNGs of that width; no horizontal overflow.
 9. No SEVERE browser console entry on any page.
10. Sign out from the header -> the browser is signed out (a sign-in or signed-out page), not
    signed straight back in by the hosted session and the first-party pass-through page; the old
    dashboard session no longer opens /dashboard; signed out of Flowsta (/account) as well,
    /dashboard asks to sign in again.

Form pages answered 400 on purpose (validation errors) make Chrome log a SEVERE "Failed to load
resource ... 400" entry: on those pages exactly that entry is expected (it proves the status) and
any other SEVERE entry still fails.

Helpers (browser(), NetworkCapture, leaks(), png_size()) come from oauth_browser_flow.py and the
PASS/FAIL checks from Tests/support/flowsta_checks.py.

Usage: python3 dashboard_browser_flow.py BASE_URL      (or env FLOWSTA_URL)
The server's issuer must be BASE_URL and it must serve Public/ under /static.
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import os
import re
import secrets
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import CHECKS, Stop, check, json_of, must, query_of, show  # noqa: E402
from oauth_browser_flow import NetworkCapture, browser, leaks, png_size  # noqa: E402

TIMEOUT = 30  # seconds, HTTP calls of the test itself
PAGE_TIMEOUT = 20  # a page to appear after a click
OPAQUE_TIMEOUT = 120  # sign-up runs Argon2id twice in the page
WIDTHS = (375, 1440)
REPO = os.path.abspath(os.path.join(here, "..", ".."))
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# Every visible form control without an accessible label, every button without a name, every
# POST form without a csrf_token.
A11Y_PROBE = """
const described = (e) => (e.labels && e.labels.length > 0) || (e.getAttribute('aria-label') || '').trim() !== ''
  || (e.getAttribute('aria-labelledby') || '').split(/\\s+/).some((id) => id && document.getElementById(id));
const controls = Array.from(document.querySelectorAll('input, textarea, select'))
  .filter((e) => (e.getAttribute('type') || '').toLowerCase() !== 'hidden');
const unlabelled = controls.filter((e) => !described(e)).map((e) => e.outerHTML.slice(0, 140));
const nameless = Array.from(document.querySelectorAll('button, a[href]'))
  .filter((e) => !(e.textContent || '').trim() && !(e.getAttribute('aria-label') || '').trim())
  .map((e) => e.outerHTML.slice(0, 140));
const noCSRF = Array.from(document.querySelectorAll('form'))
  .filter((f) => (f.getAttribute('method') || '').toLowerCase() === 'post')
  .filter((f) => { const t = f.querySelector('input[type=hidden][name=csrf_token]'); return !t || !t.value; })
  .map((f) => f.getAttribute('action'));
const ids = {};
for (const e of document.querySelectorAll('[id]')) ids[e.id] = (ids[e.id] || 0) + 1;
const duplicateIDs = Object.keys(ids).filter((id) => ids[id] > 1);
return {controls: controls.length, unlabelled, nameless, noCSRF, duplicateIDs,
        lang: document.documentElement.lang, title: document.title,
        main: !!document.querySelector('main#main'), h1: document.querySelectorAll('h1').length};
"""

# What sticks out on the right of the viewport (for an overflow failure's message).
OVERFLOW_PROBE = """
const width = window.innerWidth;
const wide = [];
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && r.right > width + 1) {
    wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
      ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' right=' + Math.round(r.right));
  }
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
        clientWidth: document.documentElement.clientWidth, wide: wide.slice(0, 8)};
"""

# At phone width: meter texts ("0 of 1") broken over lines, and list tables whose column headers
# are hidden without naming each value some other way (td::before content or aria-label).
MOBILE_PROBE = """
const lines = (node) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
};
const brokenMeters = Array.from(document.querySelectorAll('#plan-use dd span'))
  .filter((s) => lines(s) > 1).map((s) => s.textContent.trim());
const unnamed = [];
for (const table of document.querySelectorAll('table.list')) {
  const head = table.tHead && getComputedStyle(table.tHead).display !== 'none';
  if (head) continue;
  const names = Array.from(table.querySelectorAll('thead th')).map((th) => th.textContent.trim());
  for (const row of table.querySelectorAll('tbody tr')) {
    Array.from(row.cells).forEach((td, i) => {
      const before = getComputedStyle(td, '::before').content;
      const named = (before && before !== 'none' && before !== 'normal' && before !== '""') || td.getAttribute('aria-label');
      if (td.textContent.trim() && !td.querySelector('button') && !named) {
        unnamed.push((names[i] || '?') + ': ' + td.textContent.trim());
      }
    });
  }
}
return {brokenMeters, unnamed: unnamed.slice(0, 12), tables: document.querySelectorAll('table.list').length,
        meters: document.querySelectorAll('#plan-use dd span').length};
"""

READ_CLIPBOARD = """
const done = arguments[arguments.length - 1];
navigator.clipboard.readText().then((t) => done({text: t}), (e) => done({error: String(e)}));
"""


def main():
    base = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("FLOWSTA_URL", "")).rstrip("/")
    if not base:
        print("usage: dashboard_browser_flow.py BASE_URL   (or set FLOWSTA_URL)", file=sys.stderr)
        return 2
    try:
        import selenium
    except ImportError:
        print("selenium is missing: run this with the interpreter printed by scripts/test-venv", file=sys.stderr)
        return 2
    print(f"server: {base}")
    print(f"browser: /usr/bin/chromium via /usr/bin/chromedriver, selenium {selenium.__version__}")
    started = time.monotonic()
    run = Journey(base)
    try:
        run.checks()
    except Stop as e:
        print(f"(stopped after the failed check: {e})")
    except Exception as e:  # an unexpected crash counts as a failure, never a silent pass
        import traceback

        traceback.print_exc()
        check("no unexpected exception", False, f"{type(e).__name__}: {e}")
    finally:
        try:
            run.cleanup()
        except Exception as e:
            check("cleanup without exception", False, f"{type(e).__name__}: {e}")
    for name, seconds in run.timings:
        print(f"time: {name}: {seconds:.2f} s")
    print(f"time: whole journey: {time.monotonic() - started:.1f} s")
    print(f"screenshots ({len(run.screenshots)}) in {run.artifacts}:")
    for path in run.screenshots:
        print(f"  {os.path.basename(path)}")
    return CHECKS.summary()


class Journey:
    def __init__(self, base):
        import requests

        self.base = base
        self.http = requests.Session()
        self.http.headers["Accept"] = "application/json"
        self.tag = secrets.token_hex(4)
        self.username = f"dev-{self.tag}"
        self.password = f"Dash-Pa55word-{secrets.token_hex(6)}"
        self.org_name = f"Dash Org {self.tag}"
        self.app_name = f"Web app {self.tag}"
        self.driver = None
        self.capture = None
        self.user_created = False
        self.console = []  # (page, entry)
        self.console_checked = 0  # console entries already judged by a page check
        self.timings = []
        self.screenshots = []
        self.shot_no = 0
        self.org_id = None
        self.app_id = None
        self.key = None
        self.rotated_key = None
        self.artifacts = os.path.abspath(os.environ.get("FLOWSTA_ARTIFACTS")
                                         or os.path.join(REPO, ".build", "artifacts", "dashboard"))

    # ------------------------------------------------------------------ helpers

    def drain(self, page):
        if self.capture:
            self.capture.drain()
        if self.driver:
            for entry in self.driver.get_log("browser"):
                self.console.append((page, entry))

    def wait(self, page, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while True:
            self.drain(page)
            try:
                value = condition(self.driver)
            except Exception:
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                print(f"  (waited {timeout} s for {what}; at {self.driver.current_url})")
                return None
            time.sleep(0.1)

    def element(self, css, root=None):
        from selenium.webdriver.common.by import By

        found = (root or self.driver).find_elements(By.CSS_SELECTOR, css)
        return found[0] if found else None

    def elements(self, css, root=None):
        from selenium.webdriver.common.by import By

        return (root or self.driver).find_elements(By.CSS_SELECTOR, css)

    def text(self, css):
        e = self.element(css)
        return e.text.strip() if e else None

    def path(self):
        return urllib.parse.urlsplit(self.driver.current_url).path

    def page_state(self):
        try:
            errors = [e.get_attribute("id") + ": " + e.text for e in self.elements("p.error") if e.text.strip()]
            return (f"url={self.driver.current_url} title={self.driver.title!r} h1={self.text('h1')!r} "
                    f"errors={errors!r}")
        except Exception as e:
            return f"(page state unavailable: {e})"

    def type_into(self, css, text):
        field = self.element(css)
        field.clear()
        field.send_keys(text)

    def submit(self, page, click, condition, what, timeout=PAGE_TIMEOUT):
        """Clicks (or calls `click`), waits for a new document where `condition` holds."""
        self.driver.execute_script("window.__dashSamePage = 'yes'")
        if callable(click):
            click()
        else:
            self.element(click).click()

        def landed(d):
            if d.execute_script("return window.__dashSamePage || null"):
                return None
            return condition(d)

        return self.wait(page, landed, timeout, what)

    def shoot(self, name):
        """Full-height screenshots of the current page at each width: valid PNGs of that width,
        and no horizontal overflow."""
        os.makedirs(self.artifacts, exist_ok=True)
        for width in WIDTHS:
            metrics = {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600}
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            height = self.driver.execute_script(
                "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))")
            metrics["height"] = max(600, min(int(height or 800), 4000))
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            probe = self.driver.execute_script(OVERFLOW_PROBE) or {}
            path = os.path.join(self.artifacts, f"{name}-{width}.png")
            ok = self.driver.save_screenshot(path)
            size = png_size(path) if ok and os.path.exists(path) else None
            self.screenshots.append(path)
            check(f"{name} at {width} px: screenshot {os.path.relpath(path, REPO)} is a PNG {width} px wide",
                  ok and size is not None and size[0] == width, f"saved={ok} size={size}")
            scroll, inner = probe.get("scrollWidth"), probe.get("innerWidth")
            check(f"{name} at {width} px: no horizontal overflow (scrollWidth {scroll} <= innerWidth {inner} + 1)",
                  isinstance(scroll, int) and isinstance(inner, int) and scroll <= inner + 1 and scroll <= width + 1,
                  repr(probe))
            if width < 600:
                mobile = self.driver.execute_script(MOBILE_PROBE) or {}
                if mobile.get("meters"):
                    check(f"{name} at {width} px: each plan meter's text ('0 of 1') stays on one line",
                          mobile.get("brokenMeters") == [], f"broken over lines: {mobile.get('brokenMeters')!r}")
                if mobile.get("tables"):
                    check(f"{name} at {width} px: the list's values keep their column names when the header row is "
                          f"hidden (Created and Last used are both bare dates otherwise)",
                          mobile.get("unnamed") == [], f"values without a visible column name: {mobile.get('unnamed')!r}")
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def page_checks(self, label, expect_400=None):
        """After each page: console, labels/buttons/CSRF, screenshots at both widths (named
        NN-label-WIDTH.png in visiting order). `expect_400`: the path of a form POST answered
        400 on purpose (a validation error page): Chrome logs that document's status as a SEVERE
        "Failed to load resource" entry, which then is the expected one, not a failure."""
        self.shot_no += 1
        name = f"{self.shot_no:02d}-{label}"
        self.drain(name)
        probe = self.driver.execute_script(A11Y_PROBE) or {}
        check(f"{name}: every visible form control has a <label> or aria-label ({probe.get('controls')} controls)",
              probe.get("unlabelled") == [], repr(probe.get("unlabelled")))
        check(f"{name}: every button and link has a name", probe.get("nameless") == [], repr(probe.get("nameless")))
        check(f"{name}: every POST form carries a csrf_token", probe.get("noCSRF") == [], repr(probe.get("noCSRF")))
        check(f"{name}: lang=en, a title, main#main, one h1, unique ids",
              probe.get("lang") == "en" and "Flowsta Dashboard" in (probe.get("title") or "") and probe.get("main")
              and probe.get("h1") == 1 and probe.get("duplicateIDs") == [], repr(probe))
        self.shoot(name)
        self.drain(name)
        new = self.console[self.console_checked:]
        self.console_checked = len(self.console)
        for page, e in new:
            if e.get("level") != "SEVERE":
                print(f"  (console {e.get('level')} on {page}: {e.get('message')})")
        severe = [f"[{page}] {e.get('message')}" for page, e in new if e.get("level") == "SEVERE"]
        if expect_400:
            expected = (f"{self.base}{expect_400} - Failed to load resource: "
                        f"the server responded with a status of 400 (Bad Request)")
            check(f"{name}: the invalid form came back with HTTP 400 (the browser's log of the page load)",
                  any(entry.endswith(expected) for entry in severe), "; ".join(severe) or "no such entry")
            severe = [entry for entry in severe if not entry.endswith(expected)]
        check(f"{name}: no SEVERE browser console entry" + (" besides that 400" if expect_400 else ""),
              not severe, "; ".join(severe))

    def nav(self, label):
        for a in self.elements("nav.dash-nav a"):
            if a.text.strip() == label:
                return a
        return None

    def api(self, key, path):
        return self.http.get(self.base + path, headers={"Authorization": f"Bearer {key}"}, timeout=TIMEOUT)

    def key_rows(self):
        """The keys table as dicts: name, prefix (without the ellipsis), status, buttons, row."""
        rows = []
        for tr in self.elements("#key-list tbody tr"):
            cells = self.elements("td", tr)
            code = self.element("code", tr)
            rows.append({
                "name": cells[0].text.strip() if cells else None,
                "prefix": code.text.strip().rstrip("…") if code else None,
                "shown": code.text.strip() if code else None,
                "last_used": cells[3].text.strip() if len(cells) > 3 else None,
                "status": cells[4].text.strip() if len(cells) > 4 else None,
                "buttons": [b.get_attribute("aria-label") for b in self.elements("button", tr)],
                "row": tr,
            })
        return rows

    def copy_and_check(self, name, expected):
        """Clicks the copy button next to the secret; the status line and the clipboard."""
        button = self.element("button.copy[data-copy='secret-value']")
        must(f"{name}: a copy button next to #secret-value", button, self.page_state())
        button.click()
        status = self.wait(name, lambda d: self.text("#copy-status"), 5, "#copy-status text")
        print(f"  (#copy-status: {status!r}; button now {button.text!r})")
        copied = status == "Copied to the clipboard."
        fallback = status is not None and status.startswith("Press Ctrl+C")
        check(f"{name}: copy button -> #copy-status says copied (or the select-and-press-Ctrl+C fallback)",
              copied or fallback, repr(status))
        if copied:
            check(f"{name}: the copy button reads 'Copied'", button.text.strip() == "Copied", repr(button.text))
            read = self.driver.execute_async_script(READ_CLIPBOARD) or {}
            check(f"{name}: the clipboard holds exactly the revealed secret", read.get("text") == expected,
                  repr(read) if "error" in read else "clipboard differs")
        else:
            selected = self.driver.execute_script("return String(window.getSelection())")
            check(f"{name}: fallback selects the whole secret for Ctrl+C", selected.strip() == expected,
                  repr(selected))

    # ------------------------------------------------------------------ steps

    def checks(self):
        # Only this run's screenshots in the artifacts directory.
        if os.path.isdir(self.artifacts):
            for old in os.listdir(self.artifacts):
                if re.fullmatch(r"\d\d-[a-z0-9-]+-\d+\.png", old):
                    os.remove(os.path.join(self.artifacts, old))
        self.open_browser()
        self.sign_up()
        self.keyboard()
        self.create_organization()
        self.create_app()
        self.client_secret()
        self.apps_list()
        self.api_key()
        self.rotate_and_revoke()
        self.disable_and_delete_app()
        self.privacy()
        self.sign_out()

    def open_browser(self):
        self.driver = browser()
        self.capture = NetworkCapture(self.driver)
        self.driver.set_page_load_timeout(PAGE_TIMEOUT)
        try:
            self.driver.execute_cdp_cmd("Browser.grantPermissions", {
                "origin": self.base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
            granted = True
        except Exception as e:
            granted = False
            print(f"  (Browser.grantPermissions failed: {e})")
        check("0 browser: headless Chromium started; clipboard permission granted for the origin over CDP",
              self.driver.capabilities.get("browserName") in ("chrome", "chromium") and granted,
              repr(self.driver.capabilities.get("browserName")))

    def sign_up(self):
        step = "1 sign-up"
        self.driver.get(self.base + "/dashboard")
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the hosted sign-in page")
        must("1 /dashboard without a session -> the hosted sign-in page (form#signin-form)", form, self.page_state())
        # The authorization endpoint shows the sign-in page itself (no session yet).
        here = urllib.parse.urlsplit(self.driver.current_url)
        target = here.path + "?" + here.query
        q = query_of(self.driver.current_url)
        check("1 the sign-in page is the authorization request of flowsta_app_dashboard with PKCE S256 and "
              "redirect_uri .../dashboard/callback",
              here.path == "/oauth/authorize"
              and q.get("client_id") == "flowsta_app_dashboard" and q.get("code_challenge_method") == "S256"
              and q.get("code_challenge") and q.get("redirect_uri") == self.base + "/dashboard/callback",
              self.driver.current_url)
        link = self.element("#signup-link")
        must("1 sign-in page has 'Create an account' (#signup-link)", link, self.page_state())
        link.click()
        form = self.wait(step, lambda d: self.element("form#signup-form"), PAGE_TIMEOUT, "the sign-up form")
        must("1 #signup-link -> the sign-up page (form#signup-form), same continuation",
             form and query_of(self.driver.current_url).get("continue") == target, self.page_state())

        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        started = time.monotonic()
        self.element("#signup-submit").click()
        outcome = self.wait(step, lambda d: ("dashboard" if self.path() == "/dashboard" and self.element(".dash-signout")
                                             else None)
                            or ("consent" if self.element("form#consent-form") else None)
                            or ("error" if self.text("#form-error") else None), OPAQUE_TIMEOUT, "/dashboard")
        self.timings.append(("sign-up submit -> /dashboard (OPAQUE register + login, pass-through, callback)",
                             time.monotonic() - started))
        must("1 sign-up in the page -> lands on /dashboard (no consent screen)", outcome == "dashboard",
             f"outcome={outcome} " + self.page_state())
        self.user_created = True
        self.drain(step)
        paths = [(r["method"], urllib.parse.urlsplit(r["url"]).path) for r in self.capture.requests]
        check("1 the way back went through the pass-through POST /oauth/authorize and GET /dashboard/callback",
              ("POST", "/oauth/authorize") in paths and ("GET", "/dashboard/callback") in paths, repr(paths[-12:]))
        check("1 /dashboard says 'Signed in as <strong>username</strong>'",
              f"Signed in as <strong>{self.username}</strong>" in self.driver.page_source, self.text(".dash-signout"))
        check("1 /dashboard: 'Your organizations', none yet, the create form",
              self.text("h1") == "Your organizations" and self.element("#organization-list") is None
              and self.element("form#create-organization"), self.page_state())
        cookies = {c["name"]: c for c in self.driver.get_cookies()}
        dash = cookies.get("flowsta_dashboard")
        check("1 a flowsta_dashboard cookie (HttpOnly, path /dashboard); the flow cookie is gone",
              dash and dash.get("httpOnly") and dash.get("path") == "/dashboard"
              and "flowsta_dashboard_flow" not in cookies, repr(sorted(cookies)))
        self.dash_cookie = dash["value"] if dash else None
        self.page_checks("home")

    def keyboard(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        step = "7 keyboard"
        self.driver.get(self.base + "/dashboard")
        self.wait(step, lambda d: self.element("form#create-organization"), PAGE_TIMEOUT, "the organizations page")
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        focused = self.driver.execute_script(
            "const e = document.activeElement; const r = e.getBoundingClientRect();"
            "return {tag: e.tagName, text: (e.textContent || '').trim(), href: e.getAttribute('href'),"
            " cls: e.className, left: r.left, top: r.top, width: r.width, right: r.right};")
        check("7 keyboard: the first Tab focuses the 'Skip to content' link (href #main)",
              focused and focused.get("tag") == "A" and focused.get("text") == "Skip to content"
              and focused.get("href") == "#main", repr(focused))
        check("7 keyboard: the focused skip link is on screen",
              focused and focused.get("left", -1) >= 0 and focused.get("width", 0) > 0
              and focused.get("right", 1e9) <= self.driver.execute_script("return window.innerWidth"), repr(focused))
        ActionChains(self.driver).send_keys(Keys.ENTER).perform()
        time.sleep(0.2)
        check("7 keyboard: Enter on the skip link moves to #main",
              urllib.parse.urlsplit(self.driver.current_url).fragment == "main", self.driver.current_url)
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        inside = self.driver.execute_script(
            "const e = document.activeElement; return {inMain: !!e.closest('main'), tag: e.tagName, id: e.id};")
        check("7 keyboard: the next Tab after the skip lands inside main (the first form field)",
              inside and inside.get("inMain"), repr(inside))
        self.drain(step)

    def create_organization(self):
        step = "2 organization"
        self.driver.get(self.base + "/dashboard")
        self.wait(step, lambda d: self.element("form#create-organization"), PAGE_TIMEOUT, "the organizations page")
        self.type_into("#org-name", self.org_name)
        self.type_into("#org-contact", f"{self.username}@example.com")
        landed = self.submit(step, "form#create-organization button[type=submit]",
                             lambda d: re.fullmatch(rf"/dashboard/orgs/({UUID})", self.path()) and self.element("#plan-use"),
                             "the organization's overview")
        must("2 Create organization -> /dashboard/orgs/{id} with #plan-use", landed, self.page_state())
        self.org_id = re.fullmatch(rf"/dashboard/orgs/({UUID})", self.path()).group(1)
        self.org_path = f"/dashboard/orgs/{self.org_id}"
        check("2 overview: h1 is the organization's name", self.text("h1") == self.org_name, self.page_state())
        meters = {}
        for row in self.elements("#plan-use .meter-row"):
            label, meter = self.element("dt", row), self.element("dd span", row)
            if label and meter:
                meters[label.text.strip()] = meter.text.strip()
        print(f"  (plan meters: {meters})")
        check("2 overview: the Apps meter says '0 of 1' (free plan)", meters.get("Apps") == "0 of 1", repr(meters))
        apps_meter = self.element("#plan-use meter")
        check("2 overview: <meter> value 0, max 1, with an aria-label",
              apps_meter and apps_meter.get_attribute("value") == "0" and apps_meter.get_attribute("max") == "1"
              and apps_meter.get_attribute("aria-label"), apps_meter.get_attribute("outerHTML") if apps_meter else None)
        overview = self.nav("Overview")
        check("2 overview: the nav marks Overview as the current page",
              overview and overview.get_attribute("aria-current") == "page", self.page_state())
        check("2 overview: the owner sees #business-form with the name and contact",
              self.element("#business-form") and self.element("#business-name").get_attribute("value") == self.org_name
              and self.element("#business-contact").get_attribute("value") == f"{self.username}@example.com",
              self.page_state())
        self.page_checks("org-overview")

    def create_app(self):
        step = "3 apps"
        link = self.nav("Apps")
        must("3 the organization nav has Apps", link, self.page_state())
        landed = self.submit(step, link.click, lambda d: self.element("form#create-app"), "the apps page")
        must("3 Apps -> the apps page with form#create-app", landed and self.path() == self.org_path + "/apps",
             self.page_state())
        check("3 apps page: 'No apps yet.' and no #app-list",
              self.element("#app-list") is None and "No apps yet." in (self.text("main") or ""), self.page_state())
        check("3 apps page: type web checked, openid and profile ticked, redirect URIs prefilled 'https://'",
              self.element("input[name=type][value=web]").is_selected()
              and self.element("input[name=allowed_scopes][value=openid]").is_selected()
              and self.element("input[name=allowed_scopes][value=profile]").is_selected()
              and self.element("#app-redirects").get_attribute("value") == "https://", self.page_state())
        self.page_checks("apps")

        # Once with an invalid redirect URI.
        self.type_into("#app-name", self.app_name)
        self.type_into("#app-description", "The dashboard browser test's app")
        self.element("input[name=allowed_scopes][value=email]").click()
        self.type_into("#app-redirects", "ftp://x")
        landed = self.submit(step, "form#create-app button[type=submit]", lambda d: self.element("#redirect_uris-error"),
                             "#redirect_uris-error")
        must("3 invalid redirect URI -> the apps page again with #redirect_uris-error", landed, self.page_state())
        error = self.element("#redirect_uris-error")
        textarea = self.element("#app-redirects")
        print(f"  (#redirect_uris-error: {error.text!r})")
        check("3 the error is a p.error with text, next to the redirect URIs field (right after its help)",
              error.tag_name == "p" and "error" in error.get_attribute("class") and error.text.strip()
              and self.driver.execute_script(
                  "const t = document.getElementById('app-redirects'), e = document.getElementById('redirect_uris-error');"
                  "let n = t.nextElementSibling; for (let i = 0; n && i < 2; i++, n = n.nextElementSibling)"
                  " if (n === e) return true; return false;"), self.page_state())
        check("3 the textarea has aria-invalid=true and aria-describedby naming the error",
              textarea.get_attribute("aria-invalid") == "true"
              and "redirect_uris-error" in (textarea.get_attribute("aria-describedby") or "").split(),
              textarea.get_attribute("outerHTML")[:200])
        others = [e.get_attribute("id") for e in self.elements("p.error") if e.get_attribute("id") != "redirect_uris-error"]
        check("3 no other field is marked as an error", not others
              and [e.get_attribute("id") for e in self.elements("[aria-invalid=true]")] == ["app-redirects"], repr(others))
        check("3 the typed values are kept: name, description, redirect URI, type web, scopes openid profile email",
              self.element("#app-name").get_attribute("value") == self.app_name
              and self.element("#app-description").get_attribute("value") == "The dashboard browser test's app"
              and textarea.get_attribute("value") == "ftp://x"
              and self.element("input[name=type][value=web]").is_selected()
              and sorted(e.get_attribute("value") for e in self.elements("input[name=allowed_scopes]") if e.is_selected())
              == ["email", "openid", "profile"], self.page_state())
        check("3 still no app was created (no #app-list)", self.element("#app-list") is None, self.page_state())
        self.page_checks("apps-error", expect_400=self.org_path + "/apps")

        # Fixed.
        self.type_into("#app-redirects", "https://web.example/cb\nhttp://localhost:3000/cb")
        landed = self.submit(step, "form#create-app button[type=submit]", lambda d: self.element("#client-id"),
                             "the app page")
        must("3 fixed redirect URIs -> the app page with #client-id", landed, self.page_state())
        m = re.fullmatch(rf"{self.org_path}/apps/({UUID})", self.path())
        must("3 app page URL is /dashboard/orgs/{org}/apps/{app}", m, self.driver.current_url)
        self.app_id = m.group(1)
        self.client_id = self.text("#client-id")
        check("3 app page: the client id starts flowsta_app_", (self.client_id or "").startswith("flowsta_app_"),
              repr(self.client_id))
        check("3 app page: h1 is the app name; public (PKCE only); active",
              self.text("h1") == self.app_name and "public (PKCE only)" in (self.text("dl.facts") or "")
              and "active" in (self.text("dl.facts") or ""), self.page_state())
        check("3 app page: #app-settings holds both redirect URIs, one per line",
              self.element("#app-settings #app-redirects").get_attribute("value")
              == "https://web.example/cb\nhttp://localhost:3000/cb", self.page_state())
        check("3 app page: #issue-secret, #toggle-app and #delete-app",
              all(self.element(c) for c in ("#issue-secret", "#toggle-app", "#delete-app")), self.page_state())
        button = self.element("button.copy[data-copy='client-id']")
        if button:
            button.click()
            self.wait(step, lambda d: button.text.strip() != "Copy", 5, "the client id copy button")
            read = self.driver.execute_async_script(READ_CLIPBOARD) or {}
            check("3 app page: the client id's copy button copies it ('Copied', clipboard == client id)",
                  button.text.strip() == "Copied" and read.get("text") == self.client_id, f"{button.text!r} {read!r}")
        else:
            check("3 app page: a copy button next to the client id", False, self.page_state())
        self.page_checks("app")

    def client_secret(self):
        step = "4 client secret"
        landed = self.submit(step, "#issue-secret", lambda d: self.element("#secret-value"), "the reveal page")
        must("4 Issue a client secret -> the one-time reveal page (#secret-value)", landed, self.page_state())
        secret = self.text("#secret-value")
        check("4 reveal: a client secret of at least 32 characters; the heading names the app",
              secret and len(secret) >= 32 and self.app_name in (self.text("h1") or ""), f"{len(secret or '')} chars")
        check("4 reveal: 'Copy it now' and a Done link back to the app",
              "Copy it now" in (self.text("p.lead") or "")
              and self.element("a.button").get_attribute("href").endswith(f"{self.org_path}/apps/{self.app_id}"),
              self.page_state())
        check("4 reveal: #copy-status is empty, a live region", self.text("#copy-status") == ""
              and self.element("#copy-status").get_attribute("aria-live") == "polite", self.page_state())
        self.page_checks("secret-reveal")
        landed = self.submit(step, "a.button", lambda d: self.element("#client-id"), "the app page")
        must("4 Done -> back to the app page", landed, self.page_state())
        check("4 app page now: confidential, 'Replace the client secret', the secret not in the page",
              "confidential (has a client secret)" in (self.text("dl.facts") or "")
              and self.text("#issue-secret") == "Replace the client secret"
              and secret not in self.driver.page_source, self.page_state())
        r = self.http.post(self.base + "/oauth/token", data={"grant_type": "client_credentials"},
                           auth=(self.client_id, secret), timeout=TIMEOUT)
        print(f"  (client_credentials with the revealed secret: HTTP {r.status_code} {(json_of(r) or {}).get('error')})")
        wrong = self.http.post(self.base + "/oauth/token", data={"grant_type": "client_credentials"},
                               auth=(self.client_id, secret[:-4] + "AAAA"), timeout=TIMEOUT)
        check("4 the revealed secret authenticates the client at the token endpoint (not invalid_client), "
              "a wrong one does not (401 invalid_client)",
              r.status_code != 401 and (json_of(r) or {}).get("error") != "invalid_client"
              and wrong.status_code == 401 and (json_of(wrong) or {}).get("error") == "invalid_client",
              show(r) + " / " + show(wrong))

    def apps_list(self):
        step = "4 apps list"
        link = self.nav("Apps")
        landed = self.submit(step, link.click, lambda d: self.element("#app-list"), "the apps list")
        must("4 Apps -> the apps page with #app-list", landed, self.page_state())
        rows = [[td.text.strip() for td in self.elements("td", tr)] for tr in self.elements("#app-list tbody tr")]
        check("4 apps list: one row: name, client id, web, active",
              rows == [[self.app_name, self.client_id, "web", "active"]], repr(rows))
        self.page_checks("apps-list")
        landed = self.submit(step, self.element("#app-list a").click, lambda d: self.element("#client-id"), "the app page")
        check("4 apps list: the app's name links to its page",
              landed and self.path() == f"{self.org_path}/apps/{self.app_id}", self.page_state())

    def api_key(self):
        step = "5 API key"
        link = self.nav("API keys")
        must("5 the organization nav has API keys", link, self.page_state())
        landed = self.submit(step, link.click, lambda d: self.element("form#create-key"), "the keys page")
        must("5 API keys -> the keys page with form#create-key", landed and self.path() == self.org_path + "/keys",
             self.page_state())
        check("5 keys page: 'No API keys yet.' and no #key-list",
              self.element("#key-list") is None and "No API keys yet." in (self.text("main") or ""), self.page_state())
        self.page_checks("keys")

        self.type_into("#key-name", "ci")
        landed = self.submit(step, "form#create-key button[type=submit]", lambda d: self.element("#secret-value"),
                             "the key reveal page")
        must("5 Create key 'ci' -> the reveal page (#secret-value)", landed, self.page_state())
        self.key = self.text("#secret-value")
        check("5 reveal: the key starts fsk_live_; the heading names 'ci'",
              (self.key or "").startswith("fsk_live_") and '"ci"' in (self.text("h1") or ""),
              f"{(self.key or '')[:12]}... h1={self.text('h1')!r}")
        self.copy_and_check("5 reveal", self.key)
        self.page_checks("key-reveal")

        r = self.api(self.key, f"/api/v1/orgs/{self.org_id}/apps")
        items = (json_of(r) or {}).get("items") or []
        check("5 GET /api/v1/orgs/{org}/apps with Authorization: Bearer <the revealed key> -> 200 listing the app",
              r.status_code == 200 and any(a.get("name") == self.app_name and a.get("client_id") == self.client_id
                                           for a in items), show(r))

        landed = self.submit(step, "a.button", lambda d: self.element("#key-list"), "the keys page")
        must("5 Done -> the keys page with #key-list", landed, self.page_state())
        rows = self.key_rows()
        print(f"  (keys: {[{k: v for k, v in row.items() if k != 'row'} for row in rows]})")
        check("5 keys page: one row 'ci', active, its prefix (a start of the key) and an ellipsis",
              len(rows) == 1 and rows[0]["name"] == "ci" and rows[0]["status"] == "active"
              and rows[0]["shown"].endswith("…") and len(rows[0]["prefix"]) >= len("fsk_live_") + 4
              and self.key.startswith(rows[0]["prefix"]), repr(rows))
        check("5 keys page: the full key is nowhere in the page source", self.key not in self.driver.page_source)
        check("5 keys page: Rotate ci and Revoke ci buttons", rows and rows[0]["buttons"] == ["Rotate ci", "Revoke ci"],
              repr(rows))
        self.key_prefix = rows[0]["prefix"] if rows else None
        self.page_checks("keys-list")

    def rotate_and_revoke(self):
        step = "6 rotate"
        landed = self.submit(step, "button[aria-label='Rotate ci']", lambda d: self.element("#secret-value"),
                             "the rotated key's reveal")
        must("6 Rotate ci -> a reveal page with a new key", landed, self.page_state())
        self.rotated_key = self.text("#secret-value")
        check("6 reveal: a different fsk_live_ key; the heading says the old one works for 24 more hours",
              (self.rotated_key or "").startswith("fsk_live_") and self.rotated_key != self.key
              and "24 more hours" in (self.text("h1") or ""), repr(self.text("h1")))
        self.page_checks("key-rotated")
        landed = self.submit(step, "a.button", lambda d: self.element("#key-list"), "the keys page")
        must("6 Done -> the keys page", landed, self.page_state())
        rows = self.key_rows()
        new = [r for r in rows if self.rotated_key.startswith(r["prefix"] or "\0")]
        old = [r for r in rows if r["prefix"] == self.key_prefix]
        print(f"  (keys after rotation: {[(r['shown'], r['status'], r['last_used']) for r in rows]})")
        check("6 keys page: two 'ci' rows, the new key first and active, the old one 'expires <date>'",
              len(rows) == 2 and len(new) == 1 and len(old) == 1 and rows[0] is new[0]
              and new[0]["status"] == "active" and re.fullmatch(r"expires \d{4}-\d{2}-\d{2}", old[0]["status"] or ""),
              repr([(r["shown"], r["status"]) for r in rows]))
        check("6 keys page: neither key is in the page source",
              self.key not in self.driver.page_source and self.rotated_key not in self.driver.page_source)
        check("6 during the grace period both keys work on the API",
              self.api(self.key, f"/api/v1/orgs/{self.org_id}/apps").status_code == 200
              and self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps").status_code == 200)

        step = "6 revoke"
        button = self.element("button[aria-label='Revoke ci']", old[0]["row"]) if old else None
        must("6 the old key's row has a Revoke button", button, repr(old))
        landed = self.submit(step, button.click, lambda d: self.element("#key-list"), "the keys page")
        must("6 Revoke (the old key) -> the keys page again", landed and self.path() == self.org_path + "/keys",
             self.page_state())
        rows = self.key_rows()
        status = {r["prefix"]: (r["status"], r["buttons"]) for r in rows}
        print(f"  (keys after revocation: {[(r['shown'], r['status'], r['buttons']) for r in rows]})")
        check("6 keys page: the old key 'revoked' without buttons; the new one still active with its buttons",
              status.get(self.key_prefix) == ("revoked", [])
              and [s for p, s in status.items() if p != self.key_prefix] == [("active", ["Rotate ci", "Revoke ci"])],
              repr(status))
        r = self.api(self.key, f"/api/v1/orgs/{self.org_id}/apps")
        check("6 the revoked key -> 401 on the API", r.status_code == 401, show(r))
        r = self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps")
        check("6 the new key -> 200 on the API", r.status_code == 200, show(r))
        self.page_checks("keys-statuses")

    def disable_and_delete_app(self):
        step = "6b app"
        self.driver.get(self.base + f"{self.org_path}/apps/{self.app_id}")
        self.wait(step, lambda d: self.element("#toggle-app"), PAGE_TIMEOUT, "the app page")
        landed = self.submit(step, "#toggle-app", lambda d: self.element("#toggle-app"), "the app page")
        check("6b Disable the app -> 'disabled: it signs no one in', the button says 'Enable the app'",
              landed and "disabled: it signs no one in" in (self.text("dl.facts") or "")
              and self.text("#toggle-app") == "Enable the app", self.page_state())
        landed = self.submit(step, "#toggle-app", lambda d: self.element("#toggle-app"), "the app page")
        check("6b Enable the app -> active again", landed and self.text("#toggle-app") == "Disable the app",
              self.page_state())
        # The confirm box is `required`: without it the browser itself refuses to submit; the
        # server's own check is reached with the browser's validation switched off.
        self.driver.execute_script("document.getElementById('delete-app').form.noValidate = true")
        landed = self.submit(step, "#delete-app", lambda d: self.element("#confirm-error"), "#confirm-error")
        check("6b Delete without ticking the box -> #confirm-error, the app still there",
              landed and self.element("#client-id") and self.text("#client-id") == self.client_id, self.page_state())
        check("6b #confirm-error is a p.error with text", self.element("#confirm-error").tag_name == "p"
              and self.text("#confirm-error"), self.page_state())
        self.page_checks("app-confirm-error", expect_400=f"{self.org_path}/apps/{self.app_id}/delete")
        box = self.element("input[name=confirm]")
        box.click()
        landed = self.submit(step, "#delete-app", lambda d: self.element("form#create-app"), "the apps page")
        check("6b Tick + Delete the app -> the apps page, 'No apps yet.'",
              landed and self.path() == self.org_path + "/apps" and self.element("#app-list") is None
              and "No apps yet." in (self.text("main") or ""), self.page_state())
        r = self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps")
        check("6b the API lists no app any more", r.status_code == 200 and not (json_of(r) or {}).get("items"), show(r))
        self.page_checks("apps-after-delete")

    def privacy(self):
        self.drain("privacy")
        found = leaks(self.capture, [self.password])
        check(f"privacy: the typed password is in none of the {len(self.capture.requests)} requests the browser sent "
              f"(plain, encoded, base64, hex)", not found, "; ".join(found[:5]))

    def sign_out(self):
        step = "10 sign-out"
        self.driver.get(self.base + "/dashboard")
        self.wait(step, lambda d: self.element(".dash-signout button"), PAGE_TIMEOUT, "the dashboard")
        self.dash_cookie = {c["name"]: c["value"] for c in self.driver.get_cookies()}.get("flowsta_dashboard")
        where = self.click_sign_out(step)
        print(f"  (after Sign out: {where}, {self.driver.current_url}; requests after the sign-out POST: "
              f"{self.requests_since('/dashboard/signout')})")
        check("10 Sign out (header) -> the browser is signed out (a sign-in or signed-out page), not signed straight "
              "back in to the dashboard",
              where != "dashboard", f"landed on the dashboard again: {self.page_state()}; requests after the sign-out "
              f"POST: {self.requests_since('/dashboard/signout')}")
        import requests

        old = requests.get(self.base + "/dashboard", cookies={"flowsta_dashboard": self.dash_cookie or "x"},
                           allow_redirects=False, timeout=TIMEOUT)
        check("10 the signed-out dashboard session no longer opens /dashboard (303 /dashboard/signin?next=...)",
              old.status_code == 303 and old.headers.get("Location", "").startswith("/dashboard/signin"), show(old))

        # Signed out of Flowsta itself too (the hosted pages' session, /account), and of the
        # dashboard again if the browser was signed back in: /dashboard asks to sign in.
        self.driver.get(self.base + "/account")
        if self.wait(step, lambda d: self.element("#signout") or self.element("form#signin-form"), PAGE_TIMEOUT,
                     "/account") and self.element("#signout"):
            self.submit(step, "#signout", lambda d: self.element("form#signin-form"), "the sign-in page")
        self.driver.get(self.base + "/dashboard")
        if self.wait(step, lambda d: self.element(".dash-signout button") or self.element("form#signin-form"),
                     PAGE_TIMEOUT, "the dashboard or the sign-in page") and self.element(".dash-signout button"):
            self.click_sign_out(step)
            self.driver.get(self.base + "/dashboard")
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the sign-in page")
        check("10 signed out of Flowsta and the dashboard: /dashboard -> the hosted sign-in page for "
              "flowsta_app_dashboard again",
              form and self.path() == "/oauth/authorize"
              and query_of(self.driver.current_url).get("client_id") == "flowsta_app_dashboard", self.page_state())
        self.drain(step)
        severe = [f"[{page}] {e.get('message')}" for page, e in self.console[self.console_checked:]
                  if e.get("level") == "SEVERE"]
        self.console_checked = len(self.console)
        check("10 no SEVERE browser console entry while signing out", not severe, "; ".join(severe))

    def click_sign_out(self, step):
        """Clicks the header's Sign out; returns where the browser settles: "dashboard" (a
        dashboard page with the signed-in header), "signin" (the hosted sign-in page) or
        "signed-out page" (anything else)."""
        self.submit(step, ".dash-signout button[type=submit]", lambda d: d.execute_script(
            "return document.readyState === 'complete'"), "the page after Sign out")
        time.sleep(1.5)  # a pass-through page may still be on its way back to the dashboard
        self.wait(step, lambda d: d.execute_script("return document.readyState === 'complete'"), PAGE_TIMEOUT,
                  "the page to settle")
        self.drain(step)
        if self.element(".dash-signout"):
            return "dashboard"
        return "signin" if self.element("form#signin-form") else "signed-out page"

    def requests_since(self, path):
        paths = [urllib.parse.urlsplit(r["url"]).path for r in self.capture.requests]
        if path not in paths:
            return []
        return [p for p in paths[len(paths) - paths[::-1].index(path) - 1:] if not p.startswith("/static/")]

    def cleanup(self):
        if self.driver is None:
            return
        try:
            if self.user_created:
                # Deleting the account deletes the organization it alone owns.
                import opaque_snake  # in the test venv (scripts/test-venv)
                from flowsta_checks import b64d, b64e

                session = self.http
                client = opaque_snake.OpaqueClient()
                ke1, state = client.start_login(self.password)
                r = session.post(self.base + "/auth/opaque/login/start",
                                 json={"username": self.username, "ke1": b64e(ke1.to_bytes())}, timeout=TIMEOUT)
                if r.status_code == 200:
                    finished = client.finish_login(opaque_snake.CredentialResponse.from_bytes(b64d(r.json()["ke2"])),
                                                   state, self.password)
                    r = session.post(self.base + "/auth/opaque/login/finish",
                                     json={"login_id": r.json()["login_id"], "ke3": b64e(finished.finalization.to_bytes())},
                                     timeout=TIMEOUT)
                r = session.delete(self.base + "/auth/me", timeout=TIMEOUT)
                check("cleanup: DELETE /auth/me for the developer -> 204", r.status_code == 204, show(r))
        finally:
            self.driver.quit()
            self.driver = None
            self.http.close()


if __name__ == "__main__":
    sys.exit(main())
