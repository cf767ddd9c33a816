#!/usr/bin/env bash
# Builds the generated corpus with gen and — when they are on PATH — with Zola and Hugo, RUNS
# times each, interleaved (gen, zola, hugo, gen, zola, hugo, … with the order rotating every
# round), and reports per generator the median wall time, user+sys CPU time and peak RSS (from
# /usr/bin/time), and their ratios to gen. See bench/README.md.
#
# usage: bench/compare.sh [N ...]            (default: 100 1000 roadmaps)
# env:   RUNS=5                              runs per generator and N
#        WORK=${TMPDIR:-/tmp}/gen-bench      corpora, outputs and results.tsv
#        OUT=$WORK                           where the generators write their sites (e.g. a tmpfs
#                                            such as /dev/shm/gen-bench, to take the disk out)
#        GEN=target/release/gen  GEN_CORPUS=target/release/gen-corpus  SEED=1
#        ZOLA=zola  HUGO=hugo                peer binaries (skipped when not found)
#        SKIP_BUILD=1                        do not run `cargo build --release` first
#        SEARCH=gen                          which sites build a search index: gen (gen only, each
#                                            generator's default), none, or all (gen and Zola, one
#                                            per language; Hugo has none of its own)
#        PRINT=gen                           which sites have a print view per roadmap and
#                                            language: gen (gen only, the default) or all (the
#                                            peers get one too: the same pages as gen's)
#        REPORT=results.tsv                  print the tables of an earlier run's raw runs, and
#                                            build nothing
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-${TMPDIR:-/tmp}/gen-bench}
OUT=${OUT:-$WORK}
SEED=${SEED:-1}
SEARCH=${SEARCH:-gen}
case $SEARCH in gen | none | all) ;; *) echo "SEARCH must be gen, none or all" >&2; exit 2 ;; esac
PRINT=${PRINT:-gen}
case $PRINT in gen) print_flag=() ;; all) print_flag=(--print-views) ;; *) echo "PRINT must be gen or all" >&2; exit 2 ;; esac
GEN=${GEN:-target/release/gen}
GEN_CORPUS=${GEN_CORPUS:-target/release/gen-corpus}
ZOLA=${ZOLA:-zola}
HUGO=${HUGO:-hugo}
SIZES=("$@")
# 2: Zola's weekly plans and print views stay out of its search index.
CORPUS_FORMAT=2
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100 1000)

# Medians per (n, tool) and ratios to gen, from the raw runs in file $1.
summarize() {
    awk -F'\t' '
function median(list,   a, m, i, j, t) {
    m = split(list, a, " ")
    for (i = 2; i <= m; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] + 0 > t + 0; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
}
NR > 1 {
    key = $1 SUBSEP $2
    if (!(key in seen)) { seen[key] = 1; order[++k] = key }
    wall[key] = wall[key] " " $4; cpu[key] = cpu[key] " " ($5 + $6); rss[key] = rss[key] " " $7; pages[key] = $8
    run_wall[$1, $2, $3] = $4; runs[$1] = ($3 > runs[$1]) ? $3 : runs[$1]
}
END {
    printf "\n| N | generator | pages | wall (median) | user+sys (median) | peak RSS (median) | ms/page | wall ÷ gen | RSS ÷ gen |\n"
    printf "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
    for (i = 1; i <= k; i++) {
        split(order[i], p, SUBSEP); n = p[1]
        w[order[i]] = median(wall[order[i]]); c[order[i]] = median(cpu[order[i]]); r[order[i]] = median(rss[order[i]])
    }
    for (i = 1; i <= k; i++) {
        key = order[i]; split(key, p, SUBSEP); n = p[1]; g = n SUBSEP "gen"
        printf "| %s | %s | %d | %.2f s | %.2f s | %.0f MB | %.3f | %.2f× | %.2f× |\n", n, p[2], pages[key], w[key], c[key], r[key] / 1024,
            1000 * w[key] / (pages[key] ? pages[key] : 1), w[key] / w[g], r[key] / r[g]
    }
    # The same ratio round by round: gen against the peer run next to it in the same round, so
    # that a burst of load on a shared host moves both sides of each ratio. The spread says how
    # far the medians above can be trusted.
    printf "\n| N | peer | gen ÷ peer, wall, round by round: median (lowest–highest) | gen ÷ peer, peak RSS (medians) |\n"
    printf "| ---: | --- | --- | ---: |\n"
    for (i = 1; i <= k; i++) {
        key = order[i]; split(key, p, SUBSEP); n = p[1]; t = p[2]
        if (t == "gen") continue
        list = ""; lo = ""; hi = ""
        for (run = 1; run <= runs[n]; run++) {
            if (!((n, "gen", run) in run_wall) || !((n, t, run) in run_wall) || run_wall[n, t, run] + 0 == 0) continue
            x = run_wall[n, "gen", run] / run_wall[n, t, run]
            list = list " " x
            if (lo == "" || x < lo) lo = x
            if (hi == "" || x > hi) hi = x
        }
        if (list == "") continue
        printf "| %s | %s | %.2f (%.2f–%.2f) | %.2f |\n", n, t, median(list), lo, hi, r[n SUBSEP "gen"] / r[key]
    }
}' "$1"
}

