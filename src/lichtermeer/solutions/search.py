"""Full-text search (placeholder until the search module lands)."""


def index_solution(solution) -> None:
    return None
