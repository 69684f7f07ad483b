"""Will two things work together? Connections, adapters and gaps between two sides' declared standards.

Rules (docs/interop.md, "Compatibility"):

* A **connection** is one side providing standard S in a providing role (server, publisher, provider) and the
  other side consuming S in a consuming role (client, subscriber, consumer), where the pair of roles is one of
  S's role pairs in the register (e.g. OpenID Connect: provider/client, server/client). Both directions are
  checked. An empty role stands for any role.
* Versions are judged by S's rule (versions.py). Unknown/missing version: `versions_compatible` None, counted as
  connecting with the note "assumed, verify". Incompatible versions are listed (False, with a note) but do not
  count. For one consumer declaration only the best verdicts against the other side are listed (a server
  offering WFS 1.1.0 and 2.0.0 to a WFS 2.0.0 client yields one compatible connection, not also a broken one).
* An **adapter** is suggested when a consumer's need S1 has no connecting connection, the other side provides
  S2 in a providing role, and the register lists an adapter S2 → S1 (or S1 ↔ S2 both ways).
* **Missing**: a consumer's need that is neither connected nor reachable through an adapter, when it is relevant
  to the other side: the other side provides S1 in a way that does not connect (wrong role or version), or
  provides anything in S1's register category (an identity need is relevant to an identity provider, not to a
  map server). `missing="all"` lists every unmet need (for a solution against a whole inventory).
* Standards not in the register are reported in `unknown` and otherwise ignored (never an error).
* **Status**: "connects" with at least one connecting connection, else "adapter" with at least one adapter,
  else "none". Every list is sorted, so equal inputs give equal output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

from .register import CONSUMING_ROLES, PROVIDING_ROLES, ROLES, Register, StandardEntry
from .versions import compatible

SideKey = Literal["a", "b"]
STATUSES = ("connects", "adapter", "none")
MAX_DECLARATIONS = 500  # per list of a side; more is not a real product


@dataclass(frozen=True, order=True)
class Declaration:
    standard: str
    role: str
    version: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Declaration:
        """From {"standard", "role", "version"} (Solution.standards_provided entries); raises SideInvalid."""
        if not isinstance(data, Mapping):
            raise SideInvalid("", "A declaration must be an object {standard, role, version}",
                              "Eine Angabe muss ein Objekt {standard, role, version} sein")
        values = {}
        for key in ("standard", "role", "version"):
            value = data.get(key, "")
            if value is None:
                value = ""
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
                value = str(value)
            if not isinstance(value, str) or len(value) > 200:
                raise SideInvalid(key, f"'{key}' must be a text of at most 200 characters",
                                  f"'{key}' muss ein Text mit höchstens 200 Zeichen sein")
            values[key] = value.strip()
        if not values["standard"]:
            raise SideInvalid("standard", "'standard' is required", "'standard' fehlt (Pflichtangabe)")
        return cls(values["standard"], values["role"], values["version"])

    def to_dict(self) -> dict[str, str]:
        return {"standard": self.standard, "role": self.role, "version": self.version}


class SideInvalid(ValueError):
    def __init__(self, path: str, en: str, de: str):
        super().__init__(f"{path}: {en}" if path else en)
        self.path, self.en, self.de = path, en, de


@dataclass(frozen=True)
class Side:
    name: str
    provides: list[Declaration] = field(default_factory=list)
    consumes: list[Declaration] = field(default_factory=list)
    ref: str = ""  # the caller's key (solution slug, inventory entry id, ...)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, name: str = "", ref: str = "") -> Side:
        """From {"name", "provides", "consumes"} or the platform.yml shape {standards_provided, standards_consumed}.
        Raises SideInvalid with the position (e.g. `provides[2].version`)."""
        if not isinstance(data, Mapping):
            raise SideInvalid("", "A side must be an object", "Eine Seite muss ein Objekt sein")
        side_name = data.get("name", name) or name
        if not isinstance(side_name, str) or len(side_name) > 300:
            raise SideInvalid("name", "'name' must be a text of at most 300 characters",
                              "'name' muss ein Text mit höchstens 300 Zeichen sein")
        lists = {}
        for key, alias in (("provides", "standards_provided"), ("consumes", "standards_consumed")):
            used = key if key in data else alias
            entries = data.get(used) or []
            if not isinstance(entries, list):
                raise SideInvalid(used, f"'{used}' must be a list", f"'{used}' muss eine Liste sein")
            if len(entries) > MAX_DECLARATIONS:
                raise SideInvalid(used, f"'{used}' has more than {MAX_DECLARATIONS} entries",
                                  f"'{used}' hat mehr als {MAX_DECLARATIONS} Einträge")
            declarations = []
            for index, entry in enumerate(entries):
                try:
                    declarations.append(Declaration.from_dict(entry))
                except SideInvalid as exc:
                    where = f"{used}[{index}]" + (f".{exc.path}" if exc.path else "")
                    raise SideInvalid(where, exc.en, exc.de) from None
            lists[key] = declarations
        return cls(side_name, lists["provides"], lists["consumes"], ref or str(data.get("ref", "") or ""))

    @classmethod
    def merged(cls, name: str, sides: Iterable[Side], *, ref: str = "") -> Side:
        """One side offering everything the given sides offer (e.g. a municipality's whole inventory)."""
        provides: list[Declaration] = []
        consumes: list[Declaration] = []
        for side in sides:
            provides += [d for d in side.provides if d not in provides]
            consumes += [d for d in side.consumes if d not in consumes]
        return cls(name, provides, consumes, ref)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "ref": self.ref, "provides": [d.to_dict() for d in self.provides],
                "consumes": [d.to_dict() for d in self.consumes]}


