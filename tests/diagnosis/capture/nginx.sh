#!/usr/bin/env bash
# nginx 1.22 configuration and proxy errors, domain "nginx".
# Every nginx runs with its own prefix under $WORK and listens on 127.0.0.1
# only; every server started here is stopped before the script ends.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BG=()
cleanup() {
    local p
    for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
    [ -f "$WORK/nginx-site/logs/nginx.pid" ] && kill "$(cat "$WORK/nginx-site/logs/nginx.pid")" 2>/dev/null
    wait 2>/dev/null
}
trap cleanup EXIT

# site DIR <<server-blocks : a prefix with conf/nginx.conf wrapping the given http content
site() {
    fresh "$1"
    mkdir -p conf logs html/static html/app
    echo '<h1>tallyhub</h1>' >html/index.html
    echo 'body{}' >html/static/site.css
    local body
    body=$(cat)
    cat >conf/nginx.conf <<EOF
worker_processes 1;
error_log logs/error.log;
pid logs/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path tmp_body;
    proxy_temp_path tmp_proxy;
    fastcgi_temp_path tmp_fcgi;
    uwsgi_temp_path tmp_uwsgi;
    scgi_temp_path tmp_scgi;
$body
}
EOF
}
ngx() { nginx -p "$PWD/" -c conf/nginx.conf "$@"; }
ngx_up() { ngx && wait_port "$1"; }
ngx_down() { ngx -s quit 2>/dev/null; sleep 0.3; }
# what a user pastes: the curl exchange, then the tail of the error log
show() { echo "\$ curl $*"; curl -sS "$@"; echo; echo "\$ tail -n 3 logs/error.log"; tail -n 3 logs/error.log; }

c_bind() {
    site nginx-bind <<'EOF'
    server { listen 127.0.0.1:8081; root html; }
EOF
    python3 -m http.server 8081 --bind 127.0.0.1 >/dev/null 2>&1 &
    local pid=$!
    wait_port 8081
    ngx -g 'daemon off;'
    kill $pid
}

c_server_not_allowed() {
    fresh nginx-context
    mkdir -p conf logs
    cat >conf/nginx.conf <<'EOF'
worker_processes 1;
error_log logs/error.log;
pid logs/nginx.pid;
events { worker_connections 64; }
server {
    listen 127.0.0.1:8082;
    server_name admin.tallyhub.test;
    root /srv/admin;
}
http {
    access_log off;
}
EOF
    ngx -t
}

