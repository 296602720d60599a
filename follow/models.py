"""Models of follow: what a user follows (a saved search, a dossier, a thema or a gebied).

One `Follow` row per user and target. The digest (`follow.digest`) reads these rows and
moves `last_sent_at`, so a second run never mails the same news twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from follow.targets import as_dossier, params_key


class Kind(models.TextChoices):
    ZOEKOPDRACHT = "zoekopdracht", _("Zoekopdracht")
    DOSSIER = "dossier", _("Dossier")
    THEMA = "thema", _("Thema")
    GEBIED = "gebied", _("Gebied")


class Frequency(models.TextChoices):
    DAGELIJKS = "dagelijks", _("Dagelijks")
    WEKELIJKS = "wekelijks", _("Wekelijks")


# Which target field each kind uses; the other target fields must stay empty.
TARGET_FIELD = {
    Kind.ZOEKOPDRACHT: "params",
    Kind.DOSSIER: "page",
    Kind.THEMA: "thema",
    Kind.GEBIED: "gebied",
}


def _target_check():
    """Exactly the target of the kind is set (the database half of `Follow.clean`)."""
    empty_fks = {"page__isnull": True, "thema__isnull": True, "gebied__isnull": True}
    condition = Q()
    for kind, field in TARGET_FIELD.items():
        fks = dict(empty_fks)
        if field != "params":
            fks[f"{field}__isnull"] = False
        condition |= Q(kind=kind, **fks)
    return condition


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    params = models.JSONField(
        _("zoekparameters"),
        default=dict,
        blank=True,
        help_text=_("Genormaliseerde parameters van een bewaarde zoekopdracht."),
    )
    # A stable hash of `params`: JSON columns cannot carry a portable unique constraint.
    params_key = models.CharField(max_length=64, blank=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    thema = models.ForeignKey(
        "kennisbank.Thema",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    gebied = models.ForeignKey(
        "kennisbank.Gebied",
        verbose_name=_("gebied"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(_("omschrijving"), max_length=255)
    frequency = models.CharField(
        _("frequentie"), max_length=20, choices=Frequency.choices, default=Frequency.WEKELIJKS
    )
    created_at = models.DateTimeField(_("gevolgd sinds"), auto_now_add=True)
    last_sent_at = models.DateTimeField(_("laatste overzicht"), null=True, blank=True)

    class Meta:
        verbose_name = _("gevolgd onderwerp")
        verbose_name_plural = _("gevolgde onderwerpen")
        ordering = ["kind", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "params_key"],
                condition=Q(kind=Kind.ZOEKOPDRACHT),
                name="follow_unique_search",
            ),
            models.UniqueConstraint(
                fields=["user", "page"], condition=Q(kind=Kind.DOSSIER), name="follow_unique_page"
            ),
            models.UniqueConstraint(
                fields=["user", "thema"], condition=Q(kind=Kind.THEMA), name="follow_unique_thema"
            ),
            models.UniqueConstraint(
                fields=["user", "gebied"],
                condition=Q(kind=Kind.GEBIED),
                name="follow_unique_gebied",
            ),
            models.CheckConstraint(condition=_target_check(), name="follow_target_matches_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"

    def save(self, *args, **kwargs):
        self.params_key = params_key(self.params) if self.kind == Kind.ZOEKOPDRACHT else ""
        super().save(*args, **kwargs)

    @property
    def since(self):
        """From when news counts: the last digest, or else the moment of following."""
        return self.last_sent_at or self.created_at

    def clean(self):
        super().clean()
        field = TARGET_FIELD.get(self.kind)
        if field is None:
            return  # the choices validation reports an unknown kind
        errors = {}
        for other in ("page", "thema", "gebied"):
            is_set = getattr(self, f"{other}_id") is not None
            if other == field and not is_set:
                errors[other] = _("Kies wat u wilt volgen.")
            elif other != field and is_set:
                errors[other] = _("Past niet bij de soort '%(kind)s'.") % {
                    "kind": self.get_kind_display()
                }
        if field == "params" and not self.params:
            errors["params"] = _("Een bewaarde zoekopdracht heeft een zoekterm of filter nodig.")
        if field != "params" and self.params:
            errors["params"] = _("Alleen een zoekopdracht heeft zoekparameters.")
        if self.kind == Kind.DOSSIER and self.page_id and not _is_dossier(self.page):
            errors["page"] = _("Alleen een dossier kan worden gevolgd.")
        if errors:
            raise ValidationError(errors)


def _is_dossier(page) -> bool:
    return as_dossier(page) is not None