@dataclass(frozen=True)
class Connection:
    standard: str
    provider: SideKey  # which side provides
    provider_role: str
    consumer_role: str
    provider_version: str
    consumer_version: str
    versions_compatible: bool | None
    note_en: str
    note_de: str

    @property
    def consumer(self) -> SideKey:
        return "b" if self.provider == "a" else "a"

    @property
    def connects(self) -> bool:
        return self.versions_compatible is not False

    def note(self, lang: str = "en") -> str:
        return self.note_de if lang == "de" else self.note_en


@dataclass(frozen=True)
class AdapterNeed:
    consumer: SideKey  # the side that needs `standard`
    standard: str  # what the consumer needs
    consumer_role: str
    consumer_version: str
    provided_standard: str  # what the other side offers
    provider_role: str
    provider_version: str
    via_en: str
    via_de: str
    both_ways: bool = False

    @property
    def provider(self) -> SideKey:
        return "b" if self.consumer == "a" else "a"

    def via(self, lang: str = "en") -> str:
        return self.via_de if lang == "de" else self.via_en


@dataclass(frozen=True)
class MissingNeed:
    side: SideKey  # the side whose need is not met by the other side
    standard: str
    role: str
    version: str
    note_en: str
    note_de: str

    def note(self, lang: str = "en") -> str:
        return self.note_de if lang == "de" else self.note_en


@dataclass(frozen=True)
class UnknownStandard:
    side: SideKey
    standard: str
    direction: Literal["provides", "consumes"]


@dataclass(frozen=True)
class Compatibility:
    a: str  # names of the two sides
    b: str
    status: str  # connects | adapter | none
    connections: list[Connection] = field(default_factory=list)
    adapters: list[AdapterNeed] = field(default_factory=list)
    missing: list[MissingNeed] = field(default_factory=list)
    unknown: list[UnknownStandard] = field(default_factory=list)
    a_ref: str = ""
    b_ref: str = ""

    @property
    def connects(self) -> bool:
        return self.status == "connects"

    @property
    def connecting(self) -> list[Connection]:
        """The connections that count (compatible or unknown versions)."""
        return [c for c in self.connections if c.connects]

    def name(self, side: SideKey) -> str:
        return self.a if side == "a" else self.b

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for item, connection in zip(data["connections"], self.connections, strict=True):
            item["consumer"] = connection.consumer
        for item, adapter in zip(data["adapters"], self.adapters, strict=True):
            item["provider"] = adapter.provider
        return data


