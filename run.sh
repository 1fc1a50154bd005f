#!/usr/bin/env bash
# Runs the whole suite on the embedded default: all four contexts in one process, SQLite files
# under ./data, the in-memory bus, gRPC on localhost:5000 and JSON/health on localhost:5080.
# On the first start it loads the demo register (the real modifications from the papers) through
# the public APIs with `sec import`; SEC_DEMO=0 starts with an empty register instead. Every call
# needs a token: the suite signs them with a development key it keeps in the data folder, and
# `sec login` mints one with that key (the command is printed at the end).
# SEC_DATA, SEC_GRPC_PORT and SEC_HTTP_PORT move the data folder and the two ports.
set -euo pipefail
cd "$(dirname "$0")"
data="${SEC_DATA:-$PWD/data}"
grpc_port="${SEC_GRPC_PORT:-5000}"
http_port="${SEC_HTTP_PORT:-5080}"
mkdir -p "$data"
dotnet build services/AllInOne/Sec.AllInOne -c Release -v quiet -nologo
dotnet build clients/Sec.Cli -c Release -v quiet -nologo
# From its project folder, as `dotnet run` would, so it finds its appsettings.json. The report asks
# the other contexts for their sections on the same gRPC port.
(cd services/AllInOne/Sec.AllInOne && exec dotnet bin/Release/net10.0/Sec.AllInOne.dll --Storage:DataDirectory="$data" \
  --Kestrel:Endpoints:Grpc:Url="http://localhost:$grpc_port" --Kestrel:Endpoints:Http:Url="http://localhost:$http_port" \
  --Proposals:Report:Assessments="http://localhost:$grpc_port" --Proposals:Report:ChangeBoard="http://localhost:$grpc_port" \
  --Proposals:Report:Releases="http://localhost:$grpc_port" "$@") &
suite=$!
trap 'kill "$suite" 2>/dev/null || true; wait "$suite" 2>/dev/null || true' EXIT INT TERM

# Ready means migrated and listening: /health/ready answers 200 (plain bash, no curl needed).
ready() {
  { exec 3<>"/dev/tcp/127.0.0.1/$http_port"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  local status; read -r _ status _ <&3 || status=""
  exec 3>&-
  [ "$status" = 200 ]
}
for _ in $(seq 1 120); do
  ready && break
  kill -0 "$suite" 2>/dev/null || { echo "The suite stopped while starting." >&2; exit 1; }
  sleep 0.5
done
ready || { echo "The suite did not become ready in 60 s." >&2; exit 1; }
# The suite creates its development signing key on its first call; the import signs its tokens with it.
key="$data/identity/signing-key.pem"
for _ in $(seq 1 20); do [ -s "$key" ] && break; sleep 0.5; done
sec="dotnet clients/Sec.Cli/bin/Release/net10.0/sec.dll"

if [ "${SEC_DEMO:-1}" != 0 ] && [ ! -f "$data/.demo-register-loaded" ]; then
  echo "First start: loading the demo register from the papers (demo/register-2016-2020.json)..."
  $sec import demo/register-2016-2020.json --gateway "http://localhost:$grpc_port" --data "$data"
  touch "$data/.demo-register-loaded"
fi
echo "Log in to act (a token signed with the development key in $data, kept in ${SEC_HOME:-$HOME/.sec}/token):"
echo "  $sec login --as \"Holly Burton\" --organisation SECAS --role secas --role reader --data \"$data\""
echo "The suite is up: gRPC on localhost:$grpc_port, JSON and health on localhost:$http_port. Then try: $sec show MP122"
wait "$suite"
