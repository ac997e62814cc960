"""Gunicorn for the portal: ``gunicorn -c deploy/gunicorn.conf.py`` from the repository.

Every value can be changed from the environment (deploy/portal.env.example).
Threads (gthread) let a worker wait on the database for one request while it
renders another; workers use the cores. Each thread keeps its own database
connection (CONN_MAX_AGE), so workers x threads is the number of connections
one server holds open.
"""

import gc
import os

from ops.logmask import GunicornLogger

cores = len(os.sched_getaffinity(0))

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS") or 2 * cores + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 2)

# A request that takes longer than this is a bug or an attack; nginx waits a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Load the application once before forking: less memory, faster worker restarts.
preload_app = True
# Workers signal they are alive through a file: in memory, never on a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Only nginx on this machine may say which scheme the visitor used.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS") or "127.0.0.1"

# Access log on standard output (journald or honcho collects it), private pledge links masked.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or "-"
errorlog = "-"
logger_class = GunicornLogger
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
# No control socket: systemd and honcho manage the process; several gunicorns (tests, the
# benchmark) may run side by side on one machine.
control_socket_disable = True


# The application is loaded once, in the master (preload_app): its modules, URL patterns, settings and
# templates live as long as the process. Frozen before each fork, they are left out of the workers'
# garbage collections (and their memory stays shared with the master); a worker then collects after
# 50,000 new objects instead of 700, where a page or a pledge makes tens of thousands and few cycles.
GC_THRESHOLDS = (50_000, 20, 100)


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.set_threshold(*GC_THRESHOLDS)
