"""The relevance benchmark: its metrics, its judged query set, and the command end to end."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench import relevance

LESSON = relevance.TEST_LESSONS / "scheurtjes-monitoren-met-scheurmeters.md"
SLUG = "scheurtjes-monitoren-met-scheurmeters"


def judged(grades, category="ranking"):
    return relevance.Judged(category=category, text="x", filters={}, grades=grades)


def test_success_counts_only_pages_with_the_highest_grade():
    outcome = relevance.Outcome(judged({"a": 2, "b": 1}), ["b", "a"], 2, 0.0)
    assert outcome.success(1) == 0.0
    assert outcome.success(3) == 1.0
    assert outcome.reciprocal_rank() == 0.5


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise():
    query = judged({"a": 2, "b": 1})
    assert relevance.Outcome(query, ["a", "b", "c"], 3, 0.0).ndcg() == pytest.approx(1.0)
    assert relevance.Outcome(query, ["b", "a"], 2, 0.0).ndcg() < 1.0


def test_a_no_answer_query_passes_only_when_nothing_comes_back():
    query = judged({}, category="geen-antwoord")
    assert relevance.Outcome(query, [], 0, 0.0).success(1) == 1.0
    assert relevance.Outcome(query, ["a"], 1, 0.0).success(1) == 0.0


def test_the_shipped_query_set_is_large_and_covers_every_category():
    queries = relevance.load_queries()
    assert len(queries) >= 150
    assert {q.category for q in queries} == set(relevance.CATEGORY_ORDER)
    assert all(q.answerable != (q.category == "geen-antwoord") for q in queries)


def test_the_shipped_test_lessons_are_at_least_twenty_five():
    assert len(list(relevance.TEST_LESSONS.glob("*.md"))) >= 25


def write_queries(tmp_path: Path, text: str) -> str:
    path = tmp_path / "queries.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def one_lesson(db, home_page):
    call_command("import_lessons", str(LESSON), stdout=None)
    call_command("search_index", "rebuild")


def test_command_asks_the_api_and_reports_per_category(one_lesson, tmp_path, capsys):
    queries = write_queries(
        tmp_path,
        f"""
- category: ranking
  q: scheurmeter
  expect: {{{SLUG}: 2}}
- category: geen-antwoord
  q: hondenbelasting
""",
    )
    call_command("bench_relevance", "--no-load", "--json", "--queries", queries)
    report = json.loads(capsys.readouterr().out)
    assert report["categories"]["ranking"]["s@1"] == 1.0
    assert report["overall"]["no_answer_ok"] == 1.0
    assert report["environment"]["cores"] >= 1


def test_command_refuses_judgements_that_name_a_page_outside_the_corpus(one_lesson, tmp_path):
    queries = write_queries(
        tmp_path, "- category: ranking\n  q: scheurmeter\n  expect: {bestaat-niet: 2}\n"
    )
    with pytest.raises(CommandError, match="bestaat-niet"):
        call_command("bench_relevance", "--no-load", "--queries", queries)
