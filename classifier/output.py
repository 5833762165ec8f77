"""Text output that goes to stdout, or to a file that appears only once it is complete."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import ClassifierError


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def atomic_write(path: Path, write) -> None:
    """Call `write(binary_file)` on a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class AtomicOutput:
    """`with AtomicOutput(path, force) as stream:` writes to a temporary file renamed onto `path` on success."""

    def __init__(self, path: Path | None, force: bool = False):
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            if self.path.exists() and not force:
                raise ClassifierError(f"{self.path} already exists; pass --force to replace it")
            if not self.path.parent.is_dir():
                raise ClassifierError(f"folder {self.path.parent} does not exist; create it first")
        self._tmp = None
        self._handle = None

    def __enter__(self):
        if self.path is None:
            return sys.stdout
        fd, self._tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        self._handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        return self._handle

    def __exit__(self, exc_type, exc, tb):
        if self.path is None:
            sys.stdout.flush()
            return False
        self._handle.close()
        if exc_type is None:
            os.chmod(self._tmp, 0o666 & ~_umask())
            os.replace(self._tmp, self.path)
        else:
            os.unlink(self._tmp)
        return False
