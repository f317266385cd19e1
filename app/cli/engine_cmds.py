"""`bauhinia doctor`, `ask`, `selftest` and `bench` (DESIGN §3)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.cli.output import CliError, emit_json, table
from app.i18n import tr
from engine.cpu_load import READINGS

if TYPE_CHECKING:
    from engine.bench_contention import ContentionResult
    from engine.bench_lookup import LookupRow


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="show versions, compute devices, locations and the keyring")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=_doctor)

    p = sub.add_parser("ask", help="answer one prompt, streamed to standard output")
    p.add_argument("prompt", help="the question; - reads it from standard input (kept out of ps and shell history)")
    p.add_argument("-m", "--model", help="catalogue id, diagnostic (the built-in check model), "
                   "path to a .gguf file, or remote:<endpoint>/<model>")
    p.add_argument("--system", help="system prompt")
    p.add_argument("--preset", metavar="ID", help="a task preset (see 'bauhinia presets list')")
    p.add_argument("--max-tokens", type=int, default=None)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--no-history", action="store_true", help="do not save this exchange")
    p.add_argument("--attach", action="append", default=[], metavar="FILE",
                   help="a document for this question (repeat for more): DOCX, PDF, XLSX, CSV, PPTX, HTML, TXT, MD")
    p.add_argument("--library", action="store_true", help="answer from the document library ('bauhinia docs')")
    p.add_argument("--summarise", "--summarize", action="store_true",
                   help="summarise the attached files section by section when they are longer than the context "
                        "(a request for a summary does this by itself)")
    think = p.add_mutually_exclusive_group()
    think.add_argument("--think", dest="thinking", action="store_const", const="on", default="auto",
                       help="switch the model's reasoning on (templates with enable_thinking/thinking)")
    think.add_argument("--no-think", dest="thinking", action="store_const", const="off",
                       help="switch the model's reasoning off")
    p.add_argument("--json", action="store_true", help="print one JSON object when done")
    p.set_defaults(func=_ask)

    p = sub.add_parser("selftest", help="load → chat → cancel → history round-trip on the diagnostic model")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_selftest)

    p = sub.add_parser("bench", help="measure prefill/decode speed and time to first token")
    p.add_argument("-m", "--model", help="model to measure (default: the generated benchmark model)")
    p.add_argument("--decode-tokens", type=int, default=128)
    p.add_argument("--history-tokens", type=int, default=2000)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--contention", action="store_true",
                   help="also decode under 0, 1, … busy competitor processes: fixed thread counts vs adaptive")
    p.add_argument("--contention-tokens", type=int, default=64, help="tokens decoded per cell of that table")
    p.add_argument("--contention-replies", type=int, default=3,
                   help="replies per cell of that table (each cell is their median)")
    p.add_argument("--contention-new-chat", action="store_true",
                   help="every reply of that table first evaluates the whole prompt, as a new conversation's does")
    p.add_argument("--load-reading", choices=READINGS, default="auto",
                   help="how the thread controllers read free cores: as the app does (auto), the run queue, "
                        "CPU time (the Windows way), or not at all (timing alone)")
    p.add_argument("--prompt-lookup", action="store_true",
                   help="also measure prompt-lookup drafting: a memo-copying scripted model and the bench model")
    p.add_argument("--max-load", type=int, default=None,
                   help="most busy competitors to run (default: as many as the threads in use)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_bench)


def _doctor(args: argparse.Namespace) -> int:
    from app.cli.doctor import collect_doctor, render_doctor

    report = collect_doctor()
    if args.json:
        emit_json(report)
    else:
        sys.stdout.write(render_doctor(report) + "\n")
    return 0


def _ask(args: argparse.Namespace) -> int:
    from app.cli.ask import run_ask

    return run_ask(args)


def _selftest(args: argparse.Namespace) -> int:
    from app.selftest import run_selftest

    results = run_selftest()
    ok = all(r.passed for r in results)
    if args.json:
        emit_json({"passed": ok, "checks": [r.to_json() for r in results]})
    else:
        rows = [(r.name, ("PASS" if r.passed else "FAIL") + f"  {r.seconds:.2f}s  {r.detail}") for r in results]
        sys.stdout.write(table(rows) + "\n")
        sys.stdout.write((tr("CLI", "All checks passed.") if ok else tr("CLI", "Some checks FAILED.")) + "\n")
    return 0 if ok else 1


def _print_stage(name: str) -> None:
    sys.stderr.write(tr("CLI", "Measuring: %1").replace("%1", name) + "\n")


def _bench(args: argparse.Namespace) -> int:
    from app.model_resolver import open_provider
    from app.models.built import bench_model
    from app.settings.store import SettingsStore
    from engine.bench import run_bench
    from engine.errors import EngineError
    from engine.session import ChatSession

    settings = SettingsStore()
    ref = args.model or bench_model()
    if not args.model:
        sys.stderr.write(tr("CLI", "Preparing the benchmark model (built once, about 460 MiB; checked at "
                                   "every start)…") + "\n")
    try:
        opened = open_provider(ref, settings, n_ctx=4096, kv_budget_mb=1024)
    except EngineError as exc:
        raise CliError(str(exc)) from exc
    session, placement = opened.provider, opened.placement
    if not isinstance(session, ChatSession) or placement is None:
        opened.provider.close()
        raise CliError(tr("CLI", "bench measures local models only."))
    path = args.model or opened.label
    contention = None
    if args.load_reading != "auto":
        from engine.cpu_load import reading

        session.set_load_reading(reading(args.load_reading))
    try:
        result = run_bench(
            session, decode_tokens=args.decode_tokens, history_tokens=args.history_tokens, repeats=args.repeats,
            on_stage=_print_stage,
        )
        if args.contention:
            from engine.bench_contention import run_contention

            top = placement.threads if args.max_load is None else max(0, args.max_load)
            contention = run_contention(session, max_threads=placement.threads, loads=range(top + 1),
                                        tokens=max(2, args.contention_tokens),
                                        replies=max(1, args.contention_replies),
                                        new_chat=args.contention_new_chat, on_stage=_print_stage)
        if args.prompt_lookup:
            from engine.bench_lookup import measure_random_model

            _print_stage(tr("CLI", "prompt lookup: random weights"))
            lookup_random = measure_random_model(session, args.repeats)
    finally:
        session.close()
    lookup = [*_measure_copy_model(settings, args.repeats), lookup_random] if args.prompt_lookup else []
    data: dict[str, Any] = {
        "model": str(path),
        "device": placement.choice.device.id,
        "threads": placement.threads,
        "load_reading": args.load_reading,
        **result.to_json(),
    }
    if contention is not None:
        data["contention"] = contention.to_json()
    if lookup:
        data["prompt_lookup"] = [row.to_json() for row in lookup]
    if args.json:
        emit_json(data)
        return 0
    data.pop("contention", None)
    data.pop("prompt_lookup", None)
    sys.stdout.write(table([(k, f"{v:.3f}" if isinstance(v, float) else str(v)) for k, v in data.items()]) + "\n")
    if contention is not None:
        sys.stdout.write("\n" + _contention_table(contention) + "\n")
    if lookup:
        sys.stdout.write("\n" + _lookup_table(lookup, args.repeats) + "\n")
    return 0


def _measure_copy_model(settings: Any, repeats: int) -> list[LookupRow]:
    """The copy and no-copy rows, on the scripted copy model (built once, verified like any)."""
    from app.model_resolver import open_provider
    from app.models.built import copy_bench_model
    from engine.bench_lookup import measure_copy_model
    from engine.errors import EngineError
    from engine.session import ChatSession

    try:
        opened = open_provider(copy_bench_model(), settings, n_ctx=4096)
    except EngineError as exc:
        raise CliError(str(exc)) from exc
    try:
        session = opened.provider
        if not isinstance(session, ChatSession):
            raise CliError(tr("CLI", "bench measures local models only."))
        return list(measure_copy_model(session, repeats, on_stage=_print_stage))
    finally:
        opened.provider.close()


def _lookup_table(rows: list[LookupRow], repeats: int) -> str:
    """Task × decode tokens/s without and with drafting, the speed-up and the drafts accepted."""
    names = {"copy": tr("CLI", "copy (memo rewrite)"), "no-copy": tr("CLI", "no copy"),
             "random": tr("CLI", "random weights")}
    head = [tr("CLI", "task"), tr("CLI", "plain"), tr("CLI", "drafted"), tr("CLI", "speed-up"),
            tr("CLI", "drafts accepted")]
    lines = [head]
    for row in rows:
        lines.append([names.get(row.task, row.task), f"{row.plain_tokens_per_s:.1f}",
                      f"{row.drafted_tokens_per_s:.1f}", f"{row.speedup:.2f}x",
                      f"{row.accepted}/{row.proposed} ({row.acceptance:.0%})"])
    return _grid(tr("CLI", "Prompt-lookup decoding: decode tokens/s (median of %1 runs each)")
                 .replace("%1", str(max(1, repeats))), lines)


def _grid(title: str, lines: list[list[str]]) -> str:
    """A title over right-aligned columns (the first line is the header)."""
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    return "\n".join([title, *("  ".join(c.rjust(w) for c, w in zip(line, widths, strict=True)) for line in lines)])


def _contention_table(result: ContentionResult) -> str:
    """Load × fixed threads × adaptive, decode tokens/s."""
    head = [tr("CLI", "busy cores"), *(tr("CLI", "fixed %1").replace("%1", str(n)) for n in result.threads),
            tr("CLI", "adaptive"), tr("CLI", "adaptive/best"), tr("CLI", "settled at token"),
            tr("CLI", "threads at the end"),
            tr("CLI", "next reply"), tr("CLI", "next/best")]
    lines = [head]
    for row in result.rows:
        settled = "-" if row.settled_at_token is None else str(row.settled_at_token)
        lines.append([str(row.load), *(f"{row.fixed[n]:.1f}" for n in result.threads), f"{row.adaptive:.1f}",
                      f"{row.ratio:.2f}", settled, str(row.adaptive_threads),
                      f"{row.adaptive_next:.1f}", f"{row.ratio_next:.2f}"])
    title = (tr("CLI", "Decode tokens/s under load, fixed thread counts and adaptive (%1 tokens per reply, "
                "median of %2 replies per cell)")
             .replace("%1", str(result.tokens)).replace("%2", str(result.replies)))
    return _grid(title, lines)
