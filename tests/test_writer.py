"""Generated pages on disk (guide/writer.py): only what changed is written, so that `mkdocs serve` does not rebuild
in a loop, and the pages of deleted entities go, from the folders the generator owns only."""

from __future__ import annotations

import os
from pathlib import Path

from guide.writer import write_pages

OWNED = ["roles", "outils"]
PAGES: dict[str, str | bytes] = {
    "roles/index.md": "# Rôles\n",
    "roles/intervenante.md": "# Intervenante de milieu\n",
    "outils/index.md": "# Outils\n",
    "ententes/fichiers/entente-salle-fr.pdf": b"%PDF-1.7\n\x00\xff",
}
OLD = 1_000_000_000  # an mtime long past, in seconds: any write since would change it


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def files_of(pages: dict[str, str | bytes]) -> dict[str, bytes]:
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in pages.items()}


def age(folder: Path) -> None:
    for path in folder.rglob("*"):
        os.utime(path, (OLD, OLD))


def test_first_write_writes_every_page(tmp_path: Path) -> None:
    assert write_pages(PAGES, tmp_path, OWNED) == (4, 0)
    assert files(tmp_path) == {
        "roles/index.md": "# Rôles\n".encode(),
        "roles/intervenante.md": b"# Intervenante de milieu\n",
        "outils/index.md": b"# Outils\n",
        "ententes/fichiers/entente-salle-fr.pdf": b"%PDF-1.7\n\x00\xff",  # bytes as they are
    }


def test_text_is_written_as_utf8_with_its_newlines(tmp_path: Path) -> None:
    write_pages({"roles/index.md": "« Rôle »\u00a0:\nligne\r\n"}, tmp_path, OWNED)
    assert (tmp_path / "roles" / "index.md").read_bytes() == "« Rôle »\u00a0:\nligne\r\n".encode()


def test_unchanged_pages_are_not_written_and_keep_their_mtime(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path, OWNED)
    age(tmp_path)
    assert write_pages(PAGES, tmp_path, OWNED) == (0, 0)
    assert {p.stat().st_mtime for p in tmp_path.rglob("*") if p.is_file()} == {OLD}


def test_only_the_changed_page_is_written(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path, OWNED)
    age(tmp_path)
    changed = {**PAGES, "roles/intervenante.md": "# Intervenante\n"}
    assert write_pages(changed, tmp_path, OWNED) == (1, 0)
    written = [
        p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file() and p.stat().st_mtime != OLD
    ]
    assert written == ["roles/intervenante.md"]
    assert (tmp_path / "roles" / "intervenante.md").read_text(encoding="utf-8") == "# Intervenante\n"
    assert not list(tmp_path.rglob("*.tmp"))  # written through a temporary file, replaced in one step


def test_a_page_changed_on_disk_is_written_back(tmp_path: Path) -> None:
    """An editor who changes a generated page by hand sees it replaced: the YAML is the source."""
    write_pages(PAGES, tmp_path, OWNED)
    (tmp_path / "outils" / "index.md").write_text("# Changé à la main\n", encoding="utf-8")
    assert write_pages(PAGES, tmp_path, OWNED) == (1, 0)
    assert files(tmp_path) == files_of(PAGES)


def test_stale_files_go_from_owned_folders_only(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path, OWNED)
    (tmp_path / "index.md").write_text("# Accueil, écrit à la main\n", encoding="utf-8")
    (tmp_path / "ententes" / "notes.md").write_text("not owned\n", encoding="utf-8")
    (tmp_path / "roles" / "ancien" / "vide").mkdir(parents=True)  # folders emptied by a removal go too
    (tmp_path / "roles" / "ancien" / "page.md").write_text("# Un rôle supprimé\n", encoding="utf-8")
    remaining = {k: v for k, v in PAGES.items() if k != "roles/intervenante.md"}  # a role deleted from the YAML

    assert write_pages(remaining, tmp_path, OWNED) == (0, 2)
    assert files(tmp_path) == {
        **files_of(remaining),
        "index.md": "# Accueil, écrit à la main\n".encode(),
        "ententes/notes.md": b"not owned\n",
    }
    assert not (tmp_path / "roles" / "ancien").exists()
    assert (tmp_path / "roles").is_dir()


def test_an_owned_folder_with_no_page_left_is_emptied(tmp_path: Path) -> None:
    write_pages(PAGES, tmp_path, OWNED)
    without_tools = {k: v for k, v in PAGES.items() if not k.startswith("outils/")}
    assert write_pages(without_tools, tmp_path, [*OWNED, "controverses"]) == (0, 1)  # a missing folder is fine
    assert list((tmp_path / "outils").iterdir()) == []
