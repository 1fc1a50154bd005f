#!/usr/bin/env bash
# Runs every test of the suite: unit, service, deployment and system tests.
# On a fresh machine it first installs what the tests need (as root): RabbitMQ, which the system
# tests start as a private node of their own, Debian's docker-compose, which validates the
# production compose file offline, and Debian's chromium, which the web pages' tests drive headless.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need: ${missing[*]}. Install them (sudo apt-get install -y ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dotnet build Sec.sln -c Release -nologo -clp:ErrorsOnly
log=$(mktemp)
status=0
# One test assembly at a time: the system tests' processes and the service tests would
# otherwise compete for this machine's two cores and stretch every timing.
dotnet test Sec.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit $status
