#!/usr/bin/env bash
# Run a command with gnome-keyring's Secret Service unlocked on the current
# (private) D-Bus session: a real keyring backend for tests, with a throwaway
# keyring password. Used by packaging/test.sh inside dbus-run-session.
set -euo pipefail
printf 'throwaway-test-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
exec "$@"
