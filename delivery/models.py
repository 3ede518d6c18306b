from django.db import models
from django.utils.translation import gettext_lazy as _


class ScopeVersion(models.Model):
    """The version of one scope ("site", "listings", "article:<id>"), shared by
    every process when there is no Redis (delivery/scopes.py). Bumped with
    ``UPDATE … SET version = version + 1``; a missing row is version 0."""

    name = models.CharField(_("phạm vi"), max_length=64, primary_key=True)
    version = models.BigIntegerField(_("phiên bản"), default=0)

    class Meta:
        verbose_name = _("phiên bản phạm vi bộ nhớ đệm")
        verbose_name_plural = _("phiên bản phạm vi bộ nhớ đệm")

    def __str__(self):
        return f"{self.name}: {self.version}"
