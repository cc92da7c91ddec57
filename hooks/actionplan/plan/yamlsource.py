"""Read YAML while remembering where each value stands, for error messages with lines and columns.

Values are built from PyYAML's node tree instead of its constructor so that
* every key path knows its line and column (both 1-based),
* duplicate keys are an error instead of silently overwriting,
* only `true`/`false` are booleans (`no` stays the text "no" – a language code),
* invalid calendar dates (2026-02-30) stay text and are reported by the schema,
* anchors and aliases (`&a`, `*a`) are refused: a few lines of them expand exponentially,
* nesting deeper than `MAX_DEPTH` and files larger than `MAX_BYTES` are refused before they
  are built, so no file can hang the build or end it in a Python traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import pickle
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ErrorKind, PlanError, byte_position, format_path, quote

try:  # the C parser is much faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the platform build
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """The safe loader without PyYAML's implicit typing, which `_scalar` below does instead.

    PyYAML's composer asks three resolver methods about every node, in Python even under
    libyaml (a fifth of `make check`), and the tags they find are never read here. So they are
    builtins that take the same arguments and return at once, without a Python frame: the
    composer keeps what `resolve` returns as the node's tag (a slice nobody looks at) and
    ignores what the other two return.
    """

    resolve = slice  # (kind, value, implicit) -> the unread tag
    descend_resolver = slice  # type: ignore[assignment]  # (parent, index)
    ascend_resolver = tuple  # type: ignore[assignment]  # ()


Loc = tuple[str | int, ...]

MAX_BYTES = 1_000_000
"""The largest data file read (1 MB); the biggest sample file is a few kB."""
MAX_DEPTH = 50
"""The deepest nesting of lists and mappings allowed; the plan's own files need fewer than 10."""

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(\d[0-9_]*)?\.\d+([eE][-+]?\d+)?$")
_TYPED_START = frozenset("0123456789+-.tTfFnN~")
"""The first characters of the values `_scalar` types: true/false, null/~, numbers and dates."""


@dataclass
class Source:
    """A parsed YAML file: its value and the line and column of every key path.

    A key path's line is the line of its key (of the item, in a list); its column is where
    its value begins if the value starts on that line (`status: fertig` → the column of
    „fertig“), otherwise where the key begins. `key_columns` holds where each key begins.
    """

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)
    columns: dict[Loc, int] = field(default_factory=dict)
    key_columns: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """Line of the nearest known key path at or above `loc`."""
        return self.lines.get(self._nearest(loc), 1)

    def column(self, loc: Loc) -> int:
        """Column of the nearest known key path at or above `loc` (of its value, see above)."""
        return self.columns.get(self._nearest(loc), 1)

    def key_column(self, loc: Loc) -> int:
        """Column of the key itself when the key is what is wrong (an unknown key, say)."""
        nearest = self._nearest(loc)
        return self.key_columns.get(nearest, self.columns.get(nearest, 1))

    def error(
        self, loc: Loc, message: str, *, kind: ErrorKind, at_key: bool = False, key: Loc | None = None
    ) -> PlanError:
        """An error at a key path, located by its line and column (`key`: what it is about, if not `loc`)."""
        column = self.key_column(loc) if at_key else self.column(loc)
        return PlanError(
            self.file, self.line(loc), format_path(loc), message, column, kind=kind, key=loc if key is None else key
        )

    def _nearest(self, loc: Loc) -> Loc:
        while loc and loc not in self.lines:
            loc = loc[:-1]
        return loc


Parsed = tuple[Source | None, list[PlanError]]


def load_yaml(path: Path, display: str, cache: ParseCache | None = None) -> Parsed:
    """Parse one YAML file; return it with its line map, or the errors found.

    With `cache`, a file whose bytes an earlier run parsed is taken from there instead.
    """
    try:
        size = path.stat().st_size
        raw = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError:
        message = "die Datei lässt sich nicht lesen – ist sie ein Ordner, oder fehlen die Leserechte?"
        return None, [PlanError(display, 0, "", message, kind="file")]
    if size > MAX_BYTES:
        megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
        message = (
            f"die Datei ist {megabytes} MB groß, erlaubt sind höchstens {MAX_BYTES // 1_000_000} MB"
            " – bitte auf mehrere Dateien aufteilen oder Bilder und Dokumente unter docs/ ablegen"
        )
        return None, [PlanError(display, 0, "", message, kind="file")]
    if cache is None:
        return _parse(raw, display)
    return cache.parsed(raw, display)


