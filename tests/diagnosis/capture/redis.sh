#!/usr/bin/env bash
# Redis 7.0 errors via redis-cli and redis-py, domain "redis".
# Starts servers on 127.0.0.1:6391-6393 and a 3-node cluster on 7101-7103,
# all stopped at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RD="$WORK/_redis"
PIDS=()
PORTS=()
start_redis() { # port [extra args...]
    local port=$1; shift
    PORTS+=("$port")
    mkdir -p "$RD/$port"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$RD/$port" --save '' --appendonly no \
        --daemonize no --logfile "$RD/$port/log" "$@" &
    PIDS+=($!)
    wait_port "$port"
}
stop_all() {
    local p
    for p in "${PORTS[@]}"; do redis-cli -p "$p" -a 'r3dis-sess!' --no-auth-warning SHUTDOWN NOSAVE >/dev/null 2>&1; done
    sleep 0.5
    for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
}
trap stop_all EXIT

# redis-cli prints "(error) ..." only on a terminal: run it under script(1)
# so the output is what a user sees, then drop the tty's carriage returns.
rcli() { script -qec "redis-cli $(printf '%q ' "$@")" /dev/null | tr -d '\r'; }
rc() { rcli -p "$@"; }

c_refused() { rcli -h 127.0.0.1 -p 6392 PING; }

c_noauth() { rc 6391 HGETALL session:u_8812; }

c_wrongtype() {
    rc 6391 -a 'r3dis-sess!' --no-auth-warning RPUSH cart:u_8812 SKU-88127 SKU-10442 >/dev/null
    rc 6391 -a 'r3dis-sess!' --no-auth-warning GET cart:u_8812
}

c_oom() {
    rc 6393 CONFIG SET maxmemory 3mb >/dev/null
    rc 6393 CONFIG SET maxmemory-policy noeviction >/dev/null
    local i
    for i in $(seq 1 40); do
        rc 6393 SET "thumb:$i" "$(head -c 100000 /dev/zero | tr '\0' 'x')" >/dev/null
    done
    rc 6393 SET thumb:final "$(head -c 100000 /dev/zero | tr '\0' 'y')"
}

c_noperm() {
    rc 6391 -a 'r3dis-sess!' --no-auth-warning ACL SETUSER metrics_ro on '>m3trics-ro' '~metrics:*' +get +mget +scan >/dev/null
    rcli -p 6391 --user metrics_ro --pass 'm3trics-ro' --no-auth-warning FLUSHDB
}

c_busy() {
    rc 6393 CONFIG SET busy-reply-threshold 500 >/dev/null
    rc 6393 EVAL "local t = redis.call('TIME'); while true do local n = redis.call('TIME'); if tonumber(n[1]) - tonumber(t[1]) > 3 then break end end return 1" 0 >/dev/null 2>&1 &
    sleep 1
    rc 6393 INCR ratelimit:acc_19
    wait
}

c_readonly() { rc 6394 SET feature:new-checkout on; }

c_py_refused() {
    capture_venv
    fresh redis-py
    mkdir -p ratelimit
    touch ratelimit/__init__.py
    cat >ratelimit/bucket.py <<'EOF'
import time
import redis

POOL = redis.ConnectionPool(host="127.0.0.1", port=6392, db=3, socket_connect_timeout=2)


def allow(key, limit=100, window=60):
    r = redis.Redis(connection_pool=POOL)
    slot = int(time.time() // window)
    n = r.incr(f"rl:{key}:{slot}")
    return n <= limit
EOF
    cat >app.py <<'EOF'
from ratelimit.bucket import allow


def handle(account):
    if not allow(account):
        return 429
    return 200


print(handle("acc_19"))
EOF
    "$VPY" app.py
}

c_unknown_cmd() {
    rc 6393 JSON.SET 'cart:u_8812' '$' '{"items":[]}'
}

c_misconf() {
    # a cleanup cron removed the server's data directory
    rm -rf "$RD/6395"
    rc 6395 BGSAVE >/dev/null
    sleep 1
    rc 6395 SET order:7781:state paid
}

c_neg_not_integer() {
    rc 6393 SET 'stock:SKU-88127' '12 pcs' >/dev/null
    rc 6393 DECRBY 'stock:SKU-88127' 2
}

# ---- cluster
cluster_up() {
    local p
    for p in 7101 7102 7103; do
        start_redis $p --cluster-enabled yes --cluster-config-file "$RD/$p/nodes.conf" --cluster-node-timeout 1000
    done
    redis-cli --cluster create 127.0.0.1:7101 127.0.0.1:7102 127.0.0.1:7103 --cluster-replicas 0 --cluster-yes >/dev/null 2>&1
    sleep 2
}

c_crossslot() { rc 7101 MSET cart:u_1 SKU-1 cart:u_2 SKU-2 cart:u_3 SKU-3; }

c_moved() { rc 7101 GET session:8d1f0c22; }

c_clusterdown() {
    # stop the node that owns the key's slot, then ask another node
    local slot owner
    slot=$(redis-cli -p 7101 CLUSTER KEYSLOT invoice:INV-2024-00018)
    owner=$(redis-cli -p 7101 CLUSTER NODES | awk -v s="$slot" '{for (i=9;i<=NF;i++){split($i,r,"-"); if (s>=r[1] && s<=(r[2]==""?r[1]:r[2])) print $2}}' | head -1 | sed 's/:\([0-9]*\)@.*/ \1/' | awk '{print $2}')
    redis-cli -p "$owner" SHUTDOWN NOSAVE >/dev/null 2>&1
    sleep 3
    local other=7101; [ "$owner" = 7101 ] && other=7102
    rc $other GET invoice:INV-2024-00018
}

rm -rf "$RD"
start_redis 6391 --requirepass 'r3dis-sess!'
start_redis 6393
start_redis 6394 --replicaof 127.0.0.1 6393
start_redis 6395 --save '3600 1'
sleep 1
cap redis redis-cli-connection-refused c_refused
cap redis redis-noauth-required c_noauth
cap redis redis-wrongtype-list-get c_wrongtype
cap redis redis-noperm-acl-flushdb c_noperm
cap redis redis-py-connectionerror-traceback c_py_refused
cap redis redis-unknown-command-json-set c_unknown_cmd
cap redis redis-neg-not-integer-decrby c_neg_not_integer
cap redis redis-busy-lua-script c_busy
cap redis redis-readonly-replica c_readonly
cap redis redis-oom-maxmemory-noeviction c_oom
cap redis redis-misconf-rdb-bgsave c_misconf
cluster_up
cap redis redis-cluster-crossslot-mset c_crossslot
cap redis redis-cluster-moved c_moved
cap redis redis-clusterdown-node-lost c_clusterdown
