# Shared helpers for the lab scripts (sourced, not executed).
# shellcheck disable=SC2034,SC2154  # variables are used by the sourcing scripts
#
# The lab turns this one machine into N libvirt "hosts": each host lab-i is a
# network namespace (address 10.77.0.i/24 on bridge ferrybr0, root side
# 10.77.0.254) in which a root libvirtd runs inside a private mount namespace
# whose /run/libvirt, /var/lib/libvirt, /etc/libvirt, /var/log/libvirt and
# /var/cache/libvirt are that host's own directories under the lab dir.

set -eEuo pipefail

# If a command fails outside die/usage_die, set -e ends the script with no
# word; name the failed command and where it was instead.
LAB_LAST_ERR=""
LAB_EXPECTED_EXIT=0
trap 'LAB_LAST_ERR="${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND"' ERR
trap 'lab_rc=$?; if ((lab_rc != 0 && LAB_EXPECTED_EXIT == 0)) && [[ -n $LAB_LAST_ERR ]]; then
          printf "lab: error: unexpected failure (exit %s) at %s\n" "$lab_rc" "$LAB_LAST_ERR" >&2; fi' EXIT

LAB_DIR="${FERRY_LAB_DIR:-/var/lib/ferry-lab}"
LAB_HOSTS_DIR="$LAB_DIR/hosts"      # per-host state, one subdir per host
LAB_PIDS_DIR="$LAB_DIR/pids"        # one file per process we started
LAB_SHARED_DIR="$LAB_DIR/shared"    # same path, same files on every host
LAB_SHARED_STORE="$LAB_DIR/shared-store"  # where the shared files really live
LAB_CACHE_DIR="$LAB_DIR/cache"      # guest kernel/initramfs; kept by `down` unless --purge
LAB_SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_INVENTORY="$LAB_SCRIPT_DIR/ferry.yaml"
LAB_SASL_DIR="$LAB_DIR/sasl"        # passwords of SASL hosts (lab/up --sasl) and the client auth file
LAB_AUTH_FILE="$LAB_SASL_DIR/auth.conf"
LAB_SASL_USER=ferry

LAB_BRIDGE=ferrybr0
LAB_NET_PREFIX=10.77.0
LAB_ROOT_ADDR="$LAB_NET_PREFIX.254"
LAB_MAX_HOSTS=253
# Each host's libvirtd, and so every guest's QEMU, runs at this nice level.
# Under emulation (TCG), a guest migrated while other processes starve its
# QEMU threads of CPU can arrive corrupted (see "Emulation can corrupt" in
# lab/README.md); on real hosts guests do not share CPUs with ferry's JVMs.
QEMU_NICE=-10

# The paths every host gets privately, mapped to subdirs of its state dir.
# Order matters only for readability; each is an independent bind mount.
LAB_PRIVATE_DIRS=(/run/libvirt /var/lib/libvirt /etc/libvirt /var/log/libvirt /var/cache/libvirt)

# Debian packages the lab needs on the machine itself.
LAB_PACKAGES=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients libvirt0
              qemu-system-x86 qemu-utils iproute2 busybox-static cpio gzip procps bindfs)

# Only for lab/up --sasl: saslpasswd2 and the DIGEST-MD5 mechanism.
LAB_SASL_PACKAGES=(sasl2-bin libsasl2-modules)

# virsh and every other libvirt client the scripts run answer a SASL host's password prompt from
# this file (libvirt's auth.conf format). ferry itself does not use it: its worker reads the
# password file the inventory names.
if [[ -r $LAB_AUTH_FILE ]]; then export LIBVIRT_AUTH_FILE="$LAB_AUTH_FILE"; fi

log()  { printf '%s\n' "$*"; }
warn() { printf 'lab: warning: %s\n' "$*" >&2; }
die()  { printf 'lab: error: %s\n' "$*" >&2; LAB_EXPECTED_EXIT=1; exit 1; }
# Usage errors exit 2 so callers can tell them from runtime failures.
usage_die() { printf 'lab: usage error: %s\n' "$*" >&2; LAB_EXPECTED_EXIT=1; exit 2; }

require_root() {
    [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces, bind mounts, root libvirtd)"
}

