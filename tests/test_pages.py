from classifier.pages import Page, decode_page_bytes, span_text, split_lines, text_sha256


def test_lines_are_numbered_like_an_editor():
    assert split_lines("a\r\nb\rc\n") == ("a", "b", "c")
    assert split_lines("a\u2028b") == ("a\u2028b",)  # only real line ends split


def test_cp1252_fallback():
    assert decode_page_bytes("caf\u00e9 \u2019".encode("cp1252")) == "caf\u00e9 \u2019"
    assert decode_page_bytes("na\u00efve".encode("utf-8")) == "na\u00efve"


def test_span_text_strips_and_drops_blank_lines():
    page = Page("p.txt", ("x", "  Hello  ", "", "\tworld", "y"))
    assert span_text(page, 2, 4) == "Hello\nworld"
    assert text_sha256("Hello\nworld") == text_sha256(span_text(page, 2, 4))
