#!/usr/bin/env bash
# Runs OpenStack's identity API tests (Debian `tempest`, `apt-get install -y tempest`) against a
# polyiam started here on a scratch SQLite database, and prints passed/failed/skipped (issue #16).
# Not part of `npm test` or CI: it takes minutes. Usage: scripts/tempest.sh [extra tempest run args]
# Admin is the account's root with a domain-scoped token; tempest makes the projects, users and
# grants of each test class itself (dynamic credentials). Tempest's identity admin is a user it makes
# and gives the `admin` role on the domain ([identity] admin_domain_scope): the account is made a cloud
# operator for that role (`polyiam operator grant --role admin`, Keystone policy.v3cloudsample
# `cloud_admin`), so that admin may create, disable and delete domains (issue #16).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v tempest >/dev/null || { echo "tempest is not installed: apt-get install -y tempest" >&2; exit 2; }

work="$(mktemp -d)"
port="${POLYIAM_TEMPEST_PORT:-18600}"
url="http://127.0.0.1:${port}"
password='Tempest#Admin2024'
trap 'kill "${server:-0}" 2>/dev/null || true; tempest workspace remove --name "polyiam-$(basename "$work")" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Keystone's validation rules for /v3 users: tempest makes users with 255-character names, `email` and
# `default_project_id`, and signs in with the password it gave them
export POLYIAM_DATA_DIR="$work/data" POLYIAM_PORT="$port" POLYIAM_LOG_LEVEL=warn POLYIAM_V3_RULES=keystone
node bin/polyiam.js account create tempest --password "$password" >"$work/creds.json"
node bin/polyiam.js operator grant --account tempest --role admin >/dev/null
node bin/polyiam.js operator grant --account tempest --user tempest >/dev/null
node bin/polyiam.js serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

read -r domain_id domain_name admin_name < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["account"]["id"], c["account"]["name"], c["root"]["user_name"])' "$work/creds.json")
token="$(curl -fsi "$url/v3/auth/tokens" -H 'content-type: application/json' \
  -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$admin_name\",\"password\":\"$password\",\"domain\":{\"name\":\"$domain_name\"}}}},\"scope\":{\"domain\":{\"name\":\"$domain_name\"}}}}" |
  tr -d '\r' | sed -n 's/^x-subject-token: //Ip')"
curl -fs "$url/v3/projects" -H "x-auth-token: $token" -H 'content-type: application/json' -d '{"project":{"name":"admin"}}' >/dev/null

cd "$work"
tempest init --name "polyiam-$(basename "$work")" tempest >/dev/null
cat >tempest/etc/tempest.conf <<CONF
[DEFAULT]
log_file = tempest.log

[auth]
use_dynamic_credentials = True
admin_username = $admin_name
admin_password = $password
admin_project_name = admin
admin_domain_name = $domain_name
admin_domain_scope = True
default_credentials_domain_name = $domain_name
create_isolated_networks = False
tempest_roles = member

[identity]
uri_v3 = $url/v3
auth_version = v3
region = RegionOne
default_domain_id = $domain_id
admin_domain_scope = True
disable_ssl_certificate_validation = True

[identity-feature-enabled]
api_v2 = False
api_v3 = True

[service_available]
cinder = False
neutron = False
glance = False
swift = False
nova = False
heat = False
placement = False
CONF
cd tempest
set +e
tempest run --regex "${TEMPEST_REGEX:-^tempest\.api\.identity\.(admin\.)?v3\.}" --concurrency "${TEMPEST_CONCURRENCY:-2}" "$@" >"$work/run.log" 2>&1
set -e
grep -E '^\{[0-9]+\} .* \.\.\. (FAILED|ok|SKIPPED)' "$work/run.log" | sed 's/^{[0-9]*} //' | sort >"${TEMPEST_RESULTS:-/tmp/polyiam-tempest-results.txt}" || true
cp "$work/run.log" "${TEMPEST_LOG:-/tmp/polyiam-tempest-run.log}"
grep -E '^ - (Passed|Failed|Skipped|Expected Fail|Unexpected Success)' "$work/run.log" || tail -40 "$work/run.log"
echo "per-test results: ${TEMPEST_RESULTS:-/tmp/polyiam-tempest-results.txt}"
