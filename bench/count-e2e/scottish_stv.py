#!/usr/bin/env python3
"""A straightforward Python count of Scottish STV, the reference `answerback count` is measured against.

Usage: scottish_stv.py --output-dir DIR FILE.blt...

Reads each BLT file, counts it under the Scottish Local Government Elections Order 2007 (SSI 2007/42),
schedule 1, rules 45 to 52, and writes DIR/<name>.json with the same fields as `answerback count
--method scottish-stv --format json` (compare.py checks that the two agree). Written for this benchmark,
in plain idiomatic Python with the standard library only: one ballot line is one paper group, figures are
integers in units of 0.00001 vote, nothing is tuned.

A tie that the look-back to earlier stages cannot settle needs a lot; the engine draws it with .NET's
seeded generator, which this script does not reproduce, so it stops with an error instead (none of the
351 wards in the benchmark needs one).
"""

import json
import os
import sys

UNIT = 100_000  # five decimal places (r. 48: the remainder beyond five places is ignored)


class BltError(Exception):
    pass


def unquote(text):
    if not text.startswith('"'):
        return text
    parts = []
    i = 0
    while i < len(text):
        if text[i] in ' \t':
            i += 1
            continue
        if text[i] != '"':
            raise BltError('unexpected text after the closing quote of a name')
        i += 1
        piece = []
        while True:
            if i >= len(text):
                raise BltError('a quoted name has no closing quote')
            if text[i] == '"':
                if i + 1 < len(text) and text[i + 1] == '"':
                    piece.append('"')
                    i += 2
                    continue
                i += 1
                break
            piece.append(text[i])
            i += 1
        parts.append(''.join(piece))
    return parts[0] + ''.join(f' "{p}"' for p in parts[1:])


def read_blt(path):
    with open(path, encoding='utf-8') as f:
        lines = [line.strip() for line in f]
    lines = [line for line in lines if line]
    if not lines:
        raise BltError(f'{path}: the file is empty')
    trailing_comma = lines[0].endswith(',')
    if trailing_comma:
        lines = [line[:-1].rstrip() if line.endswith(',') else line for line in lines]
    n, seats = (int(x) for x in lines[0].split())
    withdrawn = set()
    ballots = []
    i = 1
    if lines[i].startswith('-'):
        withdrawn = {-int(x) - 1 for x in lines[i].split()}
        i += 1
    while lines[i] != '0':
        fields = lines[i].split()
        if fields[-1] != '0':
            raise BltError(f'{path}: a ballot line does not end with 0')
        prefs = []
        for field in fields[1:-1]:
            if field == '-' or '=' in field:
                raise BltError(f'{path}: Scottish STV needs one candidate per rank and no gaps')
            c = int(field) - 1
            if c in prefs or not 0 <= c < n:
                raise BltError(f'{path}: bad candidate {field}')
            prefs.append(c)
        prefs = [c for c in prefs if c not in withdrawn]
        ballots.append((int(fields[0]), prefs))
        i += 1
    names = [unquote(line) for line in lines[i + 1:i + 1 + n]]
    title = unquote(lines[i + 1 + n]) if len(lines) > i + 1 + n else None
    return names, seats, withdrawn, ballots, title


def fmt(units):
    return f'{units // UNIT}.{units % UNIT:05d}'


