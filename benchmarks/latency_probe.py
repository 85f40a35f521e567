#!/usr/bin/env python3
"""Latency over time: one request every INTERVAL seconds, alternating GET /health (the event
loops) and GET /ready (a query on the store), for as long as it runs (until SIGTERM or SIGINT, or
--seconds). Percentiles hide a pause of a second every ten; this shows it: at the end it prints
one line per path with the samples, p50, p99, max and how many took over the pause threshold,
then the worst seconds as a timeline.

Usage: latency_probe.py URL [--interval 0.02] [--seconds N] [--pause-ms 100] [--csv FILE]
Exit status: 0 (it measures; run-all.sh decides what a figure means).
"""
import argparse
import http.client
import signal
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--interval", type=float, default=0.02)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--pause-ms", type=float, default=100)
    parser.add_argument("--csv")
    args = parser.parse_args()
    target = urllib.parse.urlsplit(args.url)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))

    connection = None
    samples = []  # (seconds since start, path, milliseconds, status)
    start = time.monotonic()
    next_at = start
    paths = ["/health", "/ready"]
    count = 0
    while not stop and (args.seconds <= 0 or time.monotonic() - start < args.seconds):
        path = paths[count % 2]
        count += 1
        sent = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection = None
        took = (time.monotonic() - sent) * 1000
        samples.append((sent - start, path, took, status))
        next_at += args.interval
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_at = time.monotonic()

    if args.csv:
        with open(args.csv, "w") as out:
            out.write("t_s,path,ms,status\n")
            for t, path, ms, status in samples:
                out.write(f"{t:.3f},{path},{ms:.3f},{status}\n")
    for path in paths:
        values = sorted(ms for _, p, ms, _ in samples if p == path)
        failed = sum(1 for _, p, _, status in samples if p == path and status != 200)
        if not values:
            print(f"probe {path}: no samples")
            continue
        pct = lambda q: values[min(len(values) - 1, int(len(values) * q))]
        over = sum(1 for v in values if v > args.pause_ms)
        print(f"probe {path}: {len(values)} samples every {args.interval * 2 * 1000:.0f} ms, p50 {pct(0.5):.1f} ms, "
              f"p99 {pct(0.99):.1f} ms, max {values[-1]:.1f} ms, {over} over {args.pause_ms:.0f} ms, {failed} not 200")
    # The worst seconds: the slowest sample of each second, the five worst, in time order.
    worst = {}
    for t, path, ms, _ in samples:
        second = int(t)
        if ms > worst.get(second, (0, ""))[0]:
            worst[second] = (ms, path)
    top = sorted(sorted(worst.items(), key=lambda item: -item[1][0])[:5])
    print("probe timeline (the five slowest seconds): " + ", ".join(f"t={s}s {ms:.0f} ms {path}" for s, (ms, path) in top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
