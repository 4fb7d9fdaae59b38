#!/usr/bin/env bash
# docker CLI errors that need no daemon, domain "docker".
# (Errors that need a running daemon are synthetic cases; see cases.json.)
# A tiny fake registry (python, 127.0.0.1:5055) answers `docker manifest inspect`,
# and a root-only unix socket stands in for a daemon socket; both are stopped.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DK="$WORK/_docker"
BG=()
cleanup() { local p; for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -f "$DK/docker.sock"; }
trap cleanup EXIT
rm -rf "$DK" && mkdir -p "$DK/home"
export DOCKER_CONFIG="$DK/home/.docker"
unset DOCKER_HOST

c_no_daemon() { docker ps; }

c_sock_perm() {
    chmod 777 "$DK/home"
    runuser -u nobody -- env HOME="$DK/home" DOCKER_CONFIG="$DK/home/.docker" \
        DOCKER_HOST="unix://$DK/docker.sock" docker ps
}

c_buildx() {
    fresh docker-buildx
    printf 'FROM python:3.12-slim\nCOPY . /app\n' >Dockerfile
    docker buildx ls
}

c_manifest_unknown() { docker manifest inspect --insecure 127.0.0.1:5055/tallyhub/billing-api:2.8.1; }

# a root-owned socket that user "nobody" cannot open
python3 - "$DK/docker.sock" <<'EOF' &
import os, socket, sys, time
p = sys.argv[1]
s = socket.socket(socket.AF_UNIX)
s.bind(p)
os.chmod(p, 0o660)
s.listen(1)
time.sleep(120)
EOF
BG+=($!)
cat >"$DK/registry.py" <<'EOF'
import http.server, json
class H(http.server.BaseHTTPRequestHandler):
    def _json(self, code, body, extra=()):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Docker-Distribution-API-Version", "registry/2.0")
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def do_GET(self):
        if self.path == "/v2/":
            return self._json(200, {})
        name = self.path.split("/manifests/")
        return self._json(404, {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown", "detail": {"Tag": name[-1]}}]})
    do_HEAD = do_GET
    def log_message(self, *a): pass
import ssl, sys
srv = http.server.HTTPServer(("127.0.0.1", 5055), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
EOF
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$DK/reg.key" -out "$DK/reg.pem" -days 30 \
    -subj "/CN=registry.local" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
python3 "$DK/registry.py" "$DK/reg.pem" "$DK/reg.key" &
BG+=($!)
wait_port 5055
sleep 0.3

cap docker docker-cannot-connect-daemon c_no_daemon
cap docker docker-permission-denied-socket c_sock_perm
cap docker docker-buildx-unknown-command c_buildx
cap docker docker-manifest-unknown c_manifest_unknown