# --- comparison ---------------------------------------------------------------------------------------------

_RULE_NAMES = {
    "semver-major": ("same major version", "gleiche Hauptversion"),
    "exact": ("exact version", "genau gleiche Version"),
    "groups": ("compatible version groups", "kompatible Versionsgruppen"),
}


def _version_note(entry: StandardEntry, provided: str, consumed: str) -> tuple[bool | None, str, str]:
    verdict, reason = compatible(entry.compatibility, entry.groups, provided, consumed)
    rule_en, rule_de = _RULE_NAMES[entry.compatibility]
    if reason == "missing":
        return (None, "Version not stated on both sides; assumed compatible, please verify",
                "Version nicht auf beiden Seiten angegeben; als kompatibel angenommen, bitte prüfen")
    if reason in ("unparseable", "not-in-group"):
        return (None, f"Versions {provided} and {consumed} cannot be compared by the register's rule ({rule_en}); "
                      "assumed compatible, please verify",
                f"Versionen {provided} und {consumed} lassen sich nach der Regel des Registers ({rule_de}) nicht "
                "vergleichen; als kompatibel angenommen, bitte prüfen")
    if verdict:
        if reason == "same":
            return True, f"Same version ({provided})", f"Gleiche Version ({provided})"
        return (True, f"Versions {provided} and {consumed} are compatible ({rule_en})",
                f"Versionen {provided} und {consumed} sind kompatibel ({rule_de})")
    return (False, f"Versions {provided} and {consumed} are not compatible ({rule_en})",
            f"Versionen {provided} und {consumed} sind nicht kompatibel ({rule_de})")


def _providing(declaration: Declaration) -> bool:
    return declaration.role in PROVIDING_ROLES or not declaration.role


def _consuming(declaration: Declaration) -> bool:
    return declaration.role in CONSUMING_ROLES or not declaration.role


def _rank(verdict: bool | None) -> int:
    return {True: 0, None: 1, False: 2}[verdict]


def _directed(provider_key: SideKey, provider: Side, consumer: Side, register: Register):
    """Connections, adapters and missing needs for `consumer`'s needs against `provider`'s offers."""
    consumer_key: SideKey = "b" if provider_key == "a" else "a"
    connections: list[Connection] = []
    adapters: list[AdapterNeed] = []
    unmet: list[tuple[Declaration, StandardEntry, str, str]] = []
    offers = [d for d in provider.provides if d.standard in register.standards and _providing(d)]
    provided_categories = {register.standards[d.standard].category for d in offers}
    for need in sorted(set(consumer.consumes)):
        entry = register.get(need.standard)
        if entry is None or not _consuming(need):
            continue
        candidates = []
        role_mismatch = []
        for offer in offers:
            if offer.standard != need.standard:
                continue
            if not entry.connects(offer.role, need.role):
                role_mismatch.append(offer)
                continue
            verdict, note_en, note_de = _version_note(entry, offer.version, need.version)
            candidates.append(Connection(need.standard, provider_key, offer.role, need.role, offer.version,
                                         need.version, verdict, note_en, note_de))
        if candidates:
            best = min(_rank(c.versions_compatible) for c in candidates)
            keep = [c for c in candidates if c.connects] if best < 2 else candidates
            connections += keep
            if best < 2:
                continue
        found = []
        for offer in offers:
            if offer.standard == need.standard:
                continue
            adapter = register.adapter(offer.standard, need.standard)
            if adapter is not None:
                found.append(AdapterNeed(consumer_key, need.standard, need.role, need.version, offer.standard,
                                         offer.role, offer.version, adapter.via_en, adapter.via_de,
                                         adapter.both_ways))
        if found:
            adapters += found
            continue
        if candidates:
            unmet.append((need, entry, "Offered only in an incompatible version",
                          "Nur in einer nicht kompatiblen Version angeboten"))
        elif role_mismatch:
            roles = ", ".join(sorted({o.role or "-" for o in role_mismatch}))
            unmet.append((need, entry, f"Offered, but in a role that does not connect ({roles})",
                          f"Angeboten, aber in einer Rolle, die nicht passt ({roles})"))
        elif entry.category in provided_categories:
            unmet.append((need, entry, "Not offered (the other side offers other standards of this kind)",
                          "Nicht angeboten (die andere Seite bietet andere Standards dieser Art)"))
        else:
            unmet.append((need, entry, "", ""))
    return connections, adapters, unmet


