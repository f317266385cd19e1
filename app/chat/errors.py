"""Engine and remote failures, by ``kind``, in the interface language.

The engine's own message is English detail (kept in the history record); what a user reads is
the sentence for its kind, so no English ends up inside a Chinese sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import tr

Translate = Callable[[str, str], str]

CONTEXT = "ChatErrors"


def _default_tr(context: str, text: str) -> str:
    return tr(context, text)


def _messages(tr: Translate) -> dict[str, str]:  # the parameter is named tr for the string extractor
    return {
        "template": tr(CONTEXT, "The model's chat template could not be used. Ask IT for a corrected model file."),
        "context_overflow": tr(CONTEXT, "The message is too long for this model's context. Shorten it or start a "
                                        "new conversation."),
        "model_file": tr(CONTEXT, "The model file cannot be used. Choose another file or ask IT for a verified "
                                  "copy."),
        "backend": tr(CONTEXT, "No allowed compute device can run this model. Check Settings → Compute device, "
                               "or ask IT."),
        "model_load": tr(CONTEXT, "The model could not be loaded. Close other programs to free memory, or choose "
                                  "a smaller model."),
        "engine": tr(CONTEXT, "The model stopped with an internal error. Try again, or reload the model."),
        "auth": tr(CONTEXT, "The server refused the access token. Check the endpoint's token in Settings."),
        "connect": tr(CONTEXT, "The server could not be reached. Check the network connection or ask IT."),
        "timeout": tr(CONTEXT, "The server took too long to answer. Try again later."),
        "tls": tr(CONTEXT, "The server's certificate could not be verified. Ask IT."),
        "not_found": tr(CONTEXT, "The server does not offer this model. Choose another model."),
        "rate_limited": tr(CONTEXT, "The server is busy. Try again in a moment."),
        "server": tr(CONTEXT, "The server failed while answering. Try again later."),
        "protocol": tr(CONTEXT, "The server sent an answer that could not be read."),
        "request": tr(CONTEXT, "The server refused the request."),
    }


KINDS: tuple[str, ...] = tuple(_messages(lambda _c, t: t))


def describe_error(kind: str | None, detail: str, tr: Translate | None = None, *,
                   language: str | None = None) -> str:
    """What a user reads about a failure of ``kind``. In English the engine's own message says
    most (it is written for users, with the figures); in another language it is the translated
    sentence for the kind, so no English lands inside a Chinese one. An unknown kind shows
    ``detail`` as it is."""
    if language is None:
        from app.i18n import current_language

        language = current_language()
    if language == "en" and detail:
        return detail
    return _messages(tr or _default_tr).get(kind or "", detail)


def describe_exception(exc: BaseException, tr: Translate | None = None, *, language: str | None = None) -> str:
    """:func:`describe_error` for an exception raised outside a stream (loading a model). Kinds
    the app raises itself (``policy``, ``config``, a plain ``EngineError``) already carry a
    translated message and are shown as they are."""
    detail = str(exc) or type(exc).__name__
    kind = getattr(exc, "kind", None)
    if kind in KINDS and kind != "engine":
        return describe_error(kind, detail, tr, language=language)
    return detail
