#!/usr/bin/env bash
# Run every fuzz target for a fixed time: fuzz/run.sh SECONDS [TARGET...]
# Targets: decode, repair (the encoding stage), front_matter (front matter, roadmap.toml,
# site.toml, registries), model (Markdown → document → model → links → HTML), import (`gen import`).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the nightly flags it needs; if AddressSanitizer is unavailable the targets run
# without a sanitizer (panics and failed assertions are still found).
# Prints, per target, libFuzzer's execution count and whether it crashed; full logs are kept in
# fuzz/logs/TARGET.log, crashes in fuzz/artifacts/TARGET/. Turn each crash into a regression test
# (tests/encoding_fuzz_regressions.rs for the encoding stage, tests/fuzz_regressions.rs otherwise).
set -u
secs="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(decode repair front_matter model import)
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1

# Seed corpora: the repository's own fixtures (libFuzzer reads folders recursively).
seeds() {
    case "$1" in
        decode | repair) echo ../tests/fixtures/seeds ../tests/fixtures/ftfy ../tests/fixtures/encoding ;;
        front_matter | model) echo ../content/roadmaps ../tests/fixtures/site-mini ../tests/fixtures/seeds ;;
        import) echo ../tests/fixtures/seeds ../content/roadmaps ../tests/fixtures/site-mini/content/roadmaps ;;
    esac
}

run() {
    local t="$1"
    shift
    # shellcheck disable=SC2046
    cargo fuzz run "$@" "$t" "corpus/$t" $(seeds "$t") -- -max_total_time="$secs" -rss_limit_mb=4096 \
        -timeout=30 -print_final_stats=1 >"logs/$t.log" 2>&1
}

status=0
summary=()
mkdir -p logs
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    echo "== $t for ${secs}s"
    run "$t"
    rc=$?
    if [ $rc -ne 0 ] && grep -q "sanitizer\|-Zsanitizer\|AddressSanitizer" "logs/$t.log" \
        && ! grep -q "^==[0-9]*==ERROR\|panicked\|^SUMMARY: libFuzzer" "logs/$t.log"; then
        echo "   (retrying without a sanitizer)"
        run "$t" --sanitizer none
        rc=$?
    fi
    runs=$(grep -oE "Done [0-9]+ runs" "logs/$t.log" | tail -1 | grep -oE "[0-9]+")
    [ -z "$runs" ] && runs=$(grep -oE "^#[0-9]+" "logs/$t.log" | tail -1 | tr -d '#')
    if [ $rc -eq 0 ]; then
        result="no crash"
    else
        status=1
        crash=$(grep -oE "(panicked at [^ ]+|ERROR: [A-Za-z]+: [a-z-]+|deadly signal|timeout|out-of-memory)" "logs/$t.log" | head -1)
        art=$(grep -oE "Test unit written to [^ ]+" "logs/$t.log" | tail -1 | sed 's/Test unit written to //')
        result="CRASH ${crash:-exit $rc} ${art:+($art)}"
    fi
    line=$(printf "%-13s %12s runs  %s" "$t" "${runs:-?}" "$result")
    echo "   $line"
    summary+=("$line")
done
echo "== summary (${secs}s per target)"
printf '   %s\n' "${summary[@]}"
exit $status
