"""Admin sign-in lockout (django-axes), by rules a stranger cannot turn against the staff.

- Wrong passwords count per username *and* address together: after AXES_FAILURE_LIMIT (5)
  for one username from one address, that username is locked from that address only. A
  stranger guessing an editor's password locks out the stranger; the editor, signing in
  from their own address, is not affected.
- An address that fails for many usernames (password spraying) is locked for every
  username after AXES_ADDRESS_FAILURE_LIMIT (50) failures.
- An IPv6 address counts by its /64 network: a home or phone connection gets a whole /64,
  so counting single addresses would give an attacker billions of fresh ones.

Both locks last AXES_COOLOFF_HOURS after the last failure; `manage.py axes_reset_ip` and
`axes_reset_username` lift them early (README). Nothing here depends on the login form:
the username comes from the credentials Django's `authenticate()` receives, whichever
form sent them (attempted_username).
"""

import ipaddress
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil

IPV6_NETWORK_PREFIX = 64
USERNAME_LENGTH = 255  # axes' column


def counted_username(username):
    """One count per account whatever its spelling: "Editor" and "editor " are one."""
    return str(username).strip().casefold()[:USERNAME_LENGTH] if username else None


def attempted_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the username a sign-in tried. Django's and Wagtail's forms
    pass it to authenticate() as `username`; allauth's form posts `login` and passes it
    on as `username` or `email`."""
    credentials = credentials or {}
    data = getattr(request, "POST", {})
    username = (
        credentials.get("username")
        or credentials.get("email")
        or data.get("login")
        or data.get("username")
    )
    return counted_username(username)


def counted_address(address):
    """The address failures count against: an IPv4 address as it is, an IPv6 address as
    the first address of its /64 network ("2001:db8:1:2::"). None for anything that is not
    an address (a misconfigured proxy header), so all of those share one count."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        network = ipaddress.IPv6Network((int(ip), IPV6_NETWORK_PREFIX), strict=False)
        return str(network.network_address)
    return str(ip)


def client_ip_address(request):
    """AXES_CLIENT_IP_CALLABLE. Behind TRUSTED_PROXY_COUNT proxies (load balancer, CDN) the
    client is the address the outermost trusted proxy appended to X-Forwarded-For; anything
    further left was sent by the client itself and could be forged. With no proxy, it is
    the socket's address."""
    address = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            address = forwarded[-count]
    return counted_address(address or "")


class PairAndAddressHandler(AxesDatabaseHandler):
    """axes' database handler (AXES_HANDLER), counting AXES_LOCKOUT_PARAMETERS (the
    username and address pair) against AXES_FAILURE_LIMIT as axes does, plus every failure
    from one address, whatever the username, against AXES_ADDRESS_FAILURE_LIMIT. (axes
    compares a single limit across its parameter groups, so the second limit lives here,
    as its maintainers advise for different limits.)"""

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.address_is_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if not self.is_whitelisted(request, credentials) and self.address_is_locked(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )

    def reset_attempts(self, *, ip_address=None, username=None, ip_or_username=False):
        # `axes_reset_ip 2001:db8:1:2::5` unlocks the /64 that address was counted in.
        if ip_address:
            ip_address = counted_address(ip_address) or ip_address
        return super().reset_attempts(
            ip_address=ip_address,
            username=counted_username(username),
            ip_or_username=ip_or_username,
        )

    def address_failures(self, request):
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def address_is_locked(self, request):
        return self.address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page (429), saying for how long, in words."""
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    response = render(
        request,
        "hosting/lockout.html",
        {"duration": timeuntil(now + cool_off, now) if cool_off else ""},
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