class ParseCache:
    """The parsed data files of one project, kept between runs in one file (`make check`, `make serve`, `make build`).

    An entry is found by the file's name and exact bytes, and by the code that parsed it (this
    module, errors.py, PyYAML's, libyaml's and Python's version): any change to one of them parses anew.
    Each entry is stored pickled as it was parsed, so what a run does with its data never reaches
    the cache. After a run that parsed anything, or left entries unused, the file is replaced
    (atomically) by the entries this run used. A cache file that cannot be read counts as empty.
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        self._stored: dict[bytes, bytes] = {}
        self._used: dict[bytes, bytes] = {}
        try:
            with file.open("rb") as stream:
                stored = pickle.load(stream)
            if isinstance(stored, dict):
                self._stored = stored
        except Exception:  # a damaged cache, whatever unpickling it raises, counts as empty
            self._stored = {}

    @classmethod
    def in_folder(cls, folder: Path, root: Path) -> ParseCache:
        """The cache of the project at `root`, in `folder` (one file per project folder)."""
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(folder / f"data-{name}.pickle")

    def parsed(self, raw: bytes, display: str) -> Parsed:
        key = hashlib.blake2b(raw, digest_size=20, key=_code_version()).digest() + display.encode()
        entry = self._stored.get(key)
        if entry is None:
            result = _parse(raw, display)
            entry = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            self._used[key] = entry
            return result
        try:
            cached: Parsed = pickle.loads(entry)
        except Exception:  # a damaged entry is parsed again
            del self._stored[key]
            return self.parsed(raw, display)
        self._used[key] = entry
        return cached

    def save(self) -> None:
        """Write the entries of this run, if they differ from what was read; a cache that cannot be written is skipped."""
        if self._used.keys() != self._stored.keys():  # a file parsed anew, or one no longer read
            replace_cache_file(self.file, pickle.dumps(self._used, protocol=pickle.HIGHEST_PROTOCOL))


def replace_cache_file(target: Path, data: bytes) -> None:
    """Write a cache file whole or not at all (a temporary file, then renamed); skipped where it cannot be written."""
    written = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, suffix=".part", delete=False) as stream:
            written = stream.name
            stream.write(data)
        os.replace(written, target)
    except OSError:
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)


@functools.cache
def _code_version() -> bytes:
    """A digest of what parsing depends on: this module, errors.py, PyYAML's, libyaml's and Python's version."""
    digest = hashlib.blake2b(digest_size=32)
    for module in (__file__, str(Path(__file__).with_name("errors.py"))):
        digest.update(Path(module).read_bytes())
    libyaml = getattr(getattr(yaml, "_yaml", None), "get_version_string", lambda: "")()  # the C parser's own
    digest.update(f"{yaml.__version__} {libyaml} {sys.version} {_SafeLoader.__name__}".encode())
    return digest.digest()


def _parse(raw: bytes, display: str) -> Parsed:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = byte_position(raw, exc.start)
        return None, [
            PlanError(
                display,
                line,
                "",
                "die Datei ist nicht in UTF-8 gespeichert – bitte im Editor mit der Kodierung UTF-8 speichern",
                column,
                kind="syntax",
            )
        ]
    try:
        refused = _refused_structure(text, display)
        if refused is not None:
            return None, [refused]
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, display)]
    except yaml.reader.ReaderError as exc:
        return None, [_reader_error(exc, text, display)]
    source = Source(display, None)
    errors: list[PlanError] = []
    if node is None:
        source.lines[()] = 1
        source.columns[()] = 1
        return source, errors
    source.data = _build(node, (), source, errors)
    return source, errors


