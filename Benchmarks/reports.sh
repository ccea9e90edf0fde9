#!/usr/bin/env bash
# Reports: the province's dashboard and reports over IMMUNIZATIONS doses on PostgreSQL (10 million by
# default): 600 sites of 6 provinces, 10 districts each, one site per commune; people with one or two
# doses over 149 days, of three products, five priority groups and every age; not-done doses,
# reactions and vials beside them. Rows are written by SQL (the ingest has its own benchmark), then:
# the counts made from nothing, the answer time of each page and report (the median of 5), the
# refresh after 10,000 doses more, and beside them the floor: the plain GROUP BY on the same rows.
# The pages are asked as of today (the campaign to date) but where a day is given.
#     Benchmarks/reports.sh OUT_DIR [IMMUNIZATIONS]
# With REUSE=1 the database of an earlier run in OUT_DIR is kept (writing the rows takes minutes) and
# the counts are made again from nothing (`reports refresh --rebuild`), unless REBUILD=0.
set -euo pipefail
out=$(realpath -m "${1:?usage: Benchmarks/reports.sh OUT_DIR [IMMUNIZATIONS]}")
doses=${2:-10000000}
source "$(dirname "$0")/lib.sh"
[ "${REUSE:-}" = 1 ] || { rm -rf "$out" && mkdir -p "$out" && chmod 755 "$out"; }

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
pgport=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
# The server runs as postgres, and writes its log and socket here.
[ "$(id -u)" -eq 0 ] && chown postgres "$out"
[ "${REUSE:-}" = 1 ] || as_pg "$pgbin/initdb -D $out/pg -U vaxdesk --auth=trust -E UTF8 --no-locale" >/dev/null
as_pg "$pgbin/pg_ctl -D $out/pg -l $out/pg.log -w -o '-p $pgport -k $out -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=64MB -c max_wal_size=8GB' start" >/dev/null
trap 'as_pg "$pgbin/pg_ctl -D $out/pg -m fast -w stop" >/dev/null; [ -f "$out/serve.pid" ] && kill "$(cat "$out/serve.pid")" 2>/dev/null || true' EXIT
url="postgres://vaxdesk@127.0.0.1:$pgport/central"
psql_() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pgport" -U vaxdesk central "$@"; }
people=$((doses * 10 / 19))
if [ "${REUSE:-}" != 1 ]; then
as_pg "$pgbin/createdb -h 127.0.0.1 -p $pgport -U vaxdesk central"
(umask 077; "$bin/vaxdesk-central" officer add "Bộ Y tế" --national --postgres "$url" > "$out/token-national")
(umask 077; "$bin/vaxdesk-central" officer add "CDC 91" --province 91 --postgres "$url" > "$out/token-province")

echo "== $doses doses of $people people, written by SQL"
start=$(seconds)
cat > "$out/data.sql" <<SQL
INSERT INTO site (id, name, token_hash, created_at, province, district, commune)
    SELECT 'site-' || g, 'TYT ' || (30000 + g), 'x', now(), (90 + g / 100)::text, (800 + g / 10)::text, (30000 + g)::text
    FROM generate_series(0, 599) g;
-- With their match key given (as ingest does), so that the centre does not look for one at start.
INSERT INTO resource (type, id, site_id, version, json, updated_at, match_key, birth_date, priority_group)
    SELECT 'Patient', 'p' || g, 'site-' || (g % 600), 1, '{}', now(), '',
           (1940 + (g / 7) % 70)::text || '-' || lpad((1 + g % 12)::text, 2, '0') || '-' || lpad((1 + g % 28)::text, 2, '0'),
           (ARRAY['', '', '1', '9', '10'])[1 + (g / 3) % 5]
    FROM generate_series(0, $people - 1) g;
-- Dose 1 for everyone, dose 2 for nine in ten, 28 days later.
INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, dose_number, day)
    SELECT 'Immunization', 'i' || g || '-' || d, 'site-' || (g % 600), 1, '{}', now(), 'p' || g, 'completed',
           (ARRAY['pfizer', 'astrazeneca', 'moderna'])[1 + (g / 600) % 3], d,
           to_char(date '2026-06-01' + (g % 149) + (d - 1) * 28, 'YYYY-MM-DD')
    FROM generate_series(0, $people - 1) g, generate_series(1, 2) d WHERE d = 1 OR g % 10 <> 0;
INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, day, reason)
    SELECT 'Immunization', 'n' || g, 'site-' || (g % 600), 1, '{}', now(), 'p' || g, 'not-done', 'covid-19',
           to_char(date '2026-06-01' + (g % 149), 'YYYY-MM-DD'), (ARRAY['deferred', 'refused', 'contraindicated', 'referred'])[1 + g % 4]
    FROM generate_series(0, $people - 1, 50) g;
INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, day, serious)
    SELECT 'AdverseEvent', 'e' || g, 'site-' || (g % 600), 1, '{}', now(), 'p' || g,
           to_char(date '2026-06-01' + (g % 149), 'YYYY-MM-DD'), g % 100 = 0
    FROM generate_series(0, $people - 1, 250) g;
INSERT INTO resource (type, id, site_id, version, json, updated_at, status, product, day, doses_per_vial, doses_wasted)
    SELECT 'Basic', 'v' || g, 'site-' || (g % 600), 1, '{}', now(), 'discarded', (ARRAY['pfizer', 'astrazeneca', 'moderna'])[1 + (g / 600) % 3],
           to_char(date '2026-06-01' + (g % 149), 'YYYY-MM-DD'), 6, g % 3
    FROM generate_series(0, $doses / 6) g;
ANALYZE;
SQL
psql_ -f "$out/data.sql"
psql_ -t -A -c "SELECT type || ': ' || COUNT(*) FROM resource GROUP BY type ORDER BY type"
echo "written in $(elapsed "$start" "$(seconds)") s; database $(psql_ -t -A -c "SELECT pg_size_pretty(pg_database_size('central'))")"
fi

if [ "${REBUILD:-1}" = 1 ]; then
echo "== the counts, from nothing"
"$bin/vaxdesk-central" reports refresh --rebuild --postgres "$url"
fi
psql_ -t -A -c "SELECT COUNT(*) || ' rows of counts, ' || (SELECT COUNT(*) FROM report_total) || ' of site totals' FROM report_count"

echo "== floor: the plain GROUP BY of the same rows (doses by province and dose number), psql"
for i in 1 2 3; do
    psql_ -c '\timing on' -c "SELECT s.province, r.dose_number, COUNT(*) FROM resource r JOIN site s ON s.id = r.site_id WHERE r.type = 'Immunization' AND r.status = 'completed' GROUP BY 1, 2" | grep Time
done

"$bin/vaxdesk-central" serve --postgres "$url" --port 0 --rate-limit 0 > "$out/serve.txt" 2>&1 &
echo $! > "$out/serve.pid"
until grep -q listening "$out/serve.txt" 2>/dev/null; do sleep 0.1; done
base="http://127.0.0.1:$(grep -o '[0-9]*$' "$out/serve.txt")"
cookie() { curl -s -D - -o /dev/null --data-urlencode "token@$1" "$base/dashboard/sign-in" | sed -n 's/.*vaxdesk_dashboard=\([^;]*\).*/\1/p'; }
national=$(cookie "$out/token-national")
province=$(cookie "$out/token-province")
median() { # median LABEL COOKIE PATH: five answers, the median time
    local times=()
    for i in 1 2 3 4 5; do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' -b "vaxdesk_dashboard=$2" "$base$3")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk -v l="$1" '{ printf "%-52s %.3f s\n", l, $1 }'
}
bearer() { # bearer LABEL TOKEN_FILE PATH: the same for a report by token
    local times=()
    for i in 1 2 3 4 5; do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' -H @<(printf 'Authorization: Bearer %s\n' "$(cat "$2")") "$base$3")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p | awk -v l="$1" '{ printf "%-52s %.3f s\n", l, $1 }'
}
echo "== answer times (median of 5)"
median "dashboard, whole country (national officer)" "$national" "/dashboard?unit=national"
median "dashboard, a province" "$national" "/dashboard?unit=province:91"
median "dashboard, a district" "$province" "/dashboard?unit=district:815"
median "dashboard, a commune" "$province" "/dashboard?unit=commune:30150"
median "Annex 5 of a day, whole country" "$national" "/dashboard/daily?unit=national&day=2026-08-01"
median "Annex 6, whole country (three tables)" "$national" "/dashboard/annex6?unit=national"
median "Annex 6, whole country, up to an earlier day (30 Nov.)" "$national" "/dashboard/annex6?unit=national&day=2026-11-30"
bearer "GET /reports/indicators by priority group, national" "$out/token-national" "/reports/indicators?unit=national&by=priority-group"
bearer "GET /reports/daily, a province, CSV" "$out/token-province" "/reports/daily?unit=province:91&day=2026-08-01&format=csv"

echo "== 10,000 doses more at 50 sites, then the refresh"
psql_ -c "INSERT INTO resource (type, id, site_id, version, json, updated_at, patient_id, status, product, dose_number, day)
    SELECT 'Immunization', 'x' || g || '-' || extract(epoch FROM now())::bigint, 'site-' || (g % 50), 1, '{}', now(), 'p' || (g * 7), 'completed', 'pfizer', 3, '2026-11-30'
    FROM generate_series(0, 9999) g"
"$bin/vaxdesk-central" reports refresh --postgres "$url"
psql_ -t -A -c "SELECT COUNT(*) || ' rows of counts, ' || (SELECT COUNT(*) FROM report_total) || ' of site totals' FROM report_count"
median "dashboard, whole country, after the refresh" "$national" "/dashboard?unit=national"
