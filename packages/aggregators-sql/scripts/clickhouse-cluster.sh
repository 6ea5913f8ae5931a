#!/usr/bin/env bash
# Starts (or stops) a two-shard ClickHouse cluster on 127.0.0.1 for the
# aggregators-sql cluster test, with Debian's clickhouse-server.
#   clickhouse-cluster.sh start <dir>   # writes configs under <dir>, starts both, waits (bounded)
#   clickhouse-cluster.sh stop <dir>
# Shard s (0, 1) listens on HTTP 18123+s and native TCP 19000+s; the cluster
# is named crowdlearn. Prints the HTTP URLs on success; exits non-zero with
# the server's error log on failure.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a working directory}
shards=2

write_config() {
  local s=$1 base=$dir/shard$s
  mkdir -p "$base/data" "$base/tmp" "$base/user_files" "$base/log"
  local remote=""
  for t in $(seq 0 $((shards - 1))); do
    remote+="<shard><replica><host>127.0.0.1</host><port>$((19000 + t))</port></replica></shard>"
  done
  cat > "$base/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$base/log/server.log</log><errorlog>$base/log/error.log</errorlog></logger>
  <http_port>$((18123 + s))</http_port>
  <tcp_port>$((19000 + s))</tcp_port>
  <interserver_http_port>$((19009 + 10 * s))</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>64</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>32</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$base/data/</path>
  <tmp_path>$base/tmp/</tmp_path>
  <user_files_path>$base/user_files/</user_files_path>
  <users_config>$base/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><crowdlearn>$remote</crowdlearn></remote_servers>
</yandex>
XML
  cat > "$base/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

case $action in
  start)
    command -v clickhouse-server > /dev/null || { echo "clickhouse-server is not installed (apt-get install clickhouse-server)" >&2; exit 1; }
    for s in $(seq 0 $((shards - 1))); do
      write_config "$s"
      clickhouse-server --config-file="$dir/shard$s/config.xml" > "$dir/shard$s/log/stdout.log" 2>&1 &
      echo $! > "$dir/shard$s/pid"
    done
    for s in $(seq 0 $((shards - 1))); do
      ok=0
      for _ in $(seq 1 60); do
        if curl -sf "http://127.0.0.1:$((18123 + s))/ping" > /dev/null; then ok=1; break; fi
        kill -0 "$(cat "$dir/shard$s/pid")" 2> /dev/null || break
        sleep 0.5
      done
      if [ $ok -ne 1 ]; then
        echo "ClickHouse shard $s did not answer on port $((18123 + s)) within 30 s; its logs:" >&2
        tail -n 30 "$dir/shard$s/log/error.log" "$dir/shard$s/log/stdout.log" >&2 2> /dev/null || true
        "$0" stop "$dir" || true
        exit 1
      fi
      echo "http://127.0.0.1:$((18123 + s))"
    done
    ;;
  stop)
    for s in $(seq 0 $((shards - 1))); do
      pidfile=$dir/shard$s/pid
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2> /dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2> /dev/null || true
      rm -f "$pidfile"
    done
    ;;
  *) echo "usage: $0 start|stop <dir>" >&2; exit 2 ;;
esac
