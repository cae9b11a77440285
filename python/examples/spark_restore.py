"""Restore a text column of a Spark DataFrame with unspin.

    python python/examples/spark_restore.py INPUT OUTPUT [--column text] [--dictionary FILE ...]
    spark-submit python/examples/spark_restore.py INPUT OUTPUT ...      (the same, on a cluster)

INPUT is Parquet (a file or a directory) or JSON lines (a path ending in .json or .jsonl);
OUTPUT is written as Parquet, or as JSON lines when it ends in .json or .jsonl. Every input row
comes out with all its columns, in the same order within each partition, plus two columns:
``<column>_restored`` (the restored text) and ``<column>_spin_score`` (0 for genuine prose up to
1 for spinner output). A null text gives nulls in both.

Every worker needs the ``unspin`` package (``pip install ./python`` from the repository, or the
wheel that ``maturin build --release -m python/Cargo.toml`` writes to target/wheels/), and every
``--dictionary`` file at the same path (or ship them with ``spark-submit --files`` and pass the
bare file names).

To clean a column in your own job, copy ``restore_column``:

    spark.sparkContext.addPyFile("spark_restore.py")  # so that the workers can import it
    from spark_restore import restore_column
    cleaned = restore_column(spark.read.parquet("crawl/"), "body")

It runs on Arrow batches with ``mapInPandas``. Each Python worker process builds one restorer,
on its first batch, and keeps it for every task it runs (``unspin.shared_restorer``). Spark
already runs one task per core, so each batch is restored on the task's own thread.
"""

import argparse
import sys

import unspin
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import DoubleType, StringType, StructField, StructType


def restore_column(df: DataFrame, column: str = "text", dictionaries=(), **options) -> DataFrame:
    """``df`` with ``<column>_restored`` and ``<column>_spin_score`` added.

    ``dictionaries`` are TSV file paths readable on every worker; ``options`` are
    ``unspin.Restorer``'s keyword arguments (``context_model``, ``min_confidence``, ...).
    """
    restored_name, score_name = f"{column}_restored", f"{column}_spin_score"
    schema = StructType(
        df.schema.fields
        + [StructField(restored_name, StringType()), StructField(score_name, DoubleType())]
    )
    dictionaries = tuple(dictionaries)

    def restore_batches(batches):
        restorer = unspin.shared_restorer(dictionaries, **options)
        for batch in batches:
            texts = [text if isinstance(text, str) else None for text in batch[column]]
            batch[restored_name] = restorer.restore_many(texts, threads=1)
            batch[score_name] = [None if text is None else restorer.spin_score(text) for text in texts]
            yield batch

    return df.mapInPandas(restore_batches, schema)


def is_json(path: str) -> bool:
    return path.rstrip("/").endswith((".json", ".jsonl"))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="Parquet file or directory, or JSON lines (.json, .jsonl)")
    parser.add_argument("output", help="Parquet directory, or JSON lines if it ends in .json or .jsonl")
    parser.add_argument("--column", default="text", help="the text column (default: text)")
    parser.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                        help="a TSV dictionary of your own, readable on every worker (repeatable)")
    parser.add_argument("--dictionary-only", action="store_true",
                        help="restore without the context model: fastest, but as eager on genuine text")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("unspin").getOrCreate()
    reader = spark.read.json if is_json(args.input) else spark.read.parquet
    df = reader(args.input)
    if args.column not in df.columns:
        sys.exit(f"{args.input} has no column {args.column!r} (it has {', '.join(df.columns)}); pass --column")
    options = {"context_model": False} if args.dictionary_only else {}
    restored = restore_column(df, args.column, args.dictionary, **options)
    writer = restored.write.mode("overwrite")
    (writer.json if is_json(args.output) else writer.parquet)(args.output)


if __name__ == "__main__":
    main(sys.argv[1:])
