"""Write generated pages to disk, touching only what changed.

Unchanged files keep their modification time, so ``mkdocs serve`` does not rebuild in
a loop; files of deleted entities are removed from the folders the generator owns.
"""

from __future__ import annotations

from pathlib import Path


def write_pages(
    pages: dict[str, str | bytes], out_dir: Path, owned: list[str], known: dict[str, str | bytes] | None = None
) -> tuple[int, int]:
    """Write ``pages`` (path relative to ``out_dir`` -> text, or bytes for other files); return (written, removed).
    ``known``: what an earlier call wrote (mkdocs serve keeps it), updated: a page written the same then is not
    read again to compare, if its file is still there."""
    written = removed = 0
    before = set(known) if known else None  # what the earlier call wrote: what it left behind is among it
    for relative, text in pages.items():
        target = out_dir / relative
        if known is not None and known.get(relative) == text and target.is_file():
            continue
        data = text.encode("utf-8") if isinstance(text, str) else text
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
            written += 1
        if known is not None:
            known[relative] = text
    if before is not None and known is not None:
        return written, removed + _remove(out_dir, sorted(before - set(pages)), known)
    keep = {out_dir / p for p in pages}
    for folder in owned:
        base = out_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path not in keep:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


def _remove(out_dir: Path, gone: list[str], known: dict[str, str | bytes]) -> int:
    """Remove the files of ``gone`` (and their folders left empty): an earlier call wrote them, this one did not."""
    removed = 0
    for relative in gone:
        known.pop(relative, None)
        target = out_dir / relative
        if target.is_file():
            target.unlink()
            removed += 1
        folder = target.parent
        while folder != out_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return removed
