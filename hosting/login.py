"""The client address django-axes counts failed admin logins against.

Behind TRUSTED_PROXY_COUNT proxies (load balancer, CDN) the client is the address that
the outermost trusted proxy appended to X-Forwarded-For; anything further left was sent
by the client itself and could be forged. With no proxy, it is the socket's address.
"""

from django.conf import settings


def client_ip_address(request):
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
