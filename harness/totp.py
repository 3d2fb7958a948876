"""TOTP codes for tests, as a phone's authenticator app computes them (pyotp).

allauth refuses a code that was used within its period; the site also accepts the codes
of the periods just before and after now (MFA_TOTP_TOLERANCE = 1), so fresh_code() gives
up to three different valid codes at any moment, without waiting for the next period."""

import re
import time

import pyotp

_given_codes: dict[str, set[str]] = {}


def fresh_code(secret: str) -> str:
    """A code valid now that this helper has not given before: this period's, then the
    next one's, then the previous one's."""
    given = _given_codes.setdefault(secret, set())
    totp = pyotp.TOTP(secret)
    now = time.time()
    for offset in (0, totp.interval, -totp.interval):
        code = totp.at(now + offset)
        if code not in given:
            given.add(code)
            return code
    raise AssertionError("more than three codes asked within one period for one secret")


def secret_on_set_up_page(html: str) -> str:
    """The secret the TOTP set-up page shows as text (beside its QR code)."""
    match = re.search(r"data-totp-secret>([A-Z2-7]+)<", html)
    assert match, "no TOTP secret on the page"
    return match.group(1)
