#!/usr/bin/env bash
# The suite's request-path benchmark, in one run on this machine, as ratios to the trivial endpoint of
# the same process (absolute figures vary between machines; the ratios are the targets of docs/benchmarks.md):
#   1. reads, writes and the gateway: the Proposals host alone (in-memory bus, SQLite in a temp folder)
#      and the gateway in front of it, driven by h2load over gRPC with a reader's and SECAS's tokens;
#      beside them YARP alone (tests/Sec.ProxyFloor), the least a proxied read could cost on this machine;
#   2. an event end to end through RabbitMQ (a private node, as the system tests start one): Proposals
#      and Releases on the broker, RaiseDraftProposal at a steady 200 writes a second, each event timed
#      from its outbox row to the Releases inbox that applied it;
#   3. the Change Status Report at 1,000 and 10,000 modifications, first call after a start and warm.
# It writes the run's table into docs/benchmarks.md (between the "benchmark:run" markers) and prints it.
# The programs it measures are published as the image publishes them (for this machine's platform,
# compiled ahead of time); PUBLISH=0 runs the plain Release build instead, to compare the two.
# The gateway's per-caller rate limit is lifted for the run (it would refuse most of one caller's calls).
# h2load counts an HTTP/2 200 as a success and cannot see gRPC trailers, so one probe call per endpoint
# checks grpc-status first, and the writes are counted in the database afterwards.
# Not part of test.sh. Usage: tests/benchmark.sh [--skip-build] (skips the publish too)
#   env: PUBLISH=0, ROUNDS=3 N=10000 C=16 M=10 WRITES=6000, SKIP_REQUESTS=1 SKIP_E2E=1 SKIP_REPORT=1 to leave a part out.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-3}; N=${N:-10000}; C=${C:-16}; M=${M:-10}; WRITES=${WRITES:-6000}

