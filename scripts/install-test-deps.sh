#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (real peers and servers run by the tests on
# loopback). Idempotent: does nothing when everything is there. Needs root (or sudo) to install.
set -euo pipefail

packages=(
  postgresql            # PostgreSQL migration IT (the cluster JDBC path)
  prosody lua-unbound   # XMPP S2S interop (lua-unbound: Prosody resolves through the test DNS)
  dnsmasq               # the test DNS server (SRV records for the .test domains)
  bind9-dnsutils        # dig, to check the test DNS
  sip-tester            # SIPp (no TLS in Debian's build: its TLS legs go through stunnel)
  stunnel4              # TLS legs for SIPp; TLS proxy comparison
  kamailio kamailio-tls-modules  # a real SIP/TLS proxy standing in for a partner Edge
  haproxy               # TLS proxy benchmark anchor
  chromium chromium-driver       # admin pages under Selenium
  sendxmpp              # a second, independent XMPP client (C2S interop IT)
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-test-deps: need root to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi

# Package post-install scripts try to start their daemons; the tests start their own instances.
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=yes
fi
trap '[ -n "$created_policy" ] && $sudo rm -f "$policy"' EXIT

echo "install-test-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
