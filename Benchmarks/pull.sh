#!/usr/bin/env bash
# Pull: a site's first pull of its catchment from a local centre (SQLite): PEOPLE people recorded at
# another site of the district with two doses each, timed and with the site's peak memory; then the
# incremental pull after a day of work there. Beside it, the floor: sqlite3 .import of the same rows.
#     Benchmarks/pull.sh OUT_DIR [PEOPLE] [DAY]
# With REUSE=1 the centre and site A of an earlier run in OUT_DIR are kept (their push takes minutes)
# and only site B is made again.
set -euo pipefail
out=$(realpath -m "${1:?usage: Benchmarks/pull.sh OUT_DIR [PEOPLE] [DAY]}")
people=${2:-200000}
day=${3:-1000}
source "$(dirname "$0")/lib.sh"
if [ "${REUSE:-}" != 1 ]; then rm -rf "$out" && mkdir -p "$out"; else rm -f "$out"/b.db* "$out"/plain.db; fi

serve() {
    "$bin/vaxdesk-central" serve --db "$out/central.db" --port 0 --rate-limit 0 > "$out/serve.txt" 2>&1 &
    echo $! > "$out/serve.pid"
    until grep -q listening "$out/serve.txt" 2>/dev/null; do sleep 0.1; done
    grep -o '[0-9]*$' "$out/serve.txt"
}
stop() { kill "$(cat "$out/serve.pid")"; while kill -0 "$(cat "$out/serve.pid")" 2>/dev/null; do sleep 0.1; done; }
token() { # token NAME → a 0600 token file for a new site of district 899
    (umask 077; "$bin/vaxdesk-central" site add "$1" --db "$out/central.db" --province 91 --district 899 > "$out/token-$1")
    echo "$out/token-$1"
}
pull() { # pull LABEL: the site's pull, timed, with its peak memory
    /usr/bin/time -f "%e s, %M KB" -o "$out/time.txt" \
        "$bin/vaxdesk" sync --pull --db "$out/b.db" --central "$url" --token-file "$tokenB" --lang en --pull-page 2000 | head -1
    echo "$1: $(cat "$out/time.txt") peak resident"
}

if [ "${REUSE:-}" != 1 ]; then
    tokenA=$(token site-A)
    tokenB=$(token site-B)
fi
tokenA="$out/token-site-A"
tokenB="$out/token-site-B"
port=$(serve)
url="http://127.0.0.1:$port/fhir"

if [ "${REUSE:-}" != 1 ]; then
    echo "== site A: $people people with two doses each, at the centre"
    "$bin/vaxdesk" demo --db "$out/a.db" --people "$people" --setup-only >/dev/null
    "$bin/vaxdesk-bench" queue-doses "$out/a.db" $((people * 2))
    start=$(seconds)
    "$bin/vaxdesk" sync --once --db "$out/a.db" --central "$url" --token-file "$tokenA" --lang en | tail -1
    echo "pushed in $(elapsed "$start" "$(seconds)") s"
fi

echo "== site B, another site of the district, a roster of its own: the first pull"
"$bin/vaxdesk" demo --db "$out/b.db" --people 1000 --setup-only >/dev/null
pull "first pull"
sqlite3 "$out/b.db" "SELECT COUNT(*) || ' people from the centre, ' || (SELECT COUNT(*) FROM prior_dose WHERE pulled_from IS NOT NULL) || ' doses pulled' FROM person WHERE source = 'centre'"
ls -l "$out/b.db" | awk '{ printf "site B database: %.0f MB\n", $5 / 1048576 }'

echo "== floor: sqlite3 .import of the same rows (type, id, site, json) into a plain table"
sqlite3 -csv "$out/central.db" ".timeout 5000" "SELECT r.type, r.id, s.name, r.json FROM resource r JOIN site s ON s.id = r.site_id WHERE s.name = 'site-A' AND r.type IN ('Patient', 'Immunization')" > "$out/rows.csv"
echo "$(wc -l < "$out/rows.csv") rows, $(du -m "$out/rows.csv" | cut -f1) MB"
/usr/bin/time -f "%e s, %M KB" -o "$out/time.txt" \
    sqlite3 "$out/plain.db" "CREATE TABLE r (type TEXT, id TEXT, site TEXT, json TEXT)" ".import --csv $out/rows.csv r"
echo "sqlite3 .import: $(cat "$out/time.txt") peak resident"

echo "== a day at site A ($day people through every station), pushed; then site B's incremental pull"
"$bin/vaxdesk" simulate --db "$out/a.db" --people "$day" --desks 2 >/dev/null
"$bin/vaxdesk" sync --once --db "$out/a.db" --central "$url" --token-file "$tokenA" --lang en | tail -1
pull "incremental pull"
pull "pull with nothing new"
stop
