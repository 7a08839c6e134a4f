#!/usr/bin/python3
"""Is Pol.is's exported group-id reachable by a one-shot clustering of the final votes?

A diagnostic for docs/opinion-map.md ("Why four conversations stay low"). Written for this project
from the published description of the method (mean-imputed PCA, k-means); no Pol.is code.
Needs Debian's python3-numpy and python3-sklearn:

    apt-get install python3-numpy python3-sklearn
    /usr/bin/python3 bench/polis-diagnosis/diagnose.py /work/shared/data/polis NAME...

Per conversation and per space the votes can be clustered in, it prints
  kmeans    ARI against Pol.is of the best of 10 k-means runs (k = Pol.is's group count),
  fixpoint  ARI against Pol.is after running Lloyd's algorithm *from Pol.is's own labels* until
            they stop moving. Near 1: Pol.is's partition is a k-means solution of that space.
            Low: it is not a solution of that space at all, so no choice of starts, k or
            tie-break can return it there.
and, with --snapshots (conversations with votes.csv), the one-shot ARI on the votes cast up to
30 %, 50 %, ..., 100 % of the conversation's time.
Spaces: 2 or 3 principal components of the mean-imputed matrix (scaled = Pol.is's
sqrt(statements / votes) projection scaling), the full mean-imputed vote space, and the same
with missing votes as 0 (zero-imputed). Statements moderated out are left out.
"""
import csv, os, sys
import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score as ari

META = {'participant', 'group-id', 'n-comments', 'n-votes', 'n-agree', 'n-disagree', 'xid'}


def moderation(folder):
    path = os.path.join(folder, 'comments.csv')
    if not os.path.exists(path):
        return {}
    return {r['comment-id']: int(r['moderated']) for r in csv.DictReader(open(path, encoding='utf-8'))}


def load(folder):
    rows = list(csv.reader(open(os.path.join(folder, 'participants-votes.csv'), encoding='utf-8')))
    head = rows[0]
    mod = moderation(folder)
    cols = [i for i, c in enumerate(head) if c not in META and mod.get(c, 0) != -1]
    gi, pi = head.index('group-id'), head.index('participant')
    rows = sorted(rows[1:], key=lambda r: int(r[pi]))
    m = np.array([[float(r[c]) if r[c] != '' else np.nan for c in cols] for r in rows])
    g = np.array([int(r[gi]) if r[gi] != '' else -1 for r in rows])
    return m, g, sum(1 for v in mod.values() if v == -1)


def fixpoint(p, labels, k):
    lab = labels.copy()
    for _ in range(200):
        centres = np.array([p[lab == c].mean(0) if (lab == c).any() else p[0] for c in range(k)])
        new = ((p[:, None] - centres[None]) ** 2).sum(2).argmin(1)
        if (new == lab).all():
            break
        lab = new
    return lab


def spaces(m, n_moderated):
    n = (~np.isnan(m)).sum(1)
    scale = np.sqrt((m.shape[1] + n_moderated) / np.maximum(n + n_moderated, 1))[:, None]
    mu = np.where(np.isnan(np.nanmean(m, 0)), 0, np.nanmean(m, 0))
    for name, x in (('mean-imputed', np.where(np.isnan(m), 0, m - mu)), ('zero-imputed', np.where(np.isnan(m), 0, m))):
        vt = np.linalg.svd(x, full_matrices=False)[2]
        yield name + ' 2-D', x @ vt[:2].T
        yield name + ' 2-D scaled', x @ vt[:2].T * scale
        yield name + ' 3-D', x @ vt[:3].T
        yield name + ' full', x


def one_shot(x, sel, truth, k):
    return ari(truth, KMeans(k, n_init=10, random_state=0).fit(x[sel]).labels_)


def snapshots(folder, k):
    groups = {int(r['participant']): int(r['group-id'])
              for r in csv.DictReader(open(os.path.join(folder, 'participants-votes.csv'), encoding='utf-8'))
              if r['group-id'] != ''}
    mod = moderation(folder)
    votes = sorted((int(r['timestamp']), int(r['voter-id']), r['comment-id'], float(r['vote']))
                   for r in csv.DictReader(open(os.path.join(folder, 'votes.csv'), encoding='utf-8'))
                   if mod.get(r['comment-id'], 0) != -1)
    for q in (0.3, 0.5, 0.7, 0.8, 0.9, 1.0):
        cut = votes[min(int(q * len(votes)), len(votes) - 1)][0]
        last = {(p, c): v for t, p, c, v in votes if t <= cut}
        ps = sorted({p for p, _ in last}); cs = sorted({c for _, c in last})
        pi = {p: i for i, p in enumerate(ps)}; ci = {c: i for i, c in enumerate(cs)}
        m = np.full((len(ps), len(cs)), np.nan)
        for (p, c), v in last.items():
            m[pi[p], ci[c]] = v
        sel = [i for i, p in enumerate(ps) if p in groups]
        truth = np.array([groups[ps[i]] for i in sel])
        mu = np.nanmean(m, 0)
        x = np.where(np.isnan(m), 0, m - mu)
        vt = np.linalg.svd(x, full_matrices=False)[2]
        p2 = x @ vt[:2].T
        scaled = p2 * np.sqrt(m.shape[1] / (~np.isnan(m)).sum(1))[:, None]
        print(f'  snapshot {q:4.0%}: {len(ps)} participants, {len(cs)} statements; one-shot ARI '
              f'2-D {one_shot(p2, sel, truth, k):.3f}, 2-D scaled {one_shot(scaled, sel, truth, k):.3f}, '
              f'full {one_shot(x, sel, truth, k):.3f}')


def main(args):
    with_snapshots = '--snapshots' in args
    args = [a for a in args if a != '--snapshots']
    root, names = args[0], args[1:]
    for name in names:
        folder = os.path.join(root, name)
        m, g, n_moderated = load(folder)
        sel = g >= 0
        truth = g[sel]
        k = len(set(truth))
        print(f'{name}: {sel.sum()} grouped by Pol.is, sizes {np.bincount(truth).tolist()}')
        for space, x in spaces(m, n_moderated):
            print(f'  {space:26s} kmeans {one_shot(x, sel, truth, k):6.3f}   '
                  f'fixpoint {ari(truth, fixpoint(x[sel], truth, k)):6.3f}')
        if with_snapshots and os.path.exists(os.path.join(folder, 'votes.csv')):
            snapshots(folder, k)


if __name__ == '__main__':
    main(sys.argv[1:])
