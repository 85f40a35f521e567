#!/usr/bin/env python3
"""One line from a `wrk --latency` report: requests/s, p50, p99, max and the ratio to a floor.

Usage: wrk_summary.py WRK-OUTPUT LABEL [--floor REQ_PER_S] [--strict]
Prints `LABEL  <req/s> req/s  p50 <ms>  p99 <ms>  max <ms>  <ratio> of the floor  [<n> non-2xx]`
and, on its last line of stdout nothing else. --strict: exit 1 when wrk completed no request or
saw a non-2xx answer or a socket error (the smoke mode).
"""
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def ms(text):
    match = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", text)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def main():
    path, label = sys.argv[1], sys.argv[2]
    floor = float(sys.argv[sys.argv.index("--floor") + 1]) if "--floor" in sys.argv else None
    strict = "--strict" in sys.argv
    report = open(path).read()
    rate = re.search(r"Requests/sec:\s+([0-9.]+)", report)
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", report)
    p50 = re.search(r"^\s+50%\s+(\S+)", report, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", report, re.M)
    completed = re.search(r"(\d+) requests in", report)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    sockets = re.search(r"Socket errors:.*", report)
    if not (rate and latency and p50 and p99 and completed):
        print(f"{label}: wrk gave no report:\n{report}", file=sys.stderr)
        return 1
    per_second = float(rate.group(1))
    line = f"{label:<44} {per_second:>9.0f} req/s  p50 {ms(p50.group(1)):7.2f} ms  p99 {ms(p99.group(1)):7.2f} ms  max {ms(latency.group(3)):8.2f} ms"
    if floor:
        line += f"  {per_second / floor * 100:5.1f} % of the floor"
    if non2xx:
        line += f"  ({non2xx.group(1)} non-2xx)"
    if sockets:
        line += f"  ({sockets.group(0)})"
    print(line)
    if strict and (int(completed.group(1)) < 1 or non2xx or sockets):
        print(f"FAIL {label}: {report}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
