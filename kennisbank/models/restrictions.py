"""The tree depths at which view restrictions sit, kept by the database itself.

The visibility policy (`kennisbank.visibility.visible`) finds the restrictions on a page's
path by looking up the path prefix at each depth that carries a restriction: one index
lookup per such depth, whatever the number of restricted pages. Which depths those are used
to be a `SELECT DISTINCT` over every restriction joined to its page, run before each
filtered query: ~7 ms at 5,000 restrictions, and a second statement, so that a restriction
committed between the two (at a depth not seen yet) was not checked for one query.

`RestrictedDepth` holds every depth at which a restriction was ever placed or moved to (a
superset: rows are added, never removed by the triggers): one or two rows to read. The
visibility query also checks, in its own statement, that the table holds no depth it was
not given, so a depth committed in between fails closed. Database triggers, not Django
signals, add the rows, because Wagtail and treebeard move subtrees with raw `UPDATE`
statements that send no signal for the descendants (`kennisbank.restricted_depths`
installs them after every `migrate`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RestrictedDepth(models.Model):
    """A tree depth (Wagtail's `Page.depth`) that holds, or once held, a view restriction."""

    depth = models.PositiveIntegerField(_("diepte"), primary_key=True)

    class Meta:
        verbose_name = _("diepte met afscherming")
        verbose_name_plural = _("dieptes met afscherming")

    def __str__(self) -> str:
        return str(self.depth)
