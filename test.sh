#!/usr/bin/env bash
# Runs the whole test suite (every module) with a JDK >= 21, found automatically.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
. "$root/scripts/jdk.sh"
llmpolicy_find_jdk || exit 2
cd "$root"
exec mvn -B ${MAVEN_ARGS:-} verify "$@"