def _plainly_shallow(text: str) -> bool:
    """Whether the text can hold neither an anchor or alias nor nesting beyond MAX_DEPTH (most files: no second pass).

    A block collection nested in another starts further right, or (a list under its key) at the
    key's own column with its items further right: at most two levels per column of the
    indentation and "- "/"? " before a line's first key. Each flow level needs a [ or {.
    """
    if "&" in text or "*" in text:
        return False
    # shallow if brackets + 2 * (prefix + 1) <= MAX_DEPTH for the longest prefix: no line's prefix is longer
    longest = (MAX_DEPTH - text.count("[") - text.count("{")) // 2 - 1
    # a line break to search for (fast) instead of ^ tried at every character; the first line gets one too
    return longest >= 0 and re.search(f"\n[ ?-]{{{longest + 1}}}", "\n" + text) is None


def _refused_structure(text: str, display: str) -> PlanError | None:
    """The first anchor, alias or too deep nesting, found from the parser's events before any node is built."""
    if _plainly_shallow(text):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        line, column = (event.start_mark.line + 1, event.start_mark.column + 1) if event.start_mark else (1, 1)
        anchor = getattr(event, "anchor", None)  # aliases, scalars and collections carry one
        if anchor:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            message = (
                f"YAML-Anker und -Verweise ({quote(sign + str(anchor))}) sind in den Daten nicht erlaubt"
                " – bitte den Wert an jeder Stelle ausschreiben"
            )
            return PlanError(display, line, "", message, column, kind="syntax")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = (
                    f"die Werte sind tiefer als {MAX_DEPTH} Ebenen ineinander verschachtelt"
                    " – fehlt eine schließende Klammer, oder stimmt der Einzug nicht?"
                )
                return PlanError(display, line, "", message, column, kind="syntax")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _reader_error(exc: yaml.reader.ReaderError, text: str, display: str) -> PlanError:
    """A character YAML does not allow in a file (a NUL byte, another control character)."""
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    # the reader stops at the first such character; libyaml counts its position in bytes, so find it
    position = text.find(chr(code))
    before = text[: max(position, 0)]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    message = (
        f"die Datei enthält das unsichtbare Steuerzeichen U+{code:04X}, das in YAML nicht erlaubt ist"
        " – bitte die Stelle löschen und neu tippen"
    )
    return PlanError(display, line, "", message, column, kind="syntax")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> PlanError:
    problem = exc.problem or exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    # For these two the parser notices the mistake only later; the context says where it began.
    if problem in _REPORTED_LATE and exc.context_mark is not None:
        mark = exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if mark is not None and problem.startswith("found character") and _char_at(text, mark) == "\t":
        message = _PROBLEMS["found character '\\t' that cannot start any token"]
    else:
        message = _translate_problem(problem)
    return PlanError(display, line, "", f"YAML-Syntaxfehler: {message}", column, kind="syntax")


def _char_at(text: str, mark: yaml.Mark) -> str:
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode


def _build(node: yaml.Node, loc: Loc, source: Source, errors: list[PlanError]) -> Any:
    """The value of `node` at key path `loc`, noting where each key path stands and each repeated key."""
    if loc not in source.lines:  # a mapping's keys are located by the mapping, below
        mark = node.start_mark
        source.lines[loc] = mark.line + 1
        source.columns.setdefault(loc, mark.column + 1)
    return _contents(node, loc, source.lines, source.columns, source.key_columns, source.file, errors)


