#!/usr/bin/env bash
# Installs the PHP command-line interpreter and its SOAP extension (SoapClient) from Debian.
set -euo pipefail
if php -r 'exit(class_exists("SoapClient") ? 0 : 1);' 2>/dev/null; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends php-cli php-soap \
  || { apt-get update && apt-get install -y --no-install-recommends php-cli php-soap; }
