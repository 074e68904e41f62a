#!/usr/bin/env bash
# TLS proxy benchmark (not run by mvn verify): full TLS handshakes/s and bulk throughput through
# fedgate's tls-proxy next to haproxy doing the same TLS re-origination, on the same machine, in
# the same run, against the same backend (openssl s_server, mutual TLS). Addresses 127.0.0.46-49.
#   bench/tls-proxy/run.sh            # SECONDS_PER_RUN=10 CLIENTS=2 by default
# Needs: openssl, haproxy, java 17, the built appliance (./fedgate builds it on first use).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
secs="${SECONDS_PER_RUN:-10}"
clients="${CLIENTS:-2}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
cd "$work"

# --- test PKI (RSA-2048, generated per run, never kept) -------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj "/CN=bench CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null
leaf() {
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$2" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "$1.pem" -days 2 \
    -extfile "$1.ext" 2>/dev/null
  cat "$1.pem" "$1.key" > "$1.combined.pem"
}
leaf proxy proxy.bench.example
leaf backend backend.bench.example
leaf client sip.partner.example
for id in client backend; do
  openssl pkcs12 -export -in "$id.pem" -inkey "$id.key" -certfile ca.pem -out "$id.p12" \
    -passout pass:bench
done
javac -d sml "$here/SipMessageLoad.java"
head -c 100000000 /dev/zero > big.bin
echo ok > small.txt

BACKEND=127.0.0.47:15100
HAPROXY=127.0.0.46:15200
FEDGATE=127.0.0.48:15300
FEDGATE_JDK=127.0.0.49:15400
# SIP MESSAGE load: a SIP backend answering 200 OK, reached the same three ways
SIP_BACKEND=127.0.0.47:15101
SIP_HAPROXY=127.0.0.46:15201
SIP_FEDGATE=127.0.0.48:15301
SIP_FEDGATE_JDK=127.0.0.49:15401

# --- backend ---------------------------------------------------------------------------------
openssl s_server -accept "$BACKEND" -cert backend.pem -key backend.key -CAfile ca.pem -Verify 1 \
  -WWW -quiet > backend.log 2>&1 &
pids+=($!)
java -cp sml SipMessageLoad server "$SIP_BACKEND" backend.p12 > sip-backend.log 2>&1 &
pids+=($!)

# --- haproxy: TLS in, TLS out ------------------------------------------------------------------
cat > haproxy.cfg <<CFG
global
  nbthread 2
  maxconn 4000
defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend fe
  bind $HAPROXY ssl crt $work/proxy.combined.pem ca-file $work/ca.pem verify required
  default_backend be
backend be
  server s1 $BACKEND ssl verify required ca-file $work/ca.pem crt $work/proxy.combined.pem sni str(backend.bench.example)
frontend fe_sip
  bind $SIP_HAPROXY ssl crt $work/proxy.combined.pem ca-file $work/ca.pem verify required
  default_backend be_sip
backend be_sip
  server s1 $SIP_BACKEND ssl verify required ca-file $work/ca.pem crt $work/proxy.combined.pem sni str(backend.bench.example)
CFG
haproxy -f haproxy.cfg -db > haproxy.log 2>&1 &
pids+=($!)

# --- fedgate tls-proxy ---------------------------------------------------------------------------
proxy_config() { # $1 listen address:port, $2 tls-provider, $3 SIP listen address:port
  cat <<CFG
proxy.threads = 2
proxy.tls-provider = $2
trustpoint.proxy.certificate = proxy.pem
trustpoint.proxy.key = proxy.key
trustpoint.ca.certificate = ca.pem
instance.in.direction = inbound
instance.in.server-trust-point = proxy
instance.in.server-trust = ca
instance.in.client-trust-point = proxy
instance.in.client-trust = ca
instance.in.upstream-name = backend.bench.example
instance.in.access-list = all
acl.all.1 = permit tcp any any
pat.1 = $BACKEND $1 in
pat.2 = $SIP_BACKEND $3 in
CFG
}
# fedgate with BoringSSL (netty-tcnative, the default) and with the JDK's TLS (ADR 17)
proxy_config "$FEDGATE" openssl "$SIP_FEDGATE" > proxy.properties
proxy_config "$FEDGATE_JDK" jdk "$SIP_FEDGATE_JDK" > proxy-jdk.properties
FEDGATE_JAVA_OPTS="${FEDGATE_JAVA_OPTS:-} -Dlogback.configurationFile=$here/logback-bench.xml" \
  "$root/fedgate" tls-proxy --config proxy.properties > fedgate.log 2>&1 &
pids+=($!)
if [ -z "${SKIP_JDK:-}" ]; then
  FEDGATE_JAVA_OPTS="${FEDGATE_JAVA_OPTS:-} -Dlogback.configurationFile=$here/logback-bench.xml" \
    "$root/fedgate" tls-proxy --config proxy-jdk.properties > fedgate-jdk.log 2>&1 &
  pids+=($!)
fi

