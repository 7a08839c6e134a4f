#!/usr/bin/env bash
# `answerback count` end to end against the Python reference (issue 14, part 3).
#
# Counts the 351 ordinary ward files of the 2017 Scottish council elections (every
# ../shared/data/stv/blt/*/*_2017_ward*.blt; the two 2017 by-elections are left out) by Scottish STV,
# one JSON report per file into a fresh folder, process start included, with:
#   - python3 bench/count-e2e/scottish_stv.py (the reference),
#   - native: the engines-only command, Native AOT (dotnet publish src/Answerback.Cli.Engines),
#   - published: the full CLI as the README installs it (dotnet publish src/Answerback.Cli: ReadyToRun),
#   - built: the full CLI as `dotnet build -c Release` leaves it,
# and times `--help` for the three, and `admin --help` through the native front end, which runs the full
# command for the platform's commands (the README's install step: the full command in its platform/ folder;
# here ANSWERBACK_PLATFORM_CLI points at the published one). The commands run back to back in each round and the rounds repeat,
# so a machine shared with other builds loads them alike; summarise.py prints medians and ranges.
#
#   bench/count-e2e/run.sh            # ROUNDS=5 RUNS=5 by default
#   ROUNDS=3 RUNS=10 OUT=/tmp/e2e bench/count-e2e/run.sh
#
# Needs hyperfine (Debian: apt-get install hyperfine), python3, and clang for Native AOT (apt-get install clang lld).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DATA=${DATA:-$ROOT/../shared/data/stv/blt}
OUT=${OUT:-/tmp/answerback-count-e2e}
ROUNDS=${ROUNDS:-5}
RUNS=${RUNS:-5}
# The interpreter itself, not a wrapper such as pyenv's shim (a bash script that would add its own start-up).
PY=${PYTHON:-$(python3 -c 'import sys; print(sys.executable)')}

mapfile -t FILES < <(find "$DATA" -name '*_2017_ward*.blt' | LC_ALL=C sort)
if [ "${#FILES[@]}" -ne 351 ]; then
    echo "run.sh: expected 351 ward files under $DATA, found ${#FILES[@]}" >&2
    exit 1
fi

mkdir -p "$OUT"
if [ -z "${SKIP_BUILD:-}" ]; then
    dotnet publish src/Answerback.Cli.Engines -c Release -o "$OUT/native" -v quiet -nologo
    dotnet publish src/Answerback.Cli -c Release -o "$OUT/published" -v quiet -nologo
    dotnet build src/Answerback.Cli -c Release -o "$OUT/built" -v quiet -nologo
fi

# The reports must agree before the times mean anything.
rm -rf "$OUT/check-python"
"$PY" bench/count-e2e/scottish_stv.py --output-dir "$OUT/check-python" "${FILES[@]}"
for build in native published built; do
    rm -rf "$OUT/check-$build"
    "$OUT/$build/answerback" count "${FILES[@]}" --method scottish-stv --format json --output-dir "$OUT/check-$build"
    "$PY" bench/count-e2e/compare.py "$OUT/check-$build" "$OUT/check-python"
done

ARGS="${FILES[*]}"
REPORTS="$OUT/reports"
echo "python: $PY ($("$PY" --version)); dotnet $(dotnet --version)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
    hyperfine -N --style basic --warmup 1 --runs "$RUNS" --prepare "rm -rf $REPORTS" \
        --export-json "$OUT/round-$round.json" \
        -n python "$PY bench/count-e2e/scottish_stv.py --output-dir $REPORTS $ARGS" \
        -n native "$OUT/native/answerback count $ARGS --method scottish-stv --format json --output-dir $REPORTS" \
        -n published "$OUT/published/answerback count $ARGS --method scottish-stv --format json --output-dir $REPORTS" \
        -n built "$OUT/built/answerback count $ARGS --method scottish-stv --format json --output-dir $REPORTS" \
        -n "native --help" "$OUT/native/answerback --help" \
        -n "published --help" "$OUT/published/answerback --help" \
        -n "built --help" "$OUT/built/answerback --help" \
        -n "native admin --help (forwarded)" "env ANSWERBACK_PLATFORM_CLI=$OUT/published/answerback $OUT/native/answerback admin --help" \
        -n "published admin --help" "$OUT/published/answerback admin --help" > "$OUT/round-$round.txt"
    echo "round $round done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
"$PY" bench/count-e2e/summarise.py "$OUT"/round-*.json
