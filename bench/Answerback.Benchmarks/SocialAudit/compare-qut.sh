#!/usr/bin/env bash
# The four keyed coordination networks (co-text, co-repost, co-link, co-reply, 60 s window, every edge) end to
# end from one QUT CSV file: `answerback audit coordination` against the QUT coordination-network-toolkit, in the
# same run, then a check that the edges are identical. See docs/performance/social-audit.md.
#
#   bash bench/Answerback.Benchmarks/SocialAudit/compare-qut.sh POSTS.csv [WORKDIR]
#
# ANSWERBACK: the CLI to time (default: the Release build in this tree; `dotnet build -c Release src/Answerback.Cli`).
# QUT: how to run the toolkit. Default `compute_networks` (pip install coordination-network-toolkit==1.5.2): one
# preprocess, then one compute per network with --output_file. QUT_SCRIPT=path runs instead a script taking
# `DB CSV WINDOW OUTDIR` and writing co_tweet.csv, co_retweet.csv, co_link.csv, co_reply.csv (for a machine where
# PyPI cannot be reached).
set -euo pipefail
csv=$(realpath "$1")
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/../../.." && pwd)
answerback=${ANSWERBACK:-$here/src/Answerback.Cli/bin/Release/net10.0/answerback}
mkdir -p "$work/ours" "$work/qut"
rm -f "$work"/qut.db*

timed() { # label command...: wall and CPU (user + sys, children included) in seconds
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %U s user + %S s sys CPU, %M KB peak" "$@" > "$work/$label.log" 2> "$work/$label.err" \
    || { cat "$work/$label.err" >&2; exit 1; }
  tail -n 1 "$work/$label.err"
}

timed answerback "$answerback" audit coordination "$csv" --type co-text,co-repost,co-link,co-reply --window 60 --output "$work/ours"
if [[ -n "${QUT_SCRIPT:-}" ]]; then
  timed qut python3 "$QUT_SCRIPT" "$work/qut.db" "$csv" 60 "$work/qut"
else
  timed qut bash -c '
    set -e
    compute_networks "$1/qut.db" preprocess --format csv "$2"
    for t in co_tweet co_retweet co_link co_reply; do
      compute_networks "$1/qut.db" compute $t --time_window 60 --min_edge_weight 1 --output_file "$1/qut/$t.csv" --output_format csv
    done' _ "$work" "$csv"
fi

status=0
for pair in co-text:co_tweet co-repost:co_retweet co-link:co_link co-reply:co_reply; do
  ours=${pair%%:*}; qut=${pair##*:}
  # The toolkit quotes every field and names the types its own way: compare source, target and weight.
  a=$(tail -n +2 "$work/ours/$ours.csv" | cut -d, -f1-3 | sort)
  b=$(tail -n +2 "$work/qut/$qut.csv" | tr -d '"\r' | cut -d, -f1-3 | sort)
  if [[ "$a" == "$b" ]]; then verdict=identical; else verdict=DIFFERENT; status=1; fi
  echo "$ours: $(wc -l <<< "$a") edges, toolkit $(wc -l <<< "$b"): $verdict"
done
exit $status