targets=("$BACKEND" "$HAPROXY" "$FEDGATE")
[ -z "${SKIP_JDK:-}" ] && targets+=("$FEDGATE_JDK")
sip_targets=("$SIP_BACKEND" "$SIP_HAPROXY" "$SIP_FEDGATE")
[ -z "${SKIP_JDK:-}" ] && sip_targets+=("$SIP_FEDGATE_JDK")
for target in "${targets[@]}" "${sip_targets[@]}"; do
  for _ in $(seq 1 120); do
    # a JVM listener shows as [::ffff:ADDRESS]:PORT
    ss -ltn | grep -qE " (\[::ffff:)?${target%:*}\]?:${target##*:} " && break
    sleep 0.5
  done
done

# --- measure -------------------------------------------------------------------------------------
# handshakes: new TLS session per connection (full handshake on both legs), tiny page
# bulk: one 100 MB file per connection
run() { # $1 target, $2 page, $3 mode (-new|-reuse) -> "connections seconds bytes_per_connection"
  local out total=0 conns=0 bytes=0 real=0
  for i in $(seq 1 "$clients"); do
    openssl s_time -connect "$1" "$3" -time "$secs" -cert client.pem -key client.key \
      -CAfile ca.pem -www "$2" > "s_time.$i" 2>&1 &
  done
  wait_all=$(jobs -p | tail -n "$clients")
  for p in $wait_all; do wait "$p" || true; done
  for i in $(seq 1 "$clients"); do
    out="$(grep -m1 'real seconds' "s_time.$i" || echo '0 connections in 1 real seconds')"
    conns=$((conns + $(echo "$out" | awk '{print $1}')))
    real=$(echo "$out" | awk '{print $4}')
    b=$(echo "$out" | sed -n 's/.*, \([0-9]*\) bytes read per connection.*/\1/p')
    bytes=${b:-0}
  done
  echo "$conns $real $bytes"
}
# MESSAGE load: $sip_conns connections, $sip_window MESSAGEs outstanding on each -> "answered/s"
sip_conns="${SIP_CONNECTIONS:-4}"
sip_window="${SIP_WINDOW:-32}"
sip_run() { # $1 target, $2 seconds
  java -cp sml SipMessageLoad client "$1" client.p12 "$sip_conns" "$sip_window" "$2" \
    | awk '{ printf "%.0f", $1 / $2 }'
}
# the JVM gets the same chance as the C proxies: JIT-compiled handshake and relay paths
warmup="${WARMUP_SECONDS:-20}"
echo "warming up the fedgate JVM for ${warmup}s..." >&2
SECS_SAVED=$secs; secs=$warmup
for t in "${targets[@]:2}"; do
  run "$t" /small.txt -new > /dev/null
  run "$t" /big.bin -reuse > /dev/null
done
for t in "${sip_targets[@]:2}"; do
  sip_run "$t" "$warmup" > /dev/null
done
secs=$SECS_SAVED
printf '%-12s %14s %14s %14s\n' "target" "handshakes/s" "bulk MB/s" "MESSAGE/s"
names="direct haproxy fedgate"
[ -z "${SKIP_JDK:-}" ] && names="$names fedgate_jdk"
for name in $names; do
  case $name in
    direct) t=$BACKEND ;; haproxy) t=$HAPROXY ;; fedgate) t=$FEDGATE ;; fedgate_jdk) t=$FEDGATE_JDK ;;
  esac
  case $name in
    direct) st=$SIP_BACKEND ;; haproxy) st=$SIP_HAPROXY ;; fedgate) st=$SIP_FEDGATE ;;
    fedgate_jdk) st=$SIP_FEDGATE_JDK ;;
  esac
  read -r c r _ <<< "$(run "$t" /small.txt -new)"
  hs=$(awk -v c="$c" -v r="$r" 'BEGIN { printf "%.0f", c / r }')
  read -r c r b <<< "$(run "$t" /big.bin -reuse)"
  mb=$(awk -v c="$c" -v r="$r" -v b="$b" 'BEGIN { printf "%.0f", c * b / r / 1e6 }')
  msg=$(sip_run "$st" "$secs")
  printf '%-12s %14s %14s %14s\n' "$name" "$hs" "$mb" "$msg"
  eval "hs_$name=$hs mb_$name=$mb msg_$name=$msg"
done
ratios() { # $1 label, $2 fedgate variant
  local hs="hs_$2" mb="mb_$2" msg="msg_$2"
  awk -v a="${!hs}" -v b="$hs_haproxy" -v c="${!mb}" -v d="$mb_haproxy" -v e="${!msg}" \
    -v f="$msg_haproxy" -v l="$1" \
    'BEGIN { printf "%s/haproxy: handshakes %.2f, bulk %.2f, MESSAGE %.2f\n", l, a / b, c / d, e / f }'
}
ratios fedgate fedgate
[ -z "${SKIP_JDK:-}" ] && ratios "fedgate (JDK TLS)" fedgate_jdk
true
