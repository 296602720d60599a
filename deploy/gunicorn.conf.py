"""gunicorn settings for the Kennisbank (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Binds to loopback only: nginx (deploy/nginx.conf.template) is the one thing in front of it.
"""

import os

bind = f"127.0.0.1:{os.environ.get('APP_PORT', '8001')}"
# Two workers with four threads each suit this 2-core machine; WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 20
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
