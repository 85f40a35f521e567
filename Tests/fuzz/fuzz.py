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
import traceback

import requests

from fixture import Fixture
from harness import Findings, Server, destructive
from raw_fuzz import RawFuzzer
from schema_fuzz import SchemaFuzzer

SCHEMA_SHARE = 0.25  # of FLOWSTA_FUZZ_SECONDS; the raw fuzzer gets the rest


def main():
    if len(sys.argv) != 2 or not os.access(sys.argv[1], os.X_OK):
        print("usage: fuzz.py PATH/TO/flowsta (an executable server binary)", file=sys.stderr)
        return 2
    seconds = float(os.environ.get("FLOWSTA_FUZZ_SECONDS") or 90)
    database = os.environ.get("FLOWSTA_FUZZ_DATABASE_URL") or None
    seed = int(os.environ.get("FLOWSTA_FUZZ_SEED") or random.randrange(2**32))
    server = Server(sys.argv[1], database)

    def clean_up():
        server.stop()
        if os.environ.get("FLOWSTA_FUZZ_KEEP") == "1":
            print(f"(kept {server.data})")
        else:
            shutil.rmtree(server.data, ignore_errors=True)

    # Hypothesis would take a SystemExit raised inside an example for a failure: stop at once.
    signal.signal(signal.SIGTERM, lambda *_: (clean_up(), os._exit(143)))
    try:
        return fuzz(server, seconds, database, seed)
    finally:
        clean_up()


def fuzz(server, seconds, database, seed):
    began = time.monotonic()
    try:
        server.start()
        doc = requests.get(server.url + "/openapi.json", timeout=30).json()
        fixture = Fixture(server)
        fixture.build()
    except Exception as e:
        print(f"FAIL fuzz setup: {type(e).__name__}: {e}\n--- server log ---\n{server.log_tail(0, 80)}")
        print("0 passed, 1 failed")
        return 1
    print(f"== fuzzing {server.url} on {'PostgreSQL' if database and database.startswith('postgres') else 'SQLite'}"
          f" for {seconds:.0f} s (setup {time.monotonic() - began:.1f} s; schema fuzzer seed {seed})", flush=True)
    findings = Findings()

    schema = SchemaFuzzer(server, fixture, findings, doc, destructive, seed)
    raw = RawFuzzer(server, fixture, findings, doc, destructive)
    stopped = None
    try:
        started = time.monotonic()
        schema.run(started + seconds * SCHEMA_SHARE)
        print(f"== schema fuzzer: {len(schema.operations)} operations, {schema.examples} examples in {time.monotonic() - started:.0f} s"
              f", {schema.crashes} crash(es)", flush=True)
        for name, reason in schema.skipped:
            print(f"   (schemathesis generated no examples for {name}: {reason})")
        started = time.monotonic()
        done, total = raw.run(started + seconds * (1 - SCHEMA_SHARE))
        print(f"== raw fuzzer: {done} of {total} cases over {len(raw.routes)} routes, {raw.sent} requests in {time.monotonic() - started:.0f} s"
              f", {raw.crashes} crash(es)" + ("" if done == total else " (time budget reached: raise FLOWSTA_FUZZ_SECONDS to run all)"),
              flush=True)
    except Exception as e:  # e.g. the fixture could not be rebuilt: report what was found so far
        traceback.print_exc()
        stopped = f"{type(e).__name__}: {e}"

    end_status = server.status()
    tested = {("schema", op.method.upper(), op.path) for op in schema.operations} | {("raw", method, route) for method, route in raw.tested()}
    failed = {(f.phase, f.method, f.route) for f in findings.items}
    problems = [p for p in (stopped and f"fuzzing stopped early: {stopped}", end_status and f"the server is {end_status} at the end") if p]
    passed = len(tested - failed) + (end_status is None)
    failures = len(failed) + len(problems)
    for problem in problems:
        print(f"FAIL {problem}")
    print(f"== {fixture.builds} fixture build(s), {server.starts - 1} server restart(s), {time.monotonic() - began:.0f} s in all")
    findings.report()
    print(f"{passed} passed, {failures} failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
