#!/usr/bin/env bash
# MariaDB 10.11 errors through the mysql client, domain "mysql".
# Starts a throw-away server on 127.0.0.1:3317 and stops it at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MYDIR="$WORK/_mysql"
MYSOCK="$MYDIR/mysqld.sock"
MYPORT=3317
MYPID=""

my_start() {
    rm -rf "$MYDIR" && mkdir -p "$MYDIR/data"
    chown -R mysql:mysql "$MYDIR"
    mariadb-install-db --user=mysql --datadir="$MYDIR/data" --auth-root-authentication-method=normal >/dev/null 2>&1
    mariadbd --no-defaults --user=mysql --datadir="$MYDIR/data" --socket="$MYSOCK" --port=$MYPORT \
        --bind-address=127.0.0.1 --pid-file="$MYDIR/mysqld.pid" --log-error="$MYDIR/error.log" \
        --max-connections=10 --max-allowed-packet=16K --innodb-buffer-pool-size=32M >/dev/null 2>&1 &
    MYPID=$!
    wait_port $MYPORT 60
}
my_stop() { [ -n "$MYPID" ] && kill "$MYPID" 2>/dev/null && wait "$MYPID" 2>/dev/null; }
trap my_stop EXIT

root() { mysql --no-defaults -S "$MYSOCK" -uroot "$@"; }
app() { mysql --no-defaults -h 127.0.0.1 -P $MYPORT -ushop_app -p'Sh0p-app!4471' shop "$@"; }

seed() {
    root <<'EOF'
DROP USER IF EXISTS ''@'localhost';
DROP USER IF EXISTS ''@'%';
CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER 'shop_app'@'%' IDENTIFIED BY 'Sh0p-app!4471';
GRANT ALL ON shop.* TO 'shop_app'@'%';
USE shop;
CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(120) NOT NULL UNIQUE, country CHAR(2)) ENGINE=InnoDB;
CREATE TABLE orders (
  id INT AUTO_INCREMENT PRIMARY KEY,
  customer_id INT NOT NULL,
  sku VARCHAR(32) NOT NULL,
  status VARCHAR(16) NOT NULL DEFAULT 'new',
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers(id)
) ENGINE=InnoDB;
CREATE TABLE promo_codes (code VARCHAR(24) COLLATE utf8mb4_unicode_ci PRIMARY KEY, pct INT) ENGINE=InnoDB;
CREATE TABLE stock (sku VARCHAR(32) PRIMARY KEY, qty INT NOT NULL) ENGINE=InnoDB;
INSERT INTO customers VALUES (1, 'ap@nordlicht.example', 'SE'), (2, 'billing@brennwerk.example', 'DE');
INSERT INTO orders (customer_id, sku) VALUES (1, 'SKU-88127'), (2, 'SKU-10442');
INSERT INTO promo_codes VALUES ('WINTER24', 15);
INSERT INTO stock VALUES ('SKU-88127', 12), ('SKU-10442', 3);
EOF
}

c_access_denied() { mysql --no-defaults -h 127.0.0.1 -P $MYPORT -ushop_app -p'Sh0p-app!4470' shop -e 'select 1'; }

c_table_missing() { app -e "SELECT id, sku FROM order_items WHERE order_id = 1"; }

c_duplicate() { app -e "INSERT INTO customers (id, email, country) VALUES (3, 'ap@nordlicht.example', 'SE')"; }

c_fk() { app -e "INSERT INTO orders (customer_id, sku) VALUES (77, 'SKU-88127')"; }

c_lock_wait() {
    app -e "SET SESSION innodb_lock_wait_timeout=1; START TRANSACTION; UPDATE stock SET qty = qty - 1 WHERE sku='SKU-88127'; SELECT SLEEP(4); COMMIT;" >/dev/null 2>&1 &
    sleep 0.5
    app -e "SET SESSION innodb_lock_wait_timeout=2; UPDATE stock SET qty = 0 WHERE sku='SKU-88127'"
    wait
}

c_deadlock() {
    app -e "START TRANSACTION; UPDATE stock SET qty = qty - 1 WHERE sku='SKU-88127'; SELECT SLEEP(1); UPDATE stock SET qty = qty - 1 WHERE sku='SKU-10442'; COMMIT;" >"$WORK/_my_a.out" 2>&1 &
    sleep 0.3
    app -e "START TRANSACTION; UPDATE stock SET qty = qty + 5 WHERE sku='SKU-10442'; SELECT SLEEP(1); UPDATE stock SET qty = qty + 5 WHERE sku='SKU-88127'; COMMIT;" >"$WORK/_my_b.out" 2>&1
    wait
    grep -h 'ERROR 1213' "$WORK/_my_a.out" "$WORK/_my_b.out"
}

c_collation() {
    app -e "SELECT o.id FROM orders o JOIN promo_codes p ON p.code = CONCAT('WINTER', RIGHT(o.sku, 2))"
}

c_packet() {
    fresh mysql-packet
    python3 -c "print(\"INSERT INTO promo_codes VALUES ('BULK', 1), \" + ', '.join(f\"('C{i:06d}', {i % 50})\" for i in range(1200)) + ';')" >bulk_codes.sql
    app <bulk_codes.sql
}

c_too_many() {
    local i
    for i in $(seq 1 10); do app -e "SELECT SLEEP(3)" >/dev/null 2>&1 & done
    sleep 1
    app -e "SELECT COUNT(*) FROM orders"
    wait
}

c_cant_connect() { mysql --no-defaults -h 127.0.0.1 -P 3318 -ushop_app -p'Sh0p-app!4471' shop -e 'select 1'; }

c_neg_syntax() { app -e "SELECT id, status FROM orders WHERE status = 'new' ORDER BY id DESC, LIMIT 5"; }

c_neg_too_long() {
    app -e "SET SESSION sql_mode='STRICT_TRANS_TABLES'; INSERT INTO orders (customer_id, sku, status) VALUES (1, 'SKU-88127', 'awaiting_payment_confirmation')"
}

my_start
seed
cap mysql mysql-access-denied-1045 c_access_denied
cap mysql mysql-table-doesnt-exist-1146 c_table_missing
cap mysql mysql-duplicate-entry-1062 c_duplicate
cap mysql mysql-foreign-key-fails-1452 c_fk
cap mysql mysql-lock-wait-timeout-1205 c_lock_wait
cap mysql mysql-deadlock-1213 c_deadlock
cap mysql mysql-illegal-mix-collations-1267 c_collation
cap mysql mysql-max-allowed-packet-1153 c_packet
cap mysql mysql-too-many-connections-1040 c_too_many
cap mysql mysql-cant-connect-2002 c_cant_connect
cap mysql mysql-neg-syntax-error-1064 c_neg_syntax
cap mysql mysql-neg-data-too-long-1406 c_neg_too_long
