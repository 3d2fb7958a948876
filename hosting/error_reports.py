"""Server errors to a Sentry-compatible service (Sentry, a self-hosted GlitchTip), only
when SENTRY_DSN is set, and without anything that tells who the visitor was.

The SDK is told to send no personal data (no IP address, user, cookies), no request
body and no stack-frame local variables (it sends the last two unless told not to), and
starts no session tracking or tracing of its own. `scrub_event` then removes, from every
event, whatever could still identify a visitor or what they looked for: the request's
headers, cookies, query string, body and environment, the user, and breadcrumb data.
What arrives: the exception, its stack trace (code, not values), the path and method.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

KEPT_REQUEST_FIELDS = {"method", "url"}


def scrub_event(event, hint):
    request = event.get("request")
    if request:
        url = request.get("url", "")
        request["url"] = url.split("?", 1)[0]
        event["request"] = {k: v for k, v in request.items() if k in KEPT_REQUEST_FIELDS}
    event.pop("user", None)
    breadcrumbs = event.get("breadcrumbs") or {}
    for crumb in breadcrumbs.get("values", []):
        crumb.pop("data", None)
    return event


def scrub_breadcrumb(crumb, hint):
    crumb.pop("data", None)  # SQL parameters, outgoing URLs: not kept even in memory
    return crumb


def configure(dsn, environment="production", release=None):
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(transaction_style="function_name")],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
        auto_session_tracking=False,
        send_client_reports=False,
        traces_sample_rate=None,
    )
