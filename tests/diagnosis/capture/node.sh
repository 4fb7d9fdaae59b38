#!/usr/bin/env bash
# Node.js 20 and npm errors, domain "node". npm cases reach the npm registry.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export NODE_NO_WARNINGS=
unset NODE_OPTIONS

c_cannot_find_pkg() {
    fresh webhook-relay
    echo '{"name":"webhook-relay","version":"1.4.0","main":"server.js"}' >package.json
    mkdir -p src
    cat >src/http.js <<'EOF'
const Fastify = require('fastify');
module.exports = () => Fastify({ logger: true });
EOF
    cat >server.js <<'EOF'
const build = require('./src/http');
build().listen({ port: 7420, host: '127.0.0.1' });
EOF
    node server.js
}

c_cannot_find_relative() {
    fresh queue-worker
    mkdir -p lib
    cat >lib/worker.js <<'EOF'
const cfg = require('./queue-config');
module.exports = { start: () => console.log(cfg.concurrency) };
EOF
    cat >index.js <<'EOF'
require('./lib/worker').start();
EOF
    node index.js
}

c_esm_missing_ext() {
    fresh pricing-esm
    echo '{"name":"pricing-esm","type":"module"}' >package.json
    mkdir -p src/utils
    echo 'export const toCents = (x) => Math.round(x * 100);' >src/utils/money.js
    cat >src/main.js <<'EOF'
import { toCents } from './utils/money';
console.log(toCents(12.345));
EOF
    node src/main.js
}

c_cannot_use_import() {
    fresh legacy-cjs
    echo '{"name":"legacy-cjs","version":"0.3.0","type":"commonjs"}' >package.json
    cat >report.js <<'EOF'
import { readFile } from 'node:fs/promises';

const rows = JSON.parse(await readFile('./rows.json', 'utf8'));
console.log(rows.length);
EOF
    echo '[]' >rows.json
    node report.js
}

c_require_in_esm() {
    fresh esm-require
    echo '{"name":"esm-require","type":"module"}' >package.json
    cat >cli.js <<'EOF'
const path = require('path');
console.log(path.resolve('data'));
EOF
    node cli.js
}

c_eaddrinuse() {
    fresh admin-api
    cat >server.js <<'EOF'
const http = require('node:http');
const PORT = Number(process.env.PORT || 4817);
http.createServer((req, res) => res.end('ok')).listen(PORT, () => console.log(`admin-api on ${PORT}`));
EOF
    node server.js >/dev/null 2>&1 &
    local pid=$!
    wait_port 4817
    node server.js
    kill $pid
}

c_econnrefused() {
    fresh inventory-sync
    cat >sync.mjs <<'EOF'
const base = process.env.INVENTORY_URL ?? 'http://127.0.0.1:5999';

async function pullStock(sku) {
  const res = await fetch(`${base}/v1/stock/${sku}`);
  return res.json();
}

console.log(await pullStock('SKU-88127'));
EOF
    node sync.mjs
}

c_undefined_deep() {
    fresh ordersvc
    mkdir -p src/middleware src/handlers
    cat >src/middleware/tenant.js <<'EOF'
function resolveTenant(req) {
  return req.headers['x-tenant'] ? { id: req.headers['x-tenant'] } : undefined;
}
module.exports = function tenant(req, next) {
  req.tenant = resolveTenant(req);
  return next(req);
};
EOF
    cat >src/handlers/orders.js <<'EOF'
function dbFor(tenant) {
  return `postgres://orders@db.internal:5544/${tenant.settings.schema}`;
}
async function listOrders(req) {
  const dsn = dbFor(req.tenant);
  return { dsn, orders: [] };
}
module.exports = { listOrders };
EOF
    cat >src/pipeline.js <<'EOF'
const tenant = require('./middleware/tenant');
const { listOrders } = require('./handlers/orders');

function compose(...layers) {
  return layers.reduceRight((next, layer) => (req) => layer(req, next), (req) => req.handler(req));
}
const run = compose(tenant);
async function handle(req) {
  return run({ ...req, handler: listOrders });
}
module.exports = { handle };
EOF
    cat >main.js <<'EOF'
const { handle } = require('./src/pipeline');
(async () => {
  const out = await handle({ headers: { 'x-tenant': 'acme-nordics' }, url: '/orders' });
  console.log(out);
})();
EOF
    node main.js
}

