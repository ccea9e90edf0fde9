#!/usr/bin/env bash
# Benchmarks of the foundation (release build): demo site creation, search latency per keystroke and
# time to the first screen, for a roster of 20,000 and of 1,000,000 people, each beside a baseline
# measured in the same run. Prints the figures BENCHMARKS.md records.
#
#   Benchmarks/foundation.sh [OUT_DIR]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
out=${1:-bench-out}
mkdir -p "$out"

for people in 20000 1000000; do
    db="$out/site-$people.db"
    rm -f "$db" "$db"-wal "$db"-shm "$db".lock
    echo "== roster of $people people"

    start=$(seconds)
    "$bin/vaxdesk" demo --db "$db" --people "$people" --setup-only >/dev/null
    end=$(seconds)
    echo "demo site created: $(elapsed "$start" "$end") s ($(du -m "$db" | cut -f1) MB)"

    # Baseline: sqlite3's own .import of the same rows into a plain table, no index, no FTS.
    csv="$out/roster-$people.csv"
    sqlite3 -csv "$db" "SELECT id, full_name, folded_name, birth_date, sex, identity_number, phone, address, commune FROM person" > "$csv"
    base="$out/baseline-$people.db"
    rm -f "$base"
    sqlite3 "$base" "CREATE TABLE person (id, full_name, folded_name, birth_date, sex, identity_number, phone, address, commune)"
    start=$(seconds)
    sqlite3 "$base" ".mode csv" ".import $csv person"
    end=$(seconds)
    echo "baseline sqlite3 .import of the same rows: $(elapsed "$start" "$end") s"

    "$bin/vaxdesk-bench" search "$db" 1000

    # Time to the first screen: from launching the desk in tmux until the sign-in list is on screen,
    # beside the same harness showing the output of `echo`.
    for what in desk baseline; do
        total=""
        for run in 1 2 3 4 5; do
            socket="vaxdesk-bench-$$"
            if [ "$what" = desk ]; then command="$bin/vaxdesk --db $db"; marker="DD01"; else command="echo ready; sleep 5"; marker="ready"; fi
            start=$(seconds)
            tmux -L "$socket" new-session -d -s b -x 80 -y 24 "$command"
            until tmux -L "$socket" capture-pane -p -t b 2>/dev/null | grep -q "$marker"; do sleep 0.005; done
            end=$(seconds)
            if [ "$what" = desk ]; then
                rss=$(grep VmRSS "/proc/$(pgrep -f "^$bin/vaxdesk --db $db")/status" | awk '{print $2}')
            fi
            tmux -L "$socket" kill-server
            total="$total $(elapsed "$start" "$end")"
        done
        median=$(echo "$total" | tr ' ' '\n' | sed '/^$/d' | sort -n | sed -n 3p)
        if [ "$what" = desk ]; then
            echo "first screen (median of 5): $median s; desk resident memory at first screen: $((rss / 1024)) MB"
        else
            echo "baseline, tmux showing 'echo' output (median of 5): $median s"
        fi
    done
done
