#!/usr/bin/env bash
# Installs the C++ client's tools from Debian: gsoap (wsdl2h, soapcpp2, custom serializers),
# libgsoap-dev (stdsoap2.h and libgsoap++), g++, make, curl. Safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
pkgs=(gsoap libgsoap-dev g++ make curl)
missing=()
for p in "${pkgs[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
