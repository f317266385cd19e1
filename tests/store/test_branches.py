"""Regenerated replies and edited prompts are siblings; every version stays reachable."""

from __future__ import annotations

from app.store import HistoryStore


def test_regenerate_and_edit_make_siblings(store: HistoryStore) -> None:
    conv = store.new_conversation(system_prompt="Be brief.")
    q1 = store.add_message(conv.id, "user", "What is MTR?")
    a1 = store.add_message(conv.id, "assistant", "A railway.")
    # Regenerate the answer: a sibling of a1 under q1.
    w = store.begin_assistant_message(conv.id, parent_id=q1.id)
    w.append("The Mass Transit Railway.")
    a2 = w.finish()
    assert a2.parent_id == q1.id and (a2.sibling_index, a2.sibling_count) == (1, 2)
    assert [m.id for m in store.thread(conv.id)] == [q1.id, a2.id]
    assert [m.id for m in store.siblings(a1.id)] == [a1.id, a2.id]
    # Edit the first prompt: a sibling of q1 (both are roots).
    q1b = store.add_message(conv.id, "user", "What is KMB?", parent_id=None)
    assert (q1b.sibling_index, q1b.sibling_count) == (1, 2)
    assert [m.content for m in store.thread(conv.id)] == ["What is KMB?"]
    # Switch back to the first prompt: its newest reply is shown.
    store.select_branch(q1.id)
    shown = store.thread(conv.id)
    assert [m.id for m in shown] == [q1.id, a2.id]
    assert (shown[0].sibling_index, shown[0].sibling_count) == (0, 2)
    store.select_branch(a1.id)
    assert [m.id for m in store.thread(conv.id)] == [q1.id, a1.id]
    assert len(store.all_messages(conv.id)) == 4
    assert store.get_conversation(conv.id).title == "What is MTR?"


def test_thread_pages_from_the_newest(store: HistoryStore) -> None:
    conv = store.new_conversation()
    ids = [store.add_message(conv.id, "user" if i % 2 == 0 else "assistant", f"m{i}").id for i in range(25)]
    page = store.thread(conv.id, limit=10)
    assert [m.id for m in page] == ids[-10:]
    page2 = store.thread(conv.id, before_id=page[0].id, limit=10)
    assert [m.id for m in page2] == ids[5:15]
    page3 = store.thread(conv.id, before_id=page2[0].id, limit=10)
    assert [m.id for m in page3] == ids[:5]
    assert store.thread(conv.id, before_id=ids[0]) == []


def test_conversation_list_order_and_flags(store: HistoryStore) -> None:
    a = store.new_conversation("a")
    b = store.new_conversation("b")
    c = store.new_conversation("c")
    store.add_message(a.id, "user", "bump")  # a is now the most recent
    store.update_conversation(c.id, pinned=True)
    store.update_conversation(b.id, archived=True)
    assert [x.title for x in store.list_conversations()] == ["c", "a"]
    assert [x.title for x in store.list_conversations(archived=True)] == ["b"]
    assert store.count_conversations() == 3


def test_delete_message_removes_its_branch_and_moves_to_a_sibling(store: HistoryStore) -> None:
    conv = store.new_conversation()
    q1 = store.add_message(conv.id, "user", "What is MTR?")
    a1 = store.add_message(conv.id, "assistant", "A railway called 地鐵.")
    q2 = store.add_message(conv.id, "user", "And KMB?")
    a2 = store.add_message(conv.id, "assistant", "Buses.")
    w = store.begin_assistant_message(conv.id, parent_id=q1.id)
    w.append("The Mass Transit Railway.")
    a1b = w.finish()
    store.select_branch(a1.id)
    assert [m.id for m in store.thread(conv.id)] == [q1.id, a1.id, q2.id, a2.id]
    # Deleting a1 takes its follow-ups with it; the sibling version becomes current.
    assert store.delete_message(conv.id, a1.id) == a1b.id
    assert [m.id for m in store.thread(conv.id)] == [q1.id, a1b.id]
    assert {m.id for m in store.all_messages(conv.id)} == {q1.id, a1b.id}
    assert not [h for h in store.search("地鐵") if h.conversation_id == conv.id]
    # Deleting the last version falls back to the prompt; unknown ids change nothing.
    assert store.delete_message(conv.id, a1b.id) == q1.id
    assert store.delete_message(conv.id, "nope") is None
    assert [m.id for m in store.thread(conv.id)] == [q1.id]


def test_delete_message_in_an_unsaved_conversation(store: HistoryStore) -> None:
    conv = store.new_conversation(save=False)
    q = store.add_message(conv.id, "user", "secret question")
    a = store.add_message(conv.id, "assistant", "secret answer")
    assert store.delete_message(conv.id, a.id) == q.id
    assert [m.id for m in store.thread(conv.id)] == [q.id]
