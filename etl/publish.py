"""Publishing a new set of processed files in one step, one run at a time.

A run builds the new generation in a staging folder beside the output folder (a copy of
the current files plus the rebuilt ones and the new manifest), then swaps the two
folders with one ``renameat2(RENAME_EXCHANGE)`` (Linux) — or, where that is not
available, two renames that :func:`recover` can undo. A crash at any moment therefore
leaves either the complete old set or the complete new set under the output folder's
name, never a mix. Each run starts with :func:`recover`, which deletes what an
interrupted run left behind (staging folders, ``.tmp-*`` files) and puts the old set
back if a fallback switch was cut between its two renames.

Runs are serialised by an exclusive ``flock`` on a lock file beside the output folder
(``.processed.lock`` for ``data/processed``); a second run waits for the first.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2
LOCK_WAIT_SECONDS = 900.0


class LockTimeout(RuntimeError):
    """Another run held the lock for longer than the wait allowed."""


def lock_path(out: Path) -> Path:
    """The lock file of an output folder: beside it, so it survives the folder swap."""
    return out.parent / f".{out.name}.lock"


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def _old_prefix(out: Path) -> str:
    return f".{out.name}.old-"


@contextlib.contextmanager
def exclusive(out: Path, say: Callable[[str], None], wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold the output folder's lock; wait (with one message) while another run has it."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        told = False
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not told:
                    say(f"Another ETL run is writing {out}; waiting for it to finish (lock {path.name}) …")
                    told = True
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        f"another ETL run has held {path} for over {wait:.0f} s; if no ETL is running, "
                        "something else holds the lock"
                    ) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def recover(out: Path, static: Path | None = None) -> list[str]:
    """Undo what an interrupted run left behind; return what was cleaned, for the log.

    Call it holding the lock. If the output folder is missing but an ``.old-*`` folder
    exists, a fallback switch was cut between its renames: the old set goes back.
    """
    cleaned: list[str] = []
    parent = out.parent
    if not parent.exists():
        return cleaned
    olds = sorted(p for p in parent.iterdir() if p.name.startswith(_old_prefix(out)) and p.is_dir())
    if not out.exists() and olds:
        os.rename(olds[-1], out)
        cleaned.append(f"restored {out.name} from {olds[-1].name}")
        olds = olds[:-1]
    stagings = [p for p in parent.iterdir() if p.name.startswith(_staging_prefix(out)) and p.is_dir()]
    for folder in [*olds, *stagings]:
        shutil.rmtree(folder, ignore_errors=True)
        cleaned.append(f"removed {folder.name}")
    for folder in {out, static} - {None}:
        if folder is not None and folder.is_dir():
            for orphan in folder.glob(".tmp-*"):
                orphan.unlink(missing_ok=True)
                cleaned.append(f"removed {folder.name}/{orphan.name}")
    return cleaned


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)  # mkstemp creates 0600; processed files are shared data
        _fsync(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


class Generation:
    """A staging folder holding the next complete set of processed files."""

    def __init__(self, out: Path):
        self.out = out
        out.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=_staging_prefix(out), dir=out.parent))
        os.chmod(self.folder, 0o755)
        if out.is_dir():
            for path in out.iterdir():
                if path.is_file() and not path.name.startswith(".tmp-"):
                    shutil.copy2(path, self.folder / path.name)

    def path(self, name: str) -> Path:
        """Where a file of the new generation is written."""
        return self.folder / name

    def publish(self, say: Callable[[str], None]) -> None:
        """Make the staged set the output folder in one step, then drop the old set."""
        for path in self.folder.iterdir():
            _fsync(path)
        _fsync(self.folder)
        if not self.out.exists():
            os.rename(self.folder, self.out)
            old = None
        elif _exchange(self.folder, self.out):
            old = self.folder  # the staging name now holds the old set
        else:
            old = self.out.parent / (_old_prefix(self.out) + self.folder.name.rsplit("-", 1)[-1])
            os.rename(self.out, old)
            os.rename(self.folder, self.out)
        _fsync(self.out.parent)
        say(f"  switched {self.out.name} to the new set")
        if old is not None:
            shutil.rmtree(old)  # a crash here leaves it for the next run's recover()

    def discard(self) -> None:
        """Remove the staging folder (a failed run)."""
        shutil.rmtree(self.folder, ignore_errors=True)
