#!/usr/bin/env bash
# The four keyed coordination networks (co-text, co-repost, co-link, co-reply, 60 s window, every edge) end to
# end from one QUT CSV file: `answerback audit coordination` against the QUT coordination-network-toolkit on the
# same file in the same run. First one run of each and a check that the edges are identical, then (RUNS > 0)
# hyperfine timing both, alternately. See docs/performance/social-audit.md.
#
#   QUT_TOOLKIT=/path/to/coordination-network-toolkit bash bench/Answerback.Benchmarks/SocialAudit/compare-qut.sh POSTS.csv [WORKDIR]
#
# QUT_TOOLKIT: a checkout of github.com/QUT-Digital-Observatory/coordination-network-toolkit (the folder holding
#   coordination_network_toolkit/); it is run as its console script does (`compute_networks`), with python3 and
#   its dependencies (regex, networkx, requests, urllib3) already importable. Without QUT_TOOLKIT the installed
#   `compute_networks` command is used (pip install coordination-network-toolkit).
# ANSWERBACK: the CLI to time (default: the Release build in this tree; `dotnet build -c Release src/Answerback.Cli`).
# RUNS: hyperfine runs per side (default 3; 0 = only the check).
set -euo pipefail
csv=$(realpath "$1")
work=$(realpath -m "${2:-$(mktemp -d)}")
here=$(cd "$(dirname "$0")/../../.." && pwd)
answerback=${ANSWERBACK:-$here/src/Answerback.Cli/bin/Release/net10.0/answerback}
runs=${RUNS:-3}
mkdir -p "$work/ours" "$work/qut"

if [[ -n "${QUT_TOOLKIT:-}" ]]; then
  toolkit=$(realpath "$QUT_TOOLKIT")
  [[ -d "$toolkit/coordination_network_toolkit" ]] || { echo "QUT_TOOLKIT: no coordination_network_toolkit/ in $toolkit" >&2; exit 2; }
  qut_cli="PYTHONPATH='$toolkit' python3 -c 'import sys; from coordination_network_toolkit.__main__ import main; sys.argv[0] = \"compute_networks\"; main()'"
else
  qut_cli=compute_networks
fi

ours_cmd="'$answerback' audit coordination '$csv' --type co-text,co-repost,co-link,co-reply --window 60 --output '$work/ours' 2>/dev/null"
# The toolkit's pipeline: one preprocess into a fresh database, then one compute per network with its CSV export.
qut_cmd="rm -f '$work'/qut.db*; $qut_cli '$work/qut.db' preprocess --format csv '$csv' >/dev/null"
for t in co_tweet co_retweet co_link co_reply; do
  qut_cmd+=" && $qut_cli '$work/qut.db' compute $t --time_window 60 --min_edge_weight 1 --output_file '$work/qut/$t.csv' --output_format csv >/dev/null"
done

uptime
/usr/bin/time -f "answerback: %e s wall, %U s user + %S s sys CPU, %M KB peak" bash -c "$ours_cmd"
/usr/bin/time -f "toolkit: %e s wall, %U s user + %S s sys CPU (children included), %M KB peak (largest process)" bash -c "$qut_cmd"

# The toolkit splits the urls field on spaces, so a post with no URL gets the empty string as its one URL and
# every two such posts within the window are co-link: our co-link never matches an empty URL. Check co-link
# against the toolkit's network recomputed without the empty URL (the timing keeps the toolkit as it is).
sqlite3 "$work/qut.db" "delete from message_url where url = ''"
bash -c "$qut_cli '$work/qut.db' compute co_link --time_window 60 --min_edge_weight 1 --output_file '$work/qut/co_link_nonempty.csv' --output_format csv >/dev/null"

status=0
for pair in co-text:co_tweet co-repost:co_retweet co-link:co_link_nonempty co-reply:co_reply; do
  ours=${pair%%:*}; qut=${pair##*:}
  # The toolkit quotes every field and names the types its own way: compare source, target and weight.
  a=$(tail -n +2 "$work/ours/$ours.csv" | cut -d, -f1-3 | sort)
  b=$(tail -n +2 "$work/qut/$qut.csv" | tr -d '"\r' | cut -d, -f1-3 | sort)
  if [[ "$a" == "$b" ]]; then verdict=identical; else verdict=DIFFERENT; status=1; fi
  echo "$ours: $(wc -l <<< "$a") edges, toolkit $(wc -l <<< "$b"): $verdict"
done

if (( runs > 0 )); then
  uptime
  hyperfine --runs "$runs" --export-markdown "$work/hyperfine.md" --export-json "$work/hyperfine.json" \
    -n answerback "$ours_cmd" -n qut-toolkit "$qut_cmd"
  uptime
fi
exit $status
