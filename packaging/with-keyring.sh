#!/usr/bin/env bash
# Run a command with gnome-keyring's Secret Service unlocked on the current
# (private) D-Bus session: a real keyring backend for tests. The keyring lives
# in a throwaway folder with a throwaway password, so the tests never touch
# the user's own keyrings. Used by packaging/test.sh inside dbus-run-session.
set -uo pipefail
keyring_dir=$(mktemp -d)
trap 'rm -rf "$keyring_dir"' EXIT
printf 'throwaway-test-keyring' \
  | XDG_DATA_HOME="$keyring_dir" gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 \
  || echo "with-keyring: gnome-keyring-daemon did not start; keyring tests will say so" >&2
"$@"
