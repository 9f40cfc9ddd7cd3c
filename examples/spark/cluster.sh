#!/usr/bin/env bash
# A Spark standalone cluster on this machine: one master and N workers, all on
# 127.0.0.1, for trying the Marsad job (and for its test) without a real cluster.
#
#   cluster.sh start STATE_DIR [WORKERS]   # prints the master URL (spark://127.0.0.1:PORT)
#   cluster.sh stop STATE_DIR
#
# Spark comes from the pyspark package of $PYTHON (default python3); Java 17+ must be
# on PATH. Logs and the workers' scratch space go to STATE_DIR.
set -euo pipefail
cmd="${1:-}"; state="${2:-}"
[ -n "$cmd" ] && [ -n "$state" ] || { sed -n '2,9p' "$0" >&2; exit 2; }
PYTHON="${PYTHON:-python3}"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

stop() {
    for f in "$state"/*.pid; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
        rm -f "$f"
    done
}

case "$cmd" in
start)
    workers="${3:-2}"
    mkdir -p "$state"
    stop
    spark_home="${SPARK_HOME:-$("$PYTHON" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')}" \
        || { echo "cluster.sh: pyspark not found for $PYTHON (pip install -r requirements.txt)" >&2; exit 1; }
    command -v java >/dev/null || { echo "cluster.sh: java not found (Spark needs Java 17+)" >&2; exit 1; }
    port=$(free_port); ui=$(free_port)
    nohup "$spark_home/bin/spark-class" org.apache.spark.deploy.master.Master \
        --host 127.0.0.1 --port "$port" --webui-port "$ui" >"$state/master.log" 2>&1 &
    echo $! >"$state/master.pid"
    for i in $(seq "$workers"); do
        mkdir -p "$state/worker-$i"
        nohup "$spark_home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
            --host 127.0.0.1 --port "$(free_port)" --webui-port "$(free_port)" \
            --cores 1 --memory 1g --work-dir "$state/worker-$i" \
            "spark://127.0.0.1:$port" >"$state/worker-$i.log" 2>&1 &
        echo $! >"$state/worker-$i.pid"
    done
    # Ready when the master reports every worker alive (its JSON status page).
    for _ in $(seq 240); do
        alive=$("$PYTHON" - "$ui" <<'PY' 2>/dev/null || echo 0
import json, sys, urllib.request
print(json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=2))["aliveworkers"])
PY
)
        if [ "$alive" = "$workers" ]; then
            echo "spark://127.0.0.1:$port" | tee "$state/master.url"
            exit 0
        fi
        sleep 0.5
    done
    echo "cluster.sh: the cluster did not come up within 120 s; logs in $state" >&2
    tail -n 20 "$state"/*.log >&2 || true
    stop
    exit 1
    ;;
stop) stop ;;
*) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
