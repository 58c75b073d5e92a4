"""Reading printed PDFs back in tests: text in logical order, order checks, QR codes, page PNGs.

`pdftotext` (poppler) gives right-to-left lines in logical order but as Arabic presentation
forms, with bidi control characters: NFKC folds the forms back to plain letters and the
controls are dropped, so a test can look for the values it printed.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from bidi.algorithm import get_display

_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Runs of one script: Latin letters, digits, or other letters (Arabic).
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+|[^\W\dA-Za-z_]+")


def normalize(text: str) -> str:
    """NFKC (presentation forms → letters) without bidi controls."""
    return _CONTROLS.sub("", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path | str, *, first: int | None = None, last: int | None = None) -> str:
    """The text of the PDF at `path` (optionally pages first..last), normalized."""
    args = ["pdftotext"]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True)
    return normalize(out.stdout)


_ARABIC = re.compile("[\u0620-\u064a\u066e-\u06d3]")  # letters, not punctuation
# A word drawn left to right: what is before its first letter or digit (a leading "+" of a
# phone number stays with it), the core, and the punctuation after its last letter or digit.
_LTR_CORE = re.compile(r"([^0-9A-Za-z+]*)(\+?[0-9A-Za-z](?:.*[0-9A-Za-z])?)([^0-9A-Za-z]*)")
_LATIN = re.compile("[A-Za-z]")


def _logical(visual_line: str) -> str:
    """A line as drawn (left to right, Arabic letters reversed) back in reading order."""
    chars = []
    for char in visual_line:
        plain = unicodedata.normalize("NFKC", char)
        # A lam-alef ligature drawn reversed must come apart reversed as well.
        chars.append(plain[::-1] if len(plain) > 1 and "\ufb50" <= char <= "\ufeff" else plain)
    # A word with no Arabic in it ("+218912345678", "A-5521") was drawn left to right whole:
    # embedding it keeps a leading "+" or "-" with its digits, as ltr() did when printing.
    words = [_embed(w) for w in "".join(chars).split(" ")]
    return str(get_display(" ".join(words), base_dir="R"))


def _embed(word: str) -> str:
    """Embed the left-to-right core of a word drawn left to right (Latin letters, or a number
    with its sign); punctuation around it follows the line.

    Plain numbers are left to the bidi algorithm, which places them as it did when printing
    ("1. 05/03/2026" stays so). The one ambiguity: two numbers printed as one ltr() value with
    only a space between ("22/11/2026 10:30") come back as two numbers in right-to-left order.
    """
    match = _LTR_CORE.fullmatch(word)
    if match is None or _ARABIC.search(word):
        return word
    if not _LATIN.search(match.group(2)) and not match.group(2).startswith("+"):
        return word
    lead, core, trail = match.groups()
    return f"{lead}\u202a{core}\u202c{trail}"


def reading_text(path: Path | str, *, first: int | None = None, last: int | None = None) -> str:
    """The text as a reader of the right-to-left form reads it: rows from the top down, and the
    pieces of one row (table cells side by side) from right to left, one row a line.

    Plain pdftotext orders table cells by its own block heuristics (a two-line cell can come
    out after the row below it); this rebuilds the order from each line's position, putting
    each drawn line back into logical order with the bidi algorithm.
    """
    args = ["pdftotext", "-bbox-layout"]
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True)
    root = ET.fromstring(out.stdout)
    pages: list[str] = []
    for page in root.iterfind(".//{*}page"):
        lines: list[tuple[float, float, str]] = []  # (vertical centre, right edge, text)
        for line in page.iterfind(".//{*}line"):
            found = [
                (float(w.get("xMin", 0)), w.text or "") for w in line.iterfind("{*}word") if w.text
            ]
            if not found:
                continue
            drawn = " ".join(text for _, text in sorted(found))
            centre = (float(line.get("yMin", 0)) + float(line.get("yMax", 0))) / 2
            lines.append((centre, float(line.get("xMax", 0)), _logical(drawn)))
        rows: list[list[tuple[float, float, str]]] = []
        for item in sorted(lines):
            if rows and abs(item[0] - rows[-1][0][0]) <= 4:  # the same baseline, give or take
                rows[-1].append(item)
            else:
                rows.append([item])
        pages.append(
            "\n".join("   ".join(t for _, _, t in sorted(r, key=lambda i: -i[1])) for r in rows)
        )
    return normalize("\n\f".join(pages))


def page_text(path: Path | str, page: int) -> str:
    return pdf_text(path, first=page, last=page)


def page_count(path: Path | str) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    match = re.search(r"^Pages:\s+(\d+)", out.stdout, re.MULTILINE)
    assert match is not None, out.stdout
    return int(match.group(1))


def words(text: str) -> list[str]:
    """The words and numbers of `text` in order, without punctuation.

    pdftotext does not give mirrored brackets back and moves a full stop or a comma across an
    embedded number or Latin word ("22/11/2026." comes out ".22/11/2026"): comparing runs of
    letters and digits checks the order of what matters without tripping on those. The bidi
    marks it inserts at direction changes separate words (they are not always beside a space).
    """
    spaced = _CONTROLS.sub(" ", unicodedata.normalize("NFKC", text))
    return _TOKEN.findall(spaced)


def find_in_order(text: str, values: Sequence[str]) -> str | None:
    """None if every value occurs in `text` after the previous one; else what went wrong."""
    position = 0
    for value in values:
        wanted = normalize(value)
        found = text.find(wanted, position)
        if found < 0:
            where = "at all" if wanted not in text else "after the previous value"
            return f"{value!r} not found {where} (searching from offset {position})"
        position = found + len(wanted)
    return None


def assert_in_order(text: str, values: Sequence[str]) -> None:
    """Every value occurs in `text`, each one after the previous one."""
    problem = find_in_order(text, values)
    assert problem is None, problem


def _gaps_from(got: list[str], expected: list[str], position: int) -> tuple[int, str]:
    """How many times the run of `expected` starting at got[position] is interrupted."""
    gaps = 0
    index = 1
    while index < len(expected):
        position += 1
        if position < len(got) and got[position] == expected[index]:
            index += 1
            continue
        # Resume where the next few words all follow (a lone "في" in a footer is no resumption).
        span = expected[index : index + 4]
        resume = next(
            (q for q in range(position, len(got)) if got[q : q + len(span)] == span), None
        )
        if resume is None:
            word = expected[index]
            return -1, f"word {index} {word!r} of the paragraph is missing or out of order"
        position = resume
        gaps += 1
        index += 1
    return gaps, ""


def assert_words_in_order(text: str, paragraph: str, *, breaks: int = 0) -> None:
    """The words of `paragraph` appear in `text` whole and in order, one right after the other
    except at most `breaks` times (a page break puts the footer and the next header between
    two lines of a paragraph)."""
    expected = words(paragraph)
    got = words(text)
    starts = [i for i, word in enumerate(got) if word == expected[0]]
    assert starts, f"the paragraph's first word {expected[0]!r} is missing"
    results = [_gaps_from(got, expected, start) for start in starts]
    best = min((r for r in results if r[0] >= 0), default=None, key=lambda r: r[0])
    assert best is not None, results[0][1]
    assert best[0] <= breaks, f"the paragraph is interrupted {best[0]} times (allowed {breaks})"


def render_png(pdf_path: Path | str, out_prefix: Path | str, dpi: int = 70) -> list[Path]:
    """Every page of the PDF as a PNG (`out_prefix-N.png`), in page order."""
    prefix = Path(out_prefix)
    own = re.compile(re.escape(prefix.name) + r"-(\d+)\.png")

    def mine() -> list[Path]:
        return [p for p in prefix.parent.iterdir() if own.fullmatch(p.name)]

    for old in mine():
        old.unlink()  # an earlier, longer render must not leave pages behind
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf_path), str(prefix)], check=True)
    return sorted(mine(), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def decode_qr(pdf_path: Path | str, page: int = 1, dpi: int = 150) -> list[str]:
    """The texts of the QR codes found on `page` of the PDF."""
    import zxingcpp
    from PIL import Image

    prefix = Path(pdf_path).with_suffix(f".qr{page}")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf_path), str(prefix)],
        check=True,
    )  # fmt: skip
    png = prefix.with_name(prefix.name + ".png")
    with Image.open(png) as image:
        return [code.text for code in zxingcpp.read_barcodes(image)]