c_heap_oom() {
    fresh geo-tiler
    cat >tile.js <<'EOF'
const cache = new Map();
function tileKey(z, x, y) { return `${z}/${x}/${y}`; }
for (let z = 0; ; z++) {
  for (let i = 0; i < 1e5; i++) {
    cache.set(tileKey(z, i, i * 7), { z, features: new Array(64).fill({ type: 'Feature' }) });
  }
}
EOF
    bash -c 'node --max-old-space-size=48 tile.js; exit $?'
}

c_max_stack() {
    fresh menu-tree
    cat >tree.js <<'EOF'
const nodes = { root: { id: 'root', parent: 'catalog' }, catalog: { id: 'catalog', parent: 'root' } };
function depth(id) {
  const n = nodes[id];
  return n.parent ? 1 + depth(n.parent) : 0;
}
console.log(depth('catalog'));
EOF
    node tree.js
}

c_json_html() {
    fresh status-poll
    cat >poll.js <<'EOF'
const body = `<!DOCTYPE html>
<html><head><title>502 Bad Gateway</title></head></html>`;
function parseStatus(text) {
  return JSON.parse(text).components;
}
console.log(parseStatus(body));
EOF
    node poll.js
}

c_missing_script() {
    fresh dashboard-web
    cat >package.json <<'EOF'
{
  "name": "dashboard-web",
  "version": "2.3.1",
  "scripts": {
    "dev": "node server.js",
    "build:css": "echo css",
    "lint": "echo lint"
  }
}
EOF
    npm run build
}

c_eresolve() {
    fresh widget-kit
    echo '{"name":"widget-kit","version":"0.1.0","private":true}' >package.json
    npm install --no-audit --no-fund react@17.0.2 react-dom@18.2.0
}

c_npm_ci_sync() {
    fresh checkout-ui
    cat >package.json <<'EOF'
{ "name": "checkout-ui", "version": "1.0.0", "private": true, "dependencies": { "ms": "^2.1.3" } }
EOF
    npm install --no-audit --no-fund >/dev/null 2>&1
    # a teammate adds a dependency to package.json but forgets to commit the lock file
    cat >package.json <<'EOF'
{ "name": "checkout-ui", "version": "1.0.0", "private": true, "dependencies": { "ms": "^2.1.3", "nanoid": "^3.3.7" } }
EOF
    rm -rf node_modules
    npm ci --no-audit --no-fund
}

c_unhandled_rejection() {
    fresh mailer
    cat >send.js <<'EOF'
function deliver(msg) {
  return new Promise((resolve, reject) => {
    setTimeout(() => reject({ code: 'SMTP_451', detail: `greylisted: ${msg.to}` }), 10);
  });
}
deliver({ to: 'ops@tallyhub.example' }).then(() => console.log('sent'));
EOF
    node send.js
}

c_unknown_ext() {
    fresh ts-direct
    echo '{"name":"ts-direct","type":"module"}' >package.json
    mkdir -p src
    cat >src/app.ts <<'EOF'
const port: number = 8080;
console.log(`listening on ${port}`);
EOF
    node src/app.ts
}

c_invalid_url() {
    fresh url-join
    cat >client.js <<'EOF'
const API_BASE = process.env.API_BASE; // unset in CI
function endpoint(path) {
  return new URL(path, API_BASE).toString();
}
console.log(endpoint('/v2/invoices?status=open'));
EOF
    node client.js
}

c_enotfound() {
    fresh billing-client
    cat >ping.mjs <<'EOF'
const res = await fetch('http://billing-api.svc.tallyhub.invalid:8080/healthz');
console.log(res.status);
EOF
    node ping.mjs
}

