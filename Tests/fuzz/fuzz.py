#!/usr/bin/env python3
"""The fuzz step: starts the server (harness.Server), builds the fixture (fixture.py), runs the
schema-driven fuzzer (schema_fuzz.py) and then the raw-request fuzzer (raw_fuzz.py) within a time
budget, restarting the server whenever a request kills it, and reports every distinct 5xx,
crash and unanswered request.

Usage: fuzz.py PATH/TO/flowsta         (Tests/fuzz/run.sh prepares the Python environment)
Env:   FLOWSTA_FUZZ_SECONDS       fuzzing time for both fuzzers together (default 90)
       FLOWSTA_FUZZ_DATABASE_URL  the server's database (an empty one), e.g. postgres://...;
                                  default: SQLite in the throwaway data directory
       FLOWSTA_FUZZ_SEED          Hypothesis seed of the schema fuzzer (default: random, printed)
       FLOWSTA_FUZZ_KEEP=1        keep the data directory (server log, database) afterwards

Checks: one per fuzzer and route (it passes when no request to that route got a 5xx, crashed
the server or went unanswered), plus one for the server being up at the end. Ends with
"N passed, M failed"; exits 1 on any finding."""
import os
import random
import shutil
import signal
import sys
import time

import requests

from fixture import Fixture
from harness import Findings, Server, destructive
from raw_fuzz import RawFuzzer
from schema_fuzz import SchemaFuzzer

SCHEMA_SHARE = 0.3  # of FLOWSTA_FUZZ_SECONDS; the raw fuzzer gets the rest


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print("usage: fuzz.py PATH/TO/flowsta (an executable server binary)", file=sys.stderr)
        return 2
    seconds = float(os.environ.get("FLOWSTA_FUZZ_SECONDS") or 90)
    database = os.environ.get("FLOWSTA_FUZZ_DATABASE_URL") or None
    seed = int(os.environ.get("FLOWSTA_FUZZ_SEED") or random.randrange(2**32))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    server = Server(sys.argv[1], database)
    try:
        return fuzz(server, seconds, database, seed)
    finally:
        server.stop()
        if os.environ.get("FLOWSTA_FUZZ_KEEP") == "1":
            print(f"(kept {server.data})")
        else:
            shutil.rmtree(server.data, ignore_errors=True)


def fuzz(server, seconds, database, seed):
    began = time.monotonic()
    try:
        server.start()
        doc = requests.get(server.url + "/openapi.json", timeout=30).json()
        fixture = Fixture(server)
        fixture.build()
    except Exception as e:
        print(f"FAIL fuzz setup: {type(e).__name__}: {e}")
        print(f"--- server log ---\n{server.log_tail(0, 80)}" if os.path.exists(server.log_path) else "")
        print("0 passed, 1 failed")
        return 1
    print(f"== fuzzing {server.url} on {'PostgreSQL' if database and database.startswith('postgres') else 'SQLite'}"
          f" for {seconds:.0f} s (setup {time.monotonic() - began:.1f} s; schema fuzzer seed {seed})", flush=True)
    findings = Findings()

    started = time.monotonic()
    schema = SchemaFuzzer(server, fixture, findings, doc, destructive, seed)
    operations = schema.run(started + seconds * SCHEMA_SHARE)
    schema_time = time.monotonic() - started
    print(f"== schema fuzzer: {len(operations)} of {len(schema.operations)} operations, {schema.examples} examples in {schema_time:.0f} s"
          f", {schema.crashes} crash(es)", flush=True)
    for name, reason in schema.skipped:
        print(f"   (schemathesis generated no examples for {name}: {reason})")

    started = time.monotonic()
    raw = RawFuzzer(server, fixture, findings, doc, destructive)
    done, total = raw.run(started + seconds * (1 - SCHEMA_SHARE))
    raw_time = time.monotonic() - started
    print(f"== raw fuzzer: {done} of {total} cases over {len(raw.routes)} routes, {raw.sent} requests in {raw_time:.0f} s"
          f", {raw.crashes} crash(es)" + ("" if done == total else " (time budget reached: raise FLOWSTA_FUZZ_SECONDS to run all)"), flush=True)

    end_status = server.status()
    tested = {("schema", op.method.upper(), op.path) for op in operations} | {("raw", r.method, r.template) for r in raw.routes}
    failed = {(f.phase, f.method, f.route) for f in findings.items}
    passed = len(tested - failed) + (end_status is None)
    failures = len(failed) + (end_status is not None)
    if end_status:
        print(f"FAIL the server is {end_status} at the end")
    print(f"== {fixture.builds} fixture build(s), {server.starts - 1} server restart(s), {time.monotonic() - began:.0f} s in all")
    findings.report()
    print(f"{passed} passed, {failures} failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
