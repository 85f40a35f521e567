"""Sign-ins and token grants per second with 1, 2 and 3 instances on one PostgreSQL database
behind HAProxy (issue #19), and the CPU each request costs: the instances', PostgreSQL's and
HAProxy's, read from /proc. All of it, the load generators included, shares this machine.

    scale_bench.py [--smoke] [--seconds S] [--instances 1,2,3] BIN BENCH

Run by benchmarks/run-scale-benchmarks.sh under scripts/with-postgres. --smoke: 1 and 2
instances, 1 s each, few clients; exits non-zero when a run reports no sign-ins or grants, or
an answer that is not 2xx. PostgreSQL's CPU is every `postgres` process on the machine: run
nothing else against a PostgreSQL server meanwhile."""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Tests/scale"))
from cluster import Cluster  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(predicate):
    """CPU seconds of every process whose command line matches `predicate`."""
    total = 0.0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
            if not predicate(command):
                continue
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS
        except OSError:
            continue
    return total


class CPU:
    """CPU seconds spent by the cluster's instances, PostgreSQL and HAProxy between two reads."""

    def __init__(self, cluster):
        self.cluster = cluster

    def read(self):
        return {
            "instances": sum(self.cluster.cpu_seconds(index) for index in range(len(self.cluster.ports))),
            "postgres": process_cpu(lambda command: command.startswith("postgres")),
            "haproxy": process_cpu(lambda command: "haproxy" in command and self.cluster.work in command),
        }

    def __enter__(self):
        self.before = self.read()
        self.started = time.monotonic()
        return self

    def __exit__(self, *_):
        after = self.read()
        self.elapsed = time.monotonic() - self.started
        self.used = {name: after[name] - self.before[name] for name in after}


def fail(message):
    print("FAIL " + message, file=sys.stderr, flush=True)
    sys.exit(1)


def describe(label, unit, count, seconds, cpu):
    rate = count / seconds
    per = {name: 1000 * used / count for name, used in cpu.used.items()} if count else {}
    print(f"{label}: {count} in {seconds:.1f} s = {rate:.0f}/s; CPU per {unit}: instances {per.get('instances', 0):.2f} ms, "
          f"PostgreSQL {per.get('postgres', 0):.2f} ms, HAProxy {per.get('haproxy', 0):.2f} ms "
          f"(instances {cpu.used['instances'] / cpu.elapsed:.2f} cores busy)", flush=True)
    return rate


def sign_ins(cluster, bench, seconds, concurrency, users):
    with CPU(cluster) as cpu:
        result = subprocess.run([bench, "http", "--url", cluster.url, "--seconds", str(seconds), "--concurrency", str(concurrency),
                                 "--users", str(users)], capture_output=True, text=True, timeout=600)
    match = re.search(r"^http-login: (\d+) logins in ([\d.]+) s", result.stdout, re.M)
    if result.returncode != 0 or not match or int(match.group(1)) == 0:
        fail("flowsta-bench http: " + result.stdout[-1500:] + result.stderr[-1500:])
    for line in result.stdout.splitlines():
        if line.startswith("  per login"):
            print("  " + line.strip(), flush=True)
    return describe("  sign-ins (OPAQUE, 2 requests each)", "sign-in", int(match.group(1)), float(match.group(2)), cpu)


def grants(cluster, python, seconds, connections, smoke):
    out = tempfile.mkdtemp(prefix="flowsta-scale-grants.")
    need = 20 if smoke else seconds * 1500
    setup = subprocess.run([python, os.path.join(ROOT, "benchmarks/oauth/setup.py"), cluster.url, out, "--refresh", str(need)],
                           capture_output=True, text=True, timeout=900)
    if setup.returncode != 0:
        fail("benchmarks/oauth/setup.py: " + setup.stdout[-1500:] + setup.stderr[-1500:])
    import json
    client_id = json.loads(setup.stdout)["client_id"]
    threads = 1 if smoke else 2
    env = dict(os.environ, WRK_THREADS=str(threads), WRK_TOKENS=os.path.join(out, "refresh.txt"),
               WRK_PREFIX=f"grant_type=refresh_token&client_id={client_id}&refresh_token=")
    if smoke:
        env["WRK_STOP_AT_END"] = "1"
    with CPU(cluster) as cpu:
        result = subprocess.run(["wrk", f"-t{threads}", f"-c{1 if smoke else connections}", f"-d{seconds}s", "--latency", "-s",
                                 os.path.join(ROOT, "benchmarks/oauth/tokens.lua"), cluster.url],
                                env=env, capture_output=True, text=True, timeout=600)
    completed = re.search(r"^\s*(\d+) requests in ([\d.]+)(m?s)", result.stdout, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if result.returncode != 0 or not completed or int(completed.group(1)) == 0 or (smoke and non2xx):
        fail("wrk refresh grants: " + result.stdout[-1500:] + result.stderr[-1500:])
    count = int(completed.group(1)) - (int(non2xx.group(1)) if non2xx else 0)
    for line in result.stdout.splitlines():
        if re.match(r"\s+(50|99)%", line) or "Non-2xx" in line:
            print("  " + line.strip(), flush=True)
    return describe("  refresh_token grants (rotation, ID token RS256)", "grant", count, cpu.elapsed, cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--instances", default="1,2,3")
    parser.add_argument("binary")
    parser.add_argument("bench")
    args = parser.parse_args()
    counts = [1, 2] if args.smoke else [int(n) for n in args.instances.split(",")]
    seconds = 1 if args.smoke else args.seconds
    print(f"== {os.cpu_count()} cores; every process below (instances, PostgreSQL, HAProxy, load generators) shares them", flush=True)
    results = []
    for count in counts:
        cluster = Cluster(args.binary, instances=count, label=f"bench{count}", env={
            "FLOWSTA_LOGIN_LIMIT_PER_USERNAME": "0", "FLOWSTA_LOGIN_LIMIT_PER_ADDRESS": "0", "FLOWSTA_SIGNUP_PROOF_BITS": "0"})
        try:
            cluster.start()
            print(f"== {count} instance(s) behind HAProxy", flush=True)
            logins = sign_ins(cluster, os.path.abspath(args.bench), seconds, 2 if args.smoke else 32, 2 if args.smoke else 64)
            refreshes = grants(cluster, sys.executable, seconds, 32, args.smoke)
            results.append((count, logins, refreshes))
        finally:
            cluster.stop()
    base = results[0]
    print("== summary (relative to 1 instance)")
    for count, logins, refreshes in results:
        print(f"{count} instance(s): sign-ins {logins:.0f}/s ({logins / base[1]:.2f}x), refresh grants {refreshes:.0f}/s "
              f"({refreshes / base[2]:.2f}x)")
    if args.smoke:
        print("scale benchmarks, smoke mode: every run reported sign-ins and grants")


if __name__ == "__main__":
    main()
