#!/usr/bin/env bash
# Runs every test, as the README says and CI does: the crate's (`cargo test --release`), then the
# Python package's and the Spark example's (pytest, PySpark in local mode), after building the
# wheel with maturin. The Python tools are installed at the versions pinned in
# python/requirements-test.txt into a virtual environment (target/python-venv, or $UNSPIN_VENV),
# which is kept while that file does not change; pip's own cache keeps the downloads.
set -euo pipefail
cd "$(dirname "$0")"

cargo test --release

python=${PYTHON:-python3}
if ! "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 9))' 2>/dev/null; then
    echo "test.sh: the Python tests need CPython >= 3.9 with the venv module as $python (set PYTHON=...)" >&2
    exit 1
fi
if ! command -v java >/dev/null; then
    echo "test.sh: the Spark test needs Java 17 or later on PATH (e.g. apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi

venv=${UNSPIN_VENV:-target/python-venv}
requirements=python/requirements-test.txt
if ! cmp -s "$requirements" "$venv/requirements-test.txt"; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements-test.txt"
fi

rm -rf target/wheels
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml -o target/wheels
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/unspin-*.whl
"$venv/bin/pytest" python/tests
