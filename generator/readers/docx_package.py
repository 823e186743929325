"""The zip package of a .docx: sniffing the file type, reading parts within limits, parsing XML safely."""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from ..errors import ReadError
from ..text import squash
from .docx_numbering import Element

#: Largest unpacked part and highest compression ratio we accept (a zip bomb exceeds one or the other).
MAX_PART = 50 * 1024 * 1024
MAX_RATIO = 100

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DC = "http://purl.org/dc/elements/1.1/"
W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def sniff(path: Path, data: bytes) -> None:
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            msg = ("is encrypted (password-protected); expected an unprotected .docx: open it in Word, remove the "
                   "password (File > Info > Protect Document) and save it again")
        elif "WordDocument".encode("utf-16-le") in data:
            msg = "is a legacy Word 97-2003 .doc file named .docx; open it in Word and save it as Word Document (.docx)"
        else:
            msg = ("is an OLE compound file (a legacy .doc or a password-protected document), not a .docx zip archive; "
                   "save it from Word as an unprotected Word Document (.docx)")
        raise ReadError(msg, path)
    if not data.startswith(b"PK"):
        head = data[:64].lstrip().lower()
        kind = " (it is a PDF)" if head.startswith(b"%pdf") else " (it is RTF)" if head.startswith(b"{\\rtf") \
            else " (it looks like HTML or XML)" if head.startswith(b"<") else ""
        raise ReadError(f"is not a Word .docx file{kind}; expected a .docx, which is a zip archive", path)


class Package:
    """The zip archive of a .docx, read part by part within size limits."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        sniff(path, data)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
            raise ReadError(f"is damaged or truncated: the zip archive cannot be opened ({exc}); "
                            "expected a complete .docx, save or download it again", path) from None
        self.infos = {i.filename: i for i in infos}
        self.folded = {i.filename.lower(): i for i in infos}

    def error(self, message: str) -> ReadError:
        """A ReadError for this file."""
        return ReadError(message, self.path)

    def has(self, name: str) -> bool:
        """Whether the archive holds a part (names compared case-insensitively, as Word does)."""
        return name.lower() in self.folded

    def raw(self, name: str) -> bytes | None:
        """The bytes of a part, refusing parts that unpack too large; None when the part is absent."""
        info = self.infos.get(name) or self.folded.get(name.lower())
        if info is None:
            return None
        if info.file_size > MAX_PART:
            raise self.error(f"part {name} unpacks to {info.file_size} bytes; parts over {MAX_PART} bytes are "
                             "refused (a zip bomb, or not a policy)")
        if info.file_size > 1 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.error(f"part {name} is compressed {info.file_size // max(info.compress_size, 1)}:1; "
                             f"ratios over {MAX_RATIO}:1 are refused as a zip bomb")
        try:
            with self.zip.open(info) as fh:
                raw = fh.read(MAX_PART + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as exc:
            raise self.error(f"part {name} cannot be unpacked ({exc}); the file is damaged, truncated or "
                             "encrypted, expected a complete unprotected .docx") from None
        if len(raw) > MAX_PART:
            raise self.error(f"part {name} unpacks to more than {MAX_PART} bytes; refused (a zip bomb, or not a policy)")
        return raw

    def xml(self, name: str) -> Element | None:
        """A part parsed safely (no entities, no network, no DTD); None when the part is absent."""
        raw = self.raw(name)
        if raw is None:
            return None
        if b"<!DOCTYPE" in raw or "<!DOCTYPE".encode("utf-16-le") in raw:
            # Word never writes a DTD; one here can only serve entity expansion tricks
            raise self.error(f"part {name} declares a DOCTYPE, which Word never writes; the file is refused")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
        try:
            root = etree.fromstring(raw, parser)
        except (etree.XMLSyntaxError, ValueError) as exc:
            raise self.error(f"part {name} is not well-formed XML ({exc}); expected the XML Word writes, "
                             "the file is damaged") from None
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise self.error(f"part {name} declares a DOCTYPE, which Word never writes; the file is refused")
        return root

    def targets(self, part: str) -> dict[str, str]:
        """Relationship type (its last path segment) -> part name, for one part's relationships."""
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        out: dict[str, str] = {}
        for rel in rels.iter(f"{{{REL}}}Relationship") if rels is not None else ():
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.setdefault((rel.get("Type") or "").rsplit("/", 1)[-1], resolved)
        return out

    def running_text(self, part: str, kinds: tuple[str, ...] = ("header", "footer")) -> str:
        """The text of a part's headers and footers (a letterhead, "Revised 06/04/2024"), one paragraph a line;
        ``kinds=("header",)`` for the headers alone.

        Not part of the document's units: a segmenter reads names and dates from it and nothing more.
        """
        folder, name = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{name}.rels"))
        lines: list[str] = []
        for rel in rels.iter(f"{{{REL}}}Relationship") if rels is not None else ():
            kind, target = (rel.get("Type") or "").rsplit("/", 1)[-1], rel.get("Target") or ""
            if kind not in kinds or rel.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            root = self.xml(resolved) if self.has(resolved) else None
            for p in root.iter(f"{{{W_MAIN}}}p") if root is not None else ():
                text = squash("".join(t.text or "" for t in p.iter(f"{{{W_MAIN}}}t")))
                if text:
                    lines.append(text)
        return "\n".join(dict.fromkeys(lines))

    def properties(self, rels: dict[str, str]) -> dict[str, str]:
        """Core properties a segmenter can fall back on: title and author."""
        core = self.xml(rels.get("core-properties", "docProps/core.xml"))
        props: dict[str, str] = {}
        for key, tag in (("title", "title"), ("author", "creator")):
            el = core.find(f"{{{DC}}}{tag}") if core is not None else None
            text = squash(el.text or "") if el is not None else ""
            if text:
                props[key] = text
        return props
