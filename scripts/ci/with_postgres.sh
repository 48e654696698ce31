#!/usr/bin/env bash
# Run a command against a throwaway local PostgreSQL: install the server from Debian's
# packages when it is missing, start it on a free loopback port, export the DBT_PG_*
# variables, run the command, and always stop and delete the server afterwards.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "with_postgres: PostgreSQL server not found; installing it from the system packages" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "with_postgres: installing needs root (apt-get install postgresql)" >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data_dir=$(mktemp -d /tmp/swh-pg-XXXXXX)
run_as=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$data_dir"
    run_as=(runuser -u postgres --)
fi

stop() {
    "${run_as[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$data_dir"
}
trap stop EXIT

"${run_as[@]}" "$pg_bin/initdb" -D "$data_dir" -U postgres --auth=trust >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
"$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres service_warehouse
# The reader role the marts are granted to (dbt var reader_role); tests log in as it.
"$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d service_warehouse -c "create role bi_reader login"
echo "with_postgres: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

export DBT_PG_HOST=127.0.0.1 DBT_PG_PORT=$port DBT_PG_USER=postgres DBT_PG_PASSWORD= DBT_PG_DATABASE=service_warehouse
"$@"
