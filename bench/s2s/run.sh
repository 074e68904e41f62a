#!/usr/bin/env bash
# S2S benchmark (not run by mvn verify): fedgate -> Prosody next to Prosody -> Prosody, on the same
# machine, in the same run, to the same receiving Prosody. Messages/s, latency percentiles and the
# CPU time each process spent per message (utime + stime from /proc/PID/stat before and after).
#   flock /work/bench.lock bench/s2s/run.sh     # PAIRS=20 MESSAGES=100000 WARMUP=60000 by default
# Phases: Prosody A saturated (its rate R); fedgate JVM warm-up (WARM_ROUNDS=2, unmeasured);
# fedgate saturated; fedgate paced at R (the target's comparison); both paced at PACED_SHARE x R.
# FEDGATE_JAVA_OPTS: the fedgate JVM's options (default -Xmx512m; e.g. -Dtls=jdk for the JDK's TLS,
# -XX:+UseSerialGC, -XX:StartFlightRecording=...). PROFILE_ONLY=1: only the fedgate phases, saturated or at
# PROFILE_RATE messages/s (a short profiling run; no Prosody A phase, no ratio).
# Addresses (s2s block): fedgate 127.0.0.10, Prosody A 127.0.0.11, Prosody B 127.0.0.12,
# dnsmasq 127.0.0.14. Needs: openssl, prosody + lua-unbound, dnsmasq, java 17, and the bench
# module built: mvn -B -o -Pbench -pl bench -am package -DskipTests -Djacoco.skip=true
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
pairs="${PAIRS:-20}"
messages="${MESSAGES:-100000}"
warmup="${WARMUP:-60000}"
paced_share="${PACED_SHARE:-0.8}" # the paced runs offer this share of Prosody's saturated rate
warm_rounds="${WARM_ROUNDS:-2}"   # unmeasured rounds that warm the fedgate JVM (JIT) first
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "work dir kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
cd "$work"
cp="$root/bench/target/classes:$root/bench/target/lib/*"
[ -d "$root/bench/target/lib" ] || { echo "build the bench module first (see above)" >&2; exit 1; }

FEDGATE=127.0.0.10 PA=127.0.0.11 PB=127.0.0.12 DNS=127.0.0.14
DNS_PORT=15353 C2S_PORT=15223 S2S_PORT=15269

# --- test PKI (EC P-256, generated per run, never kept) ------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
  -days 2 -subj "/CN=bench S2S CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
mkdir -p certs
for d in a.test b.test fedgate.test; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "certs/$d.key" \
    -out "$d.csr" -subj "/CN=$d" 2>/dev/null
  printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=critical,digitalSignature\n' \
    "$d" > "$d.ext"
  openssl x509 -req -in "$d.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -out "certs/$d.crt" \
    -days 2 -extfile "$d.ext" 2>/dev/null
done
cp ca.pem certs/ca.pem

# --- DNS: SRV for the three domains, never forwarding ---------------------------------------------
cat > dnsmasq.conf <<CFG
port=$DNS_PORT
listen-address=$DNS
bind-interfaces
no-resolv
no-hosts
local=/test/
srv-host=_xmpp-server._tcp.a.test,s2s.a.test,$S2S_PORT,0,5
srv-host=_xmpp-server._tcp.b.test,s2s.b.test,$S2S_PORT,0,5
srv-host=_xmpp-server._tcp.fedgate.test,s2s.fedgate.test,$S2S_PORT,0,5
address=/s2s.a.test/$PA
address=/s2s.b.test/$PB
address=/s2s.fedgate.test/$FEDGATE
CFG
dnsmasq --keep-in-foreground --conf-file="$work/dnsmasq.conf" --pid-file="$work/dnsmasq.pid" \
  --log-facility="$work/dnsmasq.log" &
pids+=($!)

# --- two Prosody servers: TLS + SASL EXTERNAL (s2s_secure_auth), no limits module, no Nagle ----
prosody_conf() { # $1 name, $2 address, $3 domain
  mkdir -p "$1/data/${3//./%2e}/accounts"
  for i in $(seq 0 $((pairs - 1))); do
    printf 'return {\n\t["password"] = "p%d";\n};\n' "$i" > "$1/data/${3//./%2e}/accounts/u$i.dat"
    printf 'return {\n\t["password"] = "p%d";\n};\n' "$i" > "$1/data/${3//./%2e}/accounts/r$i.dat"
  done
  cat > "$1/prosody.cfg.lua" <<CFG
pidfile = "$work/$1/prosody.pid"
data_path = "$work/$1/data"
certificates = "$work/certs"
run_as_root = true
log = { warn = "$work/$1/prosody.log" }
interfaces = { "$2" }
c2s_ports = {}
c2s_direct_tls_ports = { $C2S_PORT }
s2s_ports = { $S2S_PORT }
http_ports = {}
https_ports = {}
modules_enabled = { "saslauth"; "tls"; "disco"; "posix" }
modules_disabled = { "limits" }
c2s_require_encryption = true
s2s_require_encryption = true
s2s_secure_auth = true
authentication = "internal_plain"
storage = "internal"
network_settings = { nagle = false }
unbound = { options = { ["local-zone"] = "test. transparent" }, forward = "$DNS@$DNS_PORT", resolvconf = false }
ssl = { certificate = "$work/certs/$3.crt", key = "$work/certs/$3.key", cafile = "$work/certs/ca.pem" }
VirtualHost "$3"
  ssl = { certificate = "$work/certs/$3.crt", key = "$work/certs/$3.key", cafile = "$work/certs/ca.pem" }
CFG
}
mkdir -p pa pb
prosody_conf pa "$PA" a.test
prosody_conf pb "$PB" b.test
prosody --config "$work/pa/prosody.cfg.lua" -F > pa/stdout 2>&1 &
PID_A=$!; pids+=($PID_A)
prosody --config "$work/pb/prosody.cfg.lua" -F > pb/stdout 2>&1 &
PID_B=$!; pids+=($PID_B)

