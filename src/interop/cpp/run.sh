#!/usr/bin/env bash
# Fetches the WSDL from IPS_WSDL, generates and compiles gSOAP C++ stubs from it (Makefile), then
# runs the scenario against IPS_ENDPOINT. Generated files stay in build/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
: "${IPS_WSDL:?IPS_WSDL is not set}"
if ! command -v wsdl2h >/dev/null || ! command -v g++ >/dev/null || ! command -v make >/dev/null \
   || [ ! -f /usr/include/stdsoap2.h ]; then
  ./install.sh >&2
fi
mkdir -p build
# Replace the cached WSDL only when the served one differs, so an unchanged contract is not rebuilt.
curl -fsS -o build/IpsApi.wsdl.new "$IPS_WSDL"
if cmp -s build/IpsApi.wsdl.new build/IpsApi.wsdl; then rm build/IpsApi.wsdl.new; else mv build/IpsApi.wsdl.new build/IpsApi.wsdl; fi
make -s -j"$(nproc)" build/scenario >&2
exec build/scenario
