"""Write generated pages to disk, touching only what changed.

Unchanged files keep their modification time, so ``mkdocs serve`` does not rebuild in
a loop; files of deleted entities are removed from the folders the generator owns.
"""

from __future__ import annotations

from pathlib import Path


def write_pages(pages: dict[str, str | bytes], out_dir: Path, owned: list[str]) -> tuple[int, int]:
    """Write ``pages`` (path relative to ``out_dir`` -> text, or bytes for other files); return (written, removed)."""
    written = removed = 0
    for relative, text in pages.items():
        target = out_dir / relative
        data = text.encode("utf-8") if isinstance(text, str) else text
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
        written += 1
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
