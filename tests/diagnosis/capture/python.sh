#!/usr/bin/env bash
# Python runtime errors (CPython 3.11), domain "python".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PY=${PY:-python3}

# ---------------------------------------------------------------- project
# A small invoicing service with enough layers to give deep tracebacks.
make_tallyhub() {
    fresh tallyhub
    mkdir -p tallyhub/settings tallyhub/jobs tallyhub/plugins
    touch tallyhub/__init__.py tallyhub/jobs/__init__.py
    cat >tallyhub/settings/__init__.py <<'EOF'
from .loader import load_settings
EOF
    cat >tallyhub/settings/loader.py <<'EOF'
import os
from .sources import EnvSource, FileSource


def _merge(layers):
    merged = {}
    for layer in layers:
        merged.update(layer.read())
    return merged


def _require(merged, key):
    return merged[key]


def load_settings(profile):
    layers = [FileSource(f"/tmp/capture/work/tallyhub/conf/{profile}.ini"), EnvSource(prefix="TALLY_")]
    merged = _merge(layers)
    return {
        "dsn": _require(merged, "ledger_dsn"),
        "currency": merged.get("currency", "EUR"),
    }
EOF
    cat >tallyhub/settings/sources.py <<'EOF'
import configparser
import os


class FileSource:
    def __init__(self, path):
        self.path = path

    def read(self):
        cp = configparser.ConfigParser()
        cp.read(self.path)
        return dict(cp["tally"]) if cp.has_section("tally") else {}


class EnvSource:
    def __init__(self, prefix):
        self.prefix = prefix

    def read(self):
        return {k[len(self.prefix):].lower(): v for k, v in os.environ.items() if k.startswith(self.prefix)}
EOF
    cat >tallyhub/jobs/nightly.py <<'EOF'
from tallyhub.settings import load_settings


class NightlyClose:
    def __init__(self, profile):
        self.profile = profile
        self.cfg = None

    def prepare(self):
        self.cfg = load_settings(self.profile)

    def run(self):
        self.prepare()
        return self.cfg["dsn"]
EOF
    cat >tallyhub/cli.py <<'EOF'
import sys
from tallyhub.jobs.nightly import NightlyClose


def dispatch(argv):
    job = NightlyClose(profile=argv[1] if len(argv) > 1 else "staging")
    return job.run()


def main():
    dispatch(sys.argv)


if __name__ == "__main__":
    main()
EOF
    mkdir -p conf
    printf '[tally]\ncurrency = CHF\nbatch_size = 500\n' >conf/staging.ini
}

c_keyerror() { make_tallyhub; env -u TALLY_LEDGER_DSN $PY -m tallyhub.cli staging; }

c_modulenotfound() {
    make_tallyhub
    cat >tallyhub/plugins/__init__.py <<'EOF'
import importlib

ENABLED = ["tallyhub.plugins.blob_archive"]


def load_all():
    return [importlib.import_module(name) for name in ENABLED]
EOF
    cat >tallyhub/plugins/blob_archive.py <<'EOF'
from azure.storage.blob import BlobServiceClient

CLIENT = BlobServiceClient.from_connection_string("UseDevelopmentStorage=true")
EOF
    cat >boot.py <<'EOF'
from tallyhub.plugins import load_all

def start():
    plugins = load_all()
    print("loaded", plugins)

start()
EOF
    $PY boot.py
}

c_attr_none() {
    fresh parse-headers
    cat >invoice_parse.py <<'EOF'
import re

HEADER = re.compile(r"^INV-(?P<year>\d{4})-(?P<seq>\d{5})$")


def invoice_year(number):
    return HEADER.match(number).group("year")


def bucket(numbers):
    out = {}
    for n in numbers:
        out.setdefault(invoice_year(n), []).append(n)
    return out


print(bucket(["INV-2024-00017", "INV-2024-00018", "inv-2024-00019"]))
EOF
    $PY invoice_parse.py
}

