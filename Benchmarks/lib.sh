# Shared by the benchmark scripts: the release build and a clock. Sourced, not run.
cd "$(dirname "$0")/.."
swift build -c release --product vaxdesk >/dev/null
swift build -c release --product vaxdesk-bench >/dev/null
swift build -c release --product vaxdesk-central >/dev/null
bin=.build/release

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
