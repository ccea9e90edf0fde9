#!/usr/bin/env bash
# Sync: the time to drain 50,000 queued records to a local central service (SQLite), beside one POST of
# the same resources in a single Bundle; and the centre's ingest rate on SQLite and on PostgreSQL, each
# beside its database's own bulk load of the same JSON (sqlite3 .import, psql \copy).
#     Benchmarks/sync.sh OUT_DIR [RECORDS]
set -euo pipefail
out=$(realpath -m "${1:?usage: Benchmarks/sync.sh OUT_DIR [RECORDS]}")
records=${2:-50000}
source "$(dirname "$0")/lib.sh"
rm -rf "$out" && mkdir -p "$out"
chmod 777 "$out"

serve() { # serve ARGS… → prints the port; `stop` ends it
    "$bin/vaxdesk-central" serve --port 0 --rate-limit 0 "$@" > "$out/serve-$$.txt" 2>&1 &
    echo $! > "$out/serve.pid"
    until grep -q listening "$out/serve-$$.txt" 2>/dev/null; do sleep 0.1; done
    grep -o '[0-9]*$' "$out/serve-$$.txt"
    rm "$out/serve-$$.txt"
}
post_bundle() { # post_bundle PORT TOKEN LABEL: one POST of the whole Bundle, timed
    local start end t
    start=$(seconds)
    curl -s -o /dev/null -H "Authorization: Bearer $2" -H "Content-Type: application/fhir+json" --data-binary @"$out/bundle.json" "http://127.0.0.1:$1/fhir"
    end=$(seconds)
    t=$(elapsed "$start" "$end")
    echo "one POST of $resources resources to $3: $t s = $(awk -v n="$resources" -v t="$t" 'BEGIN { printf "%d", n / t }') resources/s ($(count "$1" "$2") Immunizations stored)"
}
stop() { kill "$(cat "$out/serve.pid")"; while kill -0 "$(cat "$out/serve.pid")" 2>/dev/null; do sleep 0.1; done; }
count() { # count PORT TOKEN → Immunizations stored
    curl -s -H "Authorization: Bearer $2" "http://127.0.0.1:$1/fhir/Immunization?_summary=count" | grep -o '"total":[0-9]*' | cut -d: -f2
}

echo "== $records records queued at the site"
site="$out/site.db"
"$bin/vaxdesk" demo --db "$site" --people $((records / 2 + 1000)) --setup-only >/dev/null
"$bin/vaxdesk-bench" queue-doses "$site" "$records"
cp "$site" "$out/site-copy.db"

echo "== drain to vaxdesk-central (SQLite)"
token=$("$bin/vaxdesk-central" site add bench --db "$out/central.db")
echo "$token" > "$out/token"
port=$(serve --db "$out/central.db")
start=$(seconds)
"$bin/vaxdesk" sync --once --db "$site" --central "http://127.0.0.1:$port/fhir" --token-file "$out/token" --lang en | tail -1
end=$(seconds)
echo "vaxdesk sync --once, $records records in Bundles of 500: $(elapsed "$start" "$end") s ($(count "$port" "$token") Immunizations at the centre)"
stop

echo "== baseline: the same resources in one Bundle, one POST (the centre's ingest, no pusher)"
echo 2468 | "$bin/vaxdesk" export fhir --db "$out/site-copy.db" --by PT01 > "$out/bundle.json"
resources=$(grep -o '"request":' "$out/bundle.json" | wc -l)
token=$("$bin/vaxdesk-central" site add bench --db "$out/central-one.db")
port=$(serve --db "$out/central-one.db")
post_bundle "$port" "$token" SQLite
stop

echo "== baseline: sqlite3 .import of the same JSON, one line per resource, into a plain table"
python3 -c "
import csv, json, sys
writer = csv.writer(sys.stdout)
for e in json.load(open('$out/bundle.json'))['entry']: writer.writerow([json.dumps(e['resource'], ensure_ascii=False)])" > "$out/resources.csv"
start=$(seconds)
sqlite3 "$out/plain.db" "CREATE TABLE r(json TEXT)" ".mode csv" ".import $out/resources.csv r"
end=$(seconds)
echo "sqlite3 .import of $resources resources: $(elapsed "$start" "$end") s"

echo "== PostgreSQL: a server of its own, then one POST of the same Bundle"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
pgport=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
as_pg "$pgbin/initdb -D $out/pg -U vaxdesk --auth=trust -E UTF8 --no-locale" >/dev/null
as_pg "$pgbin/pg_ctl -D $out/pg -l $out/pg.log -w -o '-p $pgport -k $out -c listen_addresses=127.0.0.1' start" >/dev/null
as_pg "$pgbin/createdb -h 127.0.0.1 -p $pgport -U vaxdesk central"
url="postgres://vaxdesk@127.0.0.1:$pgport/central"
token=$("$bin/vaxdesk-central" site add bench --postgres "$url")
port=$(serve --postgres "$url")
post_bundle "$port" "$token" PostgreSQL
stop
start=$(seconds)
printf 'CREATE TABLE plain (json TEXT);\n\\copy plain FROM %s CSV\n' "'$out/resources.csv'" > "$out/copy.sql"
chmod 644 "$out/copy.sql" "$out/resources.csv"
as_pg "$pgbin/psql -q -h 127.0.0.1 -p $pgport -U vaxdesk central -f $out/copy.sql"
end=$(seconds)
echo "baseline psql \\copy of $resources resources: $(elapsed "$start" "$end") s"
as_pg "$pgbin/pg_ctl -D $out/pg -m fast -w stop" >/dev/null