if [ -n "${REPORT:-}" ]; then
    summarize "$REPORT"
    exit 0
fi

if [ -z "${SKIP_BUILD:-}" ]; then
    cargo build --release --quiet --bin gen --bin gen-corpus
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time) for peak RSS" >&2; exit 2; }

tools=(gen)
command -v "$ZOLA" >/dev/null 2>&1 && tools+=(zola) || echo "zola not on PATH: skipped" >&2
command -v "$HUGO" >/dev/null 2>&1 && tools+=(hugo) || echo "hugo not on PATH: skipped" >&2

mkdir -p "$WORK" "$OUT"
results="$WORK/results.tsv"
printf 'n\ttool\trun\twall_s\tuser_s\tsys_s\tmax_rss_kb\tpages\n' >"$results"

# The command line that builds corpus $1 with tool $2 into output folder $3.
build_cmd() {
    local dir=$1 tool=$2 out=$3
    case $tool in
        gen) echo "$GEN build --root $dir/gen --output $out" ;;
        zola) echo "$ZOLA --root $dir/zola build --output-dir $out --force" ;;
        hugo) echo "$HUGO --source $dir/hugo --destination $out --quiet --noBuildLock" ;;
    esac
}

for n in "${SIZES[@]}"; do
    dir="$WORK/n$n"
    # The marker names the corpus format (raise CORPUS_FORMAT when gen-corpus writes different
    # files for the same settings), the seed and the settings the corpus was written with.
    marker="$dir/.complete-$CORPUS_FORMAT-$SEED-$SEARCH-$PRINT"
    if [ ! -f "$marker" ]; then
        rm -rf "$dir"
        "$GEN_CORPUS" --roadmaps "$n" --seed "$SEED" --search "$SEARCH" "${print_flag[@]}" \
            --out "$dir/gen" --zola "$dir/zola" --hugo "$dir/hugo" >/dev/null
        touch "$marker"
    fi
    # A kept corpus has the theme and UI strings of the day it was written: take today's.
    rm -rf "$dir/gen/i18n" "$dir/gen/themes" && cp -r i18n themes "$dir/gen/"
    echo "== N = $n roadmaps × 3 languages; ${#tools[@]} generators × $RUNS runs, interleaved; search indexes: $SEARCH; print views: $PRINT" >&2
    for run in $(seq 1 "$RUNS"); do
        # Rotate the order every round so no generator always runs right after another.
        k=$(( (run - 1) % ${#tools[@]} ))
        order=("${tools[@]:$k}" "${tools[@]:0:$k}")
        for tool in "${order[@]}"; do
            out="$OUT/out-$tool"
            # gen keeps the previous site in .out-gen.gen/ to reuse; a cold build starts without it.
            rm -rf "$out" "$OUT/.out-$tool.gen"
            cmd=$(build_cmd "$dir" "$tool" "$out")
            stats=$(/usr/bin/time -f '%e %U %S %M' $cmd 2>&1 >/dev/null | tail -n 1)
            pages=$(find "$out" -name '*.html' | wc -l)
            read -r wall user sys rss <<<"$stats"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$run" "$wall" "$user" "$sys" "$rss" "$pages" >>"$results"
            awk -v r="$run" -v t="$tool" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v p="$pages" \
                'BEGIN { printf "  run %s %-4s %6.2fs wall %6.2fs cpu %7.1f MB %6s pages\n", r, t, w, u + s, m / 1024, p }' >&2
        done
    done
done

summarize "$results"
echo >&2
echo "raw runs: $results" >&2
