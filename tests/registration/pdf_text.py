"""The text a PDF made by fpdf2 shows, page by page, read back for tests.

fpdf2 compresses page contents and, with a TrueType font, writes glyph
numbers rather than characters; each font carries a ToUnicode map from glyph
numbers back to characters, as text extraction and screen readers need. This
reads what is needed of that structure, and nothing more general.
"""

import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
REFERENCE = rb"(\d+) 0 R"
SHOW_OR_FONT = re.compile(rb"/(\w+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes]]:
    """Each object's dictionary and its stream, decompressed when it was."""
    objects = {}
    for number, body in OBJECT.findall(data):
        dictionary, stream = body, b""
        if b"stream" in body:
            dictionary, _keyword, rest = body.partition(b"stream")
            length = int(re.search(rb"/Length (\d+)", dictionary).group(1))
            start = 2 if rest.startswith(b"\r\n") else 1
            stream = rest[start : start + length]
            if b"/FlateDecode" in dictionary:
                stream = zlib.decompress(stream)
        objects[int(number)] = (dictionary, stream)
    return objects


def _unescape(literal: bytes) -> bytes:
    result, index = bytearray(), 0
    while index < len(literal):
        byte = literal[index : index + 1]
        if byte != b"\\":
            result += byte
            index += 1
            continue
        following = literal[index + 1 : index + 2]
        octal = re.match(rb"[0-7]{1,3}", literal[index + 1 : index + 4])
        if octal:
            result.append(int(octal.group(), 8))
            index += 1 + len(octal.group())
        else:
            result += ESCAPES.get(following, following)
            index += 2
    return bytes(result)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    glyphs = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for glyph, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            glyphs[int(glyph, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, text in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(text, 16)
            for offset, glyph in enumerate(range(int(first, 16), int(last, 16) + 1)):
                glyphs[glyph] = chr(start + offset)
    return glyphs


def page_count(data: bytes) -> int:
    return sum(
        1
        for dictionary, _stream in _objects(data).values()
        if re.search(rb"/Type /Page\b", dictionary)
    )


def pages_text(data: bytes) -> list[list[str]]:
    """The strings each page shows, in the order they are drawn."""
    objects = _objects(data)
    pages = []
    for dictionary, _stream in objects.values():
        if not re.search(rb"/Type /Page\b", dictionary):
            continue
        contents = int(re.search(rb"/Contents " + REFERENCE, dictionary).group(1))
        resources = re.search(rb"/Resources " + REFERENCE, dictionary)
        resource_text = objects[int(resources.group(1))][0] if resources else dictionary
        fonts = {}
        for name, number in re.findall(rb"/(\w+) " + REFERENCE, resource_text):
            font = objects.get(int(number), (b"", b""))[0]
            if b"/Font" not in font:
                continue
            unicode_map = re.search(rb"/ToUnicode " + REFERENCE, font)
            fonts[name] = (
                _to_unicode(objects[int(unicode_map.group(1))][1]) if unicode_map else None
            )
        shown, current = [], None
        for font_name, literal in SHOW_OR_FONT.findall(objects[contents][1]):
            if font_name:
                current = fonts.get(font_name)
                continue
            raw = _unescape(literal)
            if current is None:
                shown.append(raw.decode("latin-1"))
            else:
                glyphs = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
                shown.append("".join(current.get(glyph, "\ufffd") for glyph in glyphs))
        pages.append(shown)
    return pages
