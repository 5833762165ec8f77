"""Where pages named in labels come from: the seed folder, or the Dragnet archive."""

from __future__ import annotations

import glob
from pathlib import Path

from . import dragnet
from .errors import ClassifierError
from .pages import Page, read_page_file

SEEDS_DIR = dragnet.PROJECT_ROOT / "seeds"


class PageSource:
    """Resolves page names: `dragnet/ID` from the archive, anything else from `seeds_dir`."""

    def __init__(self, seeds_dir: str | Path = SEEDS_DIR, archive: str | Path | None = None, download=None):
        self.seeds_dir = Path(seeds_dir)
        self.archive = archive
        self.download = download
        self._dragnet: dict[str, Page] | None = None
        self._files: dict[str, Page] = {}

    def get(self, name: str) -> Page:
        if name.startswith(dragnet.PAGE_PREFIX):
            if self._dragnet is None:
                self._dragnet = dragnet.read_archive(self.archive, download=self.download)
            page = self._dragnet.get(name)
            if page is None:
                page_id = name[len(dragnet.PAGE_PREFIX) :]
                if page_id in dragnet.reserved_ids():
                    raise ClassifierError(f"{name} is reserved for evaluation: never label, train or tune on it; pick another page")
                raise ClassifierError(f"{name} is not in the Dragnet archive; check the page name")
            return page
        if name not in self._files:
            path = self.seeds_dir / name
            if not path.is_file():
                raise ClassifierError(f"page {name} is not in {self.seeds_dir}; add the page file there")
            self._files[name] = read_page_file(path)
        return self._files[name]


def load_page(name: str | Path, source: PageSource | None = None) -> Page:
    """A page file on disk, or a `dragnet/ID` page from the archive when no such file exists."""
    path = Path(name)
    if not path.exists() and str(name).startswith(dragnet.PAGE_PREFIX):
        return (source or PageSource()).get(str(name))
    return read_page_file(path)


def expand_paths(names: list[str], suffixes: tuple[str, ...], kind: str) -> list[str]:
    """`names` in order, each folder replaced by its files ending in `suffixes` and each quoted glob by the files
    it matches (sorted), each once; other names stay as given. `kind` names the files in the error for an empty match.

    A folder or a glob spares the shell's argument limit on a pile of files.
    """
    found: list[str] = []
    seen: set[str] = set()
    for name in names:
        path = Path(name)
        if path.is_dir():
            matches = sorted(str(p) for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
        elif not path.exists() and any(ch in name for ch in "*?["):
            matches = sorted(p for p in glob.glob(name) if Path(p).suffix.lower() in suffixes and Path(p).is_file())
        else:
            matches = [name]
        if not matches:
            raise ClassifierError(f"{name}: no {kind} there; check the folder or glob")
        for match in matches:
            if match not in seen:
                seen.add(match)
                found.append(match)
    return found


def page_paths(names: list[str]) -> list[str]:
    """The pages named by files, `dragnet/ID` names, folders (their .txt pages) and quoted globs, in order, each once."""
    return expand_paths(names, (".txt",), ".txt pages")
