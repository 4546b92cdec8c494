#!/usr/bin/env bash
# Bantin benchmark: `make bench` (which first runs `make build`) calls this script.
#
# For each corpus size N in $BENCH_SIZES it generates a deterministic corpus of N articles into
# WORK/N and times, $BENCH_RUNS times each, with /usr/bin/time -v (wall time, peak RSS):
#   - Bantin fresh build, Hugo fresh build, and with $BENCH_BASELINE another Bantin binary's
#     fresh build (alternated in one loop so that drift of the machine — other load, thermal,
#     page cache — hits all alike);
#   - Bantin rebuilds: no change, one article's body edited, one template edited;
#   - cmark alone over the same Markdown, the floor of pure Markdown rendering.
# It prints a Markdown table of medians to stdout and writes it to bench/results.md.
#
#   BENCH_SIZES   corpus sizes (default "1000 10000 50000")
#   BENCH_RUNS    repetitions of every measurement (default 3; the median is reported)
#   BENCH_SEED    seed of bench/generate.py (default 2023)
#   BENCH_BASELINE  another `site` binary (an earlier commit's) to time side by side (default none)
#   BENCH_BASELINE_TEMPLATES  that commit's templates/ folder: the baseline then builds a copy of
#                 the corpus with its own theme (an older binary does not know a newer theme's keys,
#                 and would skip what it cannot find); default: the same corpus and theme
#   BENCH_SERVE_SIZE  the corpus on which the preview servers are timed (default 10000;
#                 bench/serve.py: `site serve` and `hugo server`, edit to served page, memory)
#   BENCH_WORK    where corpora and outputs go (default /dev/shm/bantin-bench, tmpfs: the disks of
#                 these machines stall for seconds after large deletes; bench/work without /dev/shm)
#
# The work folder is left in place: corpora, outputs, and per-run logs and samples in
# WORK/N/bench-logs/. Every corpus is regenerated from scratch on the next run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
if [ -z "${BENCH_WORK:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then BENCH_WORK=/dev/shm/bantin-bench; fi
WORK=${BENCH_WORK:-$BENCH/work}
BASELINE_BIN=${BENCH_BASELINE:-}
BASELINE_TEMPLATES=${BENCH_BASELINE_TEMPLATES:-}
SITE_BIN="$ROOT/.build/release/site"
RESULTS="$BENCH/results.md"

SIZES=${BENCH_SIZES:-1000 10000 50000}
RUNS=${BENCH_RUNS:-3}
SEED=${BENCH_SEED:-2023}
SERVE_SIZE=${BENCH_SERVE_SIZE:-10000}

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- set-up -----------------------------------------------------------------------------------

# hugo, cmark and GNU time come from Debian; install only what is missing (apt is slow even
# when there is nothing to do).
install_tools() {
    local missing=()
    command -v hugo >/dev/null 2>&1 || missing+=(hugo)
    command -v cmark >/dev/null 2>&1 || missing+=(cmark)
    [ -x /usr/bin/time ] || missing+=(time)
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing with apt: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

check_binary() {
    if [ ! -x "$SITE_BIN" ]; then
        echo "error: $SITE_BIN is missing; run 'make bench' (it builds first) or 'make build'." >&2
        exit 1
    fi
    if [ -n "$BASELINE_BIN" ] && [ ! -x "$BASELINE_BIN" ]; then
        echo "error: BENCH_BASELINE=$BASELINE_BIN is not an executable." >&2
        exit 1
    fi
    if [ -n "$BASELINE_TEMPLATES" ] && [ ! -d "$BASELINE_TEMPLATES" ]; then
        echo "error: BENCH_BASELINE_TEMPLATES=$BASELINE_TEMPLATES is not a folder." >&2
        exit 1
    fi
}

# --- measuring --------------------------------------------------------------------------------

# measure NAME CMD... : runs CMD once under /usr/bin/time -v and appends one line to
# $SAMPLES/NAME: "<wall seconds> <peak RSS in KiB>", or "failed" when CMD exits non-zero.
# CMD's own output goes to $LOGS/NAME.log (the last run's; earlier failures are kept as
# NAME.failed-K.log), so a failure can be looked at without drowning the table.
measure() {
    local name=$1; shift
    local tv="$LOGS/$name.time"
    if /usr/bin/time -v -o "$tv" "$@" >"$LOGS/$name.log" 2>&1; then
        awk -F': ' '
            /Elapsed \(wall clock\)/ {
                n = split($NF, p, ":")          # h:mm:ss or m:ss.cc
                s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]
                wall = s
            }
            /Maximum resident set size/ { rss = $NF }
            END { printf "%.3f %d\n", wall, rss }' "$tv" >>"$SAMPLES/$name"
    else
        echo failed >>"$SAMPLES/$name"
        cp "$LOGS/$name.log" "$LOGS/$name.failed-$(wc -l <"$SAMPLES/$name").log"
        log "  $name failed (see $LOGS/$name.log)"
    fi
}

# median NAME FIELD : median of column FIELD (1 = seconds, 2 = KiB) of NAME's samples; prints
# "failed" if any run failed (a median over fewer runs would hide it), "-" if never measured.
median() {
    local f="$SAMPLES/$1"
    [ -s "$f" ] || { echo -; return; }
    if grep -qx failed "$f"; then echo failed; return; fi
    awk -v k="$2" '{ print $k }' "$f" | sort -g | awk '
        { v[NR] = $1 }
        END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# --- the tools, each as one command -----------------------------------------------------------
# /usr/bin/time runs programs, not shell functions, so each tool is a command line (an array
# set by set_commands for the current corpus); `env` and `bash -c` exec or wait for the real
# program, so its peak RSS is what /usr/bin/time reports.

set_commands() {
    BANTIN=("$SITE_BIN" build --source "$CORPUS")
    BASELINE=("$BASELINE_BIN" build --source "${BASELINE_SOURCE:-$CORPUS}" --output "$CORPUS/baseline-public")
    # Hugo's caches: --cacheDir, and its resources dir moved by HUGO_RESOURCEDIR so that
    # Hugo writes nothing into bench/hugo-site; both live in the work dir.
    HUGO=(env HUGO_RESOURCEDIR="$CORPUS/hugo-resources" hugo --quiet -s "$BENCH/hugo-site"
          --contentDir "$CORPUS/content" -d "$CORPUS/hugo-public" --cacheDir "$CORPUS/hugo-cache")
    # cmark alone over all the articles concatenated into one document (front matter included:
    # it renders as a thematic break and a paragraph or two, a small share of each file).
    CMARK=(bash -c 'set -o pipefail; find "$1/content" -name "*.md" -print0 | xargs -0 cat | cmark >/dev/null' _ "$CORPUS")
}

# Old outputs are moved into $TRASH, not deleted, until the whole run is over: on ext4 without a
# journal (these machines), creating files within minutes of deleting tens of thousands makes the
# kernel's inode allocator skip the recently freed inodes one by one, which cost both tools
# seconds per fresh build, in proportion to what the previous run deleted rather than to their work.
TRASH="$WORK/.trash"
discard() {
    local path
    for path in "$@"; do
        if [ -e "$path" ]; then mv "$path" "$TRASH/$(date +%s%N)-$RANDOM"; fi
    done
}

# FRESH: no output folder, nor the staging folder or build cache (of binaries before 8babeec)
# an earlier run may have left beside it.
bantin_clean() { discard "$CORPUS/$1" "$CORPUS/.$1.bantin-cache" "$CORPUS/.$1.bantin-staging" "$CORPUS"/."$1".bantin-staging-*; }
# Also any resources/ an older Hugo run left in the Hugo site.
hugo_clean() { discard "$CORPUS/hugo-public" "$CORPUS/hugo-cache" "$CORPUS/hugo-resources" "$BENCH/hugo-site/resources"; }

# --- edits for the incremental rebuilds --------------------------------------------------------

# A file being edited is backed up in the logs folder (not beside it: Bantin copies any extra
# file under content/ into the site); the EXIT trap puts it back if the script is interrupted
# mid-edit, so a corpus is never left modified.
EDITED=""
BACKUP=""
restore_edit() {
    if [ -n "$EDITED" ]; then
        cp "$BACKUP" "$EDITED"   # plain cp: a new mtime, so any cache sees the change
        rm -f "$BACKUP"
        EDITED=""
    fi
}
trap restore_edit EXIT
trap 'exit 130' INT   # make INT and TERM exit through the EXIT trap
trap 'exit 143' TERM

begin_edit() { EDITED=$1; BACKUP="$LOGS/edit-backup"; cp "$1" "$BACKUP"; }

# The middle article in path order: a fixed, ordinary file of the corpus.
middle_article() {
    find "$CORPUS/content" -name '*.md' | LC_ALL=C sort | awk -v n="$1" 'NR == int(n / 2) + 1'
}

# edited_rebuild NAME FILE TEXT : appends TEXT to FILE, times one build, restores FILE, then
# rebuilds untimed so that the next measurement starts from a build of the unedited corpus.
edited_rebuild() {
    local name=$1 file=$2 text=$3
    begin_edit "$file"
    printf '%s\n' "$text" >>"$file"
    measure "$name" "${BANTIN[@]}"
    restore_edit
    "${BANTIN[@]}" >"$LOGS/resync.log" 2>&1 || true
}

# --- one corpus size ---------------------------------------------------------------------------

bench_size() {
    local n=$1
    CORPUS="$WORK/$n"
    log "N=$n: generating corpus (seed $SEED)"
    discard "$CORPUS"
    python3 "$BENCH/generate.py" "$n" "$CORPUS" --seed "$SEED"
    cp -R "$ROOT/templates" "$CORPUS/templates"
    BASELINE_SOURCE=""
    if [ -n "$BASELINE_TEMPLATES" ]; then
        BASELINE_SOURCE="$WORK/$n-baseline"
        discard "$BASELINE_SOURCE"
        mkdir -p "$BASELINE_SOURCE"
        cp -R "$CORPUS/content" "$CORPUS/site.yaml" "$BASELINE_SOURCE/"
        cp -R "$BASELINE_TEMPLATES" "$BASELINE_SOURCE/templates"
    fi
    LOGS="$CORPUS/bench-logs"
    SAMPLES="$LOGS/samples"
    mkdir -p "$SAMPLES"
    set_commands

    local article template
    article=$(middle_article "$n")
    template="$CORPUS/templates/article.mustache"

    local run load_before
    load_before=$(loadavg)
    for run in $(seq 1 "$RUNS"); do
        log "N=$n: run $run/$RUNS"
        # Fresh builds, Bantin then Hugo, back to back.
        bantin_clean public
        measure bantin-fresh "${BANTIN[@]}"
        hugo_clean
        measure hugo-fresh "${HUGO[@]}"
        if [ -n "$BASELINE_BIN" ]; then
            bantin_clean baseline-public
            measure baseline-fresh "${BASELINE[@]}"
        fi
        # Bantin rebuilds. The last Bantin build was the fresh one (Hugo touches no file of
        # Bantin's), so this is "build again right after a build".
        measure bantin-nochange "${BANTIN[@]}"
        edited_rebuild bantin-article "$article" \
            "Bài viết được cập nhật lúc $run giờ để đo thời gian dựng lại."
        edited_rebuild bantin-template "$template" "<!-- bench edit $run -->"
        measure cmark "${CMARK[@]}"
    done

    if [ "$n" = "$SERVE_SIZE" ]; then
        log "N=$n: preview servers (bench/serve.py, 20 edits of each kind)"
        python3 "$BENCH/serve.py" "$SITE_BIN" "$CORPUS" "$BENCH/hugo-site" 20 >"$LOGS/serve.md" 2>"$LOGS/serve.log" ||
            echo "bench/serve.py failed (see $LOGS/serve.log)" >"$LOGS/serve.md"
    fi
    # The search index against the HTML it indexes (issue 18's budget: at most 15 %).
    if [ -f "$CORPUS/public/tim-kiem/chi-muc.js" ]; then
        find "$CORPUS/public" -name '*.html' -printf '%s\n' | awk -v index_bytes="$(stat -c %s "$CORPUS/public/tim-kiem/chi-muc.js")" \
            '{ html += $1 } END { printf "search index %.1f MB for %.1f MB of HTML (%.1f %%)\n", index_bytes / 1e6, html / 1e6, 100 * index_bytes / html }' >"$LOGS/search"
    fi
    echo "$load_before / $(loadavg)" >"$LOGS/load"
    # Corpus facts for the table.
    find "$CORPUS/content" -name '*.md' -printf '%s\n' |
        awk '{ n++; b += $1 } END { printf "%d %.1f\n", n, b / 1e6 }' >"$LOGS/corpus"
}

# --- the table ----------------------------------------------------------------------------------

# ratio A B FORMAT : A/B; "failed" when either failed, "-" when either is missing.
ratio() {
    awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {
        if (a == "failed" || b == "failed") { print "failed"; exit }
        if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "-"; exit }
        printf f, a / b }'
}
secs() { [[ $1 =~ ^[0-9.]+$ ]] && printf '%.2f' "$1" || printf '%s' "$1"; }
mib()  { [[ $1 =~ ^[0-9.]+$ ]] && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || printf '%s' "$1"; }
# "1.23 (45 %)" : a rebuild's seconds and its share of the fresh build.
with_pct() {
    if [[ $1 =~ ^[0-9.]+$ && $2 =~ ^[0-9.]+$ ]]; then
        awk -v r="$1" -v f="$2" 'BEGIN { printf "%.2f (%.0f %%)", r, 100 * r / f }'
    else
        secs "$1"
    fi
}

machine_header() {
    local cpu mem
    cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
    mem=$(free -g | awk '/^Mem:/ { print $2 }')
    echo "# Bantin benchmark"
    echo
    echo "- Date: $(date '+%Y-%m-%d %H:%M %Z')"
    echo "- Machine: $(nproc) CPUs, ${cpu:-unknown CPU}, ${mem} GiB RAM (free -g total)"
    echo "- Bantin: $("$SITE_BIN" --version 2>/dev/null | head -n1), commit $BANTIN_COMMIT"
    if [ -n "$BASELINE_BIN" ]; then echo "- Baseline: $BASELINE_BIN${BASELINE_TEMPLATES:+, with the theme in $BASELINE_TEMPLATES}"; fi
    echo "- $(hugo version | cut -d' ' -f1-2); $(cmark --version | head -n1 | cut -d' ' -f1-2)"
    echo "- Medians of $RUNS runs each, corpus seed $SEED; wall time and peak RSS from /usr/bin/time -v."
    echo
}

table() {
    echo "| articles | Markdown MB | Bantin fresh s | articles/s | MB/s | Bantin peak MB | Hugo fresh s | Hugo peak MB | Hugo/Bantin time (× faster) | Bantin/Hugo memory | baseline fresh s | baseline/Bantin time | no-change rebuild s (% of fresh) | one-article edit s (% of fresh) | one-template edit s (% of fresh) | cmark alone s |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    local n
    for n in $SIZES; do
        SAMPLES="$WORK/$n/bench-logs/samples"
        local articles mb bf bm hf hm lf nc ar te cm
        read -r articles mb <"$WORK/$n/bench-logs/corpus"
        bf=$(median bantin-fresh 1); bm=$(median bantin-fresh 2)
        hf=$(median hugo-fresh 1);   hm=$(median hugo-fresh 2)
        nc=$(median bantin-nochange 1)
        lf=$(median baseline-fresh 1)
        ar=$(median bantin-article 1)
        te=$(median bantin-template 1)
        cm=$(median cmark 1)
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
            "$articles" "$mb" "$(secs "$bf")" "$(ratio "$articles" "$bf" '%.0f')" "$(ratio "$mb" "$bf" '%.1f')" \
            "$(mib "$bm")" "$(secs "$hf")" "$(mib "$hm")" \
            "$(ratio "$hf" "$bf" '%.2f×')" "$(ratio "$bm" "$hm" '%.2f')" \
            "$(secs "$lf")" "$(ratio "$lf" "$bf" '%.2f')" \
            "$(with_pct "$nc" "$bf")" "$(with_pct "$ar" "$bf")" "$(with_pct "$te" "$bf")" "$(secs "$cm")"
    done
    echo
    echo "Notes: MB of Markdown = sum of the .md files' sizes in 10^6 bytes (front matter included);"
    echo "peak MB = maximum resident set size in MiB. A fresh build starts without output and without"
    echo "caches (Hugo: output, --cacheDir and resources), which are moved aside, not deleted, until"
    echo "the end of the run (see discard in bench/run.sh). Baseline: BENCH_BASELINE, another Bantin"
    echo "binary, run right after the other two on the same corpus (\"-\" when not given)."
    echo "The one-article edit appends a sentence to the middle article; the one-template edit appends"
    echo "an HTML comment to templates/article.mustache; each is undone and rebuilt (untimed) after."
    echo "cmark alone = \`find content -name '*.md' | xargs cat | cmark > /dev/null\`: every article,"
    echo "front matter included, as one CommonMark document, no templates and no output files."
    echo "Hugo renders the same articles, home pagination and commune pages with minimal layouts"
    echo "(bench/hugo-site), but writes no per-commune feeds and no sitemap, which Bantin does."
    echo "\"failed\" means at least one run of that measurement exited non-zero (logs in WORK/N/bench-logs/)."
}

# Every run's seconds, in run order, and the load average around each size: the spread tells
# how far to trust a median (another build or test run on the machine shows up here).
raw_samples() {
    echo
    echo "Raw wall times (s, run order):"
    echo
    local n name
    for n in $SIZES; do
        echo "- $n articles (load average before/after: $(cat "$WORK/$n/bench-logs/load"))"
        if [ -f "$WORK/$n/bench-logs/search" ]; then echo "  - $(cat "$WORK/$n/bench-logs/search")"; fi
        for name in bantin-fresh hugo-fresh baseline-fresh bantin-nochange bantin-article bantin-template cmark; do
            if [ -f "$WORK/$n/bench-logs/samples/$name" ]; then
                echo "  - $name: $(awk '{ printf "%s%s", sep, $1; sep = ", " }' "$WORK/$n/bench-logs/samples/$name")"
            fi
        done
        # The two fresh builds of one run ran one after the other: their ratio, run by run.
        if [ -f "$WORK/$n/bench-logs/samples/bantin-fresh" ] && [ -f "$WORK/$n/bench-logs/samples/hugo-fresh" ]; then
            echo "  - Hugo/Bantin fresh, run by run: $(paste -d' ' "$WORK/$n/bench-logs/samples/hugo-fresh" "$WORK/$n/bench-logs/samples/bantin-fresh" |
                awk '{ printf "%s%s", sep, ($1 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $3 > 0) ? sprintf("%.2f×", $1 / $3) : "–"; sep = ", " }')"
        fi
        if [ -f "$WORK/$n/bench-logs/samples/baseline-fresh" ]; then
            echo "  - baseline/Bantin fresh, run by run: $(paste -d' ' "$WORK/$n/bench-logs/samples/baseline-fresh" "$WORK/$n/bench-logs/samples/bantin-fresh" |
                awk '{ printf "%s%s", sep, ($1 ~ /^[0-9.]+$/ && $3 ~ /^[0-9.]+$/ && $3 > 0) ? sprintf("%.2f", $1 / $3) : "–"; sep = ", " }')"
        fi
    done
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