missing=()
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
[ -n "${SKIP_E2E:-}" ] || [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The benchmark needs: ${missing[*]}. Install them (sudo apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "${1:-}" = "--skip-build" ] || dotnet build Sec.sln -c Release -nologo -clp:ErrorsOnly
# Each measured program's folder: its publish for this platform (bin/Release/net10.0/linux-x64/publish),
# or its build output with PUBLISH=0. The report's program is published inside the repository: its
# in-process hosts find their content root from the solution folder.
measured=(services/Proposals/Sec.Proposals.Host services/Releases/Sec.Releases.Host gateway/Sec.Gateway tests/Sec.ProxyFloor tests/Sec.Benchmarks)
bin_of() { if [ "${PUBLISH:-1}" = 0 ]; then echo "$ROOT/$1/bin/Release/net10.0"; else echo "$ROOT/$1/bin/Release/net10.0/$RID/publish"; fi; }
if [ "${PUBLISH:-1}" != 0 ]; then
  RID=$(dotnet --info | awk '/^ *RID:/{print $2; exit}')
  if [ "${1:-}" != "--skip-build" ]; then
    for project in "${measured[@]}"; do
      echo "publishing $project for $RID (compiled ahead of time, as in the image)"
      dotnet publish "$project" -c Release -r "$RID" --no-self-contained -p:UseAppHost=false -nologo -clp:ErrorsOnly >/dev/null
    done
  fi
  for project in "${measured[@]}"; do
    [ -d "$(bin_of "$project")" ] || { echo "$(bin_of "$project") is missing: run without --skip-build once, or with PUBLISH=0" >&2; exit 1; }
  done
fi

D=$(mktemp -d); RESULTS="$D/results.tsv"; : > "$RESULTS"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${RABBIT_HOME:-}" ]; then
    env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" stop >/dev/null 2>&1 || true
  fi
  rm -rf "$D"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
svc_dll() { bin_of "services/$1/Sec.$1.Host"; }
wait_ready() { for _ in $(seq 120); do curl -sf "$1" >/dev/null && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }

# Tokens from the development key every process here validates with (as `sec login` mints them).
mkdir -p "$D/data/identity"
KEY="$D/data/identity/signing-key.pem"
token() { SEC_HOME="$D/home-$1" dotnet "$ROOT/clients/Sec.Cli/bin/Release/net10.0/sec.dll" login --data "$D/data" --as Bench --organisation SECAS --role "$1" --hours 4 >/dev/null; cat "$D/home-$1/token"; }
SECAS=$(token secas); READER=$(token reader)

# gRPC request bodies: GetProposal DP1, an empty health check, and a Draft Proposal raised on 10 March 2020.
python3 - "$D" <<'PY'
import struct, sys
d = sys.argv[1]
def s(f, b): return bytes([f << 3 | 2, len(b)]) + b
def frame(m): return b'\x00' + struct.pack('>I', len(m)) + m
open(f'{d}/get.bin', 'wb').write(frame(s(1, s(1, b'DP1'))))
open(f'{d}/health.bin', 'wb').write(frame(b''))
date = b'\x08\xe4\x0f\x10\x03\x18\x0a'
open(f'{d}/raise.bin', 'wb').write(frame(s(1, b'Bench title') + s(2, b'Bench problem') + s(3, s(1, b'Bench') + s(2, b'Org')) + s(4, date)))
PY

G=(-H 'content-type: application/grpc' -H 'te: trailers')
U=/sec.proposals.v1.ProposalsService
record() { # scenario, then h2load's output on stdin: one line of results.tsv (scenario, req/s, succeeded, total, mean)
  awk -v n="$1" '/finished in/{rps=$4} /^requests:/{total=$2; ok=$8} /time for request:/{mean=$6} END{printf "%s\t%s\t%s\t%s\t%s\n", n, rps, ok, total, mean}' | tee -a "$RESULTS" \
    | awk -F'\t' '{printf "  %-22s %10s req/s  %s/%s ok  mean %s\n", $1, $2, $3, $4, $5}'
}
grpc() { # scenario url body n c m token
  h2load -n "$4" -c "$5" -m "$6" "${G[@]}" -H "authorization: Bearer $7" -d "$3" "$2" 2>/dev/null | record "$1"
}
h1() { h2load --h1 -n "$3" -c "$4" -m 1 "$2" 2>/dev/null | record "$1"; }
grpc_status() { # url body token: the grpc-status of one call (0 is OK)
  curl -s --http2-prior-knowledge -o /dev/null -D - -X POST "${G[@]}" -H "authorization: Bearer $3" --data-binary @"$2" "$1" \
    | tr -d '\r' | awk -F': ' 'tolower($1)=="grpc-status"{print $2; exit}'
}

if [ -z "${SKIP_REQUESTS:-}" ]; then
echo "== 1. reads, writes and the gateway (Proposals alone, in-memory bus, SQLite; ${ROUNDS} rounds, n=${N}, c${C} m${M})"
SG=$(free_port); SH=$(free_port); GG=$(free_port); GH=$(free_port)
(cd "$(svc_dll Proposals)" && exec dotnet Sec.Proposals.Host.dll --Storage:DataDirectory="$D/data" --Identity:SigningKeyFile="$KEY" \
  --Messaging:Transport=InMemory --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$SG --Kestrel:Endpoints:Http:Url=http://127.0.0.1:$SH \
  --Logging:LogLevel:Default=Warning > "$D/proposals.log" 2>&1) & pids+=($!)
(cd "$(bin_of gateway/Sec.Gateway)" && exec dotnet Sec.Gateway.dll --Identity:SigningKeyFile="$KEY" \
  --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$GG --Kestrel:Endpoints:Http:Url=http://127.0.0.1:$GH \
  --ReverseProxy:Clusters:proposals-grpc:Destinations:proposals-1:Address=http://127.0.0.1:$SG \
  --Gateway:RateLimit:PermitsPerSecond=1000000 --Gateway:RateLimit:Burst=1000000 \
  --Logging:LogLevel:Default=Warning > "$D/gateway.log" 2>&1) & pids+=($!)
# YARP alone in front of the same service: the least a proxied call could cost here (the gateway's yardstick).
PF=$(free_port)
(cd "$(bin_of tests/Sec.ProxyFloor)" && exec dotnet Sec.ProxyFloor.dll --Port="$PF" --Destination=http://127.0.0.1:$SG \
  > "$D/proxy-floor.log" 2>&1) & pids+=($!)
wait_ready "http://127.0.0.1:$SH/health/ready"; wait_ready "http://127.0.0.1:$GH/health/ready"
S=http://127.0.0.1:$SG; GW=http://127.0.0.1:$GG; FLOOR=http://127.0.0.1:$PF
for _ in $(seq 120); do [ "$(grpc_status $FLOOR$U/GetProposal "$D/get.bin" "$READER")" = 0 ] && break; sleep 0.5; done
echo "  probes (grpc-status): raise $(grpc_status $S$U/RaiseDraftProposal "$D/raise.bin" "$SECAS"), health $(grpc_status $S/grpc.health.v1.Health/Check "$D/health.bin" "$READER"), get $(grpc_status $S$U/GetProposal "$D/get.bin" "$READER"), get via gateway $(grpc_status $GW$U/GetProposal "$D/get.bin" "$READER"), get via YARP alone $(grpc_status $FLOOR$U/GetProposal "$D/get.bin" "$READER")"
# Warm-up to a steady state: the gateway's code keeps being recompiled (tiered JIT) for about 100,000
# proxied calls under load, and its rate doubles meanwhile; the service settles sooner.
for _ in 1 2 3 4; do
  grpc warm-up $GW$U/GetProposal "$D/get.bin" 30000 "$C" "$M" "$READER" >/dev/null
  grpc warm-up $FLOOR$U/GetProposal "$D/get.bin" 30000 "$C" "$M" "$READER" >/dev/null
done
grpc warm-up $S$U/GetProposal "$D/get.bin" 30000 "$C" "$M" "$READER" >/dev/null
grpc warm-up $S$U/GetProposal "$D/get.bin" 3000 1 1 "$READER" >/dev/null
grpc warm-up $S$U/RaiseDraftProposal "$D/raise.bin" 3000 4 1 "$SECAS" >/dev/null
grpc warm-up $GW$U/RaiseDraftProposal "$D/raise.bin" 1000 4 1 "$SECAS" >/dev/null
for round in $(seq "$ROUNDS"); do
  echo " round $round"
  h1 trivial-c1 http://127.0.0.1:$SH/health/live 5000 1
  grpc get-c1 $S$U/GetProposal "$D/get.bin" 3000 1 1 "$READER"
  # The trivial c8 run is the writes' yardstick: five times n, so it lasts about a second, not a fifth of one.
  h1 trivial-c8 http://127.0.0.1:$SH/health/live "$((N * 5))" 8
  grpc health-c16m10 $S/grpc.health.v1.Health/Check "$D/health.bin" "$N" "$C" "$M" "$READER"
  grpc get-c16m10 $S$U/GetProposal "$D/get.bin" "$N" "$C" "$M" "$READER"
  grpc get-gateway-c16m10 $GW$U/GetProposal "$D/get.bin" "$N" "$C" "$M" "$READER"
  grpc get-yarp-alone-c16m10 $FLOOR$U/GetProposal "$D/get.bin" "$N" "$C" "$M" "$READER"
  # Writes for a few seconds each, so the relay and the write gate reach their steady share.
  grpc raise-c4 $S$U/RaiseDraftProposal "$D/raise.bin" "$WRITES" 4 1 "$SECAS"
  grpc raise-gateway-c4 $GW$U/RaiseDraftProposal "$D/raise.bin" "$WRITES" 4 1 "$SECAS"
done
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=()
python3 - "$D/data/proposals.db" "$ROUNDS" "$WRITES" <<'PY'
import sqlite3, sys
raised = sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM Proposal").fetchone()[0]
print(f"  proposals in the register: {raised} (expected {1 + 4000 + 2 * int(sys.argv[3]) * int(sys.argv[2])}: every write counted by h2load was stored)")
PY
fi

if [ -z "${SKIP_E2E:-}" ]; then
  echo "== 2. an event end to end through RabbitMQ (Proposals -> Releases, 200 writes a second)"
  RABBIT_HOME="$D/rabbit"; mkdir -p "$RABBIT_HOME"; echo '[].' > "$RABBIT_HOME/enabled_plugins"
  RABBIT_NODE="secbench-$$@localhost"; AMQP=$(free_port)
  RABBIT_ENV=(HOME="$RABBIT_HOME" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$AMQP"
    RABBITMQ_DIST_PORT="$(free_port)" ERL_EPMD_PORT="$(free_port)" RABBITMQ_MNESIA_BASE="$RABBIT_HOME/mnesia" RABBITMQ_LOG_BASE="$RABBIT_HOME/log"
    RABBITMQ_PID_FILE="$RABBIT_HOME/rabbit.pid" RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_HOME/enabled_plugins" RABBITMQ_CONFIG_FILE="$RABBIT_HOME/rabbitmq"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_HOME/advanced.config" RABBITMQ_CONF_ENV_FILE="$RABBIT_HOME/rabbitmq-env.conf")
  env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server > "$RABBIT_HOME/server.log" 2>&1 & pids+=($!)
  env "${RABBIT_ENV[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" wait "$RABBIT_HOME/rabbit.pid" --timeout 100 >/dev/null
  E="$D/e2e"; mkdir -p "$E"
  start_on_broker() { # context grpc http
    (cd "$(svc_dll "$1")" && exec dotnet "Sec.$1.Host.dll" --Storage:DataDirectory="$E/$1" --Identity:SigningKeyFile="$KEY" \
      --Messaging:Transport=RabbitMq --Messaging:Host=127.0.0.1 --Messaging:Port="$AMQP" \
      --Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$2 --Kestrel:Endpoints:Http:Url=http://127.0.0.1:$3 \
      --Logging:LogLevel:Default=Warning > "$D/$1-e2e.log" 2>&1) & pids+=($!)
  }
  PG=$(free_port); PH=$(free_port); RG=$(free_port); RH=$(free_port)
  start_on_broker Releases "$RG" "$RH"; wait_ready "http://127.0.0.1:$RH/health/ready"
  start_on_broker Proposals "$PG" "$PH"; wait_ready "http://127.0.0.1:$PH/health/ready"
  grpc e2e-warm-up http://127.0.0.1:$PG$U/RaiseDraftProposal "$D/raise.bin" 200 2 1 "$SECAS" >/dev/null
  sleep 2
  # The warm-up's own events (and their cold start) are not measured: only rows written after them.
  WARMED=$(python3 -c "import sqlite3,sys;print(sqlite3.connect(sys.argv[1]).execute('SELECT COALESCE(MAX(Sequence),0) FROM OutboxMessage').fetchone()[0])" "$E/Proposals/proposals.db")
  # 4 clients at 50 a second each: 200 writes a second for 20 s.
  h2load -n 4000 -c 4 -m 1 --rps 50 "${G[@]}" -H "authorization: Bearer $SECAS" -d "$D/raise.bin" http://127.0.0.1:$PG$U/RaiseDraftProposal 2>/dev/null | record e2e-writes-200
  python3 - "$E" "$RESULTS" "$WARMED" <<'PY'
import glob, re, sqlite3, sys, time
e, results, warmed = sys.argv[1], sys.argv[2], int(sys.argv[3])
def when(t):
    from datetime import datetime
    t = re.sub(r'(\.\d{6})\d*', r'\1', t)
    return datetime.fromisoformat(t).timestamp()
def rows(sql, f):
    c = sqlite3.connect(f'file:{f}?mode=ro', uri=True, timeout=30)
    try: return c.execute(sql).fetchall()
    finally: c.close()
outbox = rows(f"SELECT Id, OccurredAt, SentAt FROM OutboxMessage WHERE MessageType LIKE '%ProposalRaised' AND Sequence > {warmed}", f'{e}/Proposals/proposals.db')
sent = {i: when(t) for i, t, _ in outbox}
deadline = time.time() + 60
while True:
    got = {i: when(t) for i, t in rows("SELECT MessageId, MIN(ReceivedAt) FROM InboxMessage GROUP BY MessageId", f'{e}/Releases/releases.db')}
    if all(i in got for i in sent) or time.time() > deadline: break
    time.sleep(0.5)
lat = sorted((got[i] - t) * 1000 for i, t in sent.items() if i in got)
def pct(p): return lat[min(len(lat) - 1, int(round(p / 100 * (len(lat) - 1))))]
print(f"  {len(lat)}/{len(sent)} events applied; outbox commit to inbox: p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, max {lat[-1]:.1f} ms")
outbox = rows(f"SELECT Id, OccurredAt, SentAt FROM OutboxMessage WHERE MessageType LIKE '%ProposalRaised' AND SentAt IS NOT NULL AND Sequence > {warmed}", f'{e}/Proposals/proposals.db')
relay = sorted((when(s) - when(o)) * 1000 for _, o, s in outbox)
if relay:
    print(f"  outbox commit to marked sent (a batch is marked with the next claim, after its gather): p50 {relay[len(relay) // 2]:.1f} ms, p99 {relay[min(len(relay) - 1, int(0.99 * (len(relay) - 1)))]:.1f} ms")
with open(results, 'a') as r:
    r.write(f"e2e-p50\t{pct(50):.1f}\t{len(lat)}\t{len(sent)}\t\ne2e-p99\t{pct(99):.1f}\t{len(lat)}\t{len(sent)}\t\n")
PY
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=()
fi

if [ -z "${SKIP_REPORT:-}" ]; then
  echo "== 3. the Change Status Report (December 2020), first call after a start and warm"
  for size in 1000 10000; do
    dotnet "$(bin_of tests/Sec.Benchmarks)/Sec.Benchmarks.dll" quick "$size" 10 | tee "$D/report-$size.txt" | tail -1
    awk -v s="$size" '/^first call/{first=$3} /modifications: mean/{mean=$4; min=$7} END{printf "report-%s-first\t%s\t\t\t\nreport-%s-warm\t%s\t\t\t\n", s, first, s, mean}' "$D/report-$size.txt" >> "$RESULTS"
  done
fi

python3 - "$RESULTS" "$ROOT/docs/benchmarks.md" "$ROUNDS" "$N" "$C" "$M" "$WRITES" <<'PY'
import statistics, sys, datetime, subprocess
results, doc, rounds, n, c, m, writes = sys.argv[1:]
by = {}
for line in open(results):
    f = line.rstrip('\n').split('\t')
    if f[0] != 'warm-up' and f[1]: by.setdefault(f[0], []).append(f)
def med(k): return statistics.median(float(x[1]) for x in by[k]) if k in by else None
def fails(k): return sum(int(x[3] or 0) - int(x[2] or 0) for x in by.get(k, []) if x[2])
rows = [('trivial `/health/live` (HTTP/1), sequential', 'trivial-c1', 'trivial-c1', None),
        ('trivial `/health/live` (HTTP/1), c8', 'trivial-c8', 'trivial-c8', None),
        ('gRPC health `Check`, c16 m10', 'health-c16m10', 'trivial-c8', None),
        ('`GetProposal`, sequential', 'get-c1', 'trivial-c1', '≥ 0.25 of trivial sequential'),
        ('`GetProposal`, c16 m10', 'get-c16m10', 'trivial-c8', None),
        ('`GetProposal` through the gateway, c16 m10', 'get-gateway-c16m10', 'trivial-c8', None),
        ('`GetProposal` through YARP alone (the floor), c16 m10', 'get-yarp-alone-c16m10', 'trivial-c8', None),
        ('`RaiseDraftProposal` with outbox, c4', 'raise-c4', 'trivial-c8', '≥ 0.05 of trivial c8 (aim 0.1)'),
        ('`RaiseDraftProposal` through the gateway, c4', 'raise-gateway-c4', 'trivial-c8', None)]
out = [f"Run of {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC on {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
       f"commit {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}: "
       f"median of {rounds} rounds, n={n} (trivial c8 {5 * int(n)}, writes {int(writes):,}, sequential 3,000 or 5,000), every request checked for success. "
       f"A ratio is the median of each round's call against the same round's yardstick, with the rounds' lowest and highest in brackets.", "",
       "| call | req/s | ratio | against | failed | target |", "| --- | ---: | ---: | --- | ---: | --- |"]
def ratio(key, base, digits):
    # Each round's call against the same round's yardstick, so a slow spell of the machine falls on both;
    # the median of the rounds, and their spread.
    if key == base: return f"{1:.{digits}f}"
    pairs = [float(a[1]) / float(b[1]) for a, b in zip(by.get(key, []), by.get(base, []))]
    if not pairs: return None
    spread = f" ({min(pairs):.{digits}f}–{max(pairs):.{digits}f})" if len(pairs) > 1 else ""
    return f"{statistics.median(pairs):.{digits}f}{spread}"
for name, key, base, target in rows:
    v = med(key)
    if v is None: continue
    against = 'trivial sequential' if base == 'trivial-c1' else 'trivial c8'
    out.append(f"| {name} | {v:,.0f} | {ratio(key, base, 3)} | {against} | {fails(key)} | {target or ''} |")
if med('get-c16m10') and med('get-gateway-c16m10'):
    out.append(f"| gateway read ÷ direct read, c16 m10 | | {ratio('get-gateway-c16m10', 'get-c16m10', 2)} | direct read | | ≥ 0.75 |")
if med('get-c16m10') and med('get-yarp-alone-c16m10'):
    out.append(f"| YARP alone ÷ direct read, c16 m10 | | {ratio('get-yarp-alone-c16m10', 'get-c16m10', 2)} | direct read | | the gateway's floor |")
out.append("")
if 'e2e-p50' in by:
    e = by['e2e-p99'][0]
    out.append(f"Event end to end through RabbitMQ at 200 writes a second ({med('e2e-writes-200'):,.0f} req/s achieved): "
               f"outbox row to the consumer's inbox, p50 {med('e2e-p50'):.1f} ms, p99 {med('e2e-p99'):.1f} ms "
               f"({e[2]} of {e[3]} events applied; target p99 < 100 ms).")
    out.append("")
for s in ('1000', '10000'):
    if f'report-{s}-first' in by:
        out.append(f"Change Status Report at {int(s):,} modifications: first call after a start {med(f'report-{s}-first'):,.0f} ms, "
                   f"warm {med(f'report-{s}-warm'):,.1f} ms (mean of 10)" + (" (targets: < 500 ms first, < 100 ms warm)." if s == '10000' else "."))
table = "\n".join(out).rstrip() + "\n"
print(table)
text = open(doc).read()
begin, end = '<!-- benchmark:run -->', '<!-- benchmark:end -->'
if begin in text and end in text:
    text = text[:text.index(begin) + len(begin)] + "\n" + table + text[text.index(end):]
else:
    text += f"\n## The last run of tests/benchmark.sh\n\n{begin}\n{table}{end}\n"
open(doc, 'w').write(text)
PY
