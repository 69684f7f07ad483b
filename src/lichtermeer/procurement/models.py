"""Procurement: shortlists (Merklisten) of solutions, evaluations (Wertungen) of offers with a criteria set, and the
tender documents built from them.

A shortlist belongs to its owner; an evaluation belongs to the owner of its shortlist and to the owner's
municipal organisation. A recorded evaluation (Vergabevermerk) is frozen: services refuse every change, and the
record itself lives in the audit log.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import evbit

NAME_MAX = 200
NOTE_MAX = 2000
TEXT_MAX = 5000


class Shortlist(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shortlists")
    organisation = models.ForeignKey("accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="shortlists", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=NAME_MAX)
    note = models.TextField(_("note"), blank=True, max_length=NOTE_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("procurement:shortlist", args=[self.pk])


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="items")
    solution = models.ForeignKey("solutions.Solution", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["shortlist", "solution"], name="one_item_per_solution")]

    def __str__(self) -> str:
        return f"{self.solution_id} @ {self.shortlist_id}"


class Evaluation(models.Model):
    """A Wertung: criteria, offers and points of one procurement, evaluated with a UfAB method."""

    class Method(models.TextChoices):
        SIMPLIFIED = "simplified", _("Simplified performance/price method (lowest price)")
        SIMPLE = "simple", _("Simple Richtwert method (Z = L / P)")
        EXTENDED = "extended", _("Extended Richtwert method (fluctuation band and decision criterion)")
        WEIGHTED = "weighted", _("Weighted Richtwert method (price-performance weighting)")

    class Decision(models.TextChoices):
        PERFORMANCE = "performance", _("Highest performance (L)")
        PRICE = "price", _("Lowest price (P)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RECORDED = "recorded", _("Recorded (Vergabevermerk)")

    shortlist = models.ForeignKey(Shortlist, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="evaluations")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="evaluations")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="evaluations",
                                     verbose_name=_("contracting authority"))
    title = models.CharField(_("title"), max_length=NAME_MAX)
    reference = models.CharField(_("reference number (Vergabenummer)"), max_length=100, blank=True)
    subject = models.TextField(_("subject of the procurement"), blank=True, max_length=TEXT_MAX)
    method = models.CharField(_("method"), max_length=12, choices=Method.choices, default=Method.SIMPLE)
    band = models.DecimalField(_("fluctuation band"), max_digits=4, decimal_places=3, null=True, blank=True,
                               validators=[MinValueValidator(0), MaxValueValidator(0.1)])
    decision = models.CharField(_("decision criterion"), max_length=12, choices=Decision.choices, blank=True)
    price_weight = models.DecimalField(_("price weight"), max_digits=4, decimal_places=3, null=True, blank=True,
                                       validators=[MinValueValidator(0), MaxValueValidator(1)])
    price_formula = models.CharField(_("price formula"), max_length=40, blank=True)
    tie_break = models.CharField(_("tie-break"), max_length=40, blank=True)
    evb_it = models.CharField(_("EVB-IT contract type"), max_length=24, choices=evbit.CHOICES, blank=True)
    standards = models.JSONField(_("required interface standards"), default=list, blank=True)
    operating_models = models.JSONField(_("operating models"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              db_index=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    copied_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:evaluation", args=[self.pk])

    @property
    def is_recorded(self) -> bool:
        return self.status == self.Status.RECORDED


class Criterion(models.Model):
    class Kind(models.TextChoices):
        A = "A", _("A criterion (minimum requirement, exclusion)")
        B = "B", _("B criterion (scored 0–10, weighted)")
        GROUP = "group", _("Criteria group")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name=_("group"))
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    code = models.CharField(_("id"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("description"), blank=True, max_length=TEXT_MAX)
    weight = models.DecimalField(_("weight"), max_digits=9, decimal_places=3, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    requirement_id = models.CharField(_("requirement"), max_length=20, blank=True)
    catalogue_version = models.CharField(_("catalogue version"), max_length=20, blank=True)
    obligation = models.CharField(_("obligation"), max_length=4, blank=True)
    source = models.TextField(_("sources"), blank=True, max_length=TEXT_MAX)
    source_url = models.URLField(_("address of the source"), blank=True, max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "code"], name="unique_criterion_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def from_catalogue(self) -> bool:
        return bool(self.requirement_id)


class Offer(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="offers")
    bidder = models.CharField(_("bidder"), max_length=NAME_MAX)
    solution = models.ForeignKey("solutions.Solution", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    price = models.DecimalField(_("price"), max_digits=14, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0)])
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.bidder

    @property
    def code(self) -> str:
        """The offer's id in the engine's input (stable within the evaluation)."""
        return f"O{self.pk}"


class Score(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True,
                                              validators=[MinValueValidator(0), MaxValueValidator(10)])
    passed = models.BooleanField(_("met"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "criterion"], name="one_score_per_offer_criterion"),
            models.CheckConstraint(condition=models.Q(points__isnull=True) | models.Q(points__lte=10),
                                   name="score_points_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.criterion_id}: {self.points if self.points is not None else self.passed}"