def compare(a: Side, b: Side, register: Register, *, missing: Literal["related", "all"] = "related") -> Compatibility:
    """Which interfaces connect between `a` and `b` (both directions), which need an adapter, what is missing."""
    connections: list[Connection] = []
    adapters: list[AdapterNeed] = []
    gaps: list[MissingNeed] = []
    for provider_key, provider, consumer in (("a", a, b), ("b", b, a)):
        found, bridges, unmet = _directed(provider_key, provider, consumer, register)  # type: ignore[arg-type]
        connections += found
        adapters += bridges
        consumer_key: SideKey = "b" if provider_key == "a" else "a"
        for need, _entry, note_en, note_de in unmet:
            if note_en or missing == "all":
                gaps.append(MissingNeed(consumer_key, need.standard, need.role, need.version,
                                        note_en or "Not offered", note_de or "Nicht angeboten"))
    unknown = sorted({UnknownStandard(key, d.standard, direction)  # type: ignore[arg-type]
                      for key, side in (("a", a), ("b", b))
                      for direction, declarations in (("provides", side.provides), ("consumes", side.consumes))
                      for d in declarations if d.standard not in register.standards},
                     key=lambda u: (u.side, u.direction, u.standard))
    connections = sorted(set(connections), key=lambda c: (
        c.standard, c.provider, _rank(c.versions_compatible), c.provider_role, c.consumer_role,
        c.provider_version, c.consumer_version))
    adapters = sorted(set(adapters), key=lambda n: (
        n.consumer, n.standard, n.provided_standard, n.consumer_role, n.provider_role, n.consumer_version,
        n.provider_version))
    gaps = sorted(set(gaps), key=lambda m: (m.side, m.standard, m.role, m.version))
    if any(c.connects for c in connections):
        status = "connects"
    elif adapters:
        status = "adapter"
    else:
        status = "none"
    return Compatibility(a.name, b.name, status, connections, adapters, gaps, unknown, a.ref, b.ref)


def compare_many(side: Side, others: Sequence[Side], register: Register,
                 *, missing: Literal["related", "all"] = "related") -> list[tuple[Side, Compatibility]]:
    """`side` (as "a") against each of `others` (as "b"): connecting first, then adapter, then none; within a
    status more connecting connections first, then by name and ref."""
    results = [(other, compare(side, other, register, missing=missing)) for other in others]
    return sorted(results, key=lambda pair: (STATUSES.index(pair[1].status), -len(pair[1].connecting),
                                             -len(pair[1].adapters), pair[0].name.casefold(), pair[0].name,
                                             pair[0].ref))


def roles_valid(role: str) -> bool:
    return role in ROLES or role == ""


# --- quick checks (many sides against one) --------------------------------------------------------------------

Triple = tuple[str, str, str]  # (standard, role, version) of a Declaration


class Tally(NamedTuple):
    """What `compare` would say, counted only: status, len(.connecting), len(.adapters)."""

    status: str
    connecting: int
    adapters: int


def _triples(declarations: Iterable[Declaration]) -> list[Triple]:
    return [(d.standard, d.role, d.version) for d in declarations]


class _Indexed:
    """A side's registered declarations: offers by standard (distinct role/version pairs), distinct needs."""

    __slots__ = ("needs", "offers")

    def __init__(self, provides: Iterable[Triple], consumes: Iterable[Triple], standards: Mapping[str, Any]):
        offers: dict[str, set[tuple[str, str]]] = {}
        for standard, role, version in provides:
            if standard in standards and (not role or role in PROVIDING_ROLES):
                offers.setdefault(standard, set()).add((role, version))
        self.offers = offers
        self.needs = {need for need in consumes if need[0] in standards and (not need[1] or need[1] in CONSUMING_ROLES)}


