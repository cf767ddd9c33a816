#!/usr/bin/env bash
# Run every fuzz target of the encoding stage for a fixed time: fuzz/run.sh SECONDS
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain RUSTC_BOOTSTRAP=1 lets
# cargo-fuzz use the nightly flags it needs; if AddressSanitizer is unavailable the targets run
# without a sanitizer (panics and failed assertions are still found).
# Crashes land in fuzz/artifacts/TARGET/; turn each into a regression test in
# tests/encoding_fuzz_regressions.rs.
set -u
secs="${1:-60}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
status=0
for t in decode repair; do
    mkdir -p "corpus/$t" logs
    echo "== $t for ${secs}s"
    if ! cargo fuzz run "$t" "corpus/$t" ../tests/fixtures/seeds ../tests/fixtures/ftfy ../tests/fixtures/encoding -- -max_total_time="$secs" -rss_limit_mb=4096 2>"logs/$t.log"; then
        if grep -q "sanitizer\|-Zsanitizer\|AddressSanitizer" "logs/$t.log" && ! grep -q "^==[0-9]*==ERROR\|panicked" "logs/$t.log"; then
            echo "   (retrying without a sanitizer)"
            cargo fuzz run --sanitizer none "$t" "corpus/$t" ../tests/fixtures/seeds ../tests/fixtures/ftfy ../tests/fixtures/encoding -- -max_total_time="$secs" -rss_limit_mb=4096 2>"logs/$t.log" || status=1
        else
            status=1
        fi
    fi
    grep -E "^#[0-9]+.*(DONE|pulse)|Done [0-9]+ runs|panicked|ERROR" "logs/$t.log" | tail -3
done
exit $status
