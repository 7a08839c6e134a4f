#!/usr/bin/env python3
"""Writes a closed bulletin board (answerback-board-v1) and the same ballots as BLT, independently of
the C# code: a cross-check of the format and the input for timing `answerback primary verify-board`.

    python3 make_board.py ENTRIES OUT_PREFIX [--seed S]

writes OUT_PREFIX.board.json (no result yet) and OUT_PREFIX.blt. Add the result with
`answerback count OUT_PREFIX.blt --method av --seed 1 --format json` (see docs/primaries.md)."""
import hashlib
import json
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CANDIDATES = ["Ann Smith", "Bob Jones", "Cy Patel", "Di Wong", "Ed Khan", "Fay Brown"]


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main():
    entries_wanted, prefix = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    primary_id = "bench-%d" % entries_wanted
    h = sha("answerback-board-v1\n" + primary_id)
    entries, checkpoints, codes, ballots = [], [], set(), []
    while len(entries) < entries_wanted:
        code = "".join(rng.choice(ALPHABET) for _ in range(10))
        if code in codes:
            continue
        codes.add(code)
        order = list(range(1, len(CANDIDATES) + 1))
        rng.shuffle(order)
        ballot = " ".join(str(c) for c in order[: rng.randint(1, len(CANDIDATES))])
        salt = "%032x" % rng.getrandbits(128)
        c = sha(salt + "\n" + ballot)
        n = len(entries) + 1
        h = sha("%s\n%d\n%s\n%s" % (h, n, code, c))
        entries.append({"sequence": n, "trackingCode": code, "commitment": c, "hash": h, "ballot": ballot, "salt": salt})
        ballots.append(ballot)
        if n % max(1, entries_wanted // 100) == 0:
            checkpoints.append({"count": n, "hash": h})
    board = {
        "format": "answerback-board-v1", "primaryId": primary_id, "title": "Bench primary", "method": "av",
        "seats": 1, "candidates": CANDIDATES, "closed": True, "entries": entries,
        "head": {"count": len(entries), "hash": h}, "checkpoints": checkpoints,
    }
    with open(prefix + ".board.json", "w", encoding="utf-8") as f:
        json.dump(board, f, indent=2, ensure_ascii=False)
    with open(prefix + ".blt", "w", encoding="utf-8") as f:
        f.write("%d 1\n" % len(CANDIDATES))
        for b in ballots:
            f.write("1 %s 0\n" % b)
        f.write("0\n")
        for name in CANDIDATES + ["Bench primary"]:
            f.write('"%s"\n' % name)


if __name__ == "__main__":
    main()
