#!/usr/bin/env bash
# Runs every test, as the README says and CI does: the crate's (`cargo test --release`, clippy and
# rustdoc with warnings as errors), the data checks of dictionaries/ (dictionaries/tools/
# check_data.py), then the Python package's and the Spark example's (pytest, PySpark in local
# mode), after building the wheel with maturin. The Python tools are installed at the versions pinned in
# python/requirements-test.txt into a virtual environment (target/python-venv, or $UNSPIN_VENV),
# which is kept while that file and the interpreter do not change; pip's cache keeps the downloads.
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-python3}
# The package supports CPython >= 3.9; the pinned test tools (numpy 2.4) need 3.11.
if ! "$python" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "test.sh: the Python tests need CPython >= 3.11 with the venv module as $python (set PYTHON=...)" >&2
    exit 1
fi
if ! command -v java >/dev/null; then
    echo "test.sh: the Spark test needs Java 17 or later on PATH (e.g. apt-get install openjdk-17-jre-headless)" >&2
    exit 1
fi

cargo test --release
# Lints and rustdoc warnings fail the run too; so does the Python package's code.
cargo clippy --release --quiet --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps

# crates.io takes crates up to 10 MB: the embedded data must leave room.
cargo package --quiet --no-verify --allow-dirty -p unspin
crate=target/package/unspin-$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1).crate
size=$(stat -c %s "$crate")
if [ "$size" -gt 10000000 ]; then
    echo "test.sh: $crate is $size bytes, over crates.io's 10 MB; move large data to a data crate or a feature" >&2
    exit 1
fi
echo "cargo package: $crate is $size bytes (at most 10,000,000)"

venv=${UNSPIN_VENV:-target/python-venv}
# What the environment was made from: the pins and the interpreter.
made_from=$(cat python/requirements-test.txt; "$python" -VV)
if [ "$made_from" != "$(cat "$venv/made-from" 2>/dev/null)" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-test.txt
    echo "$made_from" > "$venv/made-from"
fi

# The data in dictionaries/: a lint, and every generator reproducing its committed file. The
# generators read the shared corpus beside the repository and WordNet 3.0 (Debian wordnet-base).
if [ ! -d ../shared/corpus ]; then
    echo "test.sh: ../shared (the shared corpus and data) is not beside the repository" >&2
    exit 1
fi
if [ ! -d /usr/share/wordnet ]; then
    apt-get update -qq && apt-get install -y -qq wordnet-base >/dev/null
fi
"$venv/bin/python" dictionaries/tools/check_data.py --regenerate

rm -rf target/wheels
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml -o target/wheels
"$venv/bin/pip" install --quiet --disable-pip-version-check --force-reinstall --no-deps target/wheels/unspin-*.whl
"$venv/bin/pytest" python/tests
