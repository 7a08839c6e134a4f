#!/usr/bin/env python3
"""Summarises hyperfine's JSON exports from run.sh: summarise.py round-1.json round-2.json ...

For each command: the median, fastest and slowest wall time over every run of every round, and the median
over the rounds of the CPU time (user + system; hyperfine gives it per round, as a mean). Then the ratio of the Python reference to each `answerback count` build, taken
round by round (the commands of one round ran back to back, under the same load) and given as the median
and range over the rounds.
"""

import json
import statistics
import sys


def main(paths):
    rounds = []
    for path in paths:
        with open(path, encoding='utf-8') as f:
            rounds.append({r['command']: r for r in json.load(f)['results']})
    names = list(rounds[0])
    print('| command | median wall | range (wall) | median CPU (user + sys) | runs |')
    print('|---|---:|---:|---:|---:|')
    for name in names:
        times = [t for r in rounds for t in r[name]['times']]
        cpu = [r[name]['user'] + r[name]['system'] for r in rounds]
        print(f'| {name} | {statistics.median(times) * 1000:.0f} ms | {min(times) * 1000:.0f}–{max(times) * 1000:.0f} ms '
              f'| {statistics.median(cpu) * 1000:.0f} ms | {len(times)} |')
    print()
    for name in names:
        if name == 'python' or 'help' in name:
            continue
        wall = [r['python']['median'] / r[name]['median'] for r in rounds]
        cpu = [(r['python']['user'] + r['python']['system']) / (r[name]['user'] + r[name]['system']) for r in rounds]
        print(f'python / {name}: wall {statistics.median(wall):.1f}× (rounds {min(wall):.1f}–{max(wall):.1f}×), '
              f'CPU {statistics.median(cpu):.1f}× (rounds {min(cpu):.1f}–{max(cpu):.1f}×)')


if __name__ == '__main__':
    main(sys.argv[1:])
