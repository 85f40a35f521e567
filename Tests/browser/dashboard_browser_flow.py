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
    /dashboard asks to sign in again. (Runs last, after steps 11-24.)
11. Team: the owner alone; inviting on the free plan (one seat) -> 403, the plan-limit error in
    #invite-form.
12. Plan and billing: the plan table (free current), "billing is not configured" (no Stripe key in
    this test); the management API refuses a plan change to the API key (403) and the dashboard
    cookie (401); the operator's CLI `flowsta orgs set-plan ORG pro` moves it, and within the
    5-second plan cache the page shows pro.
13. The invite is sent ("Invite sent.", #invite-list); its mail waits in the outbox (no SMTP),
    read with the operator's CLI `flowsta mail outbox --data-dir <the server's>`
    ($FLOWSTA_BIN, $FLOWSTA_DATA_DIR from Tests/browser/run.sh): the accept link.
14. A SECOND Chromium session opens the link: /invites/accept -> the dashboard's sign-in (hosted
    page) -> "Create an account" -> back on the accept page (#accept-form) -> Accept -> the
    organization, as a member.
15. The first session's team page lists the second user as member; no invite pending.
16. A web app whose redirect URI is a local callback server.
17. Both users sign in to it in their own browsers (consent page -> Allow; the page sends the
    analytics id); the app redeems the codes, calls /oauth/userinfo, and makes one failing token
    call (400 invalid_grant).
18. MAU page: #mau-total >= the 2 users; the app's chart.
19. Audit log: organization.created, the plan change, invite.created, member.joined:member.
20. Notices: an operator publishes one (`flowsta notices publish`); the page lists it.
21. Usage (range and app chosen in the page's filter form; reloaded until the server's 10-second
    write shows the calls): the app's exact totals (token 3 with one 4xx, userinfo 2), the
    organization's (with the management API), the three charts (svg[role=img] with a <title>
    and a <details> table whose numbers add up to the totals), the CSV/JSON downloads.
22. API logs: the keys' and the apps' calls (never the session's); status 4xx -> the app's
    failing token call and the API key's refused plan change, callers named.
23. Data and deletion: #export-account downloaded with the browser's dashboard cookie (Selenium
    sees no downloads): JSON with the organization, 2 members, the app, key metadata, no secret.
24. Delete with a wrong name -> #confirm_name-error (400); the right name -> the restore page and
    the deleted banner, the API key gets 410; Restore -> the overview, the key works (200).
    Every page of steps 11-24 is checked like the others (labels, console, screenshots at 375
    and 1440 px, overflow).

Form pages answered 400 on purpose (validation errors; 403 for the plan limit) make Chrome log a
SEVERE "Failed to load resource ... 400" entry: on those pages exactly that entry is expected (it
proves the status) and any other SEVERE entry still fails. The second session's console counts
too: each browser's log is collected before the test switches to the other.

Helpers (browser(), NetworkCapture, leaks(), png_size()) come from oauth_browser_flow.py and the
PASS/FAIL checks from Tests/support/flowsta_checks.py.

Usage: python3 dashboard_browser_flow.py BASE_URL      (or env FLOWSTA_URL)
The server's issuer must be BASE_URL and it must serve Public/ under /static.
Ends with "N passed, M failed"; exits 1 if any check failed.
"""

import hashlib
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "../support"))
sys.path.insert(0, here)
from flowsta_checks import (  # noqa: E402
    CHECKS, base_url, run_checks, b64e, check, delete_account, json_of, must, query_of, show,
)
from oauth_browser_flow import (  # noqa: E402
    ANALYTICS_ID, OPAQUE_TIMEOUT, PAGE_TIMEOUT, REPO, TIMEOUT, USAGE_TIMEOUT, WIDTHS, CallbackServer, NetworkCapture, browser,
    leaks, png_size,
)

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
    // A row header (th scope=row, e.g. the usage group) names its row; a row of one cell
    // spanning the table is a message ("No requests match."), not a value of a column.
    if (row.cells.length === 1 && row.cells[0].colSpan > 1) continue;
    Array.from(row.cells).forEach((td, i) => {
      if (td.tagName !== 'TD') return;
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
    base = base_url("dashboard_browser_flow.py")
    if not base:
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
    run_checks(run)
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
        self.sessions = {}  # "developer" / "joiner" -> (driver, capture)
        self.joiner = f"joiner-{self.tag}"
        self.joiner_password = f"Join-Pa55word-{secrets.token_hex(6)}"
        self.joiner_email = f"joiner-{self.tag}@example.com"
        self.joiner_created = False
        self.callback = None
        self.invite_token = None
        self.sign_ins = []  # the usage app's authorizations in the browser: dicts
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
            page_error = (f" error-code={self.text('#error-code')!r} error-description={self.text('#error-description')!r}"
                          if self.element("#error-code") else "")
            return (f"url={self.driver.current_url} title={self.driver.title!r} h1={self.text('h1')!r} "
                    f"errors={errors!r}{page_error}")
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

    def page_checks(self, label, expect_400=None, status=400):
        """After each page: console, labels/buttons/CSRF, screenshots at both widths (named
        NN-label-WIDTH.png in visiting order). `expect_400`: the path of a form POST answered
        400 on purpose (a validation error page; `status` 403 for a plan-limit page): Chrome
        logs that document's status as a SEVERE "Failed to load resource" entry, which then is
        the expected one, not a failure."""
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
            reason = {400: "Bad Request", 403: "Forbidden"}[status]
            expected = (f"{self.base}{expect_400} - Failed to load resource: "
                        f"the server responded with a status of {status} ({reason})")
            check(f"{name}: the refused form came back with HTTP {status} (the browser's log of the page load)",
                  any(entry.endswith(expected) for entry in severe), "; ".join(severe) or "no such entry")
            severe = [entry for entry in severe if not entry.endswith(expected)]
        check(f"{name}: no SEVERE browser console entry" + (f" besides that {status}" if expect_400 else ""),
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
        self.team_plan_limit()
        self.raise_plan()
        self.invite()
        self.accept_in_second_session()
        self.team_lists_member()
        self.usage_app()
        self.app_sign_ins()
        self.mau_page()
        self.audit_page()
        self.notices_page()
        self.usage_page()
        self.logs_page()
        self.export()
        self.delete_and_restore()
        self.privacy()
        self.sign_out()

    def open_browser(self):
        self.driver = browser()
        self.capture = NetworkCapture(self.driver)
        self.sessions["developer"] = (self.driver, self.capture)
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

    def save_recovery_code(self, step):
        """After creating the account the sign-up page shows the recovery code once: tick "I have
        saved my recovery code" and continue (the root key journey checks that step itself)."""
        shown = self.wait(step, lambda d: (self.element("#recovery-step") is not None and self.element("#recovery-step").is_displayed()
                                           and self.text("#recovery-code")) or (self.text("#form-error") and "error"),
                          OPAQUE_TIMEOUT, "the recovery code")
        must(f"{step} sign-up -> the recovery code is shown (#recovery-code)", shown and shown != "error", self.page_state())
        self.element("#recovery-saved").click()
        self.element("#recovery-continue").click()

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
        back = urllib.parse.urlsplit(query_of(self.driver.current_url).get("continue", ""))
        back_query = dict(urllib.parse.parse_qsl(back.query))
        marker = back_query.pop("flowsta_sign_in", "")
        must("1 #signup-link -> the sign-up page (form#signup-form), continuing to the same authorization request "
             "(with the sign-in marker)",
             form and back.path == "/oauth/authorize" and back_query == dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(target).query))
             and re.fullmatch(r"\d+\.[0-9a-f]{64}", marker), self.page_state())

        self.type_into("#username", self.username)
        self.type_into("#password", self.password)
        self.type_into("#password_confirm", self.password)
        started = time.monotonic()
        self.element("#signup-submit").click()
        self.save_recovery_code(step)
        outcome = self.wait(step, lambda d: ("dashboard" if self.path() == "/dashboard" and self.element(".dash-signout")
                                             else None)
                            or ("consent" if self.element("form#consent-form") else None)
                            or ("error" if self.text("#form-error") else None)
                            or ("error page" if self.element("#error-code") else None), OPAQUE_TIMEOUT, "/dashboard")
        self.timings.append(("sign-up submit -> /dashboard (OPAQUE register + login, pass-through, callback)",
                             time.monotonic() - started))
        must("1 sign-up in the page -> lands on /dashboard (no consent screen)", outcome == "dashboard",
             f"outcome={outcome} " + self.page_state())
        self.user_created = True
        self.drain(step)
        paths = [(r["method"], urllib.parse.urlsplit(r["url"]).path) for r in self.capture.requests]
        check("1 the way back went through the pass-through POST /oauth/consent and GET /dashboard/callback",
              ("POST", "/oauth/consent") in paths and ("GET", "/dashboard/callback") in paths, repr(paths[-12:]))
        check("1 /dashboard says 'Signed in as <strong>username</strong>'",
              f"Signed in as <strong>{self.username}</strong>" in self.driver.page_source, self.text(".dash-signout"))
        check("1 /dashboard: 'Your organizations', none yet, the create form",
              self.text("h1") == "Your organizations" and self.element("#organization-list") is None
              and self.element("form#create-organization"), self.page_state())
        cookies = {c["name"]: c for c in self.driver.get_cookies()}
        dash = cookies.get("flowsta_dashboard")
        # Path=/ like every cookie of the server (SessionCookies: under HTTPS the __Host- prefix
        # requires it); plain http here, so no prefix and no Secure.
        check("1 a flowsta_dashboard cookie (HttpOnly, SameSite=Lax, Path=/); the flow cookie is gone",
              dash and dash.get("httpOnly") and dash.get("path") == "/" and dash.get("sameSite") == "Lax"
              and "flowsta_dashboard_flow" not in cookies,
              f"{sorted(cookies)!r} flowsta_dashboard: {({k: v for k, v in (dash or {}).items() if k != 'value'})!r}")
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

    # ------------------------------------------------------------------ team, invite, second session

    def switch_to(self, who):
        """Makes `who`'s browser ("developer" or "joiner") the one the helpers drive; what the
        other one logged so far is collected first."""
        self.drain(f"switch to {who}")
        self.driver, self.capture = self.sessions[who]

    def team_plan_limit(self):
        step = "11 team"
        self.driver.get(self.base + self.org_path)
        self.wait(step, lambda d: self.nav("Team"), PAGE_TIMEOUT, "the overview's nav")
        link = self.nav("Team")
        must("11 the organization nav has Team", link, self.page_state())
        landed = self.submit(step, link.click, lambda d: self.element("#member-list"), "the team page")
        must("11 Team -> /dashboard/orgs/{org}/team with #member-list and #invite-form",
             landed and self.path() == self.org_path + "/team" and self.element("form#invite-form"), self.page_state())
        rows = self.member_rows()
        print(f"  (members: {rows})")
        check("11 team page: one member, the developer, owner, marked 'you'; 'No pending invites.'",
              len(rows) == 1 and rows[0]["name"] == f"{self.username} you" and rows[0]["role"] == "owner"
              and self.element("#invite-list") is None and "No pending invites." in (self.text("main") or ""),
              repr(rows))
        check("11 team page: the owner may invite members, admins and owners",
              [o.get_attribute("value") for o in self.elements("#invite-role option")] == ["member", "admin", "owner"],
              self.page_state())
        check("11 team page: the only owner gets no 'Leave this organization' button",
              self.element("form.leave") is None, self.page_state())
        self.page_checks("team")

        # The free plan has one seat, taken by the owner.
        self.type_into("#invite-email", self.joiner_email)
        landed = self.submit(step, "form#invite-form button[type=submit]",
                             lambda d: self.element("#invite-form p.error"), "the plan-limit error")
        must("11 Send invite on the free plan -> the team page again with an error in #invite-form", landed,
             self.page_state())
        error = self.element("#invite-form p.error")
        print(f"  (plan-limit error: {error.text!r})")
        check("11 the error is a p.error role=alert inside #invite-form, right before its submit button, naming "
              "the plan's seats",
              error.get_attribute("role") == "alert" and "free plan" in error.text and "seat" in error.text
              and "upgrade" in error.text and self.driver.execute_script(
                  "const e = arguments[0]; let n = e.nextElementSibling;"
                  "return !!n && n.matches('button[type=submit]') && n.form === document.getElementById('invite-form');",
                  error), self.page_state())
        check("11 the typed address is kept; no invite was made (no #invite-list)",
              self.element("#invite-email").get_attribute("value") == self.joiner_email
              and self.element("#invite-list") is None, self.page_state())
        self.page_checks("team-plan-limit", expect_400=self.org_path + "/invites", status=403)

    def raise_plan(self):
        """The plan page, then the plan goes to pro. Billing is not configured in this test (no
        Stripe key), so, as the page says, the server's operator sets plans:
        `flowsta orgs set-plan ORG pro --data-dir <the server's>`. The management API refuses
        the change to an API key (403) and to the dashboard's cookie (401)."""
        import requests

        step = "12 plan"
        landed = self.submit(step, self.nav("Plan and billing").click, lambda d: self.element("#plan-table"),
                             "the plan and billing page")
        must("12 Plan and billing -> /dashboard/orgs/{org}/billing with #plan-table",
             landed and self.path() == self.org_path + "/billing", self.page_state())
        rows = {tr.get_attribute("class") or "": [c.get_attribute("textContent").strip() for c in self.elements("th, td", tr)]
                for tr in self.elements("#plan-table tbody tr")}
        current = rows.get("current") or []
        check("12 the plan table marks free as current: 10,000 MAU, 1 app, 1 seat, 10/s",
              current[:1] and current[0].startswith("free") and current[1:] == ["10,000", "1", "1", "10/s"], repr(rows))
        check("12 four plans listed (free, spark, pro, enterprise)", len(self.elements("#plan-table tbody tr")) == 4,
              repr(rows))
        check("12 billing is not configured: the page says the operator sets plans (flowsta orgs set-plan), no form",
              "flowsta orgs set-plan" in self.text("#billing-off") and not self.elements("main form"), self.page_state())
        self.page_checks("billing")

        cookies = {c["name"]: c["value"] for c in self.driver.get_cookies()}
        url = self.base + f"/api/v1/orgs/{self.org_id}/plan"
        r = requests.put(url, json={"plan": "pro"}, headers={"Authorization": f"Bearer {self.rotated_key}"},
                         timeout=TIMEOUT)
        check("12 PUT /api/v1/orgs/{org}/plan with the organization's API key -> 403 (owners, signed in, only)",
              r.status_code == 403 and (json_of(r) or {}).get("error") == "forbidden", show(r))
        r = requests.put(url, json={"plan": "pro"}, cookies={"flowsta_dashboard": cookies.get("flowsta_dashboard", "x")},
                         timeout=TIMEOUT)
        check("12 the same with the dashboard's cookie -> 401 (not a management API credential)",
              r.status_code == 401, show(r))

        binary, data = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        must("12 FLOWSTA_BIN and FLOWSTA_DATA_DIR name the server's binary and data directory (Tests/browser/run.sh)",
             binary and data and os.path.isdir(data), f"FLOWSTA_BIN={binary!r} FLOWSTA_DATA_DIR={data!r}")
        out = subprocess.run([binary, "orgs", "set-plan", self.org_id, "pro", "--data-dir", data], cwd=REPO,
                             capture_output=True, text=True, timeout=60)
        must("12 `flowsta orgs set-plan ORG pro --data-dir <the server's>` -> exit 0, 'is now on the pro plan'",
             out.returncode == 0 and "is now on the pro plan" in out.stdout,
             f"exit {out.returncode}: {out.stderr.strip()[-300:]} {out.stdout[:300]!r}")
        # The server caches an organization's plan for up to 5 seconds.
        deadline = time.monotonic() + 15
        while True:
            self.driver.get(self.base + self.org_path + "/billing")
            self.wait(step, lambda d: self.element("#plan-table"), PAGE_TIMEOUT, "the plan and billing page")
            if self.text("nav.dash-nav .badge") == "pro" or time.monotonic() > deadline:
                break
            time.sleep(1)
        rows = {tr.get_attribute("class") or "": [c.get_attribute("textContent").strip() for c in self.elements("th, td", tr)]
                for tr in self.elements("#plan-table tbody tr")}
        must("12 within 15 s the billing page shows pro as current (150,000 MAU, 100 apps, 5 seats, 100/s)",
             (rows.get("current") or [""])[0].startswith("pro") and rows["current"][1:] == ["150,000", "100", "5", "100/s"],
             repr(rows))

    def invite(self):
        step = "13 invite"
        self.driver.get(self.base + self.org_path + "/team")
        self.wait(step, lambda d: self.element("form#invite-form"), PAGE_TIMEOUT, "the team page")
        check("13 the nav's plan badge says pro", self.text("nav.dash-nav .badge") == "pro", self.page_state())
        self.type_into("#invite-email", self.joiner_email)
        landed = self.submit(step, "form#invite-form button[type=submit]", lambda d: self.element("#invite-list"),
                             "the team page with the invite")
        must("13 Send invite (pro plan) -> the team page with #invite-list", landed, self.page_state())
        check("13 the URL says sent=1 and the page 'Invite sent.' (p.ok role=status)",
              self.path() == self.org_path + "/team" and query_of(self.driver.current_url).get("sent") == "1"
              and self.text("#invite-form p.ok") == "Invite sent."
              and self.element("#invite-form p.ok").get_attribute("role") == "status", self.page_state())
        rows = [[td.get_attribute("textContent").strip() for td in self.elements("td", tr)]
                for tr in self.elements("#invite-list tbody tr")]
        check("13 #invite-list: the address, member, an expiry date 7 days on",
              len(rows) == 1 and rows[0][:2] == [self.joiner_email, "member"]
              and rows[0][2] == time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 86400)), repr(rows))
        check("13 the invite's Resend and Revoke buttons name the address",
              [b.get_attribute("aria-label") for b in self.elements("#invite-list button")]
              == [f"Resend the invite to {self.joiner_email}", f"Revoke the invite to {self.joiner_email}"],
              self.page_state())
        self.page_checks("team-invite-sent")

        # No SMTP in the test: the mail waits in the outbox, which the operator's CLI lists.
        binary, data = os.environ.get("FLOWSTA_BIN"), os.environ.get("FLOWSTA_DATA_DIR")
        must("13 FLOWSTA_BIN and FLOWSTA_DATA_DIR name the server's binary and data directory (Tests/browser/run.sh)",
             binary and data and os.path.isdir(data), f"FLOWSTA_BIN={binary!r} FLOWSTA_DATA_DIR={data!r}")
        self.data_dir = data
        started = time.monotonic()
        out = subprocess.run([binary, "mail", "outbox", "--data-dir", data], cwd=REPO, capture_output=True, text=True,
                             timeout=60)
        self.timings.append(("flowsta mail outbox", time.monotonic() - started))
        mails = self.parse_outbox(out.stdout)
        mine = [m for m in mails if m["to"] == self.joiner_email]
        print(f"  (outbox: {len(mails)} mail(s): {[(m['to'], m['subject']) for m in mails]})")
        must("13 `flowsta mail outbox --data-dir <the server's>` -> exit 0, one mail to the invited address",
             out.returncode == 0 and len(mine) == 1, f"exit {out.returncode}: {out.stderr.strip()[-300:]} {out.stdout[:300]!r}")
        mail = mine[0]
        check("13 the mail's subject: 'You are invited to join <organization> on Flowsta'",
              mail["subject"] == f"You are invited to join {self.org_name} on Flowsta", repr(mail["subject"]))
        links = re.findall(r"\S+/invites/accept\?token=\S+", mail["text"])
        must("13 the mail carries one link <issuer>/invites/accept?token=<43 base64url characters>",
             len(links) == 1 and re.fullmatch(re.escape(self.base) + r"/invites/accept\?token=[A-Za-z0-9_-]{43}", links[0]),
             repr(mail["text"]))
        check("13 the mail says 'as a member'", "as a member" in mail["text"], repr(mail["text"]))
        self.invite_link = links[0]
        self.invite_token = query_of(self.invite_link)["token"]
        check("13 the invite token is not in the team page", self.invite_token not in self.driver.page_source)

    @staticmethod
    def parse_outbox(text):
        """`flowsta mail outbox` output: "--- id  queued ...", "To: ...", "Subject: ...", a blank
        line, the text."""
        mails = []
        for block in re.split(r"^--- ", text, flags=re.M)[1:]:
            lines = block.split("\n")
            head = {}
            for line in lines[1:3]:
                name, _, value = line.partition(": ")
                head[name] = value
            mails.append({"to": head.get("To"), "subject": head.get("Subject"), "text": "\n".join(lines[4:]).strip()})
        return mails

    def accept_in_second_session(self):
        """The invited person, in a browser of their own: the link -> the dashboard's sign-in
        (the hosted page) -> a new account -> back to the accept page -> accept -> the org."""
        step = "14 second session"
        driver = browser()
        driver.set_page_load_timeout(PAGE_TIMEOUT)
        self.sessions["joiner"] = (driver, NetworkCapture(driver))
        self.switch_to("joiner")
        self.driver.get(self.invite_link)
        form = self.wait(step, lambda d: self.element("form#signin-form"), PAGE_TIMEOUT, "the hosted sign-in page")
        must("14 the invite link without a session -> the hosted sign-in page", form, self.page_state())
        paths = [urllib.parse.urlsplit(r["url"]).path for r in self.capture.requests if r["type"] == "Document"]
        q = query_of(self.driver.current_url)
        check("14 via /invites/accept -> /dashboard/invites/accept -> /dashboard/signin -> /oauth/authorize of "
              "flowsta_app_dashboard",
              paths[:4] == ["/invites/accept", "/dashboard/invites/accept", "/dashboard/signin", "/oauth/authorize"]
              and q.get("client_id") == "flowsta_app_dashboard", repr(paths))
        self.element("#signup-link").click()
        self.wait(step, lambda d: self.element("form#signup-form"), PAGE_TIMEOUT, "the sign-up form")
        self.type_into("#username", self.joiner)
        self.type_into("#password", self.joiner_password)
        self.type_into("#password_confirm", self.joiner_password)
        started = time.monotonic()
        self.element("#signup-submit").click()
        self.save_recovery_code(step)
        landed = self.wait(step, lambda d: ("accept" if self.element("form#accept-form") else None)
                           or ("error" if self.text("#form-error") else None), OPAQUE_TIMEOUT, "the accept page")
        self.timings.append(("second user: sign-up -> the accept page", time.monotonic() - started))
        must("14 sign-up -> back on /dashboard/invites/accept with form#accept-form",
             landed == "accept" and self.path() == "/dashboard/invites/accept", self.page_state())
        self.joiner_created = True
        check("14 the accept page's URL and hidden token field carry the mail's token",
              query_of(self.driver.current_url).get("token") == self.invite_token
              and self.element("#accept-form input[name=token]").get_attribute("value") == self.invite_token,
              self.driver.current_url)
        check("14 the accept page says 'Accept to join it as <strong>joiner</strong>', signed in as the joiner",
              f"as <strong>{self.joiner}</strong>" in self.driver.page_source
              and f"Signed in as <strong>{self.joiner}</strong>" in self.driver.page_source, self.text("p.lead"))
        self.page_checks("accept")
        landed = self.submit(step, "#accept-form button[type=submit]", lambda d: self.element("h1"), "the organization")
        must("14 Accept the invitation -> /dashboard/orgs/{org}", landed and self.path() == self.org_path,
             self.page_state())
        check("14 the organization's overview: its name, 'Your role: member', no business form (read-only)",
              self.text("h1") == self.org_name and "Your role: member" in (self.text("nav.dash-nav") or "")
              and self.element("#business-form") is None, self.page_state())
        self.page_checks("member-overview")
        self.drain(step)
        found = leaks(self.capture, [self.joiner_password])
        check(f"14 privacy: the second user's password is in none of the {len(self.capture.requests)} requests their "
              f"browser sent", not found, "; ".join(found[:5]))
        self.switch_to("developer")

    def member_rows(self):
        rows = []
        for tr in self.elements("#member-list tbody tr"):
            cells = [td.get_attribute("textContent").strip() for td in self.elements("td", tr)]
            rows.append({"name": re.sub(r"\s+", " ", cells[0]) if cells else None,
                         "role": cells[1] if len(cells) > 1 else None, "joined": cells[2] if len(cells) > 2 else None})
        return rows

    def team_lists_member(self):
        step = "15 team"
        self.driver.get(self.base + self.org_path + "/team")
        self.wait(step, lambda d: self.element("#member-list"), PAGE_TIMEOUT, "the team page")
        rows = self.member_rows()
        print(f"  (members: {rows})")
        today = time.strftime("%Y-%m-%d", time.gmtime())
        check("15 first session's team page: the developer (owner) and the second user, member, joined today",
              [(r["name"], r["role"]) for r in rows] == [(f"{self.username} you", "owner"), (self.joiner, "member")]
              and rows[1]["joined"] == today, repr(rows))
        check("15 the invite is no longer pending (no #invite-list, 'No pending invites.'); the address is gone",
              self.element("#invite-list") is None and "No pending invites." in (self.text("main") or "")
              and self.joiner_email not in self.driver.page_source, self.page_state())
        check("15 the member's row: a role select (labelled) and Change/Remove buttons naming them",
              self.element("select[id^=role-]") is not None
              and [b.get_attribute("aria-label") for b in self.elements("#member-list button")]
              == [f"Change the role of {self.joiner}", f"Remove {self.joiner}"], self.page_state())
        self.page_checks("team-members")

    # ------------------------------------------------------------------ usage, MAU, logs, audit

    def usage_app(self):
        step = "16 usage app"
        self.callback = CallbackServer()
        self.driver.get(self.base + self.org_path + "/apps")
        self.wait(step, lambda d: self.element("form#create-app"), PAGE_TIMEOUT, "the apps page")
        self.usage_app_name = f"Usage app {self.tag}"
        self.type_into("#app-name", self.usage_app_name)
        self.type_into("#app-redirects", self.callback.url)
        landed = self.submit(step, "form#create-app button[type=submit]", lambda d: self.element("#client-id"),
                             "the app page")
        must(f"16 a web app with redirect URI {self.callback.url} (pro plan) -> its page", landed, self.page_state())
        self.usage_app_id = re.fullmatch(rf"{self.org_path}/apps/({UUID})", self.path()).group(1)
        self.usage_client_id = self.text("#client-id")

    def consent_sign_in(self, who, username):
        """`who`'s browser, signed in to Flowsta, opens the app's authorization link: the consent
        page -> Allow -> the app's callback with a code. Returns the flow (code, verifier,
        analytics id)."""
        step = f"17 {who} signs in to the app"
        self.switch_to(who)
        verifier = b64e(secrets.token_bytes(48))
        state, nonce = b64e(secrets.token_bytes(16)), b64e(secrets.token_bytes(16))
        url = self.base + "/oauth/authorize?" + urllib.parse.urlencode({
            "response_type": "code", "client_id": self.usage_client_id, "redirect_uri": self.callback.url,
            "scope": "openid profile", "state": state, "nonce": nonce, "code_challenge_method": "S256",
            "code_challenge": b64e(hashlib.sha256(verifier.encode("ascii")).digest())})
        self.drain(step)
        before = len(self.capture.posts_to("/oauth/consent"))
        self.driver.get(url)
        form = self.wait(step, lambda d: self.element("form#consent-form"), PAGE_TIMEOUT, "the consent page")
        must(f"{step}: the app's link -> the consent page", form, self.page_state())
        lead = self.text("p.lead") or ""
        check(f"{step}: the consent page names {username} and the app", username in lead and self.usage_app_name in lead,
              repr(lead))
        self.element("#consent-allow").click()
        landed = self.wait(step, lambda d: d.current_url.startswith(self.callback.url + "?"), PAGE_TIMEOUT, "the callback")
        must(f"{step}: Allow -> the app's redirect URI with a code", landed and query_of(self.driver.current_url).get("code"),
             self.page_state())
        q = query_of(self.driver.current_url)
        check(f"{step}: state as sent, iss the issuer", q.get("state") == state and q.get("iss") == self.base,
              self.driver.current_url)
        self.drain(step)
        posts = self.capture.posts_to("/oauth/consent")[before:]
        body = dict(urllib.parse.parse_qsl(posts[-1]["body"] or "", keep_blank_values=True)) if posts else {}
        check(f"{step}: the consent POST: decision=allow and an analytics_id (22 base64url characters) for this month",
              body.get("decision") == "allow" and ANALYTICS_ID.match(body.get("analytics_id", ""))
              and body.get("analytics_month") == time.strftime("%Y-%m", time.gmtime()), repr(body))
        flow = {"who": who, "username": username, "code": q["code"], "verifier": verifier,
                "analytics_id": body.get("analytics_id")}
        self.sign_ins.append(flow)
        return flow

    def app_sign_ins(self):
        """Two users sign in to the app in their browsers; the app redeems the codes, calls
        userinfo, and makes one failing token call."""
        self.consent_sign_in("developer", self.username)
        self.consent_sign_in("joiner", self.joiner)
        self.switch_to("developer")
        for flow in self.sign_ins:
            label = f"17 app: {flow['username']}"
            r = self.http.post(self.base + "/oauth/token", timeout=TIMEOUT, data={
                "grant_type": "authorization_code", "code": flow["code"], "redirect_uri": self.callback.url,
                "client_id": self.usage_client_id, "code_verifier": flow["verifier"]})
            token = json_of(r) or {}
            must(f"{label}: code + verifier at /oauth/token -> 200 access_token", r.status_code == 200
                 and token.get("access_token"), show(r))
            r = self.http.get(self.base + "/oauth/userinfo", headers={"Authorization": f"Bearer {token['access_token']}"},
                              timeout=TIMEOUT)
            check(f"{label}: /oauth/userinfo -> 200 preferred_username {flow['username']}",
                  r.status_code == 200 and (json_of(r) or {}).get("preferred_username") == flow["username"], show(r))
        r = self.http.post(self.base + "/oauth/token", timeout=TIMEOUT, data={
            "grant_type": "authorization_code", "code": "not-a-code-" + secrets.token_hex(8),
            "redirect_uri": self.callback.url, "client_id": self.usage_client_id,
            "code_verifier": self.sign_ins[0]["verifier"]})
        check("17 app: a made-up code -> 400 invalid_grant (the one failing token call)",
              r.status_code == 400 and (json_of(r) or {}).get("error") == "invalid_grant", show(r))
        self.usage_done = time.monotonic()
        ids = {flow["analytics_id"] for flow in self.sign_ins}
        check("17 the two users' browsers sent different analytics ids", len(ids) == 2, repr(ids))

    def mau_page(self):
        step = "18 MAU"
        self.driver.get(self.base + self.org_path)
        self.wait(step, lambda d: self.nav("Monthly active users"), PAGE_TIMEOUT, "the overview")
        landed = self.submit(step, self.nav("Monthly active users").click, lambda d: self.element("#mau-total"),
                             "the MAU page")
        must("18 Monthly active users -> /dashboard/orgs/{org}/mau with #mau-total",
             landed and self.path() == self.org_path + "/mau", self.page_state())
        total = self.number(self.text("#mau-total"))
        signed_in = len({flow["analytics_id"] for flow in self.sign_ins if flow["analytics_id"]})
        print(f"  (MAU page: {self.text('main p:nth-of-type(2)')!r})")
        check(f"18 #mau-total ({total}) >= the {signed_in} users who signed in through the consent page",
              total is not None and total >= signed_in == 2, repr(self.text("#mau-total")))
        check("18 'of 150,000 included' (the pro plan)", "of 150,000 included" in (self.text("main") or ""),
              self.page_state())
        chart = self.element("#mau-chart-0")
        month = time.strftime("%Y-%m", time.gmtime())
        table = self.chart_table("mau-chart-0")
        check(f"18 one chart (the app's), an svg[role=img] with a <title> naming the app; its numbers: "
              f"{month} -> {total}",
              chart is not None and self.element("#mau-chart-1") is None and self.chart_ok("mau-chart-0")
              and self.usage_app_name in self.chart_title("mau-chart-0") and table and table[-1][0] == month
              and self.number(table[-1][1]) == total, repr(table[-3:] if table else None))
        self.page_checks("mau")

    def audit_page(self):
        step = "19 audit"
        landed = self.submit(step, self.nav("Audit log").click, lambda d: self.element("#audit-list"), "the audit log")
        must("19 Audit log -> /dashboard/orgs/{org}/audit with #audit-list",
             landed and self.path() == self.org_path + "/audit", self.page_state())
        events = [[td.get_attribute("textContent").strip() for td in self.elements("td", tr)]
                  for tr in self.elements("#audit-list tbody tr")]
        actions = [e[2] for e in events if len(e) == 4]
        print(f"  (audit: {[(e[1], e[2]) for e in events if len(e) == 4]})")
        by = {e[2]: e[1] for e in events if len(e) == 4}
        check("19 audit log: organization.created first, by the developer",
              actions[:1] == ["organization.created"] and by.get("organization.created") == self.username, repr(actions))
        check("19 audit log: app.created, api_key.created and invite.created by the developer, the plan change "
              "free->pro by the operator; member.joined:member by the second user",
              all(a in actions for a in ("app.created", "api_key.created", "invite.created"))
              and by.get("organization.plan_changed:free->pro") == "operator"
              and by.get("member.joined:member") == self.joiner, repr(by))
        self.page_checks("audit")

    def notices_page(self):
        """An operator publishes a notice (`flowsta notices publish`, the CLI on the server's
        data); the dashboard's notices page lists it."""
        step = "20 notices"
        title = f"Maintenance window {self.tag}"
        out = subprocess.run([os.environ["FLOWSTA_BIN"], "notices", "publish", "--data-dir", self.data_dir,
                              "--kind", "service", "--title", title, "--body", "A short maintenance on Sunday.",
                              "--effective", time.strftime("%Y-%m-%d", time.gmtime(time.time() + 7 * 86400))],
                             cwd=REPO, capture_output=True, text=True, timeout=60)
        print(f"  (notices publish: {out.stdout.strip()[-200:]!r} {out.stderr.strip()[-200:]!r})")
        check("20 `flowsta notices publish --kind service` -> exit 0", out.returncode == 0, out.stderr[-300:])
        link = self.element("nav.dash-nav a[href='/dashboard/notices']")
        landed = self.submit(step, link.click, lambda d: self.element("h1"), "the notices page")
        must("20 Notices (nav) -> /dashboard/notices", landed and self.path() == "/dashboard/notices", self.page_state())
        articles = [a.text for a in self.elements("article.notice")]
        check("20 notices page lists the notice: its title, the kind 'service', the body",
              any(title in a and "service" in a and "A short maintenance on Sunday." in a for a in articles),
              repr(articles))
        self.page_checks("notices")

    def usage_page(self):
        step = "21 usage"
        self.driver.get(self.base + self.org_path)
        self.wait(step, lambda d: self.nav("Usage"), PAGE_TIMEOUT, "the overview")
        landed = self.submit(step, self.nav("Usage").click, lambda d: self.element("#usage-totals"), "the usage page")
        must("21 Usage -> /dashboard/orgs/{org}/usage with #usage-totals", landed and self.path() == self.org_path + "/usage",
             self.page_state())
        check("21 usage page: the range defaults to the last 30 days",
              self.element("#usage-range option[selected]") is not None
              and self.element("#usage-range option[selected]").get_attribute("value") == "30", self.page_state())

        # The app's calls are counted in memory and written every 10 s: the app's view of the last
        # 24 hours (chosen in the page's filter form) is reloaded until they show.
        from selenium.webdriver.support.select import Select

        Select(self.element("#usage-range")).select_by_value("1")
        Select(self.element("#usage-app")).select_by_value(self.usage_app_id)
        landed = self.submit(step, "form.filters button[type=submit]", lambda d: self.element("#usage-totals"),
                             "the app's usage")
        must("21 the filter form (Last 24 hours, the app) -> usage?days=1&app=<the app>",
             landed and query_of(self.driver.current_url).get("days") == "1"
             and query_of(self.driver.current_url).get("app") == self.usage_app_id, self.driver.current_url)
        started, polls = time.monotonic(), 1
        want = {"token": (3, 1), "userinfo": (2, 0)}  # requests, 4xx
        while True:
            totals = self.usage_totals()
            if all(self.number((totals.get(g) or {}).get("Requests")) == n for g, (n, _) in want.items()):
                break
            if time.monotonic() - started > USAGE_TIMEOUT:
                break
            time.sleep(1.0)
            polls += 1
            self.driver.get(self.driver.current_url)
            self.wait(step, lambda d: self.element("#usage-totals"), PAGE_TIMEOUT, "the usage page")
        self.timings.append((f"usage page shows the app's calls ({polls} loads; written every 10 s)",
                             time.monotonic() - started))
        print(f"  (the app's usage totals: {totals})")
        for group, (n, errors) in want.items():
            row = totals.get(group) or {}
            check(f"21 the app's #usage-totals: {group}: {n} requests, {errors} 4xx, 0 5xx "
                  f"(within {USAGE_TIMEOUT} s of the calls)",
                  self.number(row.get("Requests")) == n and self.number(row.get("4xx")) == errors
                  and self.number(row.get("5xx")) == 0, repr(row))
        check("21 the app's view has no management row (API key calls are no app's)", "management" not in totals,
              repr(sorted(totals)))
        token = totals.get("token") or {}
        check("21 token error rate 33.33 %; p50 <= p95 <= p99 in ms",
              token.get("Error rate") == "33.33 %" and self.latencies_ok(token), repr(token))
        self.chart_checks("21 the app's", totals)
        self.page_checks("usage-app")

        # All apps and the management API.
        Select(self.element("#usage-app")).select_by_value("")
        landed = self.submit(step, "form.filters button[type=submit]", lambda d: self.element("#usage-totals"),
                             "the organization's usage")
        must("21 the filter form (Last 24 hours, all) -> usage?days=1", landed
             and query_of(self.driver.current_url).get("days") == "1"
             and not query_of(self.driver.current_url).get("app"), self.driver.current_url)
        totals = self.usage_totals()
        print(f"  (the organization's usage totals: {totals})")
        check("21 organization-wide #usage-totals: non-zero requests; token >= 3 (1+ 4xx), userinfo >= 2, and "
              "management (the API key's calls, one 403)",
              self.number((totals.get("token") or {}).get("Requests")) >= 3
              and self.number((totals.get("token") or {}).get("4xx")) >= 1
              and self.number((totals.get("userinfo") or {}).get("Requests")) >= 2
              and self.number((totals.get("management") or {}).get("Requests")) >= 5
              and self.number((totals.get("management") or {}).get("4xx")) >= 1, repr(totals))
        self.chart_checks("21 the organization's", totals)
        for link, kind in (("#usage-csv", "text/csv"), ("#usage-json", "application/json")):
            href = self.element(link).get_attribute("href")
            r = self.dashboard_get(href)
            check(f"21 the page's {link} download (days=1) -> 200 {kind}, an attachment",
                  r.status_code == 200 and r.headers.get("Content-Type", "").startswith(kind)
                  and "attachment" in r.headers.get("Content-Disposition", "") and "days=1" in href, show(r))
        self.page_checks("usage")

    def usage_totals(self):
        rows = {}
        for tr in self.elements("#usage-totals tbody tr"):
            head = self.element("th", tr)
            if head:
                rows[head.get_attribute("textContent").strip()] = {
                    td.get_attribute("data-label"): td.get_attribute("textContent").strip() for td in self.elements("td", tr)}
        return rows

    def chart_table(self, chart):
        """The numbers behind a chart (its <details> table): rows of [period, value, ...]."""
        return [[c.get_attribute("textContent").strip() for c in self.elements("th, td", tr)]
                for tr in self.elements(f"#{chart} details table tbody tr")]

    def chart_title(self, chart):
        title = self.element(f"#{chart} svg > title")
        return title.get_attribute("textContent").strip() if title else ""

    def chart_ok(self, chart):
        """figure#chart: an svg[role=img] labelled by its <title>, and a <details> table."""
        return bool(self.driver.execute_script(
            "const f = document.getElementById(arguments[0]); if (!f) return false;"
            "const s = f.querySelector('svg[role=img]'); const t = s && s.querySelector(':scope > title');"
            "return !!(t && t.textContent.trim() && s.getAttribute('aria-labelledby') === t.id"
            " && f.querySelector('details summary') && f.querySelector('details table tbody tr'));", chart))

    def chart_checks(self, label, totals):
        requests = self.chart_table("requests-chart")
        errors = self.chart_table("errors-chart")
        latency = self.chart_table("latency-chart")
        check(f"{label} charts: #requests-chart, #errors-chart, #latency-chart are each an svg[role=img] with a "
              f"<title> and a <details> table of numbers",
              all(self.chart_ok(c) for c in ("requests-chart", "errors-chart", "latency-chart")),
              repr([self.chart_title(c) for c in ("requests-chart", "errors-chart", "latency-chart")]))
        total = sum(self.number(r.get("Requests")) or 0 for r in totals.values())
        hourly = sum(self.number(row[1]) or 0 for row in requests if len(row) > 1)
        check(f"{label} requests chart: 24 hourly rows (HH:00) adding up to the totals' {total} requests",
              len(requests) == 24 and all(re.fullmatch(r"\d\d:00", row[0]) for row in requests) and hourly == total > 0,
              f"sum {hourly}; {[r for r in requests if r[1] != '0']}")
        rates = [float(row[1].split()[0]) for row in errors if len(row) > 1 and row[1] != "—"]
        check(f"{label} error-rate chart: a value (%) for each hour with requests, one above 0",
              len(errors) == 24 and len(rates) == len([r for r in requests if r[1] != "0"]) and max(rates or [0]) > 0,
              repr([r for r in errors if r[1] != "—"]))
        filled = [row for row in latency if len(row) == 4 and row[1] != "—"]
        check(f"{label} latency chart: p50, p95, p99 columns; p50 <= p95 <= p99 ms in each hour with requests",
              filled and all(self.ms(r[1]) <= self.ms(r[2]) <= self.ms(r[3]) for r in filled),
              repr(filled))

    @staticmethod
    def number(text):
        try:
            return int(str(text).replace(",", "").replace("\u202f", "").replace("\xa0", "").strip())
        except (TypeError, ValueError):
            return None

    @staticmethod
    def ms(text):
        try:
            return float(text.replace(" ms", ""))
        except (AttributeError, ValueError):
            return float("nan")

    def latencies_ok(self, row):
        values = [self.ms(row.get(k)) for k in ("p50", "p95", "p99")]
        return all(v > 0 for v in values) and values[0] <= values[1] <= values[2]

    def dashboard_get(self, url):
        """GET with the browser's dashboard cookie (what a click on a download link sends)."""
        import requests

        cookies = {c["name"]: c["value"] for c in self.driver.get_cookies()}
        return requests.get(urllib.parse.urljoin(self.base + "/", url), timeout=TIMEOUT, allow_redirects=False,
                            cookies={"flowsta_dashboard": cookies.get("flowsta_dashboard", "")})

    def logs_page(self):
        step = "22 logs"
        landed = self.submit(step, self.nav("API logs").click, lambda d: self.element("#log-list"), "the API logs")
        must("22 API logs -> /dashboard/orgs/{org}/logs with #log-list", landed and self.path() == self.org_path + "/logs",
             self.page_state())
        everything = self.log_rows()
        print(f"  (API log: {len(everything)} rows: {[(r['request'], r['status'], r['caller']) for r in everything]})")
        check("22 the log holds the API key's GET /api/v1/orgs/{org}/apps (200, 'API key <id>') and the app's "
              "token and userinfo calls (caller: the app)",
              any(r["request"] == "GET /api/v1/orgs/{org}/apps" and r["status"] == "200"
                  and r["caller"].startswith("API key ") for r in everything)
              and any(r["request"] == "POST /oauth/token" and r["status"] == "200" and r["caller"] == self.usage_app_name
                      for r in everything)
              and any(r["request"] == "GET /oauth/userinfo" and r["caller"] == self.usage_app_name for r in everything),
              repr(everything[-6:]))
        # Only calls attributed to the organization are logged: its API keys' and its apps' (OAuth
        # endpoints). The dashboard cookie's refused plan change (401) is not one of them.
        check("22 the dashboard cookie's refused plan change (PUT .../plan 401) is not in the log (no key, no app)",
              not any(r["request"] == "PUT /api/v1/orgs/{org}/plan" and r["status"] == "401" for r in everything),
              repr(everything))
        # Step 4's client_credentials call was the first app's, deleted since (step 6b): its row is
        # still the app's call, not the dashboard's or a session's (those are never in this log).
        check("22 every row names a caller that made it: an app or an API key; none says 'dashboard or session' "
              "(the deleted app's step-4 token call included)",
              everything and all(r["caller"] != "dashboard or session" for r in everything),
              repr([(r["request"], r["status"], r["caller"]) for r in everything
                    if r["caller"] == "dashboard or session"]))
        self.type_into("#logs-status", "4xx")
        landed = self.submit(step, "form.filters button[type=submit]", lambda d: self.element("#log-list"),
                             "the filtered log")
        must("22 Status 4xx (the filter form) -> logs?status=4xx", landed
             and query_of(self.driver.current_url).get("status") == "4xx", self.driver.current_url)
        rows = self.log_rows()
        print(f"  (4xx: {[(r['request'], r['status'], r['caller']) for r in rows]})")
        check("22 4xx: every row is a 4xx, in bold (strong.bad), of the management API or an OAuth endpoint",
              rows and all(re.fullmatch(r"4\d\d", r["status"]) and r["bad"] for r in rows)
              and all(re.match(r"(GET|POST|PUT|PATCH|DELETE) (/api/v1/|/oauth/)", r["request"]) for r in rows),
              repr(rows))
        check("22 4xx: the app's failing token call (POST /oauth/token 400, caller the app) is listed",
              any(r["request"] == "POST /oauth/token" and r["status"] == "400" and r["caller"] == self.usage_app_name
                  for r in rows), repr(rows))
        check("22 4xx: the API key's refused plan change (PUT /api/v1/orgs/{org}/plan 403, caller 'API key ...') is "
              "listed",
              any(r["request"] == "PUT /api/v1/orgs/{org}/plan" and r["status"] == "403"
                  and r["caller"].startswith("API key ") for r in rows), repr(rows))
        self.plan_403_callers = [r["caller"] for r in rows if r["request"] == "PUT /api/v1/orgs/{org}/plan"]
        check("22 4xx: a subset of the unfiltered log, no 2xx", {r["id"] for r in rows} <= {r["id"] for r in everything},
              repr(rows))
        check("22 the filter keeps 4xx in #logs-status", self.element("#logs-status").get_attribute("value") == "4xx",
              self.page_state())
        self.page_checks("logs-4xx")

    def log_rows(self):
        rows = []
        for tr in self.elements("#log-list tbody tr"):
            cells = {td.get_attribute("data-label"): td for td in self.elements("td", tr)}
            if "Request" not in cells:
                continue
            rows.append({
                "request": cells["Request"].get_attribute("textContent").strip(),
                "status": cells["Status"].get_attribute("textContent").strip(),
                "bad": self.element("strong.bad", cells["Status"]) is not None,
                "caller": cells["Caller"].get_attribute("textContent").strip(),
                "id": cells["Request id"].get_attribute("textContent").strip(),
            })
        return rows

    # ------------------------------------------------------------------ export, delete, restore

    def export(self):
        step = "23 export"
        landed = self.submit(step, self.nav("Data and deletion").click, lambda d: self.element("#delete-form"),
                             "the settings page")
        must("23 Data and deletion -> /dashboard/orgs/{org}/settings with #export-account and #delete-form",
             landed and self.path() == self.org_path + "/settings" and self.element("#export-account"), self.page_state())
        self.page_checks("settings")
        href = self.element("#export-account").get_attribute("href")
        check("23 #export-account links /dashboard/orgs/{org}/export", urllib.parse.urlsplit(href).path
              == self.org_path + "/export", href)
        # Selenium does not see downloads: the same URL with the browser's dashboard cookie.
        r = self.dashboard_get(href)
        document = json_of(r) or {}
        check("23 the download: 200 JSON, Content-Disposition attachment flowsta-organization-<org>.json",
              r.status_code == 200 and r.headers.get("Content-Type", "").startswith("application/json")
              and f'attachment; filename="flowsta-organization-{self.org_id}.json"'
              in r.headers.get("Content-Disposition", ""), show(r))
        organization = document.get("organization") or {}
        members = document.get("members") or []
        apps = document.get("apps") or []
        keys = document.get("api_keys") or []
        print(f"  (export: {sorted(document)}; members {[(m.get('username'), m.get('role')) for m in members]}; "
              f"apps {[a.get('name') for a in apps]}; {len(keys)} key(s); {len(document.get('audit_log') or [])} "
              f"audit events)")
        check("23 export: the organization's id, name and plan pro", organization.get("id") == self.org_id
              and organization.get("name") == self.org_name and organization.get("plan") == "pro", repr(organization))
        check("23 export: 2 members, the developer (owner) and the second user (member)",
              sorted((m.get("username"), m.get("role")) for m in members)
              == sorted([(self.username, "owner"), (self.joiner, "member")]), repr(members))
        check("23 export: the apps (the usage app with its client id; the deleted one is gone)",
              [(a.get("name"), a.get("client_id")) for a in apps] == [(self.usage_app_name, self.usage_client_id)],
              repr(apps))
        check("23 export: the API keys' metadata (2 'ci' keys), no secret: neither key nor any 'secret' field",
              len(keys) == 2 and all(k.get("name") == "ci" for k in keys)
              and self.key not in r.text and self.rotated_key not in r.text
              and not re.search(r'"[a-z_]*secret[a-z_]*"\s*:\s*"', r.text), repr(keys))
        live = [k for k in keys if not k.get("revoked")]
        check("23 the API log's caller of the refused plan change names the live key as the keys page does: "
              "API key \u201cci\u201d (<prefix>\u2026) (the export's api_keys)",
              len(live) == 1 and getattr(self, "plan_403_callers", None)
              == [f"API key \u201cci\u201d ({live[0].get('prefix', '')}\u2026)"],
              f"{getattr(self, 'plan_403_callers', None)} vs {[(k.get('id'), k.get('prefix')) for k in keys]}")
        check("23 export: no pending invites; the MAU count of this month and the audit log",
              document.get("invites") == [] and any(m.get("app_id") == self.usage_app_id and m.get("mau") == 2
                                                   for m in document.get("mau") or [])
              and any(e.get("action") == "organization.created" for e in document.get("audit_log") or []),
              repr(document.get("mau")))

    def delete_and_restore(self):
        step = "24 delete"
        self.type_into("#confirm-name", self.org_name + " (not)")
        landed = self.submit(step, "#delete-organization", lambda d: self.element("#confirm_name-error"),
                             "#confirm_name-error")
        must("24 Delete with a wrong name -> the settings page with #confirm_name-error", landed, self.page_state())
        field = self.element("#confirm-name")
        check("24 #confirm_name-error is a p.error with text; the field aria-invalid and described by it",
              self.element("#confirm_name-error").tag_name == "p" and self.text("#confirm_name-error")
              and field.get_attribute("aria-invalid") == "true"
              and field.get_attribute("aria-describedby") == "confirm_name-error", self.page_state())
        r = self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps")
        check("24 nothing deleted yet: the API key still works (200)", r.status_code == 200, show(r))
        self.page_checks("settings-delete-error", expect_400=self.org_path + "/delete")

        self.type_into("#confirm-name", self.org_name)
        landed = self.submit(step, "#delete-organization", lambda d: self.element("#restore-organization"),
                             "the restore button")
        must("24 Delete with the right name -> the settings page with #restore-organization",
             landed and self.path() == self.org_path + "/settings", self.page_state())
        banner = self.text("p.notice-bar") or ""
        restorable = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 30 * 86400))
        check(f"24 the deleted banner (p.notice-bar role=status): restorable until {restorable}",
              "This organization was deleted" in banner and restorable in banner
              and self.element("p.notice-bar").get_attribute("role") == "status", repr(banner))
        check("24 no #delete-form any more; the restore button names the organization",
              self.element("#delete-form") is None and self.text("#restore-organization") == f"Restore {self.org_name}",
              self.page_state())
        r = self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps")
        check("24 the API key from earlier -> 410 on the API", r.status_code == 410, show(r))
        r = self.dashboard_get(self.org_path)
        check("24 the overview of a deleted organization -> 303 to its settings (restore) page",
              r.status_code == 303 and r.headers.get("Location") == self.org_path + "/settings", show(r))
        self.page_checks("settings-deleted")

        step = "24 restore"
        landed = self.submit(step, "#restore-organization", lambda d: self.element("#plan-use"), "the overview")
        must("24 Restore -> the organization's overview (#plan-use)", landed and self.path() == self.org_path,
             self.page_state())
        check("24 no deleted banner after the restore", self.element("p.notice-bar") is None, self.page_state())
        meters = {}
        for row in self.elements("#plan-use .meter-row"):
            label, meter = self.element("dt", row), self.element("dd span", row)
            if label and meter:
                meters[label.text.strip()] = meter.text.strip()
        print(f"  (plan meters: {meters})")
        check("24 overview meters on pro: Apps '1 of 100', seats '2 of 5'",
              meters.get("Apps") == "1 of 100" and meters.get("Team seats (members and pending invites)") == "2 of 5",
              repr(meters))
        r = self.api(self.rotated_key, f"/api/v1/orgs/{self.org_id}/apps")
        check("24 the API key works again (200) and lists the app",
              r.status_code == 200 and [a.get("client_id") for a in (json_of(r) or {}).get("items") or []]
              == [self.usage_client_id], show(r))
        self.page_checks("org-restored")
        log = os.path.join(self.data_dir, "server.log")
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                text = f.read()
            check("24 the invite token is not in the server's output", self.invite_token not in text)

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
            # The second user first (a member); deleting the developer's account deletes the
            # organization it alone owns. DELETE /auth/me needs a sign-in within the last 5
            # minutes: delete_account (flowsta_checks) signs in again with opaque_snake first.
            if self.joiner_created:
                delete_account(self.base, "cleanup: DELETE /auth/me for the invited user (signed in again) -> 204",
                               self.joiner, self.joiner_password)
            if self.user_created:
                delete_account(self.base, "cleanup: DELETE /auth/me for the developer (signed in again) -> 204",
                               self.username, self.password)
        finally:
            for driver, _ in self.sessions.values():
                try:
                    driver.quit()
                except Exception:
                    pass
            self.driver = None
            self.http.close()
            if self.callback:
                self.callback.close()


if __name__ == "__main__":
    sys.exit(main())
