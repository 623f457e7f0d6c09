#!/usr/bin/env bash
# Nothing to install: the scenario needs only the JDK that builds the project.
set -euo pipefail
command -v java >/dev/null
