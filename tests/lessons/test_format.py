"""The exchange format's one key list and taxonomy table agree with the lesson model."""

from django.db.models import ForeignKey, ManyToManyField

from lessons import format as fmt
from lessons.models import Fase, LessonPage, Soort


def test_closed_value_lists_are_the_model_choices():
    assert list(fmt.SOORT) == list(Soort.values)
    assert list(fmt.FASE) == list(Fase.values)


def test_every_taxonomy_relation_names_a_lesson_field_of_its_model_and_kind():
    for relation in fmt.TAXONOMY:
        field = LessonPage._meta.get_field(relation.field)
        assert field.related_model is relation.model
        assert isinstance(field, ManyToManyField if relation.many else ForeignKey)


def test_taxonomy_keys_are_format_keys_and_facets_are_unique():
    assert {r.key for r in fmt.TAXONOMY} <= set(fmt.KEYS)
    assert set(fmt.REQUIRED) <= set(fmt.KEYS)
    assert len({r.facet for r in fmt.TAXONOMY}) == len(fmt.TAXONOMY)
