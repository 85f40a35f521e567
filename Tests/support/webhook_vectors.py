#!/usr/bin/env python3
"""Webhook signature vectors from the independent implementations (issue #22).

`webhook-signature` comes from the PyPI `standardwebhooks` package (`Webhook(secret).sign`), the
`X-Flowsta-Signature` from Python's own hmac (hex HMAC-SHA256 of the raw body keyed with the secret
as shown). FlowstaWebhooksTests checks the Swift signer against these bytes.

Usage: python3 webhook_vectors.py > Tests/FlowstaWebhooksTests/Vectors/webhook-signatures.json
"""

import base64
import hashlib
import hmac
import json
from datetime import datetime, timezone

from standardwebhooks import Webhook

CASES = [
    (bytes(range(32)), "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1614265330, '{"test": 2432232314}'),
    (bytes([0xA5] * 24), "evt_0", 0, ""),
    (bytes(range(255, 191, -1)), "whd_ünïcødé", 1_900_000_000, '{"event":"sign_in","sub":"abc","note":"é€𝄞"}'),
]


def main():
    vectors = []
    for key, msg_id, timestamp, body in CASES:
        secret = "whsec_" + base64.b64encode(key).decode()
        standard = Webhook(secret).sign(msg_id=msg_id, timestamp=datetime.fromtimestamp(timestamp, tz=timezone.utc), data=body)
        flowsta = hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()
        vectors.append({"secret": secret, "id": msg_id, "timestamp": timestamp, "body": body,
                        "webhook_signature": standard, "x_flowsta_signature": flowsta})
    print(json.dumps(vectors, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
