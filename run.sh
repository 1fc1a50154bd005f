#!/usr/bin/env bash
# Runs the whole suite on the embedded default: all four contexts in one process, SQLite files
# under ./data, the in-memory bus, gRPC on localhost:5000 and JSON/health on localhost:5080.
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project services/AllInOne/Sec.AllInOne -c Release -- --Storage:DataDirectory="$PWD/data" "$@"
