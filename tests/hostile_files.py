"""Hostile and broken inputs, written in code so the collection is reproducible.

``python -m tests.hostile_files DIR`` writes the small ones into DIR (tests/hostile/ holds a committed copy);
``big_files(DIR)`` adds the large ones (a 1 GiB zip bomb, a 7 MB line) for the benchmark.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # fixed, so the files are reproducible
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _docx(document_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(_entry("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(_entry("word/document.xml"), document_xml)
    return out.getvalue()


def _bad_names() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(_entry("evil\x00name.xml"), "x")
    return out.getvalue()


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
                  + f']><w:document xmlns:w="{W}"><w:body>{_para("&lol9;")}</w:body></w:document>')
XXE = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       f'<w:document xmlns:w="{W}"><w:body>{_para("&xxe;")}</w:body></w:document>')

SMALL: dict[str, bytes] = {
    "billion-laughs.docx": _docx(BILLION_LAUGHS),
    "external-entity.docx": _docx(XXE),
    "nul-bytes.docx": b"PK\x03\x04\x00\x00\x00\x00" + b"\x00" * 200,
    "not-a-zip.docx": b"This is plain text wearing a .docx name.\n",
    "truncated.docx": _docx(f'<w:document xmlns:w="{W}"><w:body>{_para("Staff must log off.")}</w:body></w:document>')[:300],
    "encrypted.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
    "legacy.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024,
    "wrong-structure.docx": _bad_names(),
    "binary.txt": bytes(range(256)) * 40,
    "empty.txt": b"",
    "controls.txt": b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 300,
    "corrupt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer garbage",
    "unknown.xyz": b"what is this",
    # good files with hostile content: they ingest, and every output must escape them
    "script-injection.txt": (b"Rules for <script>alert('aup')</script> staff\n\n"
                             b"- Staff must not paste <img src=x onerror=alert(1)> into email.\n"
                             b"- Template text {{ config }} and {% include 'x' %} stays literal.\n"
                             b"- A [link](javascript:alert(1)) is text, not a link.\n"),
    "windows-1252.txt": "Rules\n\n\x95 Staff don\x92t share \x93passwords\x94 \x96 ever.\n".encode("latin-1"),
}
GOOD = {"script-injection.txt", "windows-1252.txt"}


def big_files(folder: Path) -> list[Path]:
    """A 1 GiB zip bomb .docx and a 7 MB single-line .txt (made in seconds, streamed, never held in memory)."""
    folder.mkdir(parents=True, exist_ok=True)
    bomb = folder / "zip-bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                fh.write(chunk)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    line = folder / "seven-megabyte-line.txt"
    line.write_bytes(b"policy " * 1_000_000)
    return [bomb, line]


def write_small(folder: Path) -> list[Path]:
    """Write the small hostile files into a folder."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in SMALL.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    write_small(Path(sys.argv[1] if len(sys.argv) > 1 else "tests/hostile"))
