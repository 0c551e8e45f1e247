#!/usr/bin/env python3
"""Writes a held-scope file and an AnyOf expression shaped like a large Taskcluster deployment's.

Usage: bench/scopes_data.py HELD_COUNT ANYOF_COUNT OUT_DIR
Writes OUT_DIR/held.txt (one scope per line, unsorted, with duplicates and scopes covered by a
held star, as a role expansion dumped to a file has them) and OUT_DIR/expr.json (an AnyOf whose
alternatives are all missing but the last, which a star scope near the end of the file satisfies:
so neither side can stop early). Deterministic: the same counts give the same bytes.
"""
import json
import os
import random
import sys


def held_scope(rng, n):
    proj = f"proj-{rng.randrange(n // 8 + 1)}"
    org = rng.choice(["mozilla", "mozilla-mobile", "mozilla-releng", "taskcluster", "mozilla-l10n"])
    repo = f"{rng.choice(['gecko', 'fenix', 'focus', 'scriptworker', 'mozilla-vpn', 'translations'])}-{rng.randrange(200)}"
    level = rng.choice(["1", "2", "3"])
    pool = f"{proj}/b-linux-{rng.choice(['gcp', 'aws', 'large', 'xlarge'])}-{rng.randrange(40)}"
    shapes = [
        lambda: f"queue:create-task:highest:{pool}",
        lambda: f"queue:create-task:low:{proj}/*",
        lambda: f"queue:route:index.gecko.v2.{repo}.revision.{rng.randrange(1 << 30):x}.*",
        lambda: f"queue:route:tc-treeherder.v2.{repo}.*",
        lambda: f"queue:scheduler-id:{level}-{proj}",
        lambda: f"assume:repo:github.com/{org}/{repo}:branch:main",
        lambda: f"assume:repo:github.com/{org}/{repo}:pull-request",
        lambda: f"assume:worker-pool:{pool}",
        lambda: f"assume:project:{proj}:releng:signing:cert:dep-signing",
        lambda: f"secrets:get:project/releng/{proj}/level-{level}/*",
        lambda: f"secrets:get:project/{proj}/ci/deploy-key-{rng.randrange(100)}",
        lambda: f"hooks:trigger-hook:project-{proj}/nightly-{rng.randrange(30)}",
        lambda: f"docker-worker:cache:{level}-{proj}-checkouts-sparse-v{rng.randrange(3)}",
        lambda: f"generic-worker:cache:{level}-{proj}-cargo-{rng.randrange(9)}",
        lambda: f"index:insert-task:project.{proj}.{repo}.latest",
        lambda: f"auth:aws-s3:read-write:tc-{proj}-artifacts/{repo}/",
        lambda: f"purge-cache:{pool}:*",
        lambda: f"worker-manager:manage-worker-pool:{pool}",
    ]
    return rng.choice(shapes)()


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    n, k, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rng = random.Random(15)
    held = [held_scope(rng, n) for _ in range(n - 1)]
    # Duplicates, as an expansion through several roles gives them.
    for i in range(0, len(held), 50):
        held[i] = held[rng.randrange(len(held))]
    # The one star scope that satisfies the AnyOf's last alternative, near the end.
    held.insert(len(held) - len(held) // 20, "queue:create-task:highest:proj-zz-release/*")
    # Alternatives shaped like the held scopes, of projects the held set does not have.
    alternatives = [f"queue:create-task:highest:proj-miss-{i}/b-linux-gcp-{i % 40}" for i in range(k - 1)]
    alternatives.append("queue:create-task:highest:proj-zz-release/b-linux-large-3")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "held.txt"), "w") as f:
        f.write("\n".join(held) + "\n")
    with open(os.path.join(out, "expr.json"), "w") as f:
        json.dump({"AnyOf": alternatives}, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
