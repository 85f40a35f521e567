#!/usr/bin/env python3
"""Runs Tests/js/browser/vectors.html in headless Chromium and fails unless every vector passes.

A loopback HTTP server serves a temporary layout: /js/ -> Public/js/, /tests/ -> Tests/js/,
/vectors/ -> Tests/FlowstaCryptoTests/Vectors/, with a strict Content-Security-Policy (no inline
script). Needs selenium (`python3 -m venv /tmp/jsvenv && /tmp/jsvenv/bin/pip install selenium`),
/usr/bin/chromium and /usr/bin/chromedriver (`apt-get install -y chromium chromium-driver`).
Exit status: 0 when the page reports "passed" and the console has no SEVERE entry, 1 otherwise.
"""

import functools
import http.server
import json
import os
import sys
import tempfile
import threading

try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    sys.exit("selenium is missing: python3 -m venv /tmp/jsvenv && /tmp/jsvenv/bin/pip install selenium, "
             "then run this script with /tmp/jsvenv/bin/python3")

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
LAYOUT = {
    "js": os.path.join(REPO, "Public", "js"),
    "tests": os.path.join(REPO, "Tests", "js"),
    "vectors": os.path.join(REPO, "Tests", "FlowstaCryptoTests", "Vectors"),
}
TIMEOUT_SECONDS = int(os.environ.get("VECTORS_TIMEOUT_SECONDS", "120"))


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with JavaScript MIME types, no caching and a CSP that forbids inline script."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
        ".html": "text/html; charset=utf-8",
    }

    def do_GET(self):
        if self.path == "/favicon.ico":
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", "default-src 'self'; script-src 'self'; object-src 'none'")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def serve(root):
    """Starts the loopback server on a free port; returns (server, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def main():
    with tempfile.TemporaryDirectory() as root:
        for name, target in LAYOUT.items():
            os.symlink(target, os.path.join(root, name))
        server, base = serve(root)
        driver = browser()
        try:
            driver.get(f"{base}/tests/browser/vectors.html")
            result = driver.find_element(By.ID, "result")
            try:
                WebDriverWait(driver, TIMEOUT_SECONDS).until(
                    lambda _: result.get_attribute("data-status") in ("passed", "failed"))
                status = result.get_attribute("data-status")
                summary = json.loads(result.text)
            except TimeoutException:
                status, summary = "timeout", {"status": f"no result within {TIMEOUT_SECONDS} s"}
            severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
        finally:
            driver.quit()
            server.shutdown()

    results = summary.get("results", [])
    for r in results:
        print(f"{'ok  ' if r['ok'] else 'FAIL'} {r['name']}{'  (' + r['detail'] + ')' if r['detail'] else ''}")
    print(json.dumps({k: v for k, v in summary.items() if k != "results"}, indent=2))
    for entry in severe:
        print(f"console SEVERE: {entry.get('message')}")
    if status != "passed" or severe:
        print("FAILED")
        return 1
    print(f"PASSED: {summary['passed']}/{summary['total']} checks in Chromium")
    return 0


if __name__ == "__main__":
    sys.exit(main())
