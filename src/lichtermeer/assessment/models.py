"""Applications for admission, their immutable evidence and check results, reviews, and admissions.

An application is judged against the catalogue version in force when it was submitted; a re-assessment
after a catalogue change is an application of kind `reassessment` that reuses the stored evidence.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lichtermeer.accounts.models import Organisation
from lichtermeer.requirements.models import CatalogueVersion
from lichtermeer.solutions.models import Solution, SolutionVersion


class Immutable(models.Model):
    """Rows written once (evidence, check results, reviews): the ORM refuses changes, database triggers too."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{type(self).__name__} rows are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows are immutable")


class EvidenceBlob(Immutable):
    """File content, stored once per hash; applications point at it (re-assessments reuse it)."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    content = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.sha256


class Application(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application")
        REASSESSMENT = "reassessment", _("Re-assessment")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CHECKING = "checking", _("Automated checks running")
        IN_REVIEW = "in_review", _("In review")
        ADMITTED = "admitted", _("Admitted")
        RETURNED = "returned", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.SUBMITTED, Status.CHECKING, Status.IN_REVIEW)

    solution = models.ForeignKey(Solution, on_delete=models.PROTECT, related_name="applications")
    solution_version = models.ForeignKey(SolutionVersion, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+")
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="applications")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.APPLICATION)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED,
                              db_index=True)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    software_type = models.CharField(max_length=32, blank=True)
    operating_models = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    check_versions = models.JSONField(default=dict, blank=True)
    reference_versions = models.JSONField(default=dict, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decision_reason = models.TextField(_("reasons"), blank=True, max_length=10000)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.solution} #{self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("assessment:application", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class Evidence(Immutable):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=16)
    name = models.CharField(_("file name"), max_length=200)
    blob = models.ForeignKey(EvidenceBlob, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"


class CheckResult(Immutable):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="check_results")
    check_id = models.CharField(max_length=64)
    check_version = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    explanation_en = models.TextField()
    explanation_de = models.TextField()
    evidence_name = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=500, blank=True)
    references = models.JSONField(default=list, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["check_id", "id"]

    def __str__(self) -> str:
        return f"{self.check_id}: {self.status}"


class RequirementVerdict(models.Model):
    """One per requirement of the application's catalogue version. Automatic verdicts come from checks;
    the rest are decided by two reviewers (or, when they disagree, the chair)."""

    class Verdict(models.TextChoices):
        PASS = "pass", _("met")
        FAIL = "fail", _("not met")
        NEEDS_REVIEW = "needs_review", _("needs review")
        ERROR = "error", _("evidence unreadable")
        NOT_APPLICABLE = "not_applicable", _("not applicable")
        DISPUTED = "disputed", _("reviewers disagree")

    class Source(models.TextChoices):
        CHECK = "check", _("automated check")
        REVIEW = "review", _("four-eyes review")
        CHAIR = "chair", _("chair's decision")
        CARRIED = "carried", _("carried over from the previous assessment")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="verdicts")
    code = models.CharField(_("requirement"), max_length=20)
    obligation = models.CharField(max_length=4)
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    source = models.CharField(max_length=8, choices=Source.choices)
    checks = models.JSONField(default=list, blank=True)
    explanation_en = models.TextField(blank=True)
    explanation_de = models.TextField(blank=True)
    decided_by = models.JSONField(default=list, blank=True)  # public names, for the report
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["application", "code"], name="one_verdict_per_requirement")]

    def __str__(self) -> str:
        return f"{self.code}: {self.verdict}"

    @property
    def open(self) -> bool:
        return self.verdict in (self.Verdict.NEEDS_REVIEW, self.Verdict.ERROR, self.Verdict.DISPUTED)


class ReviewerConflict(models.Model):
    """A committee member's declared conflict with an organisation (employer, client, competitor)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_conflicts")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=300)
    declared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "organisation"], name="one_conflict_per_org")]

    def __str__(self) -> str:
        return f"{self.member} ↔ {self.organisation}"


class Assignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["assigned_at", "id"]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application_id}"

    @property
    def active(self) -> bool:
        return self.released_at is None


class Review(Immutable):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="reviews")
    code = models.CharField(max_length=20)
    verdict = models.CharField(max_length=16, choices=[("pass", _("met")), ("fail", _("not met"))])
    comment = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "code"], name="one_review_per_requirement")]

    def __str__(self) -> str:
        return f"{self.code}: {self.verdict}"


class Admission(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Admitted")
        GRACE = "grace", _("Admitted, transition period")
        SUSPENDED = "suspended", _("Suspended")
        EXPIRED = "expired", _("Expired")
        SUPERSEDED = "superseded", _("Superseded")

    CURRENT = (Status.ACTIVE, Status.GRACE)

    solution = models.ForeignKey(Solution, on_delete=models.PROTECT, related_name="admissions")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="admissions")
    catalogue_version = models.ForeignKey(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE, db_index=True)
    admitted_at = models.DateTimeField(default=timezone.now)
    valid_until = models.DateField(_("valid until"))
    grace_until = models.DateField(_("transition period until"), null=True, blank=True)
    grace_reason = models.TextField(blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-admitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["solution"], condition=models.Q(status__in=["active", "grace"]),
                                               name="one_current_admission")]

    def __str__(self) -> str:
        return f"{self.solution} ({self.status}, {self.valid_until})"

    @property
    def is_current(self) -> bool:
        return self.status in self.CURRENT


class ReassessmentRun(models.Model):
    """Re-assessment of all admitted solutions once a catalogue version takes effect (at most once per version)."""

    catalogue_version = models.OneToOneField(CatalogueVersion, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    solutions = models.PositiveIntegerField(default=0)
    still_meeting = models.PositiveIntegerField(default=0)
    failing = models.PositiveIntegerField(default=0)
    to_review = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"re-assessment for {self.catalogue_version}"


class OsvAdvisory(models.Model):
    osv_id = models.CharField(max_length=100, unique=True)
    modified = models.CharField(max_length=40)
    withdrawn = models.BooleanField(default=False)
    packages = models.JSONField(default=list)  # [[ecosystem, name], ...] for listing and search
    record = models.JSONField()
    imported_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.osv_id


class OsvImport(models.Model):
    imported_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=500)
    records = models.PositiveIntegerField()
    added = models.PositiveIntegerField()
    updated = models.PositiveIntegerField()
    problems = models.JSONField(default=list, blank=True)
    snapshot = models.CharField(max_length=40, help_text="newest 'modified' among all stored advisories")

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source} ({self.imported_at:%Y-%m-%d})"
