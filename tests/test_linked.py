from parallax.linked import UnionFind, components


def test_components_joins_chains_and_drops_singletons() -> None:
    assert components(6, [(4, 1), (1, 3), (5, 2)]) == [[1, 3, 4], [2, 5]]
    assert components(3, []) == []


def test_union_find_answers_while_links_are_added() -> None:
    sets = UnionFind(4)
    sets.union(0, 2)
    assert sets.find(0) == sets.find(2) != sets.find(1)
    sets.union(3, 2)
    assert sets.groups() == [[0, 2, 3], [1]]
