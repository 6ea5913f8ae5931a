#!/usr/bin/env bash
# A local npm registry for the release tests: Verdaccio 6.8.0 (later ones want Node 22) on
# 127.0.0.1, storage in a temporary folder, @crowdlearn/* published here only, everything
# else proxied from the npm registry. Bounded waits; the log is printed on failure.
#   .ci/registry.sh start <dir>   prints the registry URL; writes <dir>/token and <dir>/pid
#   .ci/registry.sh stop <dir>
set -uo pipefail
cmd=${1:?start or stop}
dir=${2:?a working folder}
# a free port unless one is given, so that two runs on one machine do not meet
port=${CROWDLEARN_REGISTRY_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
url="http://127.0.0.1:$port"

fail() { echo "registry: $*" >&2; [ -f "$dir/verdaccio.log" ] && { echo "--- the end of verdaccio's log:" >&2; tail -n 30 "$dir/verdaccio.log" >&2; }; exit 1; }

case "$cmd" in
  start)
    mkdir -p "$dir/storage"
    if [ ! -x "$dir/pkg/node_modules/.bin/verdaccio" ]; then
      timeout 300 npm i --prefix "$dir/pkg" verdaccio@6.8.0 --no-audit --no-fund --loglevel=error > "$dir/npm-install.log" 2>&1 ||
        { tail -n 20 "$dir/npm-install.log" >&2; fail "could not install verdaccio 6.8.0"; }
    fi
    cat > "$dir/config.yaml" <<YAML
storage: $dir/storage
auth:
  htpasswd:
    file: $dir/htpasswd
    max_users: 10
uplinks:
  npmjs:
    url: ${CROWDLEARN_UPLINK:-https://registry.npmjs.org/}
    timeout: 120s
packages:
  '@crowdlearn/*':
    access: \$all
    publish: \$authenticated
  '**':
    access: \$all
    publish: \$authenticated
    proxy: npmjs
server:
  keepAliveTimeout: 60
max_body_size: 500mb
log: { type: stdout, format: pretty, level: warn }
YAML
    nohup "$dir/pkg/node_modules/.bin/verdaccio" --config "$dir/config.yaml" --listen "127.0.0.1:$port" > "$dir/verdaccio.log" 2>&1 &
    echo $! > "$dir/pid"
    for _ in $(seq 1 60); do
      curl -sf "$url/-/ping" > /dev/null && break
      kill -0 "$(cat "$dir/pid")" 2> /dev/null || fail "verdaccio exited while starting"
      sleep 1
    done
    curl -sf "$url/-/ping" > /dev/null || fail "no answer from $url within 60 s"
    # a publishing user (htpasswd): the answer carries the token npm and pnpm send
    # (a new name each start, so that a storage kept from an earlier run does not refuse it)
    user="ci-$(date +%s)-$RANDOM"
    token=$(curl -sf -X PUT -H 'content-type: application/json' \
      -d "{\"name\":\"$user\",\"password\":\"ci-release-test\"}" "$url/-/user/org.couchdb.user:$user" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const t=JSON.parse(s).token;if(!t)process.exit(1);console.log(t)})') ||
      fail "could not create the publishing user"
    echo "$token" > "$dir/token"
    echo "$url"
    ;;
  stop)
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2> /dev/null
    rm -f "$dir/pid"
    ;;
  *) fail "unknown command $cmd" ;;
esac
