"""/healthz: tells a load balancer whether this app server can reach its database.

Answered by a middleware placed first, so that it works whatever Host header the
probe sends (Docker's HEALTHCHECK and load balancers use the container's address,
which is not in ALLOWED_HOSTS) and never touches sessions or cookies.
"""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATH = "/healthz"


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        if database_answers():
            response = HttpResponse("ok\n", content_type="text/plain")
        else:
            response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        add_never_cache_headers(response)
        return response