def _contents(
    node: yaml.Node,
    loc: Loc,
    lines: dict[Loc, int],
    columns: dict[Loc, int],
    key_columns: dict[Loc, int],
    file: str,
    errors: list[PlanError],
) -> Any:
    """`_build` below a located node: the hot loop of `make check` (a thousand files of some 200 nodes each).

    So the classes are compared, not tested with isinstance, and a scalar's commonest case – a
    text, found by its first character – is handled here, not in `_scalar`.
    """
    kind = node.__class__
    if kind is _MAPPING:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.__class__ is _SCALAR else "?"
            key_mark = key_node.start_mark
            line, column = key_mark.line + 1, key_mark.column + 1
            where = (*loc, key)
            if key in result:
                message = f"der Schlüssel {quote(key)} steht doppelt"
                errors.append(PlanError(file, line, format_path(where), message, column, kind="duplicate", key=where))
                continue
            lines[where] = line
            key_columns[where] = column
            value_mark = value_node.start_mark
            if value_mark.line + 1 == line and not _is_empty(value_node):
                column = value_mark.column + 1  # point at the value on the key's line
            columns[where] = column
            if value_node.__class__ is _SCALAR:
                value = value_node.value
                typed = not value_node.style and (not value or value[0] in _TYPED_START)
                result[key] = _scalar(value_node) if typed else value
            else:
                result[key] = _contents(value_node, where, lines, columns, key_columns, file, errors)
        return result
    if kind is _SEQUENCE:
        items = []
        for index, item in enumerate(node.value):
            where = (*loc, index)
            mark = item.start_mark
            lines[where] = mark.line + 1
            columns[where] = mark.column + 1
            if item.__class__ is _SCALAR:
                value = item.value
                items.append(_scalar(item) if not item.style and (not value or value[0] in _TYPED_START) else value)
            else:
                items.append(_contents(item, where, lines, columns, key_columns, file, errors))
        return items
    return _scalar(node)


def _is_empty(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _scalar(node: yaml.Node) -> Any:
    value = str(node.value)
    if getattr(node, "style", None):  # quoted or block scalars are always text
        return value
    if value and value[0] not in _TYPED_START:  # most texts: no boolean, null, number or date starts so
        return value
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("", "~", "null"):
        return None
    if _INT.match(value):
        return int(value.replace("_", ""))
    if _FLOAT.match(value):
        return float(value.replace("_", ""))
    match = _DATE.match(value)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return value
    return value


_REPORTED_LATE = ("found unexpected end of stream", "could not find expected ':'")

_PROBLEMS = {
    "mapping values are not allowed here": "hier darf kein „Schlüssel: Wert“ stehen – fehlt ein Einzug oder ein Anführungszeichen?",
    "could not find expected ':'": "nach einem Schlüssel fehlt der Doppelpunkt oder das Leerzeichen danach (richtig: „schlüssel: wert“)",
    "found character '\\t' that cannot start any token": "Tabulatoren sind nicht erlaubt, bitte Leerzeichen zum Einrücken verwenden",
    "did not find expected key": "hier wurde ein Schlüssel erwartet – stimmt der Einzug?",
    "found unexpected end of stream": "die Datei endet mitten in einem Wert – fehlt ein schließendes Anführungszeichen?",
    "did not find expected '-' indicator": "hier wurde ein Listeneintrag („- “) erwartet – stimmt der Einzug?",
    "expected <block end>, but found '-'": "ein Listeneintrag („- “) steht falsch eingerückt",
    "expected <block end>, but found '<block mapping start>'": "ein Schlüssel steht falsch eingerückt",
    "expected <block end>, but found '<scalar>'": "ein Wert steht falsch eingerückt",
    "did not find expected node content": "hier fehlt ein Wert",
    "found unexpected ':'": "unerwarteter Doppelpunkt – Texte mit „: “ in Anführungszeichen setzen",
}
# libyaml (the C parser used above) words two of these problems differently.
_PROBLEMS["mapping values are not allowed in this context"] = _PROBLEMS["mapping values are not allowed here"]
_PROBLEMS["found a tab character that violates indentation"] = _PROBLEMS[
    "found character '\\t' that cannot start any token"
]
_PROBLEMS["found character that cannot start any token"] = (
    "mit diesem Zeichen (Tabulator, @, ` oder %) darf hier nichts beginnen – bitte mit Leerzeichen einrücken und solche Texte in Anführungszeichen setzen"
)


def _translate_problem(problem: str) -> str:
    return _PROBLEMS.get(problem, f"die Datei ist kein gültiges YAML ({problem})")
