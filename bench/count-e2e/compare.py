#!/usr/bin/env python3
"""Checks that two folders of count reports agree: compare.py ENGINE_DIR PYTHON_DIR.

Every report must exist in both folders and parse to the same JSON value (every figure at every stage,
the quota, the valid poll, who is elected and in what order). Exits non-zero and names the first
difference otherwise.
"""

import json
import os
import sys


def first_difference(a, b, where='$'):
    if type(a) is not type(b):
        return f'{where}: {a!r} != {b!r}'
    if isinstance(a, dict):
        if list(a) != list(b):
            return f'{where}: keys {list(a)} != {list(b)}'
        for key in a:
            found = first_difference(a[key], b[key], f'{where}.{key}')
            if found:
                return found
    elif isinstance(a, list):
        if len(a) != len(b):
            return f'{where}: {len(a)} items != {len(b)}'
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f'{where}[{i}]')
            if found:
                return found
    elif a != b:
        return f'{where}: {a!r} != {b!r}'
    return None


def main(engine_dir, python_dir):
    engine = sorted(os.listdir(engine_dir))
    python = sorted(os.listdir(python_dir))
    if engine != python:
        sys.exit(f'the folders hold different reports: {sorted(set(engine) ^ set(python))[:5]}')
    for name in engine:
        with open(os.path.join(engine_dir, name), encoding='utf-8') as f:
            a = json.load(f)
        with open(os.path.join(python_dir, name), encoding='utf-8') as f:
            b = json.load(f)
        found = first_difference(a, b)
        if found:
            sys.exit(f'{name}: {found}')
    print(f'compare.py: {len(engine)} reports agree')


if __name__ == '__main__':
    main(*sys.argv[1:])
