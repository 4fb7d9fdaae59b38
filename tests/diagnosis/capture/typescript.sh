#!/usr/bin/env bash
# TypeScript 5 compiler errors (tsc --noEmit), domain "typescript".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TSHOME="${TSHOME:-/tmp/capture/tsproj}"
if [ ! -x "$TSHOME/node_modules/.bin/tsc" ]; then
    mkdir -p "$TSHOME" && (cd "$TSHOME" && npm init -y >/dev/null && npm i --no-audit --no-fund typescript@5 >/dev/null 2>&1)
fi
TSC="$TSHOME/node_modules/.bin/tsc"

tsproject() { # name [extra compilerOptions json]
    fresh "$1"
    mkdir -p src
    cat >tsconfig.json <<EOF
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true${2:+,
    $2}
  },
  "include": ["src"]
}
EOF
}

c_multi_pretty() {
    tsproject rates-dashboard
    cat >src/rates.ts <<'EOF'
interface Rate {
  pair: string;
  bid: number;
  ask: number;
}

function spread(r: Rate): number {
  return r.ask - r.bid;
}

const latest: Rate = { pair: "EUR/NOK", bid: "11.71", ask: 11.74 };
const pairs: string[] = ["EUR/NOK", "EUR/SEK"];

console.log(spread({ pair: pairs[0], bid: 11.7 }));
console.log(latest.mid.toFixed(4));
EOF
    $TSC -p . --pretty true
}

c_cannot_find_module() {
    tsproject tz-report
    cat >src/report.ts <<'EOF'
import { formatInTimeZone } from "date-fns-tz";

export const stamp = (d: Date) => formatInTimeZone(d, "Europe/Oslo", "yyyy-MM-dd HH:mm");
EOF
    $TSC -p .
}

c_possibly_undefined() {
    tsproject cart
    cat >src/cart.ts <<'EOF'
type Line = { sku: string; qty: number; unitCents: number };

export function lineFor(lines: Line[], sku: string) {
  const line = lines.find((l) => l.sku === sku);
  return line.qty * line.unitCents;
}
EOF
    $TSC -p .
}

c_implicit_any() {
    tsproject webhooks
    cat >src/verify.ts <<'EOF'
export function verifySignature(payload, header: string): boolean {
  return header.startsWith("t=") && payload.length > 0;
}
EOF
    $TSC -p .
}

c_no_initializer() {
    tsproject mailer-ts
    cat >src/smtp.ts <<'EOF'
export class SmtpPool {
  private host: string;
  private readonly maxConnections: number;

  constructor(host: string) {
    this.host = host;
  }

  describe() {
    return `${this.host} x${this.maxConnections}`;
  }
}
EOF
    $TSC -p .
}

c_did_you_mean() {
    tsproject invoice-ts
    cat >src/invoice.ts <<'EOF'
interface Invoice {
  number: string;
  totalCents: number;
  dueDate: Date;
}

export function overdue(inv: Invoice, now = new Date()) {
  return inv.duedate.getTime() < now.getTime();
}
EOF
    $TSC -p .
}

c_unknown_option() {
    tsproject legacy-flags '"strictNullCheck": true, "suppressImplicitAnyIndexErrors": true'
    echo 'export const ok = 1;' >src/index.ts
    $TSC -p .
}

c_missing_property() {
    tsproject address-book
    cat >src/contact.ts <<'EOF'
interface Contact {
  id: string;
  email: string;
  locale: "de-CH" | "fr-CH" | "it-CH";
}

export const billingContact: Contact = {
  id: "c_1042",
  email: "ap@kunde.example",
};
EOF
    $TSC -p .
}

c_esmodule_interop() {
    tsproject interop '"module": "commonjs", "moduleResolution": "node"'
    # tsconfig above lists module twice; last one wins for tsc, keep it explicit:
    cat >tsconfig.json <<'EOF'
{
  "compilerOptions": {
    "target": "ES2020",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "noEmit": true,
    "esModuleInterop": false
  },
  "include": ["src"]
}
EOF
    mkdir -p node_modules/legacy-slugify
    echo '{"name":"legacy-slugify","version":"1.0.0","main":"index.js","types":"index.d.ts"}' >node_modules/legacy-slugify/package.json
    echo 'module.exports = (s) => s.toLowerCase().replace(/\s+/g, "-");' >node_modules/legacy-slugify/index.js
    cat >node_modules/legacy-slugify/index.d.ts <<'EOF'
declare function slugify(input: string): string;
export = slugify;
EOF
    cat >src/slug.ts <<'EOF'
import slugify from "legacy-slugify";

export const productSlug = (name: string) => slugify(name);
EOF
    $TSC -p .
}

c_used_before_assigned() {
    tsproject retry-ts
    cat >src/retry.ts <<'EOF'
export async function withRetry<T>(fn: () => Promise<T>, attempts: number): Promise<T> {
  let lastError: Error;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof Error) lastError = e;
    }
  }
  throw lastError;
}
EOF
    $TSC -p .
}

c_no_exported_member() {
    tsproject money-lib
    cat >src/money.ts <<'EOF'
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}
EOF
    cat >src/checkout.ts <<'EOF'
import { toCents, fromCents } from "./money.js";

export const roundTrip = (x: number) => fromCents(toCents(x));
EOF
    $TSC -p .
}

c_path_alias() {
    tsproject alias-app '"baseUrl": "."'
    mkdir -p src/lib
    echo 'export const fmt = (n: number) => n.toFixed(2);' >src/lib/format.ts
    cat >src/page.ts <<'EOF'
import { fmt } from "@/lib/format";

export const price = fmt(12.5);
EOF
    $TSC -p .
}

cap typescript ts-multi-errors-pretty-color c_multi_pretty
cap typescript ts2307-date-fns-tz c_cannot_find_module
cap typescript ts18048-find-possibly-undefined c_possibly_undefined
cap typescript ts7006-implicit-any-param c_implicit_any
cap typescript ts2564-no-initializer c_no_initializer
cap typescript ts2551-duedate-did-you-mean c_did_you_mean
cap typescript ts5025-unknown-compiler-option c_unknown_option
cap typescript ts2741-missing-locale c_missing_property
cap typescript ts1259-esmoduleinterop c_esmodule_interop
cap typescript ts2454-used-before-assigned c_used_before_assigned
cap typescript ts2305-no-exported-member c_no_exported_member
cap typescript ts2307-path-alias c_path_alias
