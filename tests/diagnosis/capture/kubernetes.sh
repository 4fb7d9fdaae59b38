#!/usr/bin/env bash
# kubectl client-side errors without a cluster, domain "kubernetes".
# A local python HTTPS listener on 127.0.0.1:6443 plays an API server that
# rejects every request (401); it is stopped at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

K8="$WORK/_k8s"
BG=()
cleanup() { local p; for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT
rm -rf "$K8" && mkdir -p "$K8"
export HOME="$K8"

kubeconfig() { # file server [ca-file]
    cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: prod-eu
  cluster:
    server: "$2"${3:+
    certificate-authority: "$3"}
users:
- name: ci-deployer
  user:
    token: "eyJhbGciOiJSUzI1NiJ9.expired.sig"
contexts:
- name: prod-eu
  context: {cluster: prod-eu, user: ci-deployer, namespace: payments}
current-context: prod-eu
EOF
}

c_no_config() { KUBECONFIG="$K8/missing-config" kubectl get pods -n payments; }

c_dns() {
    kubeconfig "$K8/dns.yaml" "https://k8s-api.prod-eu.tallyhub.invalid:6443"
    KUBECONFIG="$K8/dns.yaml" kubectl rollout status deploy/ledger-api --timeout=20s
}

c_unknown_ca() {
    kubeconfig "$K8/ca.yaml" "https://127.0.0.1:6443"
    KUBECONFIG="$K8/ca.yaml" kubectl get deploy ledger-api
}

c_unauthorized() {
    kubeconfig "$K8/auth.yaml" "https://127.0.0.1:6443" "$K8/api.pem"
    KUBECONFIG="$K8/auth.yaml" kubectl get pods
}

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$K8/api.key" -out "$K8/api.pem" -days 30 \
    -subj "/CN=kube-apiserver" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
cat >"$K8/api.py" <<'EOF'
import http.server, json, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                           "message": "Unauthorized", "reason": "Unauthorized", "code": 401}).encode()
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a): pass
srv = http.server.ThreadingHTTPServer(("127.0.0.1", 6443), H)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
srv.serve_forever()
EOF
python3 "$K8/api.py" "$K8/api.pem" "$K8/api.key" >/dev/null 2>&1 &
BG+=($!)
wait_port 6443

cap kubernetes kubectl-connection-refused-localhost-8080 c_no_config
cap kubernetes kubectl-unable-to-connect-no-such-host c_dns
cap kubernetes kubectl-x509-unknown-authority c_unknown_ca
cap kubernetes kubectl-unauthorized-expired-token c_unauthorized
