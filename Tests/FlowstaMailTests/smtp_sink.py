"""A throwaway SMTP server for FlowstaMail's live tests (aiosmtpd).

Usage: smtp_sink.py DIR [--starttls CERT KEY] [--implicit-tls CERT KEY] [--auth USER:PASSWORD] [--slow-rcpt SECONDS]

Listens on a free loopback port and writes DIR/ready.json ({"port": N}) once it accepts
connections. Each received message becomes DIR/message-N.json with the envelope, the raw
data and what Python's email parser reads from it. Recipients starting with "reject" get 550,
those starting with "tempfail" get 451; with --slow-rcpt SECONDS, those starting with "slow" are
accepted after that pause (a sender killed meanwhile has delivered nothing).
Exits when its standard input closes, so it never outlives the test process.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult


class Sink:
    def __init__(self, directory, slow_rcpt=0.0):
        self.directory = directory
        self.count = 0
        self.slow_rcpt = slow_rcpt

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("reject"):
            return "550 5.1.1 Mailbox unavailable"
        if address.startswith("tempfail"):
            return "451 4.3.0 Try again later"
        if address.startswith("slow") and self.slow_rcpt > 0:
            await asyncio.sleep(self.slow_rcpt)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        # Python's own RFC 5322/MIME parser decodes the message independently of FlowstaMail.
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "data": envelope.original_content.decode("utf-8", "replace"),
            "tls": session.ssl is not None,
            "authenticated": bool(session.authenticated),
            "from": str(parsed["from"]),
            "to": str(parsed["to"]),
            "subject": str(parsed["subject"]),
            "message_id": str(parsed["message-id"]),
            "body": parsed.get_content(),
            "defects": [type(defect).__name__ for defect in parsed.defects],
        }
        write_json(os.path.join(self.directory, f"message-{self.count}.json"), record)
        return "250 2.0.0 Accepted"


def write_json(path, value):
    with open(path + ".tmp", "w", encoding="utf-8") as file:
        json.dump(value, file)
    os.replace(path + ".tmp", path)


def tls_context(cert, key):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--slow-rcpt", type=float, default=0.0, metavar="SECONDS")
    options = parser.parse_args()

    starttls = tls_context(*options.starttls) if options.starttls else None
    implicit = tls_context(*options.implicit_tls) if options.implicit_tls else None
    user, password = options.auth.split(":", 1) if options.auth else (None, None)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == user.encode() and auth_data.password == password.encode()
        # handled=False: aiosmtpd then answers a failure with 535 itself.
        return AuthResult(success=ok, handled=False)

    handler = Sink(options.directory, options.slow_rcpt)

    def factory():
        return SMTP(
            handler,
            hostname="flowsta-sink",
            tls_context=starttls,
            require_starttls=starttls is not None,
            authenticator=authenticator if user is not None else None,
            auth_required=user is not None,
            auth_require_tls=starttls is not None,
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(factory, host="127.0.0.1", port=0, ssl=implicit)
    port = server.sockets[0].getsockname()[1]
    write_json(os.path.join(options.directory, "ready.json"), {"port": port})
    await asyncio.Event().wait()


def exit_when_stdin_closes():
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main())
