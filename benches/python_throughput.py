#!/usr/bin/env python3
"""Throughput from Python, for RESULTS.md: unspin.restore_many against flashtext on the same
dictionary and text, and rows per second of the Spark example against a pandas UDF that does
nothing (the engine's own cost). One run of each.

    ./test.sh                                             # builds the wheel into target/python-venv
    target/python-venv/bin/pip install flashtext==2.7
    UNSPIN_BENCH_WRITE_INPUTS=/tmp/unspin-bench-inputs cargo bench --bench throughput
    target/python-venv/bin/python benches/python_throughput.py /tmp/unspin-bench-inputs

The inputs and pairs.tsv are those of benches/throughput.rs and benches/flashtext_bench.py (the
patterns of the default dictionaries, each with its key's best original). Texts are restored
line by line (a line is a paragraph), as a data team's rows would be. MiB/s is 2^20 bytes of
UTF-8 input per second, the unit of the other benches.

Spark: the lines of the 10 MB spun news input (repeated to ROWS rows) in a DataFrame of
(id, text), in local[2], written to Spark's `noop` sink so that every row is computed and
nothing is stored; a first small job starts the JVM and the Python workers before the clock.
"""

import os
import pathlib
import sys
import time

import unspin
from flashtext_bench import load_pairs

HERE = pathlib.Path(__file__).resolve().parent
SPARK_ROWS = 400_000


def mib_per_s(size, seconds):
    return size / seconds / 2**20


def timed(f):
    started = time.perf_counter()
    result = f()
    return result, time.perf_counter() - started


def restore_many_vs_flashtext(directory, processor):
    dictionary_only = unspin.Restorer(context_model=False)
    print("| input | flashtext | restore_many, dictionary only, 1 thread | all cores | "
          "restore_many, context model, 1 thread | all cores |")
    print("|---|---|---|---|---|---|")
    for name in ["spun_news_10MB.txt", "spun_10MB.txt", "genuine_10MB.txt"]:
        lines = (pathlib.Path(directory) / name).read_text(encoding="utf-8").split("\n")
        size = sum(len(line.encode("utf-8")) for line in lines)
        _, flash = timed(lambda: [processor.replace_keywords(line) for line in lines])
        cells = [f"{mib_per_s(size, flash):.1f}"]
        for restorer in [dictionary_only, unspin.Restorer.default()]:
            for threads in [1, None]:
                _, seconds = timed(lambda: restorer.restore_many(lines, threads=threads))
                cells.append(f"{mib_per_s(size, seconds):.1f} ({flash / seconds:.1f}×)")
        print(f"| {name[:-4]} ({len(lines):,} lines) | " + " | ".join(cells) + " |")


def spark_rows_per_s(directory):
    import pandas as pd
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(HERE.parent / "python" / "examples"))
    import spark_restore

    lines = [line for line in (pathlib.Path(directory) / "spun_news_10MB.txt").read_text(
        encoding="utf-8").split("\n") if line]
    texts = [lines[i % len(lines)] for i in range(SPARK_ROWS)]
    size = sum(len(t.encode("utf-8")) for t in texts)
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers need this environment's unspin
    spark = (SparkSession.builder.master("local[2]").appName("unspin-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    spark.sparkContext.addPyFile(str(HERE.parent / "python" / "examples" / "spark_restore.py"))
    df = spark.createDataFrame(pd.DataFrame({"id": range(SPARK_ROWS), "text": texts}))
    df = df.repartition(4).cache()
    df.count()

    def nothing(batches):
        for batch in batches:
            batch["text_restored"] = batch["text"]
            batch["text_spin_score"] = 0.0
            yield batch

    jobs = [
        ("pandas UDF that does nothing (mapInPandas, same columns)",
         lambda d: d.mapInPandas(nothing, "id long, text string, text_restored string, text_spin_score double")),
        ("spark_restore.restore_column (context model)", lambda d: spark_restore.restore_column(d)),
        ("spark_restore.restore_column (dictionary only)",
         lambda d: spark_restore.restore_column(d, context_model=False)),
    ]
    # Start the Python workers (and build their restorers) before the clock.
    for _, job in jobs:
        job(df.limit(100)).write.format("noop").mode("overwrite").save()
    print(f"\n{SPARK_ROWS:,} rows ({size / 2**20:.1f} MiB of text), local[2], one run each:\n")
    print("| job | rows/s | MiB/s | time relative to doing nothing |")
    print("|---|---|---|---|")
    baseline = None
    for label, job in jobs:
        _, seconds = timed(lambda: job(df).write.format("noop").mode("overwrite").save())
        baseline = baseline or seconds
        print(f"| {label} | {SPARK_ROWS / seconds:,.0f} | {mib_per_s(size, seconds):.1f} | "
              f"{seconds / baseline:.2f}× |")
    spark.stop()


def main(argv):
    directory = argv[1] if len(argv) > 1 else "/tmp/unspin-bench-inputs"
    print(f"unspin from Python, {os.cpu_count()} cores; MiB/s and ratio to flashtext 2.7, one run\n")
    restore_many_vs_flashtext(directory, load_pairs(directory)[0])
    spark_rows_per_s(directory)


if __name__ == "__main__":
    main(sys.argv)
