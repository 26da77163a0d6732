from __future__ import annotations

import pytest

from eventwire import pipeline
from eventwire import registry as registry_module
from eventwire.errors import PipelineError
from eventwire.pipeline import Context, Failure, Pipeline, stage
from eventwire.records import Article

BLANK = "blank:en"


@pytest.fixture
def registry(monkeypatch):
    pipeline.load_stage_modules()  # the real stages register now, not into the test's empty registry
    monkeypatch.setattr(registry_module, "REGISTRY", {})
    return registry_module.REGISTRY


def test_order_follows_requires_not_registration(registry):
    @stage("second", requires=["first.done"], assigns=["second.done"])
    def second(ctx: Context) -> None:
        ctx.notes.setdefault("order", []).append("second")

    @stage("first", requires=["doc"], assigns=["first.done"])
    def first(ctx: Context) -> None:
        ctx.notes.setdefault("order", []).append("first")

    assert [s.name for s in pipeline.resolve_order()] == ["first", "second"]


def test_missing_requirement_is_an_error(registry):
    @stage("lonely", requires=["nothing.assigns.this"])
    def lonely(ctx: Context) -> None: ...

    with pytest.raises(PipelineError, match="nothing assigns"):
        pipeline.resolve_order()
    with pytest.raises(PipelineError, match="unknown stage"):
        pipeline.resolve_order(["nope"])


def test_a_failing_stage_fails_one_article_only(registry):
    @stage("picky", assigns=["article.title"])
    def picky(ctx: Context) -> None:
        if "boom" in ctx.article.text:
            raise ValueError("boom")
        ctx.record.article.title = "seen"

    arts = [
        Article(id=str(i), hash=str(i), source=f"{i}.txt", text=t)
        for i, t in enumerate(["fine", "boom", "ok"])
    ]
    out = list(Pipeline(BLANK, batch_size=2).run(arts))
    assert [type(o).__name__ for o in out] == ["Record", "Failure", "Record"]
    assert isinstance(out[1], Failure) and "stage 'picky' failed" in out[1].reason
    assert out[0].article.title == "seen"


def test_after_orders_softly(registry):
    @stage("late", assigns=["late.done"], after=["early"])
    def late(ctx: Context) -> None: ...

    @stage("early", assigns=["early.done"])
    def early(ctx: Context) -> None: ...

    assert [s.name for s in pipeline.resolve_order()] == ["early", "late"]
    assert [s.name for s in pipeline.resolve_order(["late"])] == ["late"]  # not required, only ordered


def test_reads_orders_after_the_stage_that_assigns_it(registry):
    @stage("reader", requires=["doc"], assigns=["quotes"], reads=["times"])
    def reader(ctx: Context) -> None: ...

    @stage("writer", requires=["doc"], assigns=["times"])
    def writer(ctx: Context) -> None: ...

    assert [s.name for s in pipeline.resolve_order()] == ["writer", "reader"]
    assert [s.name for s in pipeline.resolve_order(["reader"])] == ["reader"]  # read only when present


def test_a_stage_writing_what_it_does_not_declare_fails_the_article(registry):
    @stage("sneaky", requires=["doc"], assigns=["quotes"])
    def sneaky(ctx: Context) -> None:
        ctx.record.quotes = []
        ctx.record.article.published = "2024-01-01"  # not declared

    (out,) = Pipeline(BLANK).run([Article(id="1", hash="1", source="1.txt", text="Some text.")])
    assert isinstance(out, Failure)
    assert "stage 'sneaky' changed article.published" in out.reason and "quotes" not in out.reason


def test_a_long_text_is_parsed_in_pieces_that_join_back_into_it(monkeypatch):
    from eventwire import nlp

    monkeypatch.setattr(pipeline, "PARSE_CHUNK_CHARS", 120)
    para = "Ministers of Ruritania met in Geneva on Monday.\nThe talks lasted four hours. "
    text = "\n\n".join([para] * 12) + "The end"
    doc = pipeline.parse_long(nlp.load(BLANK), text)
    assert doc.text == text and len(text) > 7 * 120
    (record,) = Pipeline(BLANK).run([Article(id="1", hash="1", source="1.txt", text=text)])
    assert record.article.text == text
    long_word = "x" * 500  # no place to cut: the piece is cut inside it, and still joins back
    assert pipeline.parse_long(nlp.load(BLANK), long_word).text == long_word
