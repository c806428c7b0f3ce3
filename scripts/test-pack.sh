#!/usr/bin/env bash
# Checks the installed form of the package: `npm pack` (which runs `prepare`, bundling dist-cli/netpol.js),
# install the tarball into an empty temporary project, and run `npx netpol-designer` there — analyze, diff
# and check — comparing with the same commands run from the checkout. Uses the npm cache where it can
# (--prefer-offline). Compares standard output and exit status; exit 0 when everything matches.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
npm pack --silent --pack-destination "$work" >/dev/null
tarball="$(ls "$work"/*.tgz)"
contents="$(tar tzf "$tarball")"
grep -qx 'package/dist-cli/netpol.js' <<<"$contents" || { echo 'FAIL: dist-cli/netpol.js is not in the tarball'; exit 1; }
echo "packed $(basename "$tarball"): $(wc -l <<<"$contents") files, $(du -k "$tarball" | cut -f1) kB"

mkdir -p "$work/app" "$work/old" "$work/new"
cd "$work/app"
echo '{"name":"pack-test","version":"1.0.0","private":true}' > package.json
npm install --prefer-offline --no-audit --no-fund --silent "$tarball"

cat > "$work/old/shop.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web}}, spec: {containers: [{name: c, image: c, ports: [{containerPort: 80}]}]}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec: {template: {metadata: {labels: {app: db}}, spec: {containers: [{name: c, image: c, ports: [{containerPort: 5432}]}]}}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 5432}]}]
YAML
sed 's/port: 5432}]}]/port: 5432}, {port: 5433}]}]/' "$work/old/shop.yaml" > "$work/new/shop.yaml"
cat > "$work/expect.yaml" <<'YAML'
- {from: shop/web, to: shop/db, port: 5432, allowed: true}
- {from: 10.0.0.1, to: shop/db, port: 5432, allowed: false}
YAML

failures=0
compare() { # name, expected status, args...
  local name="$1" want="$2"
  shift 2
  local got_status=0 ref_status=0
  local got ref
  got="$(cd "$work/app" && npx --no-install netpol-designer "$@" 2>/dev/null)" || got_status=$?
  ref="$(cd "$root" && npm run --silent netpol -- "$@" 2>/dev/null)" || ref_status=$?
  if [[ "$got" == "$ref" && "$got_status" == "$ref_status" && "$got_status" == "$want" ]]; then
    echo "ok   $name (exit $got_status)"
  else
    echo "FAIL $name: installed exit $got_status, checkout exit $ref_status, expected $want"
    diff <(echo "$ref") <(echo "$got") || true
    failures=$((failures + 1))
  fi
}

compare 'analyze' 0 analyze "$work/old"
compare 'diff' 1 diff "$work/old" -- "$work/new" --format md
compare 'check' 0 check "$work/old" --expect "$work/expect.yaml"
version="$(cd "$work/app" && npx --no-install netpol --version)"
[[ "$version" == "netpol $(node -p "require('$root/package.json').version")" ]] && echo "ok   version ($version)" || {
  echo "FAIL version: $version"
  failures=$((failures + 1))
}
exit "$failures"
