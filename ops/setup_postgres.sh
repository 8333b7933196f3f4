#!/usr/bin/env bash
# Install Debian's PostgreSQL, start it, and make the role and database the tests (and a local server) use:
#   role qararat (password qararat, CREATEDB so pytest-django can create its test_ databases),
#   database qararat owned by it. Idempotent; needs root or password-less sudo.
# Then: DATABASE_URL=postgres://qararat:qararat@127.0.0.1:5432/qararat (what `make test-postgres` uses).
set -euo pipefail
ROLE="${QARARAT_PG_ROLE:-qararat}"
PASSWORD="${QARARAT_PG_PASSWORD:-qararat}"
DATABASE="${QARARAT_PG_DATABASE:-qararat}"

if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "setup_postgres.sh needs root or password-less sudo" >&2; exit 1
fi
as_postgres() { $SUDO su postgres -s /bin/sh -c "$1"; }

if ! command -v pg_lsclusters >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

# Start every cluster that is down (Debian makes "<version> main" on install; bookworm: 15 main).
pg_lsclusters --no-header | while read -r version cluster _port status _rest; do
  if [ "$status" != online ]; then $SUDO pg_ctlcluster "$version" "$cluster" start; fi
done
for _ in $(seq 1 30); do
  if as_postgres "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

if [ "$(as_postgres "psql -qAtc \"select 1 from pg_roles where rolname = '$ROLE'\"")" != 1 ]; then
  as_postgres "psql -qc \"create role $ROLE login password '$PASSWORD' createdb\""
fi
if [ "$(as_postgres "psql -qAtc \"select 1 from pg_database where datname = '$DATABASE'\"")" != 1 ]; then
  as_postgres "createdb -O $ROLE $DATABASE"
fi
echo "PostgreSQL ready: postgres://$ROLE:***@127.0.0.1:5432/$DATABASE"
