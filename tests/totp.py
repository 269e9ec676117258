"""A code as a phone's authenticator app computes it (RFC 6238), for the tests that log in."""

import base64
import hashlib
import hmac
import struct
import time


def totp(secret: str, at: float | None = None) -> str:
    """HMAC-SHA1 over the 30-second step, six digits. `secret` in base32, as the
    enrolment page shows it (spaces allowed)."""
    key = base64.b32decode(secret.replace(" ", ""))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def unused_code(device) -> str:
    """A code the device accepts now and still when the step turns while the login page
    posts it: the current step's or the next one's (django-otp takes one step either
    side, each step once, after `last_t`). Not the step before: a login that crossed the
    turn of the step would send a code two steps old, and be refused. Waits for the next
    step when both are spent."""
    device.refresh_from_db()
    secret = base64.b32encode(device.bin_key).decode()
    while True:
        now = int(time.time() // 30)
        step = max(now, device.last_t + 1)
        if step <= now + 1:
            return totp(secret, at=step * 30)
        time.sleep(1)