c_recursion() {
    fresh orgchart
    cat >orgchart.py <<'EOF'
class Unit:
    def __init__(self, code, parent=None):
        self.code = code
        self.parent = parent

    def path(self):
        if self.parent is None:
            return [self.code]
        return self.parent.path() + [self.code]


emea = Unit("EMEA")
dach = Unit("DACH", emea)
emea.parent = dach          # bad import from HR export: cycle
print("/".join(dach.path()))
EOF
    $PY orgchart.py
}

c_circular() {
    fresh shipyard
    mkdir -p shipyard
    touch shipyard/__init__.py
    cat >shipyard/models.py <<'EOF'
from shipyard.pricing import quote_for


class Consignment:
    def __init__(self, weight_kg):
        self.weight_kg = weight_kg

    def quote(self):
        return quote_for(self)
EOF
    cat >shipyard/pricing.py <<'EOF'
from shipyard.models import Consignment

RATE = 1.85


def quote_for(c: Consignment):
    return round(c.weight_kg * RATE, 2)
EOF
    cat >run.py <<'EOF'
from shipyard.models import Consignment
print(Consignment(12).quote())
EOF
    $PY run.py
}

c_jsondecode() {
    fresh feedcache
    mkdir -p .cache
    : >.cache/rates-2024-11-02.json
    cat >rates.py <<'EOF'
import json
import pathlib

CACHE = pathlib.Path(".cache")


def read_cached(day):
    with open(CACHE / f"rates-{day}.json", encoding="utf-8") as fh:
        return json.load(fh)


def convert(amount, src, dst, day):
    table = read_cached(day)
    return amount * table[src][dst]


if __name__ == "__main__":
    print(convert(120.0, "EUR", "SEK", "2024-11-02"))
EOF
    $PY rates.py
}

c_urllib_refused() {
    fresh healthcheck
    cat >probe.py <<'EOF'
import urllib.request


def fetch_status(url):
    with urllib.request.urlopen(url, timeout=3) as resp:
        return resp.status


def probe_all(targets):
    return {name: fetch_status(url) for name, url in targets.items()}


print(probe_all({"ledger-api": "http://127.0.0.1:8631/healthz"}))
EOF
    $PY probe.py
}

c_not_serializable() {
    fresh audit-emit
    cat >emit.py <<'EOF'
import datetime
import json
import sys


def envelope(kind, payload):
    return {"kind": kind, "payload": payload, "emitted_at": datetime.datetime(2024, 11, 2, 9, 30)}


def publish(stream, event):
    stream.write(json.dumps(event, indent=2) + "\n")


publish(sys.stdout, envelope("refund.approved", {"refund_id": "rf_7741", "amount": 1999}))
EOF
    $PY emit.py
}

c_unboundlocal() {
    fresh counters
    cat >meter.py <<'EOF'
retries = 0


def send_with_retry(packet):
    for attempt in range(3):
        if packet.get("ok"):
            return attempt
        retries += 1
    return -1


print(send_with_retry({"ok": False, "id": 44}))
EOF
    $PY meter.py
}

c_unicodedecode() {
    fresh bank-import
    printf 'Buchungstag;Empf\xe4nger;Betrag\n02.11.2024;M\xfcller GmbH;-120,50\n' >umsaetze_2024-11.csv
    cat >import_csv.py <<'EOF'
import csv


def rows(path):
    with open(path, newline="") as fh:
        yield from csv.DictReader(fh, delimiter=";")


for row in rows("umsaetze_2024-11.csv"):
    print(row)
EOF
    $PY import_csv.py
}

c_dict_changed() {
    fresh session-gc
    cat >gc_sessions.py <<'EOF'
import time

sessions = {"s-01": time.time() - 9000, "s-02": time.time(), "s-03": time.time() - 7300}


def expire(store, ttl=3600):
    now = time.time()
    for sid, seen in store.items():
        if now - seen > ttl:
            del store[sid]


expire(sessions)
EOF
    $PY gc_sessions.py
}