# The lab dir must not sit under one of the per-host private paths, or the
# hosts could not see the shared dir and the guest kernel at the same path.
check_lab_dir() {
    [[ $LAB_DIR == /* ]] || usage_die "FERRY_LAB_DIR must be an absolute path, got '$LAB_DIR'"
    local p
    for p in "${LAB_PRIVATE_DIRS[@]}"; do
        case "$LAB_DIR/" in
            "$p"/*) usage_die "FERRY_LAB_DIR '$LAB_DIR' lies under $p, which each host hides privately" ;;
        esac
    done
}

# One up/down at a time: lock the lab dir itself (no lock file to clean up).
# Long-lived children (libvirtd, bindfs) start with every inherited file closed
# (LAB_CLOSE_FDS), or they would hold the lock forever.
lock_lab() {
    mkdir -p "$LAB_DIR"
    exec 8<"$LAB_DIR"
    flock -w 300 8 || die "another lab/up or lab/down holds $LAB_DIR for over 300s"
}

# Long-lived children (libvirtd, bindfs) start through this snippet, which closes every inherited
# file but stdin, stdout and stderr before it execs the command (same pid, so recorded pids stay
# right). Otherwise a lock held by whoever ran the script (`flock FILE lab/up`, or a test run
# under one) would stay held by the daemon until it stops. Use:
#   setsid bash -c "$LAB_CLOSE_FDS" lab-detached CMD ARGS... &
LAB_CLOSE_FDS='for fd in /proc/$$/fd/*; do fd=${fd##*/}; if ((fd > 2)); then eval "exec $fd>&-"; fi; done 2>/dev/null; exec "$@"'

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

is_uint() { [[ $1 =~ ^[0-9]+$ ]]; }

# --- host naming -----------------------------------------------------------

# resolve_host lab-3 sets HOST_INDEX=3, or exits 2 naming the bad value.
# (Not a $(...) function: a usage error must end the script itself.)
HOST_INDEX=""
resolve_host() {
    local name=$1
    if [[ $name =~ ^lab-([1-9][0-9]*)$ ]] && (( BASH_REMATCH[1] <= LAB_MAX_HOSTS )); then
        HOST_INDEX=${BASH_REMATCH[1]}
    else
        usage_die "unknown host name '$name' (expected lab-1 ... lab-$LAB_MAX_HOSTS)"
    fi
}
host_addr()   { printf '%s.%s\n' "$LAB_NET_PREFIX" "$1"; }
host_uri()    { printf 'qemu+tcp://%s/system\n' "$(host_addr "$1")"; }
host_netns()  { printf 'lab-%s\n' "$1"; }
host_dir()    { printf '%s/lab-%s\n' "$LAB_HOSTS_DIR" "$1"; }
host_veth()   { printf 'ferryv%s\n' "$1"; }   # root-side veth end (<=15 chars)
# Private path P of host i as seen from the root namespace, e.g.
# host_path 2 /var/log/libvirt -> /var/lib/ferry-lab/hosts/lab-2/var/log/libvirt
host_path()   { printf '%s%s\n' "$(host_dir "$1")" "$2"; }
host_pidfile() { printf '%s/libvirtd-lab-%s.pid\n' "$LAB_PIDS_DIR" "$1"; }
# A host started by lab/up --sasl requires SASL (DIGEST-MD5) on its TCP socket.
host_is_sasl() { [[ -e $(host_dir "$1")/sasl ]]; }
host_password_file() { printf '%s/lab-%s.pass\n' "$LAB_SASL_DIR" "$1"; }

# Indexes of hosts that have state on disk, ascending.
known_hosts() {
    [[ -d $LAB_HOSTS_DIR ]] || return 0
    local d
    for d in "$LAB_HOSTS_DIR"/lab-*; do
        [[ -d $d ]] || continue
        d=${d##*/lab-}
        if is_uint "$d"; then printf '%s\n' "$d"; fi
    done | sort -n
}

require_known_host() {  # exits unless host i's daemon is answering
    local i=$1
    [[ -d $(host_dir "$i") ]] || die "host lab-$i does not exist (run lab/up $i or more first)"
    daemon_answers "$i" || die "host lab-$i's libvirtd does not answer at $(host_uri "$i") (run lab/up)"
}

lab_virsh() {  # lab_virsh I ARGS...: virsh against host I over TCP
    local i=$1; shift
    virsh -q -c "$(host_uri "$i")" "$@"
}

# --- process bookkeeping ---------------------------------------------------

# True if PID is alive and its command line contains every given word. We
# only ever signal processes that pass this check, so a recycled pid that now
# belongs to something else is never touched.
pid_is() {
    local pid=$1; shift
    [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
    local cmd
    cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null) || return 1
    local w
    for w in "$@"; do
        [[ $cmd == *"$w"* ]] || return 1
    done
}

is_zombie() { [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) == Z ]]; }

# Network namespace of PID as "net:[inode]", empty if gone.
pid_netns() { readlink "/proc/$1/ns/net" 2>/dev/null || true; }
netns_id() { stat -L -c 'net:[%i]' "/run/netns/$1" 2>/dev/null || true; }

# Send TERM, wait up to SECS, then KILL. Caller has verified ownership.
stop_pid() {
    local pid=$1 secs=${2:-10} n
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((n = 0; n < secs * 10; n++)); do
        [[ -d /proc/$pid ]] || return 0
        # A dead process not yet reaped by init counts as gone.
        is_zombie "$pid" && return 0
        sleep 0.1
    done
    warn "pid $pid ignored SIGTERM for ${secs}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
}

daemon_pid() {  # pid of host i's libvirtd if it is running and really ours
    local i=$1 pid
    pid=$(cat "$(host_pidfile "$i")" 2>/dev/null) || return 1
    pid_is "$pid" libvirtd "$(host_dir "$i")" || return 1
    printf '%s\n' "$pid"
}

shared_pidfile() { printf '%s/shared-bindfs.pid\n' "$LAB_PIDS_DIR"; }

# Type of the mount at the shared dir ("fuse.glusterfs" when lab/up's FUSE
# view is in place), empty if nothing is mounted there.
shared_mount_type() {
    awk -v d="$LAB_SHARED_DIR" '$2 == d { t = $3 } END { print t }' /proc/mounts
}

# A FUSE mount whose bindfs is gone answers every call with "Transport
# endpoint is not connected": what a killed session leaves behind, since the
# kernel keeps the mount when its daemon dies. Lazily unmount such a mount so
# lab/up can mount a live one and lab/down can remove the directory.
release_dead_shared_mount() {
    [[ -n $(shared_mount_type) ]] || return 0
    local pid=""
    pid=$(cat "$(shared_pidfile)" 2>/dev/null) || true
    if stat "$LAB_SHARED_DIR/." >/dev/null 2>&1 && pid_is "$pid" bindfs "$LAB_SHARED_STORE"; then
        return 0
    fi
    warn "$LAB_SHARED_DIR is a mount whose bindfs is gone (left by a killed lab); unmounting it"
    fusermount -uz "$LAB_SHARED_DIR" 2>/dev/null || umount -l "$LAB_SHARED_DIR" ||
        die "cannot unmount the dead mount at $LAB_SHARED_DIR; unmount it by hand (umount -l $LAB_SHARED_DIR)"
    rm -f "$(shared_pidfile)"
    [[ -z $(shared_mount_type) ]] || die "$LAB_SHARED_DIR is still mounted after unmounting it"
}

daemon_answers() {
    timeout 5 virsh -q -c "$(host_uri "$1")" version >/dev/null 2>&1
}

# Pipelines into `grep -q` are avoided on purpose: grep exits at the first
# match, the writer may die of SIGPIPE, and pipefail turns that into "false".
netns_exists() { [[ -e /run/netns/$1 ]]; }

# --- guests ----------------------------------------------------------------

guest_serial_log() {  # path inside every host's namespace
    printf '/var/log/libvirt/qemu/%s-serial.log\n' "$1"
}

check_guest_name() {
    [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$ ]] ||
        usage_die "bad guest name '$1' (letters, digits, '.', '_', '-'; at most 63 chars)"
}

# Last "ferry-counter N" number in a serial log, empty if none yet.
last_counter() {
    [[ -r $1 ]] || return 0
    grep -a -o 'ferry-counter [0-9]*' "$1" 2>/dev/null | tail -n 1 | awk '{print $2}' || true
}
