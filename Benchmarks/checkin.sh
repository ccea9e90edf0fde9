#!/usr/bin/env bash
# Benchmarks of the check-in desk (release build) on a roster of 1,000,000 people, each beside a
# baseline measured in the same run: roster import against sqlite3's own .import of the same file into
# a plain table; search per keystroke against a plain FTS5 prefix query on the same index; the desk's
# resident memory while searching. Prints the figures BENCHMARKS.md records.
#
#   Benchmarks/checkin.sh [OUT_DIR] [PEOPLE]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
out=${1:-bench-out}
people=${2:-1000000}
mkdir -p "$out"

csv="$out/roster-$people.csv"
"$bin/vaxdesk-bench" roster-csv "$people" "$csv"
echo "== roster file: $people rows, $(du -m "$csv" | cut -f1) MB"

db="$out/import-$people.db"
rm -f "$db" "$db"-wal "$db"-shm "$db".lock
start=$(seconds)
"$bin/vaxdesk" import roster "$csv" --db "$db"
end=$(seconds)
echo "vaxdesk import roster (new database): $(elapsed "$start" "$end") s"

base="$out/import-baseline-$people.db"
rm -f "$base"
sqlite3 "$base" "CREATE TABLE person (stt, full_name, birth_date, sex, identity_number, phone, address, commune, priority_group, product_1, date_1, product_2, date_2)"
start=$(seconds)
sqlite3 "$base" ".import --csv --skip 1 $csv person"
end=$(seconds)
echo "baseline sqlite3 .import of the same file into a plain table: $(elapsed "$start" "$end") s"

"$bin/vaxdesk-bench" search "$db" 1000

# The desk's memory: signed in at check-in, after searching as a nurse would.
socket="vaxdesk-bench-$$"
"$bin/vaxdesk" demo --db "$db" --people 1 --setup-only >/dev/null
tmux -L "$socket" new-session -d -s b -x 80 -y 24 "$bin/vaxdesk --db $db"
until tmux -L "$socket" capture-pane -p -t b | grep -q "DD01"; do sleep 0.05; done
tmux -L "$socket" send-keys -t b Enter
sleep 0.3
tmux -L "$socket" send-keys -t b -l 1111
tmux -L "$socket" send-keys -t b Enter
sleep 0.5
tmux -L "$socket" send-keys -t b Enter
for query in "nguyen van" "thanh" "tran thi" "duc 1985" "4321" "hoa" "minh" "ng"; do
    tmux -L "$socket" send-keys -t b -l "$query"
    sleep 0.3
    tmux -L "$socket" send-keys -t b Escape
done
pid=$(pgrep -f "^$bin/vaxdesk --db $db")
echo "desk resident memory after searching: $(grep VmRSS "/proc/$pid/status" | awk '{print int($2 / 1024)}') MB (peak $(grep VmHWM "/proc/$pid/status" | awk '{print int($2 / 1024)}') MB)"
tmux -L "$socket" kill-server
