#!/usr/bin/env bash
# pip install failures, domain "pip". Some cases reach PyPI (allowed registry).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

newvenv() { python3 -m venv .venv >/dev/null && VP="$PWD/.venv/bin/python"; }

c_externally_managed() {
    fresh sysinstall
    /usr/bin/python3 -m pip install --user rich-click
}

c_no_version() {
    fresh pinfail
    newvenv
    $VP -m pip install --disable-pip-version-check 'httpx==0.99.7'
}

c_requires_python() {
    fresh fxrates-client
    mkdir -p src/fxrates_client
    echo '__version__ = "3.2.0"' >src/fxrates_client/__init__.py
    cat >pyproject.toml <<'EOF'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "fxrates-client"
version = "3.2.0"
requires-python = ">=3.13"
EOF
    newvenv
    $VP -m pip install --disable-pip-version-check .
}

c_metadata_failed() {
    fresh geoindex
    cat >setup.py <<'EOF'
import subprocess
from setuptools import setup, Extension


def geos_flags():
    out = subprocess.check_output(["geos-config", "--cflags"], text=True)
    return out.split()


setup(
    name="geoindex",
    version="0.4.1",
    ext_modules=[Extension("geoindex._core", ["src/core.c"], extra_compile_args=geos_flags())],
)
EOF
    mkdir -p src && echo 'int x;' >src/core.c
    newvenv
    $VP -m pip install --disable-pip-version-check --no-build-isolation .
}

c_build_wheel_failed() {
    fresh crcfast
    mkdir -p src
    cat >src/crcfast.c <<'EOF'
#include <Python.h>
#include <isa-l/crc.h>

static PyObject *crc32_ieee(PyObject *self, PyObject *args) {
    Py_buffer buf;
    if (!PyArg_ParseTuple(args, "y*", &buf)) return NULL;
    unsigned int v = crc32_ieee_base(0, buf.buf, buf.len);
    PyBuffer_Release(&buf);
    return PyLong_FromUnsignedLong(v);
}

static PyMethodDef M[] = {{"crc32_ieee", crc32_ieee, METH_VARARGS, ""}, {0}};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "crcfast", NULL, -1, M};
PyMODINIT_FUNC PyInit_crcfast(void) { return PyModule_Create(&mod); }
EOF
    cat >setup.py <<'EOF'
from setuptools import setup, Extension

setup(name="crcfast", version="1.3.0", ext_modules=[Extension("crcfast", ["src/crcfast.c"], libraries=["isal"])])
EOF
    newvenv
    $VP -m pip install --disable-pip-version-check .
}

# three local projects whose pins cannot be satisfied together
make_local_wheels() {
    mkdir -p wheels
    mk() { # name version deps...
        local n=$1 v=$2 d; shift 2
        d=$(mktemp -d)
        local deps="" x
        for x in "$@"; do deps="$deps\"$x\", "; done
        mkdir -p "$d/${n//-/_}"
        touch "$d/${n//-/_}/__init__.py"
        cat >"$d/pyproject.toml" <<EOF
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"
[project]
name = "$n"
version = "$v"
dependencies = [$deps]
EOF
        $VP -m pip wheel -q --disable-pip-version-check --no-deps -w wheels "$d" >/dev/null 2>&1
        rm -rf "$d"
    }
    mk tally-schema 1.9.0
    mk tally-schema 2.1.0
    mk tally-reports 4.0.2 "tally-schema<2"
    mk tally-sync 0.7.0 "tally-schema>=2.1"
}

c_conflict() {
    fresh resolver-conflict
    newvenv
    make_local_wheels
    $VP -m pip install --disable-pip-version-check --no-index --find-links wheels tally-reports==4.0.2 tally-sync==0.7.0
}

c_resolver_warning() {
    fresh resolver-warning
    newvenv
    make_local_wheels
    $VP -m pip install -q --disable-pip-version-check --no-index --find-links wheels tally-reports==4.0.2 >/dev/null 2>&1
    $VP -m pip install --disable-pip-version-check --no-index --find-links wheels tally-schema==2.1.0
}

c_hash_mismatch() {
    fresh hashpin
    newvenv
    cat >requirements.lock <<'EOF'
six==1.16.0 \
    --hash=sha256:1e61c37477a1626458e36f7b1d82aa5c9b094fa4802892072e49de9c60c4c962
EOF
    $VP -m pip install --disable-pip-version-check --no-cache-dir --require-hashes -r requirements.lock
}

c_platform() {
    fresh wheelhouse
    newvenv
    mkdir -p dist
    # a wheel fetched on a colleague's Mac
    python3 - <<'EOF'
import zipfile
with zipfile.ZipFile("dist/fastcrc-2.1.0-cp311-cp311-macosx_11_0_arm64.whl", "w") as z:
    z.writestr("fastcrc/__init__.py", "")
EOF
    $VP -m pip install --disable-pip-version-check dist/fastcrc-2.1.0-cp311-cp311-macosx_11_0_arm64.whl
}

c_index_unreachable() {
    fresh mirror
    newvenv
    $VP -m pip install --disable-pip-version-check --retries 1 --timeout 3 \
        --index-url http://127.0.0.1:3141/root/tally/+simple/ tally-billing==2.8.0
}

c_editable() {
    fresh plainbackend
    mkdir -p _build tally_cli
    touch tally_cli/__init__.py
    cat >_build/backend.py <<'EOF'
"""Minimal in-house build backend (wheel + sdist only)."""
import base64, hashlib, os, tarfile, zipfile

NAME, VERSION = "tally_cli", "0.9.0"


def _record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    fn = f"{NAME}-{VERSION}-py3-none-any.whl"
    files = {
        f"{NAME}/__init__.py": b"",
        f"{NAME}-{VERSION}.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {VERSION}\n".encode(),
        f"{NAME}-{VERSION}.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: backend\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    rec = [_record_line(p, d) for p, d in files.items()] + [f"{NAME}-{VERSION}.dist-info/RECORD,,"]
    with zipfile.ZipFile(os.path.join(wheel_directory, fn), "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
        z.writestr(f"{NAME}-{VERSION}.dist-info/RECORD", "\n".join(rec) + "\n")
    return fn


def build_sdist(sdist_directory, config_settings=None):
    fn = f"{NAME}-{VERSION}.tar.gz"
    with tarfile.open(os.path.join(sdist_directory, fn), "w:gz") as t:
        t.add("pyproject.toml", arcname=f"{NAME}-{VERSION}/pyproject.toml")
    return fn
EOF
    cat >pyproject.toml <<'EOF'
[build-system]
requires = []
build-backend = "backend"
backend-path = ["_build"]
EOF
    newvenv
    $VP -m pip install --disable-pip-version-check -e .
}

cap pip pip-externally-managed-debian c_externally_managed
cap pip pip-no-matching-version-httpx c_no_version
cap pip pip-requires-python-313 c_requires_python
cap pip pip-metadata-generation-failed-geos c_metadata_failed
cap pip pip-build-wheel-failed-missing-header c_build_wheel_failed
cap pip pip-resolutionimpossible-local c_conflict
cap pip pip-resolver-installed-conflict c_resolver_warning
cap pip pip-hash-mismatch-six c_hash_mismatch
cap pip pip-wheel-not-supported-platform c_platform
cap pip pip-index-unreachable-devpi c_index_unreachable
cap pip pip-editable-missing-build-editable c_editable