c_include_missing() {
    site nginx-include <<'EOF'
    include conf.d/*.conf;
    include snippets/tallyhub-security-headers.conf;
    server { listen 127.0.0.1:8083; root html; }
EOF
    ngx -t
}

c_502() {
    site nginx-502 <<'EOF'
    upstream billing_api { server 127.0.0.1:9181; }
    server {
        listen 127.0.0.1:8084;
        server_name billing.tallyhub.test;
        location /api/ { proxy_pass http://billing_api; }
    }
EOF
    ngx_up 8084
    show -i http://127.0.0.1:8084/api/v2/invoices?status=open
    ngx_down
}

c_504() {
    site nginx-504 <<'EOF'
    server {
        listen 127.0.0.1:8085;
        location /reports/ {
            proxy_pass http://127.0.0.1:9185;
            proxy_read_timeout 2s;
        }
    }
EOF
    cat >slow.py <<'EOF'
import http.server, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(6)
        self.send_response(200); self.end_headers(); self.wfile.write(b"late")
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", 9185), H).serve_forever()
EOF
    python3 slow.py &
    local pid=$!
    wait_port 9185
    ngx_up 8085
    show -i http://127.0.0.1:8085/reports/aging?days=90
    ngx_down
    kill $pid
}

c_413() {
    site nginx-413 <<'EOF'
    server {
        listen 127.0.0.1:8086;
        client_max_body_size 1k;
        location /upload { return 204; }
    }
EOF
    ngx_up 8086
    head -c 4096 /dev/urandom | base64 >receipt.b64
    show -i -X POST --data-binary @receipt.b64 http://127.0.0.1:8086/upload
    ngx_down
}

c_403_index() {
    site nginx-403 <<'EOF'
    server {
        listen 127.0.0.1:8087;
        root html;
        index index.htm;
    }
EOF
    ngx_up 8087
    show -i http://127.0.0.1:8087/static/
    ngx_down
}

c_rewrite_cycle() {
    site nginx-cycle <<'EOF'
    server {
        listen 127.0.0.1:8088;
        root html/app;
        location / { try_files $uri $uri/ /index.html; }
    }
EOF
    ngx_up 8088
    show -i http://127.0.0.1:8088/dashboard/settings
    ngx_down
}

c_invalid_pid() {
    site nginx-pid <<'EOF'
    server { listen 127.0.0.1:8089; root html; }
EOF
    : >logs/nginx.pid
    ngx -s reload
}

c_conflicting_name() {
    site nginx-dup <<'EOF'
    server { listen 127.0.0.1:8090; server_name pay.tallyhub.test; root html; }
    server { listen 127.0.0.1:8090; server_name pay.tallyhub.test www.pay.tallyhub.test; root html/app; }
EOF
    ngx -t
}

c_big_header() {
    site nginx-header <<'EOF'
    server {
        listen 127.0.0.1:8091;
        location /sso/ {
            proxy_pass http://127.0.0.1:9191;
            proxy_buffer_size 1k;
            proxy_buffers 4 1k;
            proxy_busy_buffers_size 1k;
        }
    }
EOF
    cat >sso.py <<'EOF'
import http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", "/sso/done")
        for i in range(6):
            self.send_header("Set-Cookie", f"sso_chunk_{i}=" + "Zm9vYmFy" * 60 + "; Path=/; HttpOnly")
        self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", 9191), H).serve_forever()
EOF
    python3 sso.py &
    local pid=$!
    wait_port 9191
    ngx_up 8091
    show -i http://127.0.0.1:8091/sso/callback?code=8f2a
    ngx_down
    kill $pid
}

c_no_resolver() {
    site nginx-resolver <<'EOF'
    server {
        listen 127.0.0.1:8092;
        location /ledger/ {
            set $ledger_upstream ledger-api.svc.tallyhub.internal;
            proxy_pass http://$ledger_upstream:8080;
        }
    }
EOF
    ngx_up 8092
    show -i http://127.0.0.1:8092/ledger/accounts
    ngx_down
}

c_ssl_cert() {
    site nginx-ssl <<'EOF'
    server {
        listen 127.0.0.1:8443 ssl;
        server_name pay.tallyhub.test;
        ssl_certificate     /etc/ssl/tallyhub/pay.tallyhub.test.fullchain.pem;
        ssl_certificate_key /etc/ssl/tallyhub/pay.tallyhub.test.key;
    }
EOF
    ngx -t
}

c_neg_uri_regex() {
    site nginx-regex <<'EOF'
    server {
        listen 127.0.0.1:8093;
        location ~ ^/api/v[0-9]+/ {
            proxy_pass http://127.0.0.1:9193/internal/;
        }
    }
EOF
    ngx -t
}

cap nginx nginx-bind-address-in-use c_bind
cap nginx nginx-server-directive-not-allowed c_server_not_allowed
cap nginx nginx-include-file-not-found c_include_missing
cap nginx nginx-502-upstream-refused c_502
cap nginx nginx-504-upstream-timed-out c_504
cap nginx nginx-413-request-entity-too-large c_413
cap nginx nginx-403-directory-index-forbidden c_403_index
cap nginx nginx-500-rewrite-cycle c_rewrite_cycle
cap nginx nginx-invalid-pid-reload c_invalid_pid
cap nginx nginx-conflicting-server-name c_conflicting_name
cap nginx nginx-upstream-too-big-header c_big_header
cap nginx nginx-no-resolver-defined c_no_resolver
cap nginx nginx-ssl-certificate-missing c_ssl_cert
cap nginx nginx-neg-proxy-pass-uri-in-regex c_neg_uri_regex
