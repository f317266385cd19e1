"""The Markdown history export shows what each reply was made with, as the DOCX/PDF export does:
its sampling and its terminology check (issue 17 §3). Real store (SQLCipher), real records."""

from __future__ import annotations

from app.store import HistoryStore
from app.store.transfer import export_markdown
from engine.types import SamplingParams

TERMS = [{"term": "Chief Executive", "expected": "行政長官", "found": False},
         {"term": "Legislative Council", "expected": "立法會", "found": True}]


def _conversation(store: HistoryStore) -> str:
    conv = store.new_conversation("Titles", model="r1-7b")
    store.add_message(conv.id, "user", "Translate: the Chief Executive met the Legislative Council.")
    store.add_message(conv.id, "assistant", "特首會見立法會。", model="r1-7b",
                      sampling=SamplingParams(temperature=0.2, seed=None, max_tokens=300), term_check=TERMS)
    store.add_message(conv.id, "user", "Again, please.")
    store.add_message(conv.id, "assistant", "行政長官會見立法會。", model="r1-7b",
                      sampling={"temperature": 0.7, "seed": 7}, term_check=[{**TERMS[0], "found": True}])
    store.add_message(conv.id, "user", "Thanks")
    store.add_message(conv.id, "assistant", "Not at all.", model="r1-7b")  # made before v5: nothing recorded
    return conv.id


def test_each_reply_shows_its_sampling_and_term_check(store: HistoryStore) -> None:
    md = export_markdown(store, _conversation(store))
    first, second, third = md.split("## Assistant")[1:]
    assert ("- *Sampling:* temperature=0.2, top_p=0.95, top_k=40, min_p=0.05, repeat_penalty=1.0, seed=random, "
            "max_tokens=300, thinking=default") in first
    assert "- *Terminology check:* approved terms not used: Chief Executive → 行政長官" in first
    assert "- *Sampling:* temperature=0.7, seed=7" in second
    assert "- *Terminology check:* every approved term used (1)" in second
    assert "Sampling" not in third and "Terminology" not in third
    user_parts = md.split("## User")[1:]
    assert all("Sampling" not in part.split("## Assistant")[0] for part in user_parts)  # prompts have none
    assert first.index("特首會見立法會。") < first.index("- *Sampling:*") < first.index("- *Terminology check:*")


def test_the_labels_follow_the_interface_language(store: HistoryStore) -> None:
    from app import i18n

    cid = _conversation(store)
    i18n.switch_language("zh_HK")
    md = export_markdown(store, cid)
    assert "- *取樣設定:* temperature=0.2" in md and "- *術語檢查:* " in md and "行政長官" in md
    i18n.switch_language("zh_CN")
    md = export_markdown(store, cid)
    assert "- *采样设置:* temperature=0.2" in md and "- *术语检查:* " in md
