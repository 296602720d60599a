"""Admin panels of knelpunten: the read-only audit trail of status changes."""

from wagtail.admin.panels import Panel


class StatusHistoryPanel(Panel):
    """Shows who changed the status, when, and from which to which; nothing to edit."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "knelpunten/admin/status_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            instance = self.instance
            context["knelpunt"] = instance
            context["history"] = (
                list(instance.statuswijzigingen.select_related("door")) if instance.pk else []
            )
            return context
