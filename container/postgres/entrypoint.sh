#!/bin/sh
# The entrypoint of keyward-postgres: takes the variables of the official postgres image
# (POSTGRES_PASSWORD, POSTGRES_USER, POSTGRES_DB, PGDATA), so compose.yaml works with either.
# The first start makes the cluster (password authentication from the network), later starts
# only run the server; the server runs as the postgres user, never root.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ "${1:-postgres}" != postgres ]; then exec "$@"; fi
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "keyward-postgres: set POSTGRES_PASSWORD" >&2
  exit 1
fi
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 0700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile="$(mktemp)"
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    runuser -u postgres -- pg_ctl -D "$PGDATA" -w -s -o "-c listen_addresses=''" start
    runuser -u postgres -- createdb -U "$POSTGRES_USER" -O "$POSTGRES_USER" "$POSTGRES_DB"
    runuser -u postgres -- pg_ctl -D "$PGDATA" -w -s stop
  fi
fi
shift
exec runuser -u postgres -- postgres -D "$PGDATA" -c listen_addresses='*' "$@"
