# Shared by the action's steps (sourced). Everything printed to the log goes through `say`:
# the runner reads `::command::` lines from it, so a value from an input or a file must not be
# able to start one (control characters out, one line, 300 characters at most).
say() { printf '%s\n' "$(printf '%s' "$*" | tr -d '\000-\037\177' | cut -c1-300)"; }
fail() { say "::error::gatekeeper action: $*"; exit 2; }