serve_table() {
    local file="$WORK/$SERVE_SIZE/bench-logs/serve.md"
    if [ -f "$file" ]; then
        echo
        cat "$file"
        echo
        echo "Start-up: until the server answers. Body edit: a sentence appended to the middle article and"
        echo "saved, until its page (fetched again and again) has it. Commune move: the newest article's"
        echo "first commune changed and saved, until the old commune's first page no longer lists it and"
        echo "the new one's does. Peak MB: the server's VmHWM at the end."
    fi
}

# The commit the binary was built from, read at the start (someone may commit during a long
# run); Sources/ may hold uncommitted work, which the binary includes: say so.
bantin_commit() {
    local commit
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')
    if [ -n "$(git -C "$ROOT" status --porcelain -- Sources Package.swift 2>/dev/null)" ]; then
        commit="$commit + uncommitted changes in Sources/"
    fi
    echo "$commit"
}

main() {
    install_tools
    check_binary
    BANTIN_COMMIT=$(bantin_commit)
    # A trash left by an interrupted run goes first (the slowdown above then hits this run's
    # first minutes; rare).
    rm -rf "$TRASH"
    mkdir -p "$WORK" "$TRASH"
    local n
    for n in $SIZES; do
        bench_size "$n"
    done
    { machine_header; table; serve_table; raw_samples; } | tee "$RESULTS"
    log "deleting the outputs moved aside during the run"
    rm -rf "$TRASH"
    log "table written to ${RESULTS#"$ROOT"/}; corpora and logs left in $WORK/"
}

main "$@"
