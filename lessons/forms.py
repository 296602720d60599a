"""The admin form of a lesson: refuses likely personal data unless the editor confirms."""

from wagtail.admin.forms import WagtailAdminPageForm

from kennisbank.forms import PersonalDataGuardMixin


class LessonPageForm(PersonalDataGuardMixin, WagtailAdminPageForm):
    personal_data_fields = ("title", "samenvatting", "body")
    personal_data_confirmable = True
