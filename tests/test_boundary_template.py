"""The page-template cues of the boundary model (boundary_template.py), on small made-up lines."""

from classifier.boundary_template import counter_lines, line_signature, template_features


def _page(comments):
    """Non-blank line numbers, their text and furniture lines of a made-up thread: number, author, date, text."""
    text, furniture, n = {}, set(), 0
    for number, author, body in comments:
        for line, is_furniture in ((number, False), (f"{author} says:", True), ("May 1, 2012 at 9:00 pm", True), (body, False)):
            n += 2  # a blank line between every two text lines
            text[n] = line
            if is_furniture:
                furniture.add(n)
    return sorted(text), text, frozenset(furniture)


def test_signatures_keep_shape_not_words():
    assert line_signature("17") == line_signature("#3") == "num"
    assert line_signature("Ann Lee") == line_signature("Bob") == "sa"
    assert line_signature("I liked it a lot, really, more than I can say here.") == "l."


def test_lines_whose_shape_recurs_at_their_slot_follow_the_template():
    comments = [("1", "Ann", "Congratulations!"), ("2", "Bob", "What a lovely photo, thanks for sharing it."),
                ("3", "Cy", "Is that a new camera? It looks great."), ("4", "Di", "so cute")]
    numbers, text, furniture = _page(comments)
    features = template_features(numbers, text, furniture)
    by_text = {text[n]: feats for n, feats in features.items()}
    assert {"tpl-1", "tpl-1s"} <= set(by_text["3"])  # every number sits just above an author line
    assert "What a lovely photo, thanks for sharing it." not in by_text  # comment text varies in shape


def test_too_few_blocks_give_no_template():
    numbers, text, furniture = _page([("1", "Ann", "Hi."), ("5", "Bob", "Yo.")])  # 1 then 5: no counter
    assert template_features(numbers, text, furniture) == {}


def test_bare_numbers_that_count_on_are_comment_counters():
    text = {1: "2", 3: "Nice post.", 5: "3", 7: "I have 7 cats.", 9: "7", 11: "#4"}
    assert counter_lines(sorted(text), text) == {1, 5}


def test_each_kind_of_furniture_block_keeps_its_own_template():
    # Comments put a name over their date line; pingbacks open with a "says:" line right after the text above.
    lines = [("Ann Lee", False), ("May 1, 2012 at 9:00 pm", True), ("Lovely post, thanks.", False),
             ("Pat says:", True), ("I linked to this from my blog because it is so good.", False),
             ("Bob", False), ("May 2, 2012 at 9:00 pm", True), ("Great", False),
             ("Sue says:", True), ("Why?", False),
             ("Cy Young", False), ("May 3, 2012 at 9:00 pm", True), ("I made it twice and both times it worked", False),
             ("Tom says:", True), ("so so", False), ("Di", False), ("May 4, 2012 at 9:00 pm", True), ("Yes!", False)]
    text = {2 * (i + 1): line for i, (line, _) in enumerate(lines)}
    furniture = frozenset(2 * (i + 1) for i, (_, is_furniture) in enumerate(lines) if is_furniture)
    features = template_features(sorted(text), text, furniture)
    by_text = {text[n]: feats for n, feats in features.items()}
    assert "tpl-1" in by_text["Cy Young"]  # every name sits above a date line, though not above "says:" lines