def count(names, seats, withdrawn, ballots, title):
    n = len(names)
    CONTINUING, ELECTED, EXCLUDED, WITHDRAWN = range(4)
    state = [WITHDRAWN if c in withdrawn else CONTINUING for c in range(n)]
    totals = [0] * n
    piles = [[] for _ in range(n)]  # per candidate: the paper groups they hold, as [weight, prefs, position, value]
    valid_papers = 0
    for weight, prefs in ballots:
        if not prefs:
            continue  # no preference for a standing candidate: not a valid vote
        valid_papers += weight
        paper = [weight, prefs, 0, UNIT]
        piles[prefs[0]].append(paper)
        totals[prefs[0]] += weight * UNIT
    quota = (valid_papers // (seats + 1) + 1) * UNIT  # r. 45
    history = []
    stages = []
    elected = []
    non_transferable = 0

    def pick(tied, lowest):
        # r. 49(2), 51: the most recent stage at which the tied candidates had unequal votes decides.
        remaining = sorted(tied)
        for past in reversed(history):
            if len(remaining) == 1:
                break
            best = (min if lowest else max)(past[c] for c in remaining)
            remaining = [c for c in remaining if past[c] == best]
        if len(remaining) > 1:
            raise BltError('a lot is needed, which this reference does not draw')
        return remaining[0]

    def order_by_votes(candidates):
        pool = list(candidates)
        ordered = []
        while pool:
            top = max(totals[c] for c in pool)
            tied = [c for c in pool if totals[c] == top]
            chosen = tied[0] if len(tied) == 1 else pick(tied, lowest=False)
            ordered.append(chosen)
            pool.remove(chosen)
        return ordered

    def add_stage(action, excluded):
        history.append(list(totals))
        reaching = [c for c in range(n) if state[c] == CONTINUING and totals[c] >= quota]
        newly = order_by_votes(reaching)[:seats - len(elected)]
        for c in newly:
            state[c] = ELECTED
            elected.append(c)
        stages.append({
            'stage': len(stages) + 1,
            'action': action,
            'totals': [fmt(t) for t in totals],
            'nonTransferable': fmt(non_transferable),
            'elected': [names[c] for c in newly],
            'excluded': [names[c] for c in excluded],
        })

    def transfer(source, surplus, total):
        nonlocal non_transferable
        moved = 0
        for paper in piles[source]:
            weight, prefs, position, value = paper
            if surplus is not None:
                value = surplus * value // total  # r. 48: truncated at five places, paper by paper
                paper[3] = value
            position += 1
            while position < len(prefs) and state[prefs[position]] != CONTINUING:
                position += 1
            paper[2] = position
            amount = weight * value
            moved += amount
            if position == len(prefs):
                non_transferable += amount
            else:
                totals[prefs[position]] += amount
                piles[prefs[position]].append(paper)
        piles[source] = []
        return moved

    add_stage('first preferences', [])
    while len(elected) < seats:
        continuing = [c for c in range(n) if state[c] == CONTINUING]
        if len(continuing) <= seats - len(elected):
            # r. 52: the continuing candidates fill the remaining vacancies.
            filled = order_by_votes(continuing)
            for c in filled:
                state[c] = ELECTED
                elected.append(c)
            stages[-1]['elected'] += [names[c] for c in filled]
            break
        with_surplus = [c for c in elected if totals[c] > quota]
        if with_surplus:
            largest = max(totals[c] - quota for c in with_surplus)  # r. 49: the largest surplus first
            tied = [c for c in with_surplus if totals[c] - quota == largest]
            source = tied[0] if len(tied) == 1 else pick(tied, lowest=False)
            total = totals[source]
            surplus = total - quota
            moved = transfer(source, surplus, total)
            totals[source] = quota
            non_transferable += surplus - moved
            add_stage(f'surplus of {names[source]} at transfer value {fmt(surplus * UNIT // total)}', [])
        else:
            lowest = min(totals[c] for c in continuing)  # r. 50: exclude the lowest
            tied = [c for c in continuing if totals[c] == lowest]
            source = tied[0] if len(tied) == 1 else pick(tied, lowest=True)
            state[source] = EXCLUDED
            totals[source] -= transfer(source, None, None)
            add_stage(f'exclusion of {names[source]}', [source])

    report = {'method': 'scottish-stv'}
    if title is not None:
        report['title'] = title
    report.update({
        'seats': seats,
        'valid': fmt(valid_papers * UNIT),
        'quota': fmt(quota),
        'candidates': names,
        'elected': [names[c] for c in elected],
        'seed': 1,
        'draws': [],
        'stages': stages,
    })
    return report


def main(argv):
    if len(argv) < 3 or argv[0] != '--output-dir':
        sys.exit('usage: scottish_stv.py --output-dir DIR FILE.blt...')
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    for path in argv[2:]:
        report = count(*read_blt(path))
        name = os.path.splitext(os.path.basename(path))[0]
        with open(os.path.join(out, name + '.json'), 'w', encoding='utf-8') as f:
            json.dump(report, f, indent=2, ensure_ascii=False)
            f.write('\n')
    print(f'scottish_stv.py: {len(argv) - 2} reports written to {out}', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1:])
