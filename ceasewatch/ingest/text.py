"""Plain-text documents: bytes to clean text, with the encoding detected, never guessed blindly.

Reports arrive as UTF-8 from scrapers, as Windows-1252 from old newsroom systems, as UTF-16
from Word's "Save as text", and sometimes as something that is not text at all (a PDF renamed
``.txt``). Decoding goes cheapest first: byte-order mark, strict UTF-8, the encoding the file
declares (HTML), then charset-normalizer; binary content is refused with a reason instead of
being stored as mojibake.
"""

from __future__ import annotations

import re
import unicodedata

from ceasewatch.errors import InputError
from ceasewatch.ingest.language import detect_language
from ceasewatch.ingest.metadata import Meta, find_date_line, unicode_safe
from ceasewatch.records import Document, content_hash

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
#: file signatures of the binary formats people most often mistake for text
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
#: among the encodings charset-normalizer finds equally plausible (short Western text often
#: decodes cleanly as cp1250, cp1252 and cp775 alike) prefer the web's commonest legacy ones
_PREFERRED = ("cp1252", "latin_1", "cp1251", "cp1256", "gb18030", "big5", "shift_jis", "euc_kr")
#: share of control characters above which decoded "text" is really binary
MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a zero in every other byte for ASCII characters."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) >= 0.4 * len(zeros):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _charset_normalizer(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    plausible = [m for m in matches if m.chaos <= least + 0.01]
    for preferred in _PREFERRED:
        for match in plausible:
            if match.encoding == preferred:
                return str(match)
    return str(plausible[0])


def decode_bytes(data: bytes, origin: str, *, declared: str | None = None) -> str:
    """Text from bytes, or :class:`InputError` saying why these bytes are not a text.

    Newlines are normalised to ``\\n`` and characters to NFC, so that the same article saved
    on Windows and on Linux has the same content hash.
    """
    if not data.strip():
        raise InputError("empty file" if not data else "empty (only whitespace)", origin=origin)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({what}), not text", origin=origin)
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not decodable: the byte-order mark says {encoding} but byte "
                                 f"{exc.start} is invalid", origin=origin) from exc
            break
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None and declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            text = None
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError("binary data (NUL bytes), not text", origin=origin)
    if text is None:
        text = _charset_normalizer(data)
        if text is None:
            raise InputError("not decodable: not UTF-8 and no known text encoding fits",
                             origin=origin)
    controls = len(_CONTROL.findall(text))
    if controls and ("\x00" in text or controls > MAX_CONTROL_SHARE * len(text)):
        raise InputError(f"binary data ({controls} control characters), not text", origin=origin)
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty (only whitespace)", origin=origin)
    return text


def make_document(text: str, *, origin: str, name: str, fmt: str, meta: Meta) -> Document:
    """The Document for extracted text and its merged metadata; fills language and date gaps."""
    text = unicode_safe(text.strip("\n"))  # a feed's "&#xD800;" must not reach the store
    if meta.published is None:
        found = find_date_line(text)
        if found:
            meta = meta.over(Meta(published=found[0], published_precision=found[1],
                                  published_source="text"))
    language = meta.language or detect_language(text)
    return Document(
        id=content_hash(text), text=text, origin=origin, name=name, format=fmt,
        title=_safe(meta.title), outlet=_safe(meta.outlet),
        authors=tuple(unicode_safe(a) for a in meta.authors), url=_safe(meta.url),
        published=meta.published, published_precision=meta.published_precision,
        published_source=meta.published_source, language=language, note=meta.note,
    )


def _safe(value: str | None) -> str | None:
    return unicode_safe(value) if value else value


def read_text(data: bytes, *, origin: str, name: str, meta: Meta, fmt: str = "text") -> Document:
    """A plain-text document; ``meta`` comes from the option and the sidecar, if any."""
    return make_document(decode_bytes(data, origin), origin=origin, name=name, fmt=fmt,
                         meta=meta)