class Matcher:
    """One side prepared for many quick checks against other sides (the works-with list, the search filter).

    `Matcher(a, register).connects(b) == (compare(a, b, register).status == "connects")` and `.tally(b) ==
    (status, len(connecting), len(adapters))` of `compare(a, b, register)`, without building connections, notes or
    sorted lists: offers are indexed by standard, `connects` stops at the first connecting pair and never looks
    for adapters, and role/version verdicts are remembered for the matcher's lifetime. The `*_triples` forms take
    the other side as (standard, role, version) triples (what a caller reads from stored rows)."""

    def __init__(self, side: Side, register: Register):
        self.register = register
        self.side = _Indexed(_triples(side.provides), _triples(side.consumes), register.standards)
        self._pairs: dict[tuple[str, str, str, str, str], bool] = {}

    def _pair(self, standard: str, offer: tuple[str, str], need: Triple) -> bool:
        """Does this offer connect with this need (the roles pair up, the versions are not incompatible)?"""
        key = (standard, offer[0], offer[1], need[1], need[2])
        verdict = self._pairs.get(key)
        if verdict is None:
            entry = self.register.standards[standard]
            verdict = entry.connects(offer[0], need[1]) and compatible(
                entry.compatibility, entry.groups, offer[1], need[2])[0] is not False
            self._pairs[key] = verdict
        return verdict

    def _any(self, offers: dict[str, set[tuple[str, str]]], needs: set[Triple]) -> bool:
        for need in needs:
            found = offers.get(need[0])
            if found and any(self._pair(need[0], offer, need) for offer in found):
                return True
        return False

    def _count(self, offers: dict[str, set[tuple[str, str]]], needs: set[Triple]) -> tuple[int, int]:
        connecting = adapters = 0
        for need in needs:
            found = offers.get(need[0])
            linked = sum(1 for offer in found if self._pair(need[0], offer, need)) if found else 0
            if linked:
                connecting += linked
                continue
            for standard, offered in offers.items():
                if standard != need[0] and self.register.adapter(standard, need[0]) is not None:
                    adapters += len(offered)
        return connecting, adapters

    def connects_triples(self, provides: Iterable[Triple], consumes: Iterable[Triple]) -> bool:
        mine, theirs = self.side, _Indexed(provides, consumes, self.register.standards)
        return self._any(mine.offers, theirs.needs) or self._any(theirs.offers, mine.needs)

    def tally_triples(self, provides: Iterable[Triple], consumes: Iterable[Triple]) -> Tally:
        mine, theirs = self.side, _Indexed(provides, consumes, self.register.standards)
        forward = self._count(mine.offers, theirs.needs)
        backward = self._count(theirs.offers, mine.needs)
        connecting, adapters = forward[0] + backward[0], forward[1] + backward[1]
        return Tally("connects" if connecting else "adapter" if adapters else "none", connecting, adapters)

    def connects(self, other: Side) -> bool:
        """True when compare(side, other).status would be "connects" (either direction)."""
        return self.connects_triples(_triples(other.provides), _triples(other.consumes))

    def tally(self, other: Side) -> Tally:
        """(status, len(connecting), len(adapters)) of compare(side, other)."""
        return self.tally_triples(_triples(other.provides), _triples(other.consumes))


def connects(a: Side, b: Side, register: Register) -> bool:
    """Do `a` and `b` connect directly: the same answer as `compare(a, b, register).status == "connects"`, but
    without the comparison's details (no adapter search, stops at the first connecting pair)."""
    return Matcher(a, register).connects(b)


def tally(a: Side, b: Side, register: Register) -> Tally:
    """compare(a, b, register)'s status and number of connecting connections and adapters, counted only."""
    return Matcher(a, register).tally(b)
