"""Simulate the property part of a silent (``/qn``) Windows Installer run on an MSI's tables.

What is simulated, in ``InstallExecuteSequence`` order up to ``InstallValidate``:
  * the command-line properties on top of the ``Property`` table;
  * ``AppSearch`` through ``RegLocator`` rows against a given registry (the values the previous
    install wrote - what a major upgrade or repair finds);
  * set-property custom actions (type 51, with or without the firstSequence bit 256), each under
    its sequence condition; setting a property to "" deletes it, as Windows Installer does;
  * ``LaunchConditions`` (a false condition refuses the install with its formatted message);
  * ``CostFinalize`` only as far as INSTALLDIR: unset, it becomes the default Program Files folder;
then the registry values the install would write: every ``Registry`` row whose component's
condition is true, its value formatted with the final properties.

What is NOT simulated: the UI sequence and the client/server property hand-over (full-UI
installs), ``RemoveExistingProducts`` timing (the old product's values are simply replaced by the
new ones, which is what happens to values owned by components of the old product), file costing,
ICE validation and the registry's 32/64-bit views. Conditions support what Bauhinia.wxs uses:
properties, "strings", integers, ( ), NOT, AND, OR and the comparison operators = <> < > <= >=
>< << >> with their case-insensitive ~ forms; anything else raises ``Unsupported``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

Row = dict[str, str]
RegistryKey = tuple[str, str, str]  # (Root as in the Registry table: "1" HKCU, "2" HKLM; Key; Name)
DEFAULT_INSTALLDIR = "C:\\Program Files\\Bauhinia\\"
CA_SET_PROPERTY = 51
_TOKEN = re.compile(
    r'\s*(?:(?P<str>"[^"]*")|(?P<int>-?\d+)|(?P<op>~?(?:><|<<|>>|<>|>=|<=|=|<|>))|(?P<paren>[()])'
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_.]*))"
)
_PROPERTY_REF = re.compile(r"\[([A-Za-z_][A-Za-z0-9_.]*)\]")


class Unsupported(ValueError):
    """A condition, custom action or formatted string this simulator does not model."""


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise Unsupported(f"condition {text!r}: cannot read from {text[pos:]!r}")
        kind = m.lastgroup or ""
        value = m.group(kind)
        if kind == "word" and value.upper() in ("NOT", "AND", "OR", "XOR", "EQV", "IMP"):
            kind, value = "kw", value.upper()
        out.append((kind, value))
        pos = m.end()
    return out


def _compare(op: str, left: str | int, right: str | int) -> bool:
    fold = op.startswith("~")
    op = op.lstrip("~")
    if isinstance(left, int) and isinstance(right, int):
        a: str | int = left
        b: str | int = right
    else:
        a, b = str(left), str(right)
        if fold:
            a, b = a.lower(), b.lower()
    if op in ("><", "<<", ">>"):
        sa, sb = str(a), str(b)
        return {"><": sb in sa, "<<": sa.startswith(sb), ">>": sa.endswith(sb)}[op]
    if op == "=":
        return a == b
    if op == "<>":
        return a != b
    if type(a) is not type(b):
        return False
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]  # type: ignore[operator]


class _Parser:
    def __init__(self, text: str, props: Mapping[str, str]) -> None:
        self.toks = _tokens(text)
        self.i = 0
        self.props = props
        self.text = text

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise Unsupported(f"condition {self.text!r} ends early")
        self.i += 1
        return tok

    def parse(self) -> bool:
        value = self.or_expr()
        if self.peek() is not None:
            raise Unsupported(f"condition {self.text!r}: unexpected {self.peek()}")
        return value

    def or_expr(self) -> bool:
        value = self.and_expr()
        while self.peek() == ("kw", "OR"):
            self.take()
            rhs = self.and_expr()
            value = value or rhs
        return value

    def and_expr(self) -> bool:
        value = self.not_expr()
        while self.peek() == ("kw", "AND"):
            self.take()
            rhs = self.not_expr()
            value = value and rhs
        return value

    def not_expr(self) -> bool:
        if self.peek() == ("kw", "NOT"):
            self.take()
            return not self.not_expr()
        return self.primary()

    def value(self) -> str | int:
        kind, text = self.take()
        if kind == "str":
            return text[1:-1]
        if kind == "int":
            return int(text)
        if kind == "word":
            raw = self.props.get(text, "")
            return int(raw) if re.fullmatch(r"-?\d+", raw) else raw
        raise Unsupported(f"condition {self.text!r}: unexpected {text!r}")

    def primary(self) -> bool:
        if self.peek() == ("paren", "("):
            self.take()
            value = self.or_expr()
            if self.take() != ("paren", ")"):
                raise Unsupported(f"condition {self.text!r}: missing )")
            return value
        if self.peek() is not None and self.peek()[0] == "kw":  # type: ignore[index]
            raise Unsupported(f"condition {self.text!r}: operator {self.peek()} not modelled")
        bare = self.peek()
        left = self.value()
        tok = self.peek()
        if tok is not None and tok[0] == "op":
            self.take()
            return _compare(tok[1], left, self.value())
        if bare is not None and bare[0] == "word":
            return self.props.get(bare[1], "") != ""  # a set property is true, even "0"
        return left not in ("", 0)


def evaluate(condition: str, props: Mapping[str, str]) -> bool:
    """An MSI condition; an empty condition is true."""
    return True if not condition.strip() else _Parser(condition, props).parse()


def format_text(text: str, props: Mapping[str, str]) -> str:
    """MSI formatted text, property references only."""
    if re.search(r"\[(?![A-Za-z_][A-Za-z0-9_.]*\])", text):
        raise Unsupported(f"formatted text {text!r} uses more than [PROPERTY]")
    return _PROPERTY_REF.sub(lambda m: props.get(m.group(1), ""), text)


@dataclass
class Outcome:
    properties: dict[str, str]
    refused: str | None = None
    registry: dict[RegistryKey, str] = field(default_factory=dict)
    ran: list[str] = field(default_factory=list)  # actions whose condition held, in order


def _set(props: dict[str, str], name: str, value: str) -> None:
    if value:
        props[name] = value
    else:
        props.pop(name, None)


def simulate(tables: Mapping[str, list[Row]], command_line: Mapping[str, str],
             registry: Mapping[RegistryKey, str]) -> Outcome:
    """One silent install/upgrade/repair of the MSI whose tables are given (see the module doc)."""
    props = {r["Property"]: r["Value"] for r in tables.get("Property", [])}
    for name, value in command_line.items():
        _set(props, name, value)
    actions = {r["Action"]: r for r in tables.get("CustomAction", [])}
    locators = {r["Signature_"]: r for r in tables.get("RegLocator", [])}
    outcome = Outcome(properties=props)
    sequence = sorted(tables.get("InstallExecuteSequence", []), key=lambda r: int(r["Sequence"] or 0))
    for row in sequence:
        action = row["Action"]
        if action == "InstallValidate":
            break
        if not evaluate(row["Condition"], props):
            continue
        outcome.ran.append(action)
        if action == "AppSearch":
            for search in tables.get("AppSearch", []):
                loc = locators.get(search["Signature_"])
                if loc is None:
                    raise Unsupported(f"AppSearch {search['Property']}: only RegLocator searches are modelled")
                found = registry.get((loc["Root"], loc["Key"], loc["Name"]))
                if found is not None:
                    _set(props, search["Property"], found)
        elif action == "LaunchConditions":
            for cond in tables.get("LaunchCondition", []):
                if not evaluate(cond["Condition"], props):
                    outcome.refused = format_text(cond["Description"], props)
                    return outcome
        elif action == "CostFinalize":
            props.setdefault("INSTALLDIR", DEFAULT_INSTALLDIR)
            if not props["INSTALLDIR"].endswith("\\"):
                props["INSTALLDIR"] += "\\"
        elif action in actions:
            ca = actions[action]
            if int(ca["Type"]) & 0x3F != CA_SET_PROPERTY:
                raise Unsupported(f"custom action {action} of type {ca['Type']} is not modelled")
            _set(props, ca["Source"], format_text(ca["Target"], props))
    components = {r["Component"]: r for r in tables.get("Component", [])}
    for reg in tables.get("Registry", []):
        comp = components[reg["Component_"]]
        if evaluate(comp["Condition"], props):
            outcome.registry[(reg["Root"], reg["Key"], reg["Name"])] = format_text(reg["Value"], props)
    return outcome
