"""gunicorn settings for Qararat: `gunicorn -c gunicorn.conf.py qararat.wsgi:application`.

Everything can be changed from the environment (command-line options still win over this file):

  GUNICORN_BIND        address(es) to listen on, comma-separated     default 127.0.0.1:$PORT (PORT: 8000)
  GUNICORN_WORKERS     number of worker processes                   default 2 × cores + 1, at most 8
  WEB_CONCURRENCY      the same (the common PaaS name); GUNICORN_WORKERS wins when both are set
  GUNICORN_TIMEOUT     seconds a worker may spend on one request     default 60
  GUNICORN_GRACEFUL_TIMEOUT  seconds to finish requests on restart   default 30
  GUNICORN_KEEPALIVE   seconds to keep an idle connection open      default 5
  GUNICORN_MAX_REQUESTS  recycle a worker after this many requests   default 10000 (0: never)
  GUNICORN_MAX_REQUESTS_JITTER  random extra, so workers don't all recycle at once   default 1000
  GUNICORN_PRELOAD     1: import the app once in the master (see below)   default 0
  GUNICORN_ACCESS_LOG  where the access log goes ("-": stdout, "": none)  default -
  GUNICORN_ERROR_LOG   where the error log goes ("-": stderr)     default -
  GUNICORN_LOG_LEVEL   gunicorn's error-log level (Django's is LOG_LEVEL)  default info

Why the app is not preloaded by default. Each worker keeps its own Whoosh searcher between requests
(search/backends/whoosh.py) and its own database connection. Preloading imports Django in the master and
forks afterwards; that is only safe while nothing opens the index or the database at import time (today
nothing does: both are opened on a worker's first request), because a searcher or SQLite handle opened
before the fork would be shared by every worker. Preloading saves a little memory and start-up time
(copy-on-write), but it also means a HUP reload keeps the old code. We keep the safe default; with
GUNICORN_PRELOAD=1 the hooks below still close the master's database connections before each fork and
give every worker a fresh search backend, so each worker opens its own.
"""

from __future__ import annotations

import os

MAX_DEFAULT_WORKERS = 8


def cpu_count() -> int:
    """Cores this process may run on (a container's CPU set, not the host's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def env_int(name: str, default: int, environ=os.environ) -> int:
    value = environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from exc


def default_workers(cores: int) -> int:
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


def worker_count(environ=os.environ, cores: int | None = None) -> int:
    for name in ("GUNICORN_WORKERS", "WEB_CONCURRENCY"):
        if environ.get(name, "").strip():
            count = env_int(name, 0, environ)
            if count < 1:
                raise ValueError(f"{name} must be at least 1, not {count}")
            return count
    return default_workers(cores if cores is not None else cpu_count())


def bind_addresses(environ=os.environ) -> list[str]:
    value = environ.get("GUNICORN_BIND", "").strip()
    if value:
        return [address.strip() for address in value.split(",") if address.strip()]
    return [f"127.0.0.1:{env_int('PORT', 8000, environ)}"]


def env_flag(name: str, environ=os.environ) -> bool:
    return environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


wsgi_app = "qararat.wsgi:application"
bind = bind_addresses()
workers = worker_count()
worker_class = "sync"
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Recycling a worker costs it Django's start-up (≈ 1 s of CPU) and empties its caches of pages and searches
# (ops/page_cache.py, search.engine): at 1,000 requests, 5 workers serving 300 pages a second each restarted
# every ≈ 17 s under load (bench/load). 10,000 still bounds any slow leak.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 1000)
preload_app = env_flag("GUNICORN_PRELOAD")

# Access log on stdout: the usual combined format plus the time taken (ms) and the worker's pid.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms pid=%(p)s'
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info").lower()
capture_output = False
# The workers' heartbeat files in memory, not on a (possibly slow or overlay) disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
proc_name = "qararat"


def pre_fork(server, worker):
    """Preload only: close the master's database connections before forking, so no worker inherits one
    (closing a shared PostgreSQL socket in a child would end the parent's session too)."""
    if not preload_app:
        return
    from django.db import connections as db_connections

    db_connections.close_all()


def post_fork(server, worker):
    """Preload only: give the worker its own Whoosh backend instead of any the master opened."""
    if not preload_app:
        return
    from haystack import connections as search_connections

    for alias in search_connections.connections_info:
        search_connections.reload(alias)
