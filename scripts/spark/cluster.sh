#!/usr/bin/env bash
# A local standalone Spark cluster from pyspark's own launch classes (no Spark download): one
# master and two workers (one core, 1 GiB each), all on loopback.
#
#   scripts/spark/cluster.sh start    # waits until both workers are registered
#   export SPARK_MASTER=spark://127.0.0.1:7077
#   make build-spark                  # the spark target runs its queries on the executors
#   scripts/spark/cluster.sh stop
#
# Settings: SPARK_MASTER_PORT (7077), SPARK_UI_PORT (8090; workers use the next two),
# SWH_SPARK_CLUSTER_DIR (logs and pids, warehouse/spark/cluster), PYTHON (.venv/bin/python).
set -euo pipefail

python=${PYTHON:-.venv/bin/python}
port=${SPARK_MASTER_PORT:-7077}
ui_port=${SPARK_UI_PORT:-8090}
run_dir=${SWH_SPARK_CLUSTER_DIR:-warehouse/spark/cluster}
SPARK_HOME=$("$python" -c "import os, pyspark; print(os.path.dirname(pyspark.__file__))")
export SPARK_HOME SPARK_LOCAL_IP=127.0.0.1 SPARK_NO_DAEMONIZE=1

alive_workers() {
    "$python" - "$ui_port" <<'EOF'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/json/", timeout=2) as page:
        print(json.load(page).get("aliveworkers", 0))
except OSError:
    print(-1)
EOF
}

start() {
    mkdir -p "$run_dir"
    if [ "$(alive_workers)" -ge 0 ]; then
        echo "spark_cluster: a master already answers on port $ui_port; stop it first" >&2
        exit 1
    fi
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
        --host 127.0.0.1 --port "$port" --webui-port "$ui_port" >"$run_dir/master.log" 2>&1 &
    echo $! >"$run_dir/master.pid"
    for worker in 1 2; do
        "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" \
            --cores 1 --memory 1g --webui-port $((ui_port + worker)) --work-dir "$PWD/$run_dir/work-$worker" \
            >"$run_dir/worker-$worker.log" 2>&1 &
        echo $! >"$run_dir/worker-$worker.pid"
    done
    for second in $(seq 1 90); do
        if [ "$(alive_workers)" -ge 2 ]; then
            echo "spark_cluster: master spark://127.0.0.1:$port with 2 workers (UI http://127.0.0.1:$ui_port)"
            return 0
        fi
        printf '\rspark_cluster: waiting for the master and its workers (%ss)' "$second" >&2
        sleep 1
    done
    echo >&2
    echo "spark_cluster: the workers did not register within 90 s; see $run_dir/*.log" >&2
    stop
    exit 1
}

stop() {
    for pid_file in "$run_dir"/worker-*.pid "$run_dir"/master.pid; do
        [ -f "$pid_file" ] || continue
        kill "$(cat "$pid_file")" 2>/dev/null || true
        rm -f "$pid_file"
    done
    echo "spark_cluster: stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac
