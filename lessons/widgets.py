"""Admin widget for the lesson body: a Markdown textarea with a preview button.

The preview is rendered on the server by `kennisbank.markdown.render`, so editors see
exactly the sanitized HTML readers will get (no second Markdown engine in JavaScript).
"""

from django import forms
from django.urls import reverse


class MarkdownTextarea(forms.Textarea):
    template_name = "lessons/widgets/markdown_textarea.html"

    class Media:
        js = ["lessons/js/markdown-preview.js"]

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 20, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview_url"] = reverse("lessons_markdown_preview")
        return context