c_asyncio_nested() {
    fresh crawler
    cat >crawl.py <<'EOF'
import asyncio


async def fetch_page(n):
    await asyncio.sleep(0)
    return f"page-{n}"


def fetch_sync(n):
    # helper reused from the old sync code path
    return asyncio.run(fetch_page(n))


async def main():
    pages = [fetch_sync(n) for n in range(3)]
    print(pages)


asyncio.run(main())
EOF
    $PY crawl.py
}

c_pytest_color() {
    capture_venv
    fresh pricing-tests
    cat >discount.py <<'EOF'
def apply_discount(total_cents, percent):
    return total_cents - total_cents * percent // 100


def loyalty_tier(orders):
    if orders > 50:
        return "gold"
    if orders > 10:
        return "silver"
    return "bronze"
EOF
    cat >test_discount.py <<'EOF'
import pytest
from discount import apply_discount, loyalty_tier


def test_ten_percent():
    assert apply_discount(1999, 10) == 1800


@pytest.mark.parametrize("orders,tier", [(5, "bronze"), (10, "silver"), (51, "gold")])
def test_tiers(orders, tier):
    assert loyalty_tier(orders) == tier
EOF
    "$VPY" -m pytest --color=yes -p no:cacheprovider test_discount.py
}

c_addr_in_use() {
    fresh devserver
    $PY -m http.server 8744 --bind 127.0.0.1 >/dev/null 2>&1 &
    local pid=$!
    wait_port 8744
    cat >serve.py <<'EOF'
from http.server import HTTPServer, SimpleHTTPRequestHandler


def serve(port):
    httpd = HTTPServer(("127.0.0.1", port), SimpleHTTPRequestHandler)
    httpd.serve_forever()


serve(8744)
EOF
    $PY serve.py
    kill $pid
}

c_sqlite_locked() {
    fresh outbox
    cat >outbox.py <<'EOF'
import sqlite3
import threading

DB = "outbox.db"
with sqlite3.connect(DB) as c:
    c.execute("create table if not exists outbox(id integer primary key, topic text, body text)")

holder = sqlite3.connect(DB, isolation_level=None)
holder.execute("begin immediate")
holder.execute("insert into outbox(topic, body) values ('invoice.paid', '{}')")


def drain():
    conn = sqlite3.connect(DB, timeout=0.2)
    conn.execute("delete from outbox where topic = 'invoice.paid'")
    conn.commit()


drain()
EOF
    $PY outbox.py
}

c_sqlite_readonly() {
    # the DB is created by root during deploy; the worker runs as "nobody"
    fresh reportdb
    chmod 755 .
    /usr/bin/python3 -c "import sqlite3; c=sqlite3.connect('reports.db'); c.execute('create table daily(day text, total int)'); c.commit()"
    cat >snapshot.py <<'EOF'
import sqlite3

conn = sqlite3.connect("/tmp/capture/work/reportdb/reports.db")


def store(day, total):
    conn.execute("insert into daily(day, total) values (?, ?)", (day, total))
    conn.commit()


store("2024-11-02", 81234)
EOF
    runuser -u nobody -- /usr/bin/python3 snapshot.py
}

c_too_many_files() {
    fresh thumbs
    mkdir -p shots
    for i in $(seq 1 80); do echo "img $i" >shots/frame_$i.raw; done
    cat >thumbs.py <<'EOF'
import glob

handles = []
for path in sorted(glob.glob("shots/*.raw")):
    handles.append(open(path, "rb"))
print(len(handles))
EOF
    ulimit -n 48
    $PY thumbs.py
}

c_no_space() {
    fresh exporter
    cat >export.py <<'EOF'
import os

TARGET = os.environ.get("EXPORT_PATH", "/dev/full")


def dump(rows):
    with open(TARGET, "w") as fh:
        for r in rows:
            fh.write(",".join(map(str, r)) + "\n")
            fh.flush()


dump([(1, "alpha", 9.5), (2, "beta", 3.25)])
EOF
    $PY export.py
}