c_not_exported() {
    fresh exports-map
    mkdir -p node_modules/@tally/money/dist/internal
    cat >node_modules/@tally/money/package.json <<'EOF'
{ "name": "@tally/money", "version": "3.0.0", "exports": { ".": "./dist/index.js" } }
EOF
    echo 'module.exports = { round: (x) => Math.round(x) };' >node_modules/@tally/money/dist/index.js
    echo 'module.exports = { bankersRound: (x) => x };' >node_modules/@tally/money/dist/internal/rounding.js
    cat >app.js <<'EOF'
const { bankersRound } = require('@tally/money/dist/internal/rounding');
console.log(bankersRound(2.5));
EOF
    node app.js
}

c_enoent() {
    fresh template-render
    mkdir -p templates
    cat >render.js <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const tpl = fs.readFileSync(path.join(__dirname, 'templates', 'invoice.hbs'), 'utf8');
console.log(tpl.length);
EOF
    node render.js
}

c_not_a_function() {
    fresh csv-export
    mkdir -p lib
    cat >lib/format.js <<'EOF'
function toCsv(rows) { return rows.map((r) => r.join(',')).join('\n'); }
module.exports = toCsv;
EOF
    cat >export.js <<'EOF'
const { toCsv } = require('./lib/format');
console.log(toCsv([[1, 'a'], [2, 'b']]));
EOF
    node export.js
}

c_headers_sent() {
    fresh webhook-ack
    cat >server.js <<'EOF'
const http = require('node:http');
const server = http.createServer((req, res) => {
  res.writeHead(202, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ accepted: true }));
  if (req.url.includes('debug')) {
    res.setHeader('x-debug-trace', 'wh-2291');
  }
});
server.listen(4829, '127.0.0.1', async () => {
  await fetch('http://127.0.0.1:4829/hook?debug=1').catch(() => {});
});
EOF
    timeout 5 node server.js
}

c_neg_custom() {
    fresh schema-guard
    cat >guard.js <<'EOF'
class SchemaDriftError extends Error {
  constructor(table, column, expected, actual) {
    super(`schema drift on ${table}.${column}: expected ${expected}, found ${actual} (migration 0042_tax_codes not applied on replica "eu-west-ro-2")`);
    this.name = 'SchemaDriftError';
    this.code = 'E_SCHEMA_DRIFT';
  }
}
function check(snapshot) {
  for (const [col, type] of Object.entries(snapshot.orders)) {
    if (col === 'tax_code' && type !== 'varchar(12)') throw new SchemaDriftError('orders', col, 'varchar(12)', type);
  }
}
check({ orders: { id: 'bigint', tax_code: 'integer' } });
EOF
    node guard.js
}

cap node node-cannot-find-module-fastify c_cannot_find_pkg
cap node node-cannot-find-module-relative c_cannot_find_relative
cap node node-esm-err-module-not-found-ext c_esm_missing_ext
cap node node-cannot-use-import-outside-module c_cannot_use_import
cap node node-require-not-defined-esm c_require_in_esm
cap node node-eaddrinuse-4817 c_eaddrinuse
cap node node-fetch-econnrefused c_econnrefused
cap node node-typeerror-undefined-settings c_undefined_deep
cap node node-heap-out-of-memory c_heap_oom
cap node node-maximum-call-stack c_max_stack
cap node node-json-parse-html c_json_html
cap node npm-missing-script-build c_missing_script
cap node npm-eresolve-react-peer c_eresolve
cap node npm-ci-lock-out-of-sync c_npm_ci_sync
cap node node-unhandled-rejection-object c_unhandled_rejection
cap node node-unknown-file-extension-ts c_unknown_ext
cap node node-invalid-url-undefined-base c_invalid_url
cap node node-fetch-enotfound c_enotfound
cap node node-package-path-not-exported c_not_exported
cap node node-enoent-template c_enoent
cap node node-typeerror-not-a-function c_not_a_function
cap node node-err-http-headers-sent c_headers_sent
cap node node-neg-custom-schema-drift c_neg_custom
