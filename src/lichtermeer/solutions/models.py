from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.models import Organisation


class Solution(models.Model):
    """A listed solution: the publiccode.yml document (kept whole, for lossless export) plus platform facts.

    Columns derived from the document exist for filtering, sorting and display; services keep them in step.
    """

    class ListingStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ADMITTED = "admitted", _("Admitted")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")

    PUBLIC_STATUSES = (ListingStatus.SUBMITTED, ListingStatus.ADMITTED, ListingStatus.SUSPENDED, ListingStatus.EXPIRED)

    slug = models.SlugField(max_length=120, unique=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="solutions")
    url = models.URLField(_("source repository"), max_length=500, unique=True)
    name = models.CharField(_("name"), max_length=200)

    publiccode = models.JSONField(_("publiccode.yml document"), default=dict)
    publiccode_version = models.CharField(max_length=16, blank=True)
    software_version = models.CharField(max_length=100, blank=True)
    release_date = models.DateField(null=True, blank=True)
    development_status = models.CharField(max_length=32, blank=True, db_index=True)
    software_type = models.CharField(max_length=32, blank=True, db_index=True)
    license = models.CharField(_("licence"), max_length=300, blank=True)
    license_open = models.BooleanField(_("open-source licence"), default=False)
    maintenance_type = models.CharField(max_length=16, blank=True)

    domains = models.JSONField(default=list, blank=True)
    hosting_models = models.JSONField(default=list, blank=True)
    standards_provided = models.JSONField(default=list, blank=True)
    standards_consumed = models.JSONField(default=list, blank=True)
    price_model = models.CharField(max_length=32, blank=True)
    price_note = models.JSONField(default=dict, blank=True)
    listing_status = models.CharField(
        max_length=16, choices=ListingStatus.choices, default=ListingStatus.DRAFT, db_index=True
    )
    is_demo = models.BooleanField(_("fictional demo entry"), default=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("solutions:detail", args=[self.slug])

    def description(self, language: str | None = None) -> dict:
        """The description block in the requested (or active) language, falling back sensibly."""
        descriptions = self.publiccode.get("description") or {}
        language = (language or get_language() or "de")[:2]
        for candidate in (language, "de", "en", *descriptions.keys()):
            if candidate in descriptions:
                return descriptions[candidate] or {}
        return {}

    @property
    def is_public(self) -> bool:
        return self.listing_status in self.PUBLIC_STATUSES


class SolutionVersion(models.Model):
    """Every saved state of a solution, in order; the current one mirrors the Solution row."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    publiccode_yaml = models.TextField()
    publiccode = models.JSONField(default=dict)
    platform_facts = models.JSONField(default=dict)
    findings = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["solution", "-number"]
        constraints = [models.UniqueConstraint(fields=["solution", "number"], name="unique_solution_version")]

    def __str__(self) -> str:
        return f"{self.solution} v{self.number}"


class SolutionFacet(models.Model):
    """One facet value of a solution, denormalised so facet counts are one indexed GROUP BY."""

    solution = models.ForeignKey(Solution, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=32)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [
            models.Index(fields=["facet", "value", "solution"]),
            models.Index(fields=["solution", "facet"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["solution", "facet", "value"], name="unique_solution_facet"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"
