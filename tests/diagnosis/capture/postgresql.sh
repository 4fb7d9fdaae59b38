#!/usr/bin/env bash
# PostgreSQL 15 (Debian) errors through psql and psycopg2, domain "postgresql".
# Starts a throw-away cluster on 127.0.0.1:5544 and stops it at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA="$WORK/_pg/data"
PGSOCK="$WORK/_pg/sock"
PGPORT=5544
zh() { LANGUAGE=zh_CN LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$@"; }

pg_start() {
    rm -rf "$WORK/_pg" && mkdir -p "$PGDATA" "$PGSOCK"
    chown -R postgres:postgres "$WORK/_pg"
    runuser -u postgres -- "$PGBIN/initdb" --no-instructions -D "$PGDATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
    cat >>"$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$PGSOCK'
deadlock_timeout = '300ms'
EOF
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/_pg/server.log" -w start >/dev/null
}
pg_stop() { runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1; }
trap pg_stop EXIT

# superuser over the unix socket
su_psql() { psql -X -q -h "$PGSOCK" -p $PGPORT -U postgres "$@"; }

seed() {
    su_psql -v ON_ERROR_STOP=1 <<'EOF'
CREATE ROLE app_rw LOGIN PASSWORD 'rw-9f3c1e';
CREATE ROLE report_ro LOGIN PASSWORD 'ro-51aa07';
CREATE ROLE etl_batch LOGIN PASSWORD 'etl-77b2' CONNECTION LIMIT 1;
CREATE DATABASE ledger OWNER postgres;
\c ledger
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE invoices (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  customer_id bigint NOT NULL REFERENCES customers(id),
  total_cents bigint NOT NULL
);
CREATE TABLE accounts (id int PRIMARY KEY, balance_cents bigint NOT NULL);
INSERT INTO customers VALUES (1, 'ap@nordlicht.example'), (2, 'billing@brennwerk.example');
INSERT INTO invoices (number, customer_id, total_cents) VALUES ('INV-2024-00017', 1, 129900), ('INV-2024-00018', 2, 4500);
INSERT INTO accounts VALUES (1, 100000), (2, 50000);
GRANT CONNECT ON DATABASE ledger TO app_rw, report_ro, etl_batch;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO app_rw;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO app_rw;
EOF
}

sqlfile() { cat >"$1"; }

c_refused() {
    fresh pg-refused
    PGPASSWORD=rw-9f3c1e psql -X -h 127.0.0.1 -p 5545 -U app_rw -d ledger -c 'select 1'
}

c_refused_zh() {
    fresh pg-refused-zh
    PGPASSWORD=rw-9f3c1e zh psql -X -h 127.0.0.1 -p 5545 -U app_rw -d ledger -c 'select 1'
}

c_auth() {
    fresh pg-auth
    PGPASSWORD=rw-9f3c1e-old psql -X -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger -c 'select 1'
}

c_relation() {
    fresh pg-relation
    sqlfile report.sql <<'EOF'
SELECT i.number, sum(l.amount_cents)
FROM invoices i
JOIN invoice_lines l ON l.invoice_id = i.id
GROUP BY i.number;
EOF
    PGPASSWORD=ro-51aa07 psql -X -h 127.0.0.1 -p $PGPORT -U report_ro -d ledger -f report.sql
}

c_relation_zh() {
    fresh pg-relation-zh
    sqlfile report.sql <<'EOF'
SET lc_messages = 'zh_CN.UTF-8';
SELECT i.number, sum(l.amount_cents)
FROM invoices i
JOIN invoice_lines l ON l.invoice_id = i.id
GROUP BY i.number;
EOF
    zh psql -X -h "$PGSOCK" -p $PGPORT -U postgres -d ledger -f report.sql
}

c_unique() {
    fresh pg-unique
    PGPASSWORD=rw-9f3c1e psql -X -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger \
        -c "INSERT INTO invoices (number, customer_id, total_cents) VALUES ('INV-2024-00018', 1, 990)"
}

c_fk() {
    fresh pg-fk
    PGPASSWORD=rw-9f3c1e psql -X -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger \
        -c "INSERT INTO invoices (number, customer_id, total_cents) VALUES ('INV-2024-00019', 42, 15000)"
}

c_not_null() {
    fresh pg-migration
    sqlfile 0042_invoice_currency.sql <<'EOF'
BEGIN;
ALTER TABLE invoices ADD COLUMN currency char(3);
ALTER TABLE invoices ALTER COLUMN currency SET NOT NULL;
COMMIT;
EOF
    su_psql -d ledger -f 0042_invoice_currency.sql
}

c_function() {
    fresh pg-function
    su_psql -d ledger -c "CREATE FUNCTION fx_convert(amount numeric, pair text) RETURNS numeric LANGUAGE sql AS 'SELECT amount * 11.71'" 
    su_psql -d ledger -c "SELECT number, fx_convert(total_cents, 'EURNOK', 2) FROM invoices"
}

c_schema_perm() {
    fresh pg-schema
    sqlfile 0001_init.sql <<'EOF'
CREATE TABLE IF NOT EXISTS payout_batches (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);
EOF
    PGPASSWORD=rw-9f3c1e psql -X -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger -f 0001_init.sql
}

c_deadlock() {
    fresh pg-deadlock
    cat >a.sql <<'EOF'
BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 500 WHERE id = 1;
SELECT pg_sleep(1);
UPDATE accounts SET balance_cents = balance_cents + 500 WHERE id = 2;
COMMIT;
EOF
    cat >b.sql <<'EOF'
BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 700 WHERE id = 2;
SELECT pg_sleep(1);
UPDATE accounts SET balance_cents = balance_cents + 700 WHERE id = 1;
COMMIT;
EOF
    PGPASSWORD=rw-9f3c1e psql -X -q -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger -f a.sql >a.out 2>&1 &
    sleep 0.2
    PGPASSWORD=rw-9f3c1e psql -X -q -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger -f b.sql >b.out 2>&1
    wait
    grep -l 'deadlock detected' a.out b.out | head -1 | xargs cat
}

c_timeout() {
    fresh pg-timeout
    PGPASSWORD=ro-51aa07 PGOPTIONS='-c statement_timeout=1500' psql -X -h 127.0.0.1 -p $PGPORT -U report_ro -d ledger \
        -c "SELECT count(*) FROM generate_series(1, 200000000) g"
}

c_extension() {
    fresh pg-extension
    su_psql -d ledger -c "CREATE EXTENSION IF NOT EXISTS vector"
}

c_conn_limit() {
    fresh pg-connlimit
    PGPASSWORD=etl-77b2 psql -X -h 127.0.0.1 -p $PGPORT -U etl_batch -d ledger -c "select pg_sleep(3)" >/dev/null 2>&1 &
    sleep 0.8
    PGPASSWORD=etl-77b2 psql -X -h 127.0.0.1 -p $PGPORT -U etl_batch -d ledger -c "select count(*) from invoices"
    wait
}

c_wal_level() {
    fresh pg-cdc
    su_psql -d ledger -c "SELECT * FROM pg_create_logical_replication_slot('cdc_invoices', 'pgoutput')"
}

c_serialize() {
    fresh pg-serialize
    cat >settle.sql <<'EOF'
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT balance_cents FROM accounts WHERE id = 1;
SELECT pg_sleep(1);
UPDATE accounts SET balance_cents = balance_cents - 100 WHERE id = 1;
COMMIT;
EOF
    # a concurrent autocommit writer touches the same row while settle.sql sleeps
    (sleep 0.4; PGPASSWORD=rw-9f3c1e psql -X -q -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger \
        -c "UPDATE accounts SET balance_cents = balance_cents + 1 WHERE id = 1" >/dev/null 2>&1) &
    PGPASSWORD=rw-9f3c1e psql -X -h 127.0.0.1 -p $PGPORT -U app_rw -d ledger -f settle.sql
    wait
}

c_psycopg2() {
    capture_venv
    fresh pg-psycopg2
    mkdir -p reports
    touch reports/__init__.py
    cat >reports/db.py <<EOF
import contextlib
import psycopg2

DSN = "host=127.0.0.1 port=${1:-5544} dbname=ledger user=report_ro password=ro-51aa07"


@contextlib.contextmanager
def cursor():
    conn = psycopg2.connect(DSN)
    try:
        with conn.cursor() as cur:
            yield cur
    finally:
        conn.close()


def fetch_all(sql, params=()):
    with cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()
EOF
    cat >reports/aging.py <<'EOF'
from reports.db import fetch_all

SQL = """
SELECT c.email, sum(i.total_cents) AS open_cents
FROM invoice_aging_v i JOIN customers c ON c.id = i.customer_id
WHERE i.days_overdue > %s
GROUP BY c.email
"""


def overdue_by_customer(days):
    return {email: cents for email, cents in fetch_all(SQL, (days,))}


def render(days=30):
    rows = overdue_by_customer(days)
    return "\n".join(f"{e}: {c / 100:.2f}" for e, c in rows.items())
EOF
    cat >run_report.py <<'EOF'
from reports.aging import render

if __name__ == "__main__":
    print(render(45))
EOF
    "$VPY" run_report.py
}

c_psycopg2_refused() { c_psycopg2 5545; }

c_neg_syntax() {
    fresh pg-syntax
    sqlfile q.sql <<'EOF'
SELECT number, total_cents
FROM invoices
WHERE customer_id = 1
ORDER BY total_cents DESC,
LIMIT 10;
EOF
    PGPASSWORD=ro-51aa07 psql -X -h 127.0.0.1 -p $PGPORT -U report_ro -d ledger -f q.sql
}

c_neg_uuid() {
    fresh pg-uuid
    su_psql -d ledger -c "CREATE TABLE IF NOT EXISTS payouts (id uuid PRIMARY KEY, amount_cents bigint)" 
    su_psql -d ledger -c "SELECT * FROM payouts WHERE id = 'po_5531'"
}

pg_start
seed
cap postgresql pg-connection-refused-5545 c_refused
cap postgresql pg-connection-refused-zh c_refused_zh
cap postgresql pg-password-auth-failed c_auth
cap postgresql pg-relation-does-not-exist c_relation
cap postgresql pg-relation-does-not-exist-zh c_relation_zh
cap postgresql pg-duplicate-key-unique c_unique
cap postgresql pg-foreign-key-violation c_fk
cap postgresql pg-not-null-existing-rows c_not_null
cap postgresql pg-function-does-not-exist c_function
cap postgresql pg-permission-denied-schema-public c_schema_perm
cap postgresql pg-deadlock-detected c_deadlock
cap postgresql pg-statement-timeout c_timeout
cap postgresql pg-extension-control-missing c_extension
cap postgresql pg-too-many-connections-role c_conn_limit
cap postgresql pg-logical-decoding-wal-level c_wal_level
cap postgresql pg-could-not-serialize c_serialize
cap postgresql pg-psycopg2-undefinedtable-traceback c_psycopg2
cap postgresql pg-psycopg2-connection-refused c_psycopg2_refused
cap postgresql pg-neg-syntax-error-trailing-comma c_neg_syntax
cap postgresql pg-neg-invalid-input-uuid c_neg_uuid
