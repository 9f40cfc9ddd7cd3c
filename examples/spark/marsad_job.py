"""Extract Arabic news with Marsad inside Spark, and write its tables as Parquet.

usage:
  spark-submit --master URL marsad_job.py INPUT OUT [--marsad PATH] [--partitions N]
               [--tables articles,entities,mentions,quotes,events]

INPUT is JSON Lines, one raw article per line (`title`, `text`/`content`, `url`,
`date`, ... as `marsad extract` reads them); a local path, hdfs://, s3a:// or a glob.
Each partition is piped through `marsad extract --stream`, which answers every line
with one line, in order: the article record, or {"error": ...} for a line it could
not read. OUT then holds

  OUT/articles.jsonl/   the article records (and error records) in input order
  OUT/errors.jsonl/     the error records alone
  OUT/tables/<table>/   Parquet tables, each row made by `marsad export` from the
                        articles, with the schema `marsad export --schema` gives

The marsad binary must exist at the same path on every node (default: the one on
the driver's PATH); see examples/spark/README.md.
"""

import argparse
import json
import shlex
import shutil
import subprocess
import sys

from pyspark.sql import SparkSession
from pyspark.sql import types as T

SPARK_TYPES = {
    "string": T.StringType(),
    "int64": T.LongType(),
    "int32": T.IntegerType(),
    "float64": T.DoubleType(),
    "bool": T.BooleanType(),
}


def table_schemas(marsad):
    """Table -> Spark schema, from the one definition `marsad export --schema` prints."""
    out = subprocess.run([marsad, "export", "--schema"], check=True, capture_output=True, text=True)
    schemas = {}
    for table, columns in json.loads(out.stdout).items():
        schemas[table] = T.StructType(
            [T.StructField(c["name"], SPARK_TYPES[c["type"]], c.get("nullable", True)) for c in columns]
        )
    return schemas


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("out")
    ap.add_argument("--marsad", default=shutil.which("marsad"), help="path of the marsad binary on every node")
    ap.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    ap.add_argument("--tables", default="articles,entities,mentions,quotes,events")
    args = ap.parse_args()
    if not args.marsad:
        sys.exit("marsad_job: no marsad binary on PATH; pass --marsad /path/to/marsad")

    spark = SparkSession.builder.appName("marsad-extract").getOrCreate()
    sc = spark.sparkContext
    tables = [t for t in args.tables.split(",") if t]
    schemas = table_schemas(args.marsad) if tables else {}
    unknown = [t for t in tables if t not in schemas]
    if unknown:
        sys.exit(f"marsad_job: unknown tables {unknown}; known: {sorted(schemas)}")

    lines = sc.textFile(args.input, minPartitions=args.partitions)
    marsad = shlex.quote(args.marsad)
    # checkCode: a crashed marsad fails the task (Spark retries it) instead of
    # silently shortening the partition.
    records = lines.pipe(f"{marsad} extract --stream --quiet", checkCode=True).cache()
    records.saveAsTextFile(f"{args.out}/articles.jsonl")
    errors = records.filter(lambda r: r.startswith('{"error"'))
    errors.saveAsTextFile(f"{args.out}/errors.jsonl")
    articles = records.filter(lambda r: not r.startswith('{"error"'))
    counts = {}
    for table in tables:
        rows = articles.pipe(
            f"{marsad} export --articles - --tables {table} --format jsonl --out -", checkCode=True
        )
        # FAILFAST: a row that does not fit the schema fails the job, never a silent null.
        df = spark.read.schema(schemas[table]).option("mode", "FAILFAST").json(rows)
        df.write.mode("overwrite").parquet(f"{args.out}/tables/{table}")
        counts[table] = spark.read.parquet(f"{args.out}/tables/{table}").count()
    summary = {"records": records.count(), "errors": errors.count(), "tables": counts}
    print(json.dumps(summary), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
