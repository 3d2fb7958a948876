"""gunicorn settings shared by the Docker image and `make serve`.

Everything comes from the environment: HOST, PORT, WEB_CONCURRENCY (workers, which
gunicorn reads itself), and ACCESS_LOG.
"""

import os
import sys

import environ

env = environ.Env()

if env.bool("DEBUG", default=True):
    sys.exit("Refusing to serve in production mode with DEBUG on: set DEBUG=0.")

bind = f"{env.str('HOST', default='0.0.0.0')}:{env.int('PORT', default=8000)}"  # noqa: S104
workers = env.int("WEB_CONCURRENCY", default=min(4, 2 * (os.cpu_count() or 1) + 1))
threads = env.int("GUNICORN_THREADS", default=1)
timeout = 30
graceful_timeout = 20
# Visitors may be criminalised for what they read: the access log leaves out their IP
# address unless ACCESS_LOG_IP=1 is set deliberately.
accesslog = "-" if env.bool("ACCESS_LOG", default=True) else None
access_log_format = (
    '%(h)s %(t)s "%(r)s" %(s)s %(B)s %(M)sms'
    if env.bool("ACCESS_LOG_IP", default=False)
    else '- %(t)s "%(r)s" %(s)s %(B)s %(M)sms'
)
