# Shared by servers/up and servers/down (sourced, not executed).
# Everything both scripts must agree on lives here: names, addresses, paths,
# how to tell that a recorded pid is really "our" server.

SERVERS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
STATE_DIR=$SERVERS_DIR/state
# In a git worktree, state is a symlink to the live state: resolve it, or the pid check (which compares the
# config path in the server's command line) fails and servers/down drops the live server's pid file.
[ -d "$STATE_DIR" ] && STATE_DIR=$(cd "$STATE_DIR" && pwd -P)
CERT_DIR=$STATE_DIR/certs

ALL_SERVERS=(prosody ejabberd)
declare -A DOMAIN=([prosody]=prosody.test [ejabberd]=ejabberd.test)
# One loopback address per server: s2s always dials port 5269 of the peer's
# address (no SRV records here), so the two servers cannot share an address.
declare -A ADDR=([prosody]=127.0.0.1 [ejabberd]=127.0.0.2)
# Ports that must be listening before a server counts as up.
declare -A PORTS=([prosody]="5222 5223 5269 5280 5281 5347" [ejabberd]="5222 5223 5269 5280 5443 5347")
# HTTPS: BOSH, WebSocket, XEP-0156 host-meta and upload.
declare -A HTTPS_PORT=([prosody]=5281 [ejabberd]=5443)

# Fixed Erlang distribution port: with it ejabberdctl never starts epmd
# (which would listen on 0.0.0.0:4369 and outlive ejabberd).
EJABBERD_NODE=stanzalab@localhost
EJABBERD_DIST_PORT=25290

say() { printf '%-10s %s\n' "$1" "$2"; }
die() { echo "servers: $*" >&2; exit 1; }

# Argument handling shared by up/down: no argument = every server.
pick_servers() {
  SELECTED=()
  if [ $# -eq 0 ]; then SELECTED=("${ALL_SERVERS[@]}"); return; fi
  local a s ok
  for a in "$@"; do
    ok=
    for s in "${ALL_SERVERS[@]}"; do [ "$a" = "$s" ] && ok=1; done
    [ -n "$ok" ] || die "unknown server '$a' (expected: ${ALL_SERVERS[*]})"
    SELECTED+=("$a")
  done
}

# Microseconds since the epoch; digits only, so a locale with a decimal comma
# does not break the arithmetic.
now_us() { local t=${EPOCHREALTIME//[!0-9]/}; echo "$t"; }
seconds_since() { # $1 = start from now_us -> "1.23"
  local d=$(( $(now_us) - $1 ))
  printf '%d.%02d' $(( d / 1000000 )) $(( d % 1000000 / 10000 ))
}

# A real TCP connect, so "open" means "accepts connections", not just bound.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid_matches PID PATTERN: PID is alive and its command line contains PATTERN.
# Guards against a recycled pid after a reboot or a crash.
pid_matches() {
  local pid=$1 pattern=$2 cmd
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmd == *"$pattern"* ]]
}

prosody_cfg() { echo "$STATE_DIR/prosody/prosody.cfg.lua"; }
prosody_pidfile() { echo "$STATE_DIR/prosody/prosody.pid"; }
# The recorded pid, if it still is the Prosody started with our config.
prosody_pid() {
  local f pid
  f=$(prosody_pidfile); [ -f "$f" ] || return 1
  pid=$(<"$f")
  pid_matches "$pid" "$(prosody_cfg)" && echo "$pid"
}

ejabberd_pidfile() { echo "$STATE_DIR/ejabberd/run/ejabberd.pid"; }
# ejabberd writes this file itself (EJABBERD_PID_PATH); it is the beam VM's pid.
ejabberd_pid() {
  local f pid
  f=$(ejabberd_pidfile); [ -f "$f" ] || return 1
  pid=$(<"$f")
  pid_matches "$pid" "$STATE_DIR/ejabberd/spool" && echo "$pid"
}

# ejabberdctl against OUR node. --config-dir is the important part: with only
# --config, Debian's /etc/ejabberd/ejabberdctl.cfg is still sourced and points
# EJABBERD_CONFIG_PATH back at /etc/ejabberd/ejabberd.yml.
ectl() {
  timeout 60 ejabberdctl --config-dir "$STATE_DIR/ejabberd/conf" "$@"
}

# wait_gone PID SECONDS: true once PID has exited.
wait_gone() {
  local pid=$1 i
  for ((i = 0; i < $2 * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}