c_missing_arg() {
    fresh notify
    cat >notify.py <<'EOF'
class SmsGateway:
    def __init__(self, api_base, sender_id):
        self.api_base = api_base
        self.sender_id = sender_id


def build_gateway(cfg):
    return SmsGateway(cfg["api_base"])


gw = build_gateway({"api_base": "http://127.0.0.1:9100", "sender": "TALLY"})
EOF
    $PY notify.py
}

c_unpack() {
    fresh kvparse
    cat >envfile.py <<'EOF'
def parse(lines):
    out = {}
    for line in lines:
        key, value = line.split("=")
        out[key] = value
    return out


print(parse(["REGION=eu-central", "DSN=postgres://app:pw@db:5544/ledger?sslmode=require&opt=a=b"]))
EOF
    $PY envfile.py
}

# ---------------------------------------------------------------- negatives
c_neg_custom() {
    fresh ledgerkit
    mkdir -p ledgerkit
    cat >ledgerkit/__init__.py <<'EOF'
EOF
    cat >ledgerkit/errors.py <<'EOF'
class LedgerError(Exception):
    pass


class PeriodLockedError(LedgerError):
    def __init__(self, journal, period, run_id):
        super().__init__(f"cannot post journal {journal} into period {period}: period locked by close run #{run_id} (use --reopen or post to {period[:5]}{int(period[5:]) + 1:02d})")
EOF
    cat >ledgerkit/posting.py <<'EOF'
from ledgerkit.errors import PeriodLockedError

LOCKED = {"2024-09": 118}


def post(journal, period):
    if period in LOCKED:
        raise PeriodLockedError(journal, period, LOCKED[period])
    return True


def post_batch(batch):
    return [post(j, p) for j, p in batch]
EOF
    cat >post.py <<'EOF'
from ledgerkit.posting import post_batch
post_batch([("JE-20930", "2024-10"), ("JE-20931", "2024-09")])
EOF
    $PY post.py
}

c_neg_struct() {
    fresh tlvreader
    printf 'TLV1\x00\x02\x00\x00' >capture-0042.bin
    cat >tlv.py <<'EOF'
import struct

HEADER = struct.Struct("<4sHHQ")


def read_header(path):
    with open(path, "rb") as fh:
        raw = fh.read(HEADER.size)
    magic, version, flags, count = HEADER.unpack(raw)
    return magic, version, flags, count


print(read_header("capture-0042.bin"))
EOF
    $PY tlv.py
}

c_neg_badzip() {
    fresh reports-unpack
    printf '<html><body>Session expired</body></html>' >q3-export.xlsx
    cat >unpack.py <<'EOF'
import zipfile


def sheet_names(path):
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith("xl/worksheets/")]


print(sheet_names("q3-export.xlsx"))
EOF
    $PY unpack.py
}

cap python py-keyerror-settings-deep c_keyerror
cap python py-modulenotfound-plugin-azure c_modulenotfound
cap python py-attributeerror-nonetype-regex c_attr_none
cap python py-recursionerror-cyclic-parent c_recursion
cap python py-importerror-circular-shipyard c_circular
cap python py-jsondecodeerror-empty-cache c_jsondecode
cap python py-urllib-connection-refused c_urllib_refused
cap python py-typeerror-datetime-not-serializable c_not_serializable
cap python py-unboundlocalerror-retries c_unboundlocal
cap python py-unicodedecodeerror-latin1-csv c_unicodedecode
cap python py-runtimeerror-dict-changed-size c_dict_changed
cap python py-asyncio-run-inside-loop c_asyncio_nested
cap python py-pytest-assertion-color c_pytest_color
cap python py-oserror-address-in-use c_addr_in_use
cap python py-sqlite-database-locked c_sqlite_locked
cap python py-sqlite-readonly c_sqlite_readonly
cap python py-oserror-too-many-open-files c_too_many_files
cap python py-oserror-no-space-left c_no_space
cap python py-typeerror-missing-init-arg c_missing_arg
cap python py-valueerror-too-many-values c_unpack
cap python py-neg-custom-period-locked c_neg_custom
cap python py-neg-struct-unpack-buffer c_neg_struct
cap python py-neg-zipfile-badzip c_neg_badzip
