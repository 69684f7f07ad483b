"""The standards register: interoperability standards with versions, roles and a stable platform URI, and the
adapters that bridge two standards. The operator curates both; the seed comes from data/interop/standards.yaml
(`lichtermeer interop load`), and the whole register is exported as data (`lichtermeer interop export`).

What solutions provide and consume lives on the solution (Solution.standards_provided / standards_consumed);
what an urban data platform supports lives on the platform (UrbanDataPlatform.standards). Compatibility and the
exit score are computed by the pure engine lichtermeer.engines.interop from these facts (selectors.py).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Standard(models.Model):
    """One standard of the register. The primary key is the register id (a slug such as `ngsi-ld`): it is what
    solutions declare and what the platform URI `{SITE_ROOT}/standards/<id>/` names, so it never changes."""

    class Origin(models.TextChoices):
        SEED = "seed", _("Seed file")
        OPERATOR = "operator", _("Operator")

    class Compatibility(models.TextChoices):
        SEMVER_MAJOR = "semver-major", _("Same major version")
        EXACT = "exact", _("Same version")
        GROUPS = "groups", _("Same version group")

    id = models.CharField(_("register id"), max_length=64, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    uri = models.URLField(_("official specification"), max_length=500)
    category = models.CharField(_("category"), max_length=64, db_index=True)
    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    versions = models.JSONField(_("versions"), default=list, blank=True)
    # How versions match: semver-major (same major version), exact (same version), groups (same group of
    # `version_groups`, a list of lists of versions).
    compatibility = models.CharField(_("version compatibility rule"), max_length=16, choices=Compatibility.choices,
                                     default=Compatibility.EXACT)
    version_groups = models.JSONField(_("version groups"), default=list, blank=True)
    # Role pairs that connect, providing role first: [["server", "client"], ["publisher", "subscriber"]].
    roles = models.JSONField(_("roles"), default=list, blank=True)
    description_de = models.TextField(_("description (German)"), max_length=500)
    description_en = models.TextField(_("description (English)"), max_length=500)
    maintainer = models.CharField(_("maintainer"), max_length=120, blank=True)
    retired = models.BooleanField(_("retired"), default=False, db_index=True)
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices, default=Origin.OPERATOR)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("interop:standard", args=[self.id])

    def description(self, language: str | None = None) -> str:
        language = (language or get_language() or "de")[:2]
        first, second = (self.description_en, self.description_de) if language == "en" else (
            self.description_de, self.description_en)
        return first or second


class Adapter(models.Model):
    """Something that bridges two standards (a gateway, an agent, a converter): a provider of `from_standard`
    reaches a consumer of `to_standard` through it (and back, if `both_ways`)."""

    from_standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="adapters_from",
                                      verbose_name=_("from standard"))
    to_standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="adapters_to",
                                    verbose_name=_("to standard"))
    both_ways = models.BooleanField(_("works both ways"), default=False)
    via_de = models.CharField(_("via (German)"), max_length=500)
    via_en = models.CharField(_("via (English)"), max_length=500)
    origin = models.CharField(_("origin"), max_length=12, choices=Standard.Origin.choices,
                              default=Standard.Origin.OPERATOR)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["from_standard_id", "to_standard_id"]
        verbose_name = _("adapter")
        verbose_name_plural = _("adapters")
        constraints = [
            models.UniqueConstraint(fields=["from_standard", "to_standard"], name="one_adapter_per_pair"),
            models.CheckConstraint(condition=~models.Q(from_standard=models.F("to_standard")),
                                   name="adapter_joins_two_standards"),
        ]

    def __str__(self) -> str:
        arrow = "↔" if self.both_ways else "→"
        return f"{self.from_standard_id} {arrow} {self.to_standard_id}"

    def via(self, language: str | None = None) -> str:
        language = (language or get_language() or "de")[:2]
        return (self.via_en or self.via_de) if language == "en" else (self.via_de or self.via_en)
