"""A made-up but realistic corpus of reader comments, generated deterministically from a seed.

Nothing here comes from the corpora: the words and templates are invented for the benchmark. The mix
is roughly that of a forum thread: opinions and anecdotes, thanks, questions, disagreements and
shared links, some addressed to another reader on a line of their own, ~300 characters on average.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

NOUNS = ("council budget report bridge market recipe garden engine battery study team season price policy vote "
         "library school road train station photo camera fabric pattern update version server phone app game "
         "museum festival harbour river park weather winter summer holiday kitchen oven bread coffee article "
         "author data chart survey law court judge tax rent landlord neighbour dog cat bike car bus ticket").split()
ADJECTIVES = ("new old local cheap expensive broken lovely awful strange useful simple complicated quiet noisy "
              "early late small huge clear vague recent official careful").split()
VERBS = ("fixed bought tried visited read watched built cooked changed missed found lost booked painted measured "
         "repaired checked counted").split()
PLACES = ("Ashford Brindle Carrow Dunmere Elsworth Fallow Glenrick Harwell Iverly Juniper Kestle Lowmoor").split()
NAMES = ("Maria Tom Priya Jonas Aiko Sam Fatima Lukas Grace Omar Ines Dev Hannah Pavel Rosa Ben").split()
DOMAINS = ("example.com news.example.org blog.example.net data.example.io forum.example.co.uk").split()


def _phrase(rng: random.Random) -> str:
    return f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def _sentence(rng: random.Random) -> str:
    templates = (
        lambda: f"We {rng.choice(VERBS)} {_phrase(rng)} in {rng.choice(PLACES)} last {rng.choice(['week', 'month', 'year'])}.",
        lambda: f"I think {_phrase(rng)} is more {rng.choice(ADJECTIVES)} than people say.",
        lambda: f"My {rng.choice(['sister', 'father', 'friend', 'colleague'])} {rng.choice(VERBS)} {_phrase(rng)} and it took {rng.randint(2, 40)} minutes.",
        lambda: f"The {rng.choice(NOUNS)} near {rng.choice(PLACES)} has been {rng.choice(ADJECTIVES)} since {rng.randint(1995, 2023)}.",
        lambda: f"Honestly {_phrase(rng)} reminds me of {_phrase(rng)} we had as kids.",
        lambda: f"It cost about {rng.randint(3, 900)} pounds, which seems {rng.choice(ADJECTIVES)} for {_phrase(rng)}.",
    )
    return rng.choice(templates)()


def _body(rng: random.Random, sentences: tuple[int, int]) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(*sentences)))


def _url(rng: random.Random) -> str:
    path = "/".join(rng.choice(NOUNS) for _ in range(rng.randint(1, 3)))
    return f"https://{rng.choice(['', 'www.'])}{rng.choice(DOMAINS)}/{path}/{rng.randint(100, 99999)}"


def comment(rng: random.Random) -> str:
    """One comment of a randomly chosen kind."""
    kind = rng.choices(("other", "thanks", "question", "rebuttal", "link"), weights=(45, 20, 15, 12, 8))[0]
    if kind == "thanks":
        text = (f"{rng.choice(['Thanks', 'Thank you', 'Many thanks', 'Great post, thanks'])} for "
                f"{rng.choice(['sharing this', 'the write-up', 'posting the photos', 'all the hard work'])}! "
                + _body(rng, (1, 6)))
    elif kind == "question":
        text = (_body(rng, (2, 5)) + f" Does anyone know whether {_phrase(rng)} is still open on "
                f"{rng.choice(['Sundays', 'holidays', 'weekday evenings'])}? Where did you find {_phrase(rng)}?")
    elif kind == "rebuttal":
        text = (f"{rng.choice(['That is not true', 'You are wrong', 'Sorry, but no', 'I disagree'])}: "
                f"{_phrase(rng)} was {rng.choice(VERBS)} in {rng.randint(1990, 2023)}, not "
                f"{rng.randint(1990, 2023)}. " + _body(rng, (2, 6)))
    elif kind == "link":
        text = f"{rng.choice(['Full story here', 'Related', 'See also', 'Worth a read'])}: {_url(rng)} " + _body(rng, (1, 5))
    elif rng.random() < 0.1:
        text = rng.choice(["Agreed.", "Same here!", "Ha, brilliant.", "This.", "Spot on, as always."])
    else:
        text = _body(rng, (3, 9))
    if rng.random() < 0.12:
        text = f"{rng.choice(NAMES)},\n{text}"
    return text


def comments(count: int, seed: int = 2024) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield comment(rng)


def write_jsonl(path: Path, count: int, seed: int = 2024) -> Path:
    """`count` comments as JSONL records with `id` and `text`."""
    with open(path, "w", encoding="utf-8") as handle:
        for number, text in enumerate(comments(count, seed)):
            handle.write(json.dumps({"id": f"s{number}", "text": text}, ensure_ascii=False) + "\n")
    return path


def write_jsonl_of_size(path: Path, size_bytes: int, seed: int = 2024) -> Path:
    """A JSONL file of about `size_bytes`, built by repeating a fixed block of comments."""
    block = "".join(json.dumps({"text": text}, ensure_ascii=False) + "\n" for text in comments(20_000, seed))
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(max(1, round(size_bytes / len(block.encode())))):
            handle.write(block)
    return path


if __name__ == "__main__":
    texts = list(comments(20_000))
    print(f"{len(texts)} comments, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    for text in texts[:8]:
        print(repr(text))
