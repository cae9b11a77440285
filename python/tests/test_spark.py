"""examples/spark_restore.py with PySpark in local mode (local[2]): a generated DataFrame of a
few thousand rows, with empty strings, nulls and non-ASCII text, comes out with every row
restored as unspin.restore restores it, ids and order kept."""

import json
import os
import pathlib
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import unspin

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "spark_restore.py"
sys.path.insert(0, str(EXAMPLE.parent))
import spark_restore  # noqa: E402

from pyspark.sql import SparkSession  # noqa: E402

ROWS = 3000
TEXTS = [
    "Chinese language officers mentioned the navy help would arrive a yr in the past.",
    "We used counterfeit consciousness and irregular woodland methods.",
    "The U.S. Navy said the chief executive had mentioned it.",
    "",
    None,
    "Die chinesischen Beamten sagten, die Hilfe käme bald. 东京的官员说。 🎉",
    "Café owners said Chinese language officers mentioned the navy help — “a yr in the past”.",
    "  \n\t ",
]


def rows():
    for i in range(ROWS):
        text = TEXTS[i % len(TEXTS)]
        if text and i % 3 == 0:
            text = f"{text} Row {i}: an additional indication of the announcement."
        yield {"id": i, "text": text, "source": f"s{i % 5}"}


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter, whose environment has unspin, whatever is on PATH.
    pyspark_python = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("unspin-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    session.sparkContext.addPyFile(str(EXAMPLE))
    yield session
    session.stop()
    if pyspark_python is None:
        del os.environ["PYSPARK_PYTHON"]
    else:
        os.environ["PYSPARK_PYTHON"] = pyspark_python


def write_input(path, kind):
    data = list(rows())
    if kind == "parquet":
        # Several files and row groups, so that Spark reads several partitions.
        path.mkdir()
        for part in range(4):
            chunk = data[part * ROWS // 4:(part + 1) * ROWS // 4]
            pq.write_table(pa.Table.from_pylist(chunk), path / f"part-{part}.parquet", row_group_size=200)
    else:
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in data), encoding="utf-8")
    return data


def read_output(path):
    """The rows of Spark's part files in partition order."""
    if path.suffix == ".jsonl":
        files = sorted(path.glob("part-*.json"))
        return [json.loads(line) for f in files for line in f.read_text(encoding="utf-8").splitlines()]
    files = sorted(path.glob("part-*.parquet"))
    return [row for f in files for row in pq.read_table(f).to_pylist()]


@pytest.mark.parametrize("input_kind, output_name", [("parquet", "out"), ("jsonl", "out.jsonl")])
def test_every_row_is_restored_in_order(spark, tmp_path, input_kind, output_name):
    source = tmp_path / ("in.jsonl" if input_kind == "jsonl" else "in")
    data = write_input(source, input_kind)
    output = tmp_path / output_name
    spark_restore.main([str(source), str(output)])
    out = read_output(output)
    # Rows keep the order in which Spark reads the input: a JSON lines file's, and for several
    # Parquet files Spark's (it packs files into partitions largest first).
    read = spark.read.json(str(source)) if input_kind == "jsonl" else spark.read.parquet(str(source))
    order = [row.id for row in read.select("id").collect()]
    if input_kind == "jsonl":
        assert order == list(range(ROWS))
    assert [row["id"] for row in out] == order
    assert sorted(order) == list(range(ROWS))
    for row in out:
        expected = data[row["id"]]
        text = expected["text"]
        # Spark's JSON writer leaves null fields out.
        assert row.get("text") == text and row["source"] == expected["source"]
        assert row.get("text_restored") == (None if text is None else unspin.restore(text)), row["id"]
        assert row.get("text_spin_score") == (None if text is None else unspin.spin_score(text)), row["id"]
    # The generated rows do restore: the comparison above is not between unchanged texts.
    assert sum(row["text_restored"] != row["text"] for row in out if row.get("text")) >= ROWS // 4


def test_one_restorer_per_worker_process(spark, tmp_path):
    dictionary = tmp_path / "slang.tsv"
    dictionary.write_text("gr8\tgreat\n", encoding="utf-8")
    df = spark.createDataFrame([(i, f"A gr8 day {i}.") for i in range(400)], "id long, text string").repartition(8)
    restored = spark_restore.restore_column(df, dictionaries=[str(dictionary)], default_dictionaries=False)
    assert {row.text_restored for row in restored.collect()} == {f"A great day {i}." for i in range(400)}

    path = str(dictionary)

    def restorers(batches):
        import pandas as pd

        for _ in batches:
            restorer = unspin.shared_restorer((path,), default_dictionaries=False)
            yield pd.DataFrame({"pid": [os.getpid()], "restorer": [id(restorer)]})

    seen = df.mapInPandas(restorers, "pid long, restorer long").collect()
    assert len(seen) >= 8
    by_process = {}
    for row in seen:
        by_process.setdefault(row.pid, set()).add(row.restorer)
    assert all(len(ids) == 1 for ids in by_process.values()), by_process


def test_a_missing_column_is_named(spark, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "body": "x"}\n', encoding="utf-8")
    with pytest.raises(SystemExit, match="has no column 'text' \\(it has body, id\\); pass --column"):
        spark_restore.main([str(source), str(tmp_path / "out")])
