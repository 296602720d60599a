"""API serializers for taxonomy terms and tags: a term is shown as its slug and name."""

from rest_framework import serializers


class TermField(serializers.Field):
    def __init__(self, many=False, **kwargs):
        self.many = many
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return list(value.all()) if self.many else value

    def to_representation(self, value):
        if self.many:
            return [self._term(term) for term in value]
        return self._term(value) if value is not None else None

    @staticmethod
    def _term(term):
        return {"slug": term.slug, "name": term.name}


class TagField(TermField):
    pass