# --- fedgate: the xmpp-federation C2S + S2S stack in its own JVM ---------------------------------
java ${FEDGATE_JAVA_OPTS:--Xmx512m} -cp "$cp" io.fedgate.bench.S2sBench fedgate.test "$FEDGATE" \
  "$FEDGATE" "$work/certs" "$pairs" "b.test=$PB:$S2S_PORT" > fedgate.out 2>&1 &
PID_F=$!; pids+=($PID_F)

for _ in $(seq 1 120); do grep -q READY fedgate.out 2>/dev/null && break; sleep 0.5; done
read -r _ FEDGATE_C2S _ <<< "$(grep READY fedgate.out)"
for target in "$PA:$C2S_PORT" "$PB:$C2S_PORT" "$PA:$S2S_PORT" "$PB:$S2S_PORT"; do
  for _ in $(seq 1 120); do ss -ltn | grep -q " ${target} " && break; sleep 0.5; done
done

clients() { # $1 sender host:port, $2 sender domain, $3 rate, $4 pids
  java -Xmx512m -cp "$cp" io.fedgate.bench.S2sBench clients "$1" "$2" "$PB:$C2S_PORT" b.test \
    "$pairs" "$messages" "$warmup" "$3" "$4"
}
jit() { # the fedgate JVM's JIT compilations so far (count, seconds): warm-up still going on?
  echo "fedgate JIT so far: $(jstat -compiler "$PID_F" | awk 'NR == 2 { print $1 " compilations, " $4 " s" }')"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
if [ -n "${PROFILE_ONLY:-}" ]; then # a short profiling run: fedgate saturated only, no ratio
  echo "== fedgate -> Prosody B at ${PROFILE_RATE:-0}/s (0: as fast as possible; profiling run)"
  for round in $(seq 1 "${PROFILE_ROUNDS:-1}"); do # later rounds: a JVM warmed by the earlier
    read -r -a st0 < "/proc/$PID_F/stat"
    clients "$FEDGATE:$FEDGATE_C2S" fedgate.test "${PROFILE_RATE:-0}" "fedgate=$PID_F,prosody-b=$PID_B" \
      | tee f2p.txt
    read -r -a st1 < "/proc/$PID_F/stat"
    echo "round $round, fedgate ticks over all phases: user $((st1[13] - st0[13])), system $((st1[14] - st0[14]))"
    jit
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  kill "$PID_F"; wait "$PID_F" 2>/dev/null || true
  cat fedgate.out
  exit 0
fi
echo "== Prosody A -> Prosody B, as fast as possible"
clients "$PA:$C2S_PORT" a.test 0 "prosody-a=$PID_A,prosody-b=$PID_B" | tee p2p.txt
rate=$(sed -n 's/^measured: .* s, \([0-9]*\) messages\/s.*/\1/p' p2p.txt)
paced=$(awk -v r="$rate" -v s="$paced_share" 'BEGIN { printf "%.0f", r * s }')
# The fedgate JVM compiles its hot paths for tens of seconds (C2, one compiler thread on 2 cores);
# measured before that, its CPU per message is mostly the JIT's (bench/README.md). A node runs for
# days, so it is warmed first: WARM_ROUNDS unmeasured rounds (log-ins, a saturated burst, paced).
for round in $(seq 1 "$warm_rounds"); do
  echo "== fedgate JVM warm-up round $round (not measured)"
  java -Xmx512m -cp "$cp" io.fedgate.bench.S2sBench clients "$FEDGATE:$FEDGATE_C2S" fedgate.test \
    "$PB:$C2S_PORT" b.test "$pairs" "$((paced * 8))" "$warmup" "$paced" "fedgate=$PID_F" \
    | grep '^measured: cpu' || true
  jit
done
echo "== fedgate -> Prosody B, as fast as possible"
clients "$FEDGATE:$FEDGATE_C2S" fedgate.test 0 "fedgate=$PID_F,prosody-b=$PID_B" | tee f2p.txt
jit
echo "== fedgate -> Prosody B at Prosody A's saturated rate, $rate/s"
clients "$FEDGATE:$FEDGATE_C2S" fedgate.test "$rate" "fedgate=$PID_F,prosody-b=$PID_B" \
  | tee f2p-at-rate.txt
jit
echo "== Prosody A -> Prosody B, paced at $paced/s ($paced_share of Prosody's saturated rate)"
clients "$PA:$C2S_PORT" a.test "$paced" "prosody-a=$PID_A,prosody-b=$PID_B" | tee p2p-paced.txt
echo "== fedgate -> Prosody B, paced at $paced/s"
clients "$FEDGATE:$FEDGATE_C2S" fedgate.test "$paced" "fedgate=$PID_F,prosody-b=$PID_B" \
  | tee f2p-paced.txt
jit
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
us() { sed -n "s/^measured: cpu $2 .*, \([0-9.]*\) us per message/\1/p" "$1"; }
awk -v f="$(us f2p.txt fedgate)" -v p="$(us p2p.txt prosody-a)" \
  -v fr="$(us f2p-at-rate.txt fedgate)" \
  -v fp="$(us f2p-paced.txt fedgate)" -v pp="$(us p2p-paced.txt prosody-a)" \
  'BEGIN { printf "CPU per message, fedgate / Prosody A: at Prosody A'"'"'s saturation rate %.2f (target <= 0.50); both saturated %.2f; both paced at %s of it %.2f\n", fr / p, f / p, "'"$paced_share"'", fp / pp }'
grep -h "bounced\|connection" fedgate.out || true
