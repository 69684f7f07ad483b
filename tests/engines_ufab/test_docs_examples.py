"""The worked examples of docs/ufab.md: the inputs are the files under examples/ verbatim, every line of the hand
calculations holds exactly, and the tables and printed outputs are what the engine computes."""

from __future__ import annotations

import ast
import json
import operator
import re
from fractions import Fraction
from pathlib import Path

import pytest

from engines_ufab.support import EXAMPLES
from lichtermeer.engines.ufab import Evaluation, evaluate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ufab.md"
NAMES = sorted(p.name for p in EXAMPLES.glob("*.json"))
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def docs() -> str:
    return DOCS.read_text(encoding="utf-8")


def block(kind: str, name: str) -> str:
    """The fenced block after `<!-- kind: name -->`, or the table right after it."""
    match = re.search(rf"<!-- {kind}: {re.escape(name)} -->\n(```[a-z]*\n(.*?)```|((?:\|[^\n]*\|\n)+))", docs(), re.S)
    assert match, f"docs/ufab.md has no {kind} block for {name}"
    return match.group(2) if match.group(2) is not None else match.group(3)


def result_of(name: str) -> Evaluation:
    return evaluate(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))


def number(text: str) -> Fraction:
    return Fraction(text.strip())


def value(node: ast.AST) -> Fraction:
    if isinstance(node, ast.Expression):
        return value(node.body)
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](value(node.left), value(node.right))
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return Fraction(node.value)
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "max":
        return max(value(arg) for arg in node.args)
    raise AssertionError(f"unexpected {ast.dump(node)}")


def exact(expression: str) -> Fraction:
    """A calculation of the docs as an exact fraction: numbers, + − × / · and brackets."""
    python = expression.replace("×", "*").replace("·", "*").replace("−", "-")
    python = re.sub(r"\d+(?:\.\d+)?", lambda m: repr(m.group(0)), python)
    return value(ast.parse(python, mode="eval"))


def shown(result: Evaluation, quantity: str) -> tuple[object, Fraction | None]:
    """The engine's printed number and its exact value (None when only the printed one is kept)."""
    if quantity == "Z_max":
        return result.z_max, None
    if quantity == "threshold":
        return result.threshold, None
    if quantity == "P_min":
        return result.p_min, None
    name, offer_id = re.fullmatch(r"(\w+)\((\w+)\)", quantity).groups()
    offer = result.offer(offer_id)
    if name == "L":
        return offer.L, offer.L_exact
    if name == "Z":
        return offer.Z, offer.Z_exact
    if name == "f":
        return offer.price_points, offer.price_points_exact
    return offer.group_points[name], None


def test_the_docs_hold_at_least_two_worked_examples_with_their_inputs_verbatim():
    assert len(NAMES) >= 2
    for name in NAMES:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        assert f"<!-- input: {name} -->\n```json\n{text}```" in docs()


@pytest.mark.parametrize("name", NAMES)
def test_the_printed_output_is_what_the_engine_prints(name):
    assert json.loads(block("output", name)) == result_of(name).to_json("en")


@pytest.mark.parametrize("name", NAMES)
def test_every_line_of_the_hand_calculation_holds(name):
    result = result_of(name)
    lines = [line for line in block("calc", name).splitlines() if line.strip()]
    assert len(lines) >= 4
    for line in lines:
        quantity, rest = line.split(" = ", 1)
        parts = re.split(r" (=|≈) ", rest)
        first = exact(parts[0])
        for separator, part in zip(parts[1::2], parts[2::2], strict=True):
            if separator == "=":
                assert exact(part) == first, f"{line}: {part} is not exactly {parts[0]}"
            else:
                assert abs(exact(part) - first) <= Fraction(1, 10**5) * max(1, abs(first)), f"{line}: {part}"
        printed, exact_value = shown(result, quantity.strip())
        assert number(parts[-1]) == Fraction(repr(printed)), f"{line}: the engine prints {printed}"
        if exact_value is not None:
            assert exact_value == first, f"{line}: the engine computes {exact_value}"


@pytest.mark.parametrize("name", NAMES)
def test_the_table_is_what_the_engine_computes(name):
    result = result_of(name)
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in block("table", name).splitlines()]
    header, body = rows[0], rows[2:]
    assert [row[0] for row in body] == [o.id for o in result.offers]
    for row in body:
        offer = result.offer(row[0])
        for column, cell in zip(header[1:], row[1:], strict=True):
            if column == "P":
                expected = offer.price
            elif column == "rank":
                expected = offer.rank
            elif column == "in band":
                assert cell == ("yes" if offer.in_band else "no")
                continue
            elif column == "f(P)":
                expected = offer.price_points
            elif column in ("L", "Z"):
                expected = getattr(offer, column)
            elif column in offer.criterion_points or column.startswith("B"):
                expected = offer.criterion_points.get(column)
            else:
                expected = offer.group_points.get(column)
            if expected is None:
                assert cell == "–", f"{name} {row[0]} {column}"
            else:
                assert number(cell) == Fraction(repr(expected)), f"{name} {row[0]} {column}: {expected}"


def test_the_examples_show_what_they_claim():
    one, two, three = (result_of(name) for name in NAMES)
    assert one.method == "simple" and one.offer("Gamma").excluded and one.offers[0].group_points
    assert two.method == "extended" and two.parameters == {"band": 0.05, "decision": "price"}
    assert two.band_members == ["Sued", "Ost"] and two.winner == "Sued"
    assert three.method == "weighted" and three.parameters["price_weight"] == 0.3 and three.winner == "Ost"
