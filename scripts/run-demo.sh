#!/usr/bin/env bash
# Sets everything up, fills an empty store with demo customers, and starts BranchDesk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

# --data-dir DIR (or BRANCHDESK_DATA_DIR) applies to the demo data and to the app alike.
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[i]}" = "--data-dir" ] && [ $((i + 1)) -lt ${#args[@]} ]; then
    export BRANCHDESK_DATA_DIR="${args[i + 1]}"
  fi
done

if ! .venv/bin/branchdesk-admin keyring-check >/dev/null 2>&1 && [ -z "${PYTHON_KEYRING_BACKEND:-}" ] \
   && [ -z "${BRANCHDESK_KEYRING_BACKEND:-}" ]; then
  # Headless machines have no OS keyring; BranchDesk refuses to pick an insecure one by itself,
  # so the demo chooses one explicitly and the app shows a warning in its status bar.
  echo "No secure OS keyring here: this demo keeps its key in an unencrypted file keyring."
  export BRANCHDESK_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring
fi

.venv/bin/branchdesk-admin demo --customers "${DEMO_CUSTOMERS:-300}" --cases "${DEMO_CASES:-400}" --seed 1 --if-empty

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: starting BranchDesk on a virtual X display (Xvfb)."
  exec xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/branchdesk "$@"
fi
exec .venv/bin/branchdesk "$@"
