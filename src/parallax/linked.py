"""Groups of things joined by pairwise links (union-find), shared by every stage that merges.

Entities merge mentions, the alignment joins claims, conflicts join disagreements on one quantity and
duplicates join copies: each needs the connected groups of a set of pairwise links, sometimes asking
which group a node is in while links are still being added, so one small structure serves them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


class UnionFind:
    """Disjoint sets over the nodes 0..size-1, with path halving."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, node: int) -> int:
        """The representative of the node's group (stable until the next union)."""
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        """Every group, singletons included, each sorted, ordered by its first member."""
        members: dict[int, list[int]] = defaultdict(list)
        for node in range(len(self.parent)):
            members[self.find(node)].append(node)
        return list(members.values())


def components(size: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The groups of two or more of ``size`` nodes that the edges join, each sorted, by first member."""
    sets = UnionFind(size)
    for a, b in edges:
        sets.union(a, b)
    return [group for group in sets.groups() if len(group) > 1]
