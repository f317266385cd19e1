"""The glossary in a chat turn, for both adapters (the window's worker and ``bauhinia ask``).

:func:`turn_glossary` loads the configured glossary (``glossary.path``, or the admin folder's
``glossary`` folder). A glossary that cannot be used is *reported, not blocking*: the turn runs
without it and the adapter shows the one-line warning (a broken IT file must not stop people from
working, and they must know their reply was not checked). :func:`terms_notice` is the one
"Terminology check" line both adapters show for the terms a reply did not use.

Loading runs on the thread that runs the turn (the window's engine thread), never the UI thread:
indexing a large glossary takes about a second the first time (it is then reused).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from app.glossary import Glossary, GlossaryError, TermCheck, glossary_from_settings, missing_terms
from app.i18n import tr

CONTEXT = "Chat"


def turn_glossary(settings: Any) -> tuple[Glossary | None, str]:
    """(the configured glossary or None, a one-line warning when it could not be used)."""
    try:
        return glossary_from_settings(settings), ""
    except GlossaryError as exc:
        return None, tr(CONTEXT, "The terminology glossary was not used for this reply: %1").replace("%1", str(exc))


def terms_notice(checks: Sequence[TermCheck]) -> str:
    """``Terminology check: …`` listing the approved renderings the reply lacks (``""``: none)."""
    missing = missing_terms(checks)
    if not missing:
        return ""
    items = "; ".join(c.expected if c.term == c.expected else f"{c.term} → {c.expected}" for c in missing)
    return tr(CONTEXT, "Terminology check: the reply does not use these approved terms: %1").replace("%1", items)
