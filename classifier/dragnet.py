"""The Dragnet corpus: 1,381 real 2012 pages in one tar.gz, read without unpacking it."""

from __future__ import annotations

import hashlib
import os
import re
import tarfile
import tempfile
import urllib.request
import zlib
from collections.abc import Callable
from pathlib import Path

from .errors import ClassifierError
from .pages import Page, decode_page_bytes, split_lines

ARCHIVE_NAME = "dragnet_Corrected.tar.gz"
ARCHIVE_SHA256 = "d72f138c1dde10d8a5c5c11392f303708b5e5dfca6224b90f201e2c788d86c8b"
ARCHIVE_COMMIT = "95559bee8812387d8e2cca2e8090004319ab9602"
ARCHIVE_URL = f"https://github.com/seomoz/dragnet_data/raw/{ARCHIVE_COMMIT}/{ARCHIVE_NAME}"
ENV_VAR = "CLASSIFIER_DRAGNET"
PAGE_PREFIX = "dragnet/"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_COPY = PROJECT_ROOT.parent / "shared" / "corpora" / "dragnet" / ARCHIVE_NAME

# Kept in the package so a user who downloads the archive still skips them.
RESERVED = frozenset(
    "20 R106 R109 R153 R289 R320 R400 R588 R656 R657 R666 R739 R740 R763 R765 "
    "R893 R894 R903 R914 R931 T136".split()
)
HOW_TO_GET = (
    f"pass --dragnet PATH, set {ENV_VAR}, put a copy at {SHARED_COPY}, "
    f"or run `classifier fetch-dragnet` to download it from {ARCHIVE_URL}"
)

# The corpus marks where comments begin with a line like "!@#$%^&*()  COMMENTS"; a few pages space or
# drop characters, misspell the word ("COMMNENTS", "CORRECTED") or leave it out, so match loosely. The
# full "!@#$%^&*()" run is required when the word is not COMMENTS: an article's "*****" is no separator.
SEPARATOR = re.compile(r"^\s*(?:[!@#$%^&*() ]{5,}\s*COMMENTS|!\s*@\s*#\s*\$\s*%\s*\^\s*&\s*\*\s*\(\s*\)\s*[A-Z]*)\s*$")
MEMBER = re.compile(r"(?:^|/)([^/]+)\.html\.corrected\.txt$")


def cache_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "comment-classifier" / ARCHIVE_NAME


def reserved_ids() -> frozenset[str]:
    """Reserved page ids: the packaged list plus any the shared copy adds."""
    listed = SHARED_COPY.parent / "reserved.txt"
    extra = set()
    if listed.is_file():
        extra = {line.split(".")[0].strip() for line in listed.read_text().splitlines() if line.strip()}
    return RESERVED | extra


def find_archive(explicit: str | Path | None = None, download: Callable[[], Path] | None = None) -> Path:
    """The first archive found: explicit path, $CLASSIFIER_DRAGNET, ../shared copy, user cache.

    With `download` (a callable that fetches it), a missing archive is downloaded instead of an error.
    """
    if explicit is not None:
        path = Path(explicit)
        if not path.is_file():
            raise ClassifierError(f"Dragnet archive {path} does not exist; {HOW_TO_GET}")
        return path
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        path = Path(from_env)
        if not path.is_file():
            raise ClassifierError(f"${ENV_VAR} points to {path}, which does not exist; fix or unset it")
        return path
    for path in (SHARED_COPY, cache_path()):
        if path.is_file():
            return path
    if download is not None:
        return download()
    raise ClassifierError(f"no copy of the Dragnet archive was found; {HOW_TO_GET}")


def download_archive(
    target: Path | None = None, progress: Callable[[int, int], None] | None = None, url: str = ARCHIVE_URL
) -> Path:
    """Download the pinned archive into the cache, checking its sha256; `progress(done, total)`."""
    target = target or cache_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as tmp:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(1 << 16):
                    tmp.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
        except OSError as exc:
            os.unlink(tmp.name)
            raise ClassifierError(f"could not download {url} ({exc}); {HOW_TO_GET}") from None
    if digest.hexdigest() != ARCHIVE_SHA256:
        os.unlink(tmp.name)
        raise ClassifierError(f"the download from {url} has the wrong sha256; try again later")
    os.replace(tmp.name, target)
    return target


def page_from_member(page_id: str, data: bytes) -> Page:
    """A Dragnet page with its separator line removed and remembered as `thread_start`."""
    lines = split_lines(decode_page_bytes(data))
    for index, line in enumerate(lines):
        if SEPARATOR.match(line):
            kept = lines[:index] + lines[index + 1 :]
            # The line after the separator now sits where the separator was.
            return Page(PAGE_PREFIX + page_id, kept, thread_start=index + 1)
    return Page(PAGE_PREFIX + page_id, lines, thread_start=None)


def read_archive(archive: str | Path | None = None, include_reserved: bool = False,
                 download: Callable[[], Path] | None = None) -> dict[str, Page]:
    """All pages of the archive by name (`dragnet/R149`), reserved pages left out by default."""
    path = find_archive(archive, download)
    skip = set() if include_reserved else reserved_ids()
    pages: dict[str, Page] = {}
    try:
        with tarfile.open(path, "r:gz") as tar:
            for member in tar:
                match = MEMBER.search(member.name)
                if not member.isfile() or not match or match.group(1) in skip:
                    continue
                data = tar.extractfile(member).read()
                pages[PAGE_PREFIX + match.group(1)] = page_from_member(match.group(1), data)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise ClassifierError(
            f"Dragnet archive {path} is damaged ({exc}); delete it and get a fresh copy: {HOW_TO_GET}"
        ) from None
    if not pages:
        raise ClassifierError(f"{path} holds no Dragnet pages (Corrected/*.html.corrected.txt); {HOW_TO_GET}")
    return dict(sorted(pages.items()))
