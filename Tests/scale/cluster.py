"""A deployment of several Flowsta instances on this machine, for the scale checks and the scale
benchmarks (issue #19): N `flowsta serve` processes on one PostgreSQL database (a fresh database
on the server that scripts/with-postgres started, FLOWSTA_TEST_POSTGRES_URL) with one KEK,
HAProxy in front (round robin, health checks on /ready, Debian's package), optionally an SMTP
sink (aiosmtpd) the instances deliver to. Everything listens on loopback and is stopped by
`stop()`."""
import base64
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql():
    found = shutil.which("psql")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))
    if not candidates:
        raise SystemExit("psql not found (scripts/with-postgres installs postgresql)")
    return candidates[-1]


def create_database(server_url, name):
    """Creates database `name` on the server of `server_url`; returns its URL."""
    subprocess.run([psql(), server_url, "-q", "-c", f"CREATE DATABASE {name}"], check=True, stdout=subprocess.DEVNULL)
    parts = urllib.parse.urlsplit(server_url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


class Cluster:
    def __init__(self, binary, instances=3, smtp=False, slow_rcpt=0.0, env=None, label="cluster", log_level="warning"):
        server = os.environ.get("FLOWSTA_TEST_POSTGRES_URL")
        if not server:
            raise SystemExit("FLOWSTA_TEST_POSTGRES_URL is not set: run under scripts/with-postgres")
        self.binary = os.path.abspath(binary)
        self.work = tempfile.mkdtemp(prefix=f"flowsta-{label}.")
        self.database_url = create_database(server, f"flowsta_{label}_{secrets.token_hex(4)}")
        self.kek = base64.b64encode(secrets.token_bytes(32)).decode()
        self.proxy_port = free_port()
        self.url = f"http://127.0.0.1:{self.proxy_port}"
        self.ports = [free_port() for _ in range(instances)]
        self.processes = [None] * instances
        self.smtp_port = None
        self.sink = None
        self.sink_dir = os.path.join(self.work, "mail")
        self.proxy = None
        self.log_level = log_level
        self.extra_env = dict(env or {})
        if smtp:
            self.start_sink(slow_rcpt)

    # ------------------------------------------------------------------ processes

    def environment(self):
        env = dict(os.environ)
        for name in list(env):
            if name.startswith("FLOWSTA_") and name not in ("FLOWSTA_TEST_POSTGRES_URL",):
                env.pop(name)
        env.update({
            "DATABASE_URL": self.database_url,
            "FLOWSTA_KEK": self.kek,
            "FLOWSTA_ISSUER": self.url,
            "FLOWSTA_DRAIN_SECONDS": "0",
            "FLOWSTA_SIGNUP_PROOF_BITS": "8",
            "FLOWSTA_LOG_LEVEL": self.log_level,
            "FLOWSTA_PUBLIC_DIR": os.path.join(REPO, "Public"),
        })
        if self.smtp_port:
            env["FLOWSTA_SMTP_URL"] = f"smtp://127.0.0.1:{self.smtp_port}"
        env.update(self.extra_env)
        return env

    def start_sink(self, slow_rcpt):
        os.makedirs(self.sink_dir, exist_ok=True)
        self.sink = subprocess.Popen(
            [sys.executable, os.path.join(REPO, "Tests/FlowstaMailTests/smtp_sink.py"), self.sink_dir, "--slow-rcpt", str(slow_rcpt)],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=open(os.path.join(self.work, "sink.log"), "wb"))
        ready = os.path.join(self.sink_dir, "ready.json")
        deadline = time.monotonic() + 30
        while not os.path.exists(ready):
            if time.monotonic() > deadline or self.sink.poll() is not None:
                raise SystemExit("the SMTP sink did not start: " + open(os.path.join(self.work, "sink.log")).read())
            time.sleep(0.05)
        self.smtp_port = json.load(open(ready))["port"]

    def start_instance(self, index):
        data = os.path.join(self.work, f"instance{index}")
        os.makedirs(data, exist_ok=True)
        log = open(os.path.join(self.work, f"instance{index}.log"), "ab")
        self.processes[index] = subprocess.Popen(
            [self.binary, "serve", "--host", "127.0.0.1", "--port", str(self.ports[index]), "--data-dir", data],
            cwd=REPO, env=self.environment(), stdout=log, stderr=subprocess.STDOUT)

    def instance_url(self, index):
        return f"http://127.0.0.1:{self.ports[index]}"

    def wait_ready(self, index, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[index]
            if process is None or process.poll() is not None:
                raise SystemExit(f"instance {index} exited at start:\n" + self.log_tail(index))
            try:
                if requests.get(self.instance_url(index) + "/ready", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise SystemExit(f"instance {index} not ready after {timeout} s:\n" + self.log_tail(index))

    def log_tail(self, index):
        try:
            return open(os.path.join(self.work, f"instance{index}.log"), errors="replace").read()[-4000:]
        except OSError:
            return ""

    def kill(self, index):
        """SIGKILL: no drain, no graceful shutdown, claims and connections left as they are."""
        process = self.processes[index]
        process.send_signal(signal.SIGKILL)
        process.wait()

    def proxy_events(self):
        """HAProxy's lines about servers going down or up (its stderr in -db mode)."""
        try:
            with open(os.path.join(self.work, "haproxy.log"), errors="replace") as file:
                return [line.strip() for line in file if " is DOWN" in line or " is UP" in line]
        except OSError:
            return []

    def start(self):
        # The first instance migrates; the others start with it (they wait on the migration lock).
        for index in range(len(self.ports)):
            self.start_instance(index)
        for index in range(len(self.ports)):
            self.wait_ready(index)
        self.start_proxy()
        return self

    def start_proxy(self):
        servers = "\n".join(f"    server flowsta{index} 127.0.0.1:{port} check" for index, port in enumerate(self.ports))
        config = f"""
global
    maxconn 4000

defaults
    mode http
    option http-server-close
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout http-request 10s
    # A check waits this long for /ready: a dead instance refuses at once, but a live one slowed
    # by a loaded machine must not be marked down (that cuts its requests: shutdown-sessions).
    timeout check 2s
    retries 2
    option redispatch 1
    retry-on conn-failure

frontend flowsta
    bind 127.0.0.1:{self.proxy_port}
    default_backend flowsta_instances

backend flowsta_instances
    balance roundrobin
    option httpchk GET /ready
    http-check expect status 200
    default-server inter 200ms fall 1 rise 1 on-marked-down shutdown-sessions
{servers}
"""
        path = os.path.join(self.work, "haproxy.cfg")
        with open(path, "w") as file:
            file.write(config)
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        self.proxy = subprocess.Popen([haproxy, "-db", "-f", path], stdout=subprocess.DEVNULL,
                                      stderr=open(os.path.join(self.work, "haproxy.log"), "wb"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(self.url + "/ready", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.proxy.poll() is not None:
                raise SystemExit("haproxy exited: " + open(os.path.join(self.work, "haproxy.log")).read())
            time.sleep(0.1)
        raise SystemExit("haproxy not answering")

    def stop(self):
        for process in self.processes:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            if process is not None:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        for process in (self.proxy, self.sink):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        if os.environ.get("FLOWSTA_KEEP_CLUSTER") != "1":
            shutil.rmtree(self.work, ignore_errors=True)

    # ------------------------------------------------------------------ observation

    def cpu_seconds(self, index):
        """User + system CPU time of instance `index` so far."""
        fields = open(f"/proc/{self.processes[index].pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def instance_talking_to_sink(self):
        """The index of an instance with a TCP connection open to the SMTP sink, or None."""
        inodes = set()
        for path in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = open(path).read().splitlines()[1:]
            except OSError:
                continue
            for line in lines:
                fields = line.split()
                remote_port = int(fields[2].rsplit(":", 1)[1], 16)
                if remote_port == self.smtp_port and fields[3] == "01":
                    inodes.add(fields[9])
        if not inodes:
            return None
        for index, process in enumerate(self.processes):
            if process is None or process.poll() is not None:
                continue
            try:
                for fd in os.listdir(f"/proc/{process.pid}/fd"):
                    target = os.readlink(f"/proc/{process.pid}/fd/{fd}")
                    if target.startswith("socket:[") and target[8:-1] in inodes:
                        return index
            except OSError:
                continue
        return None

    def received_mail(self):
        """The messages the sink accepted: [(recipient, arrival time)]."""
        result = []
        for path in glob.glob(os.path.join(self.sink_dir, "message-*.json")):
            try:
                record = json.load(open(path))
            except (OSError, ValueError):
                continue
            for recipient in record.get("rcpt_tos", []):
                result.append((recipient, os.path.getmtime(path)))
        return result

    def cli(self, *arguments, env=None):
        """Runs `flowsta ARGUMENTS` against the cluster's database and KEK."""
        environment = self.environment()
        environment.update(env or {})
        return subprocess.run([self.binary, *arguments, "--data-dir", os.path.join(self.work, "cli")], cwd=REPO,
                              env=environment, capture_output=True, text=True, timeout=300)
