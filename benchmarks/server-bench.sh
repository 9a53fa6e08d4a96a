#!/usr/bin/env bash
# Server benchmarks, run on demand (not part of `mvn verify`). Starts a dedicated Contrivance server
# (HTTP 9281, embedded PostgreSQL on 15434, data under benchmarks/target/bench-data), measures its
# start time and idle RSS, runs the load driver in its own process, and stops the server.
#
#   mvn -Pbench -DskipTests install && mvn -pl contrivance-server -DskipTests liberty:install-server && benchmarks/server-bench.sh
#
# BENCH_MODE=rest (default: REST writes, reads, batch insert vs COPY, page reads), realtime (the
# sheet socket: propagation, 200 clients with presence, idle sockets), all, none, or cluster (a
# Kafka broker process and a second server on 9282 sharing the first one's database: edits sent to
# one instance, received from the other), or ui (the browser UI in headless Chromium: first-screen
# script size, navigation to the first rows of a 100,000-row sheet, frame times while scrolling it;
# PERF_ROWS sets the number of rows).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
wlp=$root/contrivance-server/target/liberty/wlp
name=contrivanceBench
dir=$wlp/usr/servers/$name
port=9281
dbport=15434
data=$root/benchmarks/target/bench-data

[ -x "$wlp/bin/server" ] || { echo "No Liberty runtime; run: mvn -pl contrivance-server -DskipTests liberty:install-server" >&2; exit 1; }
[ -f benchmarks/target/benchmarks.jar ] || { echo "Build first: mvn -Pbench -DskipTests install" >&2; exit 1; }

"$wlp/bin/server" stop $name >/dev/null 2>&1 || true
rm -rf "$dir" "$data"
"$wlp/bin/server" create $name >/dev/null
cp liberty/src/main/liberty/config/server.xml liberty/src/main/liberty/config/jvm.options "$dir/"
mkdir -p "$dir/apps" "$dir/jdbc"
cp contrivance-server/target/contrivance.war "$dir/apps/"
cp ~/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar "$dir/jdbc/" 2>/dev/null || true
# BENCH_JFR=1 records a Java Flight Recording of the server into benchmarks/target/server.jfr.
if [ "${BENCH_JFR:-0}" = 1 ]; then
  echo "-XX:StartFlightRecording=filename=$root/benchmarks/target/server.jfr,settings=profile,dumponexit=true" >> "$dir/jvm.options"
fi
# BENCH_SERVER_JVM_OPTS adds options to the server's JVM, one per word (e.g. -XX:+UseZGC).
for option in ${BENCH_SERVER_JVM_OPTS:-}; do
  echo "$option" >> "$dir/jvm.options"
done
mode=${BENCH_MODE:-rest}
if [ "$mode" = cluster ]; then
  java -Xmx512m -cp benchmarks/target/benchmarks.jar io.contrivance.bench.KafkaBroker > "$root/benchmarks/target/kafka.out" 2>&1 &
  broker=$!
  trap 'kill $broker 2>/dev/null || true' EXIT
  until grep -q '^bootstrap=' "$root/benchmarks/target/kafka.out"; do sleep 0.5; done
  bootstrap=$(sed -n 's/^bootstrap=//p' "$root/benchmarks/target/kafka.out")
  echo "Kafka broker (own process) at $bootstrap"
  printf '\nCONTRIVANCE_KAFKA_BOOTSTRAP=%s\n' "$bootstrap" >> "$dir/server.env"
fi
cat >> "$dir/server.env" <<ENV

HTTP_PORT=$port
CONTRIVANCE_DATA_DIR=$data
CONTRIVANCE_EMBEDDED_DB_PORT=$dbport
# The drivers send edits as fast as answers come back; the per-socket limit is not what is measured.
CONTRIVANCE_WS_OPS_PER_SECOND=100000
ENV

started=$(date +%s%N)
"$wlp/bin/server" start $name >/dev/null
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.1; done
ready=$(date +%s%N)
echo "server start (first start: initdb of the embedded database included): $(( (ready - started) / 1000000 )) ms"

sleep 10
pid=$(pgrep -f "ws-server.jar $name" | head -1)
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
# ZGC maps the heap three times, so RSS counts its pages up to three times; PSS counts them once.
pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
pgrss=$(ps -o rss= -p "$(pgrep -d, -f "postgres -D $data")" | awk '{s+=$1} END {print s}')
echo "idle RSS: Liberty JVM $((rss / 1024)) MB (PSS $((pss / 1024)) MB), embedded PostgreSQL $((pgrss / 1024)) MB"

"$wlp/bin/server" stop $name >/dev/null
started=$(date +%s%N)
"$wlp/bin/server" start $name >/dev/null
until curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.1; done
echo "server restart (existing data): $(( ($(date +%s%N) - started) / 1000000 )) ms"

# BENCH_JAVA_OPTS passes options to the driver, e.g. -Dbench.rows=10000 -Dbench.seconds=10.
pid=$(pgrep -f "ws-server.jar $name" | head -1)
if [ "$mode" = rest ] || [ "$mode" = all ]; then
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.contrivance.bench.ServerLoad "http://127.0.0.1:$port" "jdbc:postgresql://127.0.0.1:$dbport/postgres?user=postgres" || status=$?
fi
if [ "$mode" = cluster ]; then
  second=${name}2
  dir2=$wlp/usr/servers/$second
  "$wlp/bin/server" stop $second >/dev/null 2>&1 || true
  rm -rf "$dir2" "$data-2"
  "$wlp/bin/server" create $second >/dev/null
  cp liberty/src/main/liberty/config/server.xml liberty/src/main/liberty/config/jvm.options "$dir2/"
  mkdir -p "$dir2/apps" "$dir2/jdbc"
  cp contrivance-server/target/contrivance.war "$dir2/apps/"
  cp "$dir"/jdbc/*.jar "$dir2/jdbc/"
  {
    echo
    echo "HTTP_PORT=$((port + 1))"
    echo "CONTRIVANCE_DATA_DIR=$data-2"
    echo "CONTRIVANCE_DB_URL=jdbc:postgresql://127.0.0.1:$dbport/postgres"
    echo "CONTRIVANCE_DB_USER=postgres"
    echo "CONTRIVANCE_JWT_PRIVATE_JWK=$(tr -d '\n' < "$data/keys/jwt-signing-key.json")"
    echo "CONTRIVANCE_KAFKA_BOOTSTRAP=$bootstrap"
    echo "CONTRIVANCE_WS_OPS_PER_SECOND=100000"
  } >> "$dir2/server.env"
  "$wlp/bin/server" start $second >/dev/null
  until curl -sf "http://127.0.0.1:$((port + 1))/health/ready" >/dev/null; do sleep 0.2; done
  java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.contrivance.bench.RealtimeLoad "http://127.0.0.1:$port" "http://127.0.0.1:$((port + 1))" || status=$?
  "$wlp/bin/server" stop $second >/dev/null
fi
if [ "$mode" = ui ]; then
  (cd frontend && BASE_URL="http://127.0.0.1:$port" PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test -c playwright.perf.config.ts) || status=$?
fi
if [ "$mode" = realtime ] || [ "$mode" = all ]; then
  java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar io.contrivance.bench.RealtimeLoad "http://127.0.0.1:$port" "$pid" || status=$?
fi

# BENCH_KEEP=1 leaves the server running (for profiling by hand); stop it with: $wlp/bin/server stop $name
[ "${BENCH_KEEP:-0}" = 1 ] || "$wlp/bin/server" stop $name >/dev/null
exit ${status:-0}
