#!/usr/bin/env bash
# TLS / HTTP client errors with curl, openssl, Python, Node and Java, domain "tls".
# A private PKI is generated under $WORK/_pki; test servers (openssl s_server,
# python http.server) listen on 127.0.0.1:944x and are stopped at the end.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PKI="$WORK/_pki"
BG=()
cleanup() { local p; for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

mkpki() {
    rm -rf "$PKI" && mkdir -p "$PKI" && cd "$PKI" || exit 1
    local q="-loglevel error"
    # root CA -> intermediate -> leaf for pay.tallyhub.test
    openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 \
        -subj "/O=TallyHub Internal/CN=TallyHub Root CA 2024" 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout inter.key -out inter.csr -subj "/O=TallyHub Internal/CN=TallyHub Issuing CA 1" 2>/dev/null
    printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' >ca.ext
    openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -CAcreateserial -out inter.pem -days 1825 -extfile ca.ext 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -keyout pay.key -out pay.csr -subj "/O=TallyHub/CN=pay.tallyhub.test" 2>/dev/null
    printf 'subjectAltName=DNS:pay.tallyhub.test,DNS:localhost\nextendedKeyUsage=serverAuth\n' >leaf.ext
    openssl x509 -req -in pay.csr -CA inter.pem -CAkey inter.key -CAcreateserial -out pay.pem -days 397 -extfile leaf.ext 2>/dev/null
    cat pay.pem inter.pem >pay.fullchain.pem
    # self-signed leaf for a dev box
    openssl req -x509 -newkey rsa:2048 -nodes -keyout dev.key -out dev.pem -days 30 \
        -subj "/CN=ledger-dev.local" -addext "subjectAltName=DNS:ledger-dev.local,IP:127.0.0.1" 2>/dev/null
    # leaf that expired last year, issued with `openssl ca`
    mkdir -p ca/newcerts && : >ca/index.txt && echo 1000 >ca/serial
    cat >ca.cnf <<EOF
[ca]
default_ca = c
[c]
dir = $PKI/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = p
copy_extensions = copy
[p]
commonName = supplied
EOF
    openssl req -newkey rsa:2048 -nodes -keyout old.key -out old.csr -subj "/CN=reports.tallyhub.test" \
        -addext "subjectAltName=DNS:reports.tallyhub.test,IP:127.0.0.1" 2>/dev/null
    openssl ca -batch -config ca.cnf -cert inter.pem -keyfile inter.key -in old.csr -out old.pem \
        -startdate 20240101000000Z -enddate 20250101000000Z -notext >/dev/null 2>&1
    cat old.pem inter.pem >old.fullchain.pem
    # client CA for mTLS
    cp root.pem client-ca.pem
    cd - >/dev/null || exit 1
}

serve() { # port args... : openssl s_server -www in the background
    local port=$1; shift
    openssl s_server -accept "127.0.0.1:$port" -www -quiet "$@" >/dev/null 2>&1 &
    BG+=($!)
    wait_port "$port"
}

c_self_signed() { curl -sS https://127.0.0.1:9441/healthz; }
c_chain_incomplete() { curl -sS --cacert "$PKI/root.pem" --resolve pay.tallyhub.test:9442:127.0.0.1 https://pay.tallyhub.test:9442/v1/status; }
c_hostname() { curl -sS --cacert "$PKI/root.pem" https://127.0.0.1:9443/v1/status; }
c_expired() { curl -sS --cacert "$PKI/root.pem" --resolve reports.tallyhub.test:9444:127.0.0.1 https://reports.tallyhub.test:9444/; }
c_wrong_version() { curl -sS https://127.0.0.1:9445/metrics; }
c_tls_version() { curl -sS --tls-max 1.2 --cacert "$PKI/root.pem" --resolve pay.tallyhub.test:9446:127.0.0.1 https://pay.tallyhub.test:9446/; }
c_mtls() { curl -sS --cacert "$PKI/root.pem" --resolve pay.tallyhub.test:9447:127.0.0.1 https://pay.tallyhub.test:9447/settlements; }
c_refused() { curl -sS https://127.0.0.1:9449/v1/status; }
c_redirects() { curl -sS -L --max-redirs 8 http://127.0.0.1:9448/login; }
c_429() { curl -sS -f http://127.0.0.1:9448/api/v1/fx/rates; }

c_python_verify() {
    fresh tls-python
    cat >fetch_rates.py <<'EOF'
import json
import urllib.request

URL = "https://localhost:9450/v1/rates"


def get_json(url):
    req = urllib.request.Request(url, headers={"Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as resp:
        return json.load(resp)


def main():
    rates = get_json(URL)
    print(rates["EURNOK"])


main()
EOF
    python3 fetch_rates.py
}

c_node_self_signed() {
    fresh tls-node
    cat >check.mjs <<'EOF'
const res = await fetch('https://127.0.0.1:9441/healthz');
console.log(res.status);
EOF
    node check.mjs
}

c_node_expired() {
    fresh tls-node-expired
    cat >report.js <<'EOF'
const https = require('node:https');
const fs = require('node:fs');
https.get({
  host: '127.0.0.1', port: 9444, path: '/', servername: 'reports.tallyhub.test',
  ca: fs.readFileSync(process.env.CA_FILE),
}, (res) => console.log(res.statusCode)).on('error', (err) => { throw err; });
EOF
    CA_FILE="$PKI/root.pem" node report.js
}

c_java_pkix() {
    fresh tls-java
    mkdir -p src/com/tallyhub/fx
    cat >src/com/tallyhub/fx/RateClient.java <<'EOF'
package com.tallyhub.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class RateClient {
    private final HttpClient http = HttpClient.newHttpClient();

    String fetch(String pair) {
        var req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:9441/v1/rates/" + pair)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException("rate fetch failed for " + pair, e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        System.out.println(new RateClient().fetch("EURNOK"));
    }
}
EOF
    javac -d out src/com/tallyhub/fx/RateClient.java && java -cp out com.tallyhub.fx.RateClient
}

c_neg_bad_decrypt() {
    fresh backup-restore
    echo "ledger dump 2024-10-31" >ledger.sql
    openssl enc -aes-256-cbc -pbkdf2 -salt -in ledger.sql -out ledger.sql.enc -pass pass:'Q3-backup-key'
    openssl enc -d -aes-256-cbc -pbkdf2 -in ledger.sql.enc -out restored.sql -pass pass:'Q4-backup-key'
}

c_neg_der_as_pem() {
    fresh cert-inspect
    cp "$PKI/pay.key" pay.tallyhub.test.pem     # the key was copied where the cert should be
    openssl x509 -in pay.tallyhub.test.pem -noout -subject -enddate
}

mkpki
serve 9441 -cert "$PKI/dev.pem" -key "$PKI/dev.key"
serve 9442 -cert "$PKI/pay.pem" -key "$PKI/pay.key"                         # leaf only, no intermediate
serve 9443 -cert "$PKI/pay.pem" -key "$PKI/pay.key" -cert_chain "$PKI/inter.pem"
serve 9444 -cert "$PKI/old.pem" -key "$PKI/old.key" -cert_chain "$PKI/inter.pem"
serve 9446 -cert "$PKI/pay.pem" -key "$PKI/pay.key" -cert_chain "$PKI/inter.pem" -tls1_3
serve 9447 -cert "$PKI/pay.pem" -key "$PKI/pay.key" -cert_chain "$PKI/inter.pem" -Verify 1 -CAfile "$PKI/client-ca.pem"
serve 9450 -cert "$PKI/pay.pem" -key "$PKI/pay.key" -cert_chain "$PKI/inter.pem"
python3 -m http.server 9445 --bind 127.0.0.1 >/dev/null 2>&1 &
BG+=($!)
cat >"$WORK/_http9448.py" <<'EOF'
import http.server
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/api/"):
            self.send_response(429)
            self.send_header("Retry-After", "30")
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"error":"rate_limited","limit":"60/min"}')
        else:  # /login <-> /sso/start bounce (cookie never set)
            self.send_response(302)
            self.send_header("Location", "/sso/start" if self.path.startswith("/login") else "/login?next=%2Fdashboard")
            self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", 9448), H).serve_forever()
EOF
python3 "$WORK/_http9448.py" &
BG+=($!)
wait_port 9445 && wait_port 9448

cap tls curl-60-self-signed c_self_signed
cap tls curl-60-missing-intermediate c_chain_incomplete
cap tls curl-60-hostname-mismatch c_hostname
cap tls curl-60-certificate-expired c_expired
cap tls curl-35-wrong-version-number c_wrong_version
cap tls curl-35-protocol-version-alert c_tls_version
cap tls curl-56-mtls-certificate-required c_mtls
cap tls curl-7-connection-refused c_refused
cap tls curl-47-too-many-redirects c_redirects
cap tls curl-22-http-429 c_429
cap tls python-ssl-certificate-verify-failed c_python_verify
cap tls node-fetch-self-signed c_node_self_signed
cap tls node-cert-has-expired c_node_expired
cap tls java-sslhandshake-pkix c_java_pkix
cap tls openssl-neg-bad-decrypt c_neg_bad_decrypt
cap tls openssl-neg-could-not-read-certificate c_neg_der_as_pem
