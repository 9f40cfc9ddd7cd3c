#!/usr/bin/env bash
# Run every fuzz target for a bounded time: fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 30). Builds all targets once (stable Rust: libfuzzer-sys
# needs RUSTC_BOOTSTRAP=1; FUZZ_SANITIZER=address for ASan, default none), installs
# cargo-fuzz if missing, builds the seed corpora from $MARSAD_DATA when fuzz/corpus is
# absent (seed.sh), then prints one line per target (executions, crashes) and a total.
# Crashing inputs are saved in fuzz/artifacts/<target>/. Exit status 1 if any target
# crashed, timed out (an input over 10 s) or ran out of memory (2 GB).
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
shift || true
all=(jsonl text trec html warc feed decode inputs query extract)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
sanitizer="${FUZZ_SANITIZER:-none}"
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
if [ ! -d corpus ]; then
    if [ -d "${MARSAD_DATA:-../../shared/data}" ]; then ./seed.sh; else echo "run.sh: no MARSAD_DATA: fuzzing from fuzz/seeds only" >&2; fi
fi
cargo fuzz build --sanitizer "$sanitizer" -O --debug-assertions
host="$(rustc -vV | sed -n 's/^host: //p')"
bin="${CARGO_TARGET_DIR:-$PWD/target}/$host/release"

max_len() {
    case "$1" in
        query) echo 4096 ;;
        jsonl | text | trec | decode) echo 32768 ;;
        *) echo 65536 ;;
    esac
}

total_execs=0
total_crashes=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t" "seeds/$t"
    before="$(ls "artifacts/$t" | sort)"
    args=(-max_total_time="$secs" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10
        -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="artifacts/$t/")
    [ -f "dicts/$t.dict" ] && args+=(-dict="dicts/$t.dict")
    log="artifacts/$t.log"
    status=0
    "$bin/$t" "${args[@]}" "corpus/$t" "seeds/$t" >"$log" 2>&1 &
    pid=$!
    wait "$pid" || status=$?
    rm -rf "${TMPDIR:-/tmp}"/marsad-fuzz-*-"$pid"  # the inputs and query targets' scratch files
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
    [ -n "$execs" ] || execs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')"
    execs="${execs:-0}"
    new="$(comm -13 <(echo "$before") <(ls "artifacts/$t" | sort) | grep -E '^(crash|timeout|oom|leak)-' || true)"
    crashes="$(printf '%s' "$new" | grep -c . || true)"
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    line="$(printf 'fuzz %-8s %10s execs  %s crashes' "$t" "$execs" "$crashes")"
    [ "$crashes" -gt 0 ] && line="$line  (see fuzz/$log: $(echo $new))"
    echo "$line"
    summary+=("$line")
    total_execs=$((total_execs + execs))
    total_crashes=$((total_crashes + crashes))
done
printf 'fuzz total    %10s execs  %s crashes  (%s targets, %ss each)\n' "$total_execs" "$total_crashes" "${#targets[@]}" "$secs"
[ "$total_crashes" -eq 0 ]
