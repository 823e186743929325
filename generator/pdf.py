"""The shared HTML -> PDF engine (WeasyPrint): A4 pages, page numbers and a running footer through CSS.

Every printable output (declaration sheets, tailored policies) is built as one standalone HTML string and
turned into PDF here, so the page setup lives in one place. :data:`PAGE_CSS` is passed to WeasyPrint as a
*user* stylesheet: the document's own CSS (author origin) wins wherever both set something, so a template
only writes the rules it wants to change.

Running footer: an element with a ``data-footer="..."`` attribute (or ``class="running-footer"``, by its
text) sets the text printed at the bottom left of its page and the following ones (CSS ``string-set``);
the bottom right carries "Page N of M". A template can turn
page numbers off with ``@page { @bottom-right { content: none } }``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from .errors import AupError

log = logging.getLogger(__name__)

#: The font families the project installs explicitly (scripts/setup.sh: fonts-dejavu-core, fonts-liberation).
FONT_STACK = '"DejaVu Sans", "Liberation Sans", sans-serif'

#: Default page setup for every PDF: A4, margins, footer with the running text and page numbers.
PAGE_CSS = f"""
@page {{
  size: A4;
  margin: 18mm 18mm 20mm 18mm;
  @bottom-left {{ content: string(running-footer); width: 75%; font: 8pt {FONT_STACK}; color: #555; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); width: 25%; text-align: right;
                  font: 8pt {FONT_STACK}; color: #555; }}
}}
html {{ font-family: {FONT_STACK}; }}
.running-footer {{ string-set: running-footer content(text); }}
[data-footer] {{ string-set: running-footer attr(data-footer); }}
"""


#: Every PDF is PDF/UA-1 (universal accessibility): tagged, with the document's language and title.
PDF_VARIANT = "pdf/ua-1"


class PdfError(AupError):
    """The PDF engine is missing or failed on a document."""


def render_pdf(html: str, base_url: str | Path | None = None, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """Render standalone HTML to PDF bytes (A4, page numbers, running footer); extra CSS strings win over the defaults."""
    return render_pdf_pages(html, base_url, stylesheets=stylesheets)[0]


def render_pdf_pages(html: str, base_url: str | Path | None = None, *,
                     stylesheets: tuple[str, ...] = ()) -> tuple[bytes, int]:
    """Like :func:`render_pdf`, and also the number of pages, so callers can check a layout's page count."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:  # OSError: pango/harfbuzz libraries missing
        raise PdfError(f"WeasyPrint is not available ({exc}); install it with `pip install weasyprint` and the "
                       "system libraries with scripts/setup.sh (libpango-1.0-0 libpangoft2-1.0-0)") from None
    user_css = [CSS(string=PAGE_CSS)] + [CSS(string=s) for s in stylesheets]
    source = HTML(string=html, base_url=str(base_url) if base_url is not None else None)
    document = source.render(stylesheets=user_css)
    # PDF/UA-1: a tagged PDF (structure tree in reading order) whose metadata carries the HTML's title and lang,
    # so screen readers read it in order and in the right language (issue 18)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    if pdf is None:  # write_pdf returns bytes when no target is given; guard the type for callers
        raise PdfError("WeasyPrint returned no PDF")
    return pdf, len(document.pages)
