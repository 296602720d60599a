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

# Garbage collection in a worker. Django, Wagtail and the models are ~250,000 objects that
# live as long as the worker; every full collection walked them all (about 0.2 s of CPU at
# the worker's size, every thread of the worker stopped meanwhile), and young collections ran
# every 2,000 allocations, twice a search. Once the application is loaded, they are frozen
# (never collected, never walked again) and young collections run every 20,000 allocations:
# measured on a search at 10,000 lessons, CPU 36.8 -> 29.9 ms per request (mean), the
# full-collection stalls gone.
GC_THRESHOLDS = (20_000, 20, 20)


def post_worker_init(worker):
    import gc

    from django.db import connection

    from search.service import warm_up

    # The search's per-process structures before the first request, not in it (and frozen
    # with the rest); this thread's connection is not one a request thread uses.
    warm_up()
    connection.close()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
