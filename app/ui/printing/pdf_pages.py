"""A PDF's pages for the screen and the printer: sizes and RGB images rendered by PDFium.

These run on the worker thread (PDFium is not thread-safe: every call runs there, one at a
time, and each call opens and closes its own document); the image crosses to the GUI thread
as plain bytes and becomes a QImage there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QImage


@dataclass(frozen=True, slots=True)
class PageImage:
    """A rendered page as plain bytes (RGB): made on the worker, turned into a QImage here."""

    index: int
    width: int
    height: int
    stride: int
    data: bytes

    def to_image(self) -> QImage:
        image = QImage(self.data, self.width, self.height, self.stride, QImage.Format.Format_RGB888)
        return image.copy()  # own the pixels: `data` may go away


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points (worker thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        sizes = (document[i].get_size() for i in range(len(document)))
        return [(float(width), float(height)) for width, height in sizes]
    finally:
        document.close()


def render_pages(pdf: bytes, indexes: list[int], dpi: float) -> list[PageImage]:
    """The pages at `indexes` rasterized at `dpi` (worker thread)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for index in indexes:
            bitmap = document[index].render(scale=dpi / 72.0, rev_byteorder=True)
            out.append(
                PageImage(index, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
            )
            bitmap.close()
        return out
    finally:
        document.close()


def write_pdf(path: Path, pdf: bytes) -> Path:
    part = path.with_name(path.name + ".part")
    part.write_bytes(pdf)
    part.replace(path)
    return path
