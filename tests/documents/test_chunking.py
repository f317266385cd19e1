"""Passages for retrieval: about N tokens, cut at paragraph/sentence ends, CJK-aware, page kept."""

from __future__ import annotations

from app.documents import Page, chunk_pages, estimate_tokens


def test_estimate_counts_cjk_per_character_and_latin_per_four() -> None:
    assert estimate_tokens("香港特別行政區") == 7
    assert estimate_tokens("abcdefgh") == 2
    assert estimate_tokens("政府 policy") == 2 + 2
    assert estimate_tokens("𠝹嘅") == 2


def test_short_pages_are_one_passage_each_with_their_numbers() -> None:
    passages = chunk_pages([Page(1, "Hello."), Page(2, ""), Page(5, "第五頁。")], target_tokens=64)
    assert [(p.page, p.index, p.text) for p in passages] == [(1, 0, "Hello."), (5, 1, "第五頁。")]


def test_paragraphs_are_packed_up_to_the_target_and_never_cut_inside() -> None:
    paragraphs = [f"Paragraph {i}" + " word" * 30 for i in range(10)]  # about 40 tokens each
    text = "\n\n".join(paragraphs)
    passages = chunk_pages([Page(3, text)], target_tokens=100, overlap_tokens=0)
    assert all(p.page == 3 and p.tokens <= 100 for p in passages)
    assert len(passages) == 5
    joined = "\n\n".join(p.text for p in passages)
    assert joined == text.strip()
    for passage in passages:  # offsets point into the page text
        assert text[passage.start:].startswith(passage.text)


def test_a_long_chinese_paragraph_is_cut_at_sentence_ends() -> None:
    sentence = "政府資訊科技總監辦公室今日發出新的保安指引，要求各部門每月更新軟件。"  # 35 characters
    text = sentence * 12
    passages = chunk_pages([Page(1, text)], target_tokens=120, overlap_tokens=0)
    assert len(passages) == 4
    assert all(p.text.endswith("。") and p.tokens <= 120 for p in passages)
    assert "".join(p.text for p in passages) == text


def test_one_endless_sentence_is_cut_at_the_target() -> None:
    text = "字" * 1000
    passages = chunk_pages([Page(1, text)], target_tokens=256, overlap_tokens=0)
    assert [p.tokens for p in passages] == [256, 256, 256, 232]
    assert "".join(p.text for p in passages) == text


def test_a_short_last_piece_is_repeated_as_overlap() -> None:
    paragraphs = ["A" * 200, "B" * 40, "C" * 200]  # 50, 10, 50 tokens
    passages = chunk_pages([Page(1, "\n".join(paragraphs))], target_tokens=64, overlap_tokens=16)
    assert [p.text for p in passages] == ["A" * 200 + "\n" + "B" * 40, "B" * 40 + "\n" + "C" * 200]


def test_target_must_be_sensible() -> None:
    import pytest

    with pytest.raises(ValueError):
        chunk_pages([Page(1, "x")], target_tokens=2)
