"""`python -m guide site` (and MkDocs alone) when the build is stopped, killed, cannot write, or finds a content
folder missing: a one-line message, a non-zero exit, no traceback, the previous site/ as it was, and nothing
left behind (no `site.*` folder, no derived `.mkdocs-hors-ligne.*.yml`, no process)."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench import free_port
from guide import interrupt, mkdocs_child, scratch
from sites import ROOT, build, make_project

pytestmark = pytest.mark.build

LEFTOVERS = ("site.", ".mkdocs-hors-ligne.")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = make_project(tmp_path_factory.mktemp("lifecycle"))
    result = build(config)
    assert result.returncode == 0, result.stderr
    return config.parent


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "petit"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def snapshot(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(LEFTOVERS))


def processes_in(project: Path) -> list[str]:
    """Processes working in ``project`` (the build's children, and theirs, inherit its folder): each one's number,
    state, parent, process group and command line, for the failure to say what it was."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "cwd") == str(project):
                state = mkdocs_child.process_state(entry.name)
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                if state is not None:
                    found.append(f"{entry.name} ({state[0]}, parent {state[1]}, group {state[2]}): {command}")
        except OSError:
            continue
    return found


def env() -> dict[str, str]:
    return {
        "PYTHONPATH": str(ROOT / "scripts"),
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        **({"GUIDE_CACHE": os.environ["GUIDE_CACHE"]} if "GUIDE_CACHE" in os.environ else {}),
    }


def start(project: Path, **kwargs) -> subprocess.Popen:
    """`make site` in a terminal: the build leads a process group of its own, as a shell's job does."""
    return subprocess.Popen(
        [sys.executable, "-m", "guide", "site"],
        cwd=project,
        env=env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kwargs,
    )


def wait_until(found: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not found():
        assert time.monotonic() < deadline, "the build never got there"
        time.sleep(0.02)


def mkdocs_running(project: Path) -> Callable[[], bool]:
    return lambda: any((p / "site").is_dir() for p in project.glob("site.*"))


def offline_running(project: Path) -> Callable[[], bool]:
    return lambda: any(project.glob(".mkdocs-hors-ligne.*.yml"))


@pytest.mark.parametrize(
    ("signum", "when"),
    [(signal.SIGINT, mkdocs_running), (signal.SIGTERM, offline_running)],
    ids=["ctrl-c during the mkdocs build", "sigterm during the offline build"],
)
def test_stopped_build_cleans_up(project: Path, signum: int, when: Callable) -> None:
    before = snapshot(project / "site")
    process = start(project)
    wait_until(when(project))
    os.killpg(process.pid, signum)  # what Ctrl-C does: the whole foreground job
    _, stderr = process.communicate(timeout=60)
    name = signal.Signals(signum).name
    assert process.returncode == 128 + signum
    assert stderr.splitlines()[-1] == f"The build was stopped ({name}): {project / 'site'} was left as it was."
    assert "Traceback" not in stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
    assert processes_in(project) == []


def test_killed_build_is_cleaned_up_by_the_next(project: Path) -> None:
    before = snapshot(project / "site")
    process = start(project)
    wait_until(mkdocs_running(project))
    process.kill()  # kill -9: nothing of the build runs its cleanup
    process.communicate(timeout=60)
    wait_until(lambda: not processes_in(project))  # its mkdocs child, orphaned, finishes what it was doing
    assert [name for name in leftovers(project) if name.startswith("site.")]
    assert snapshot(project / "site") == before
    result = build(project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []


def test_next_build_removes_only_what_no_running_build_holds(project: Path) -> None:
    for name in ("site.deadbeef", "site.runs1234"):  # a killed build's folder, a running build's
        (project / name / "site").mkdir(parents=True)
        (project / name / scratch.MARK).touch()
    (project / ".mkdocs-hors-ligne.deadbeef.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    (project / "site.20250101").mkdir()  # someone's copy, kept by hand: not a build's
    held = os.open(project / "site.runs1234", os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        result = build(project / "mkdocs.yml")
        assert result.returncode == 0, result.stderr
        assert leftovers(project) == ["site.20250101", "site.runs1234"]
    finally:
        os.close(held)


def test_two_builds_at_once(project: Path) -> None:
    first, second = start(project), start(project)
    for process in (first, second):
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
    assert (project / "site" / "en" / "roles" / "intervenante" / "index.html").is_file()
    assert (project / "site" / "hors-ligne" / "guide-intervention-proximite-hlm.zip").is_file()
    assert leftovers(project) == []


def _immutable(path: Path) -> None:
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode != 0:
        pytest.skip("chattr +i is not available here: no way to make a folder read-only for root")


@pytest.mark.parametrize(
    ("frozen", "message"),
    [
        (
            "site",
            "{project}/site could not be replaced (Operation not permitted): it was left as it was, "
            "the new build removed.",
        ),
        (
            ".",
            "{project}: the new build cannot be written there (Operation not permitted): "
            "{project}/site was left as it was.",
        ),
    ],
    ids=["read-only site", "read-only parent"],
)
def test_unwritable_site_or_parent(project: Path, frozen: str, message: str) -> None:
    """Read-only for root too: an immutable folder (chattr +i) can be neither renamed nor written in."""
    before = snapshot(project / "site")
    _immutable(project / frozen)
    try:
        result = build(project / "mkdocs.yml")
    finally:
        subprocess.run(["chattr", "-i", str(project / frozen)], check=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == message.format(project=project)
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def _no_file_over_100_kb() -> None:  # a full disk, as the build meets it: writing fails with EFBIG, not a signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


def test_full_disk_is_one_line(project: Path) -> None:
    before = snapshot(project / "site")
    process = subprocess.run(
        [sys.executable, "-m", "guide", "site"],
        cwd=project,
        env=env(),
        capture_output=True,
        text=True,
        preexec_fn=_no_file_over_100_kb,
    )
    assert process.returncode == 1
    lines = process.stderr.splitlines()
    assert lines[-1] == f"The build failed: {project / 'site'} was left as it was."
    assert re.fullmatch(r"site\.\w{8}/site/\S+: File too large", lines[-2])  # one of Material's scripts
    assert "Traceback" not in process.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_swap_put_back_when_the_new_site_cannot_take_its_place(tmp_path: Path, monkeypatch) -> None:
    target, work = tmp_path / "site", tmp_path / "site.12345678"
    (target / "old.html").parent.mkdir()
    (target / "old.html").write_text("old", encoding="utf-8")
    (work / "site").mkdir(parents=True)
    renames = []

    def rename(src, dst) -> None:
        renames.append((Path(src).name, Path(dst).name))
        if len(renames) == 2:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), str(src))
        os.replace(src, dst)

    monkeypatch.setattr(scratch.os, "rename", rename)
    with pytest.raises(OSError, match="Invalid cross-device link"):
        scratch.replace(target, work / "site", work / "ancien")
    assert renames == [("site", "ancien"), ("site", "site"), ("ancien", "site")]
    assert (target / "old.html").read_text(encoding="utf-8") == "old"
    assert (work / "site").is_dir()


def test_a_failed_write_names_its_file(tmp_path: Path) -> None:
    """write() fails with no file name in the error: the message still gives the file being written."""
    path = tmp_path / "page.html"
    try:
        with path.open("w", encoding="utf-8") as page:  # noqa: F841 (the message finds it here)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    except OSError as exc:
        message = mkdocs_child.explain(exc)
    assert message == f"{path}: No space left on device"


def test_a_signal_as_a_child_starts_stops_that_child_too(tmp_path: Path, monkeypatch) -> None:
    """The build is stopped while a child is being started: that child is stopped with the others, not left
    running unknown (the signal waits until the child is among those run_all stops)."""
    works = _lasting_children(tmp_path, monkeypatch)
    real = subprocess._fork_exec  # type: ignore[attr-defined]
    started: list[int] = []

    def started_then_stopped(*args) -> int:
        started.append(real(*args))  # the child runs; Popen has yet to return it
        if len(started) == 2:  # the first child's reader runs, and another thread (below): either may take it
            os.kill(os.getpid(), signal.SIGTERM)  # the build is stopped as the second child starts
        return started[-1]

    idle = threading.Event()  # another thread of this process, as a test run or a server has
    other = threading.Thread(target=idle.wait, daemon=True)
    other.start()
    monkeypatch.setattr(subprocess, "_fork_exec", started_then_stopped)
    try:
        with pytest.raises(interrupt.Interrupted), interrupt.raised():
            mkdocs_child.run_all([mkdocs_child.Command(["build"], quiet=True), mkdocs_child.Command(["build"])])
        assert len(started) == 2
        assert processes_in(works) == []
        assert all(_ended(pid) for pid in started)  # both stopped, none left running
    finally:
        idle.set()
        for pid in started:
            if not _ended(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_signal_while_the_builds_are_stopped_stops_them_all(tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C while make site stops its builds (after a content error): every build is still stopped, then the
    signal is raised."""
    works = _lasting_children(tmp_path, monkeypatch)
    real = mkdocs_child._stop
    stopped: list[int] = []

    def stop_then_interrupted(child: subprocess.Popen) -> None:
        real(child)
        stopped.append(child.pid)
        if len(stopped) == 1:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, as the first build has been stopped

    monkeypatch.setattr(mkdocs_child, "_stop", stop_then_interrupted)
    commands = [mkdocs_child.Command(["build"], quiet=True), mkdocs_child.Command(["build"], quiet=True)]
    with pytest.raises(interrupt.Interrupted, match="SIGINT"), interrupt.raised(), mkdocs_child.started(commands):
        time.sleep(0.3)  # the builds run; the block is left without waiting for them (a content error)
    assert len(stopped) == 2
    assert processes_in(works) == []


def _ended(pid: int) -> bool:
    """Whether the process ``pid`` is gone, or has ended and waits to be reaped."""
    state = mkdocs_child.process_state(pid)
    return state is None or state[0] in "ZX"


def _lasting_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Children that last a minute, each in the folder returned, in place of guide.mkdocs_child."""
    fake = tmp_path / "python"
    works = tmp_path / "build"
    works.mkdir()
    lines = [f"#!{sys.executable}", "import os, time", f"os.chdir({str(works)!r})", "time.sleep(60)", ""]
    fake.write_text("\n".join(lines), encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    return works


LATE_WORKER = """
import signal, subprocess, sys, time
signal.signal(signal.SIGTERM, signal.SIG_DFL)
ignore = "import signal, time; signal.signal(signal.SIGTERM, lambda *_: None); print(flush=True); time.sleep"
worker = subprocess.Popen([sys.executable, "-c", f"{ignore}({sys.argv[2]})"], cwd=sys.argv[1], stdout=sys.stdout)
time.sleep(60)
"""


@pytest.mark.parametrize("lasts", [0.6, 60], ids=["a worker that ends late", "a worker that would not end"])
def test_a_stopped_child_is_waited_for_with_its_whole_group(tmp_path: Path, lasts: float, monkeypatch) -> None:
    """A worker of the child's group that outlives the child (one started as the signal came, or slow to end)
    is waited for, and killed after STOP_DELAY: nothing of a stopped build runs on after it."""
    monkeypatch.setattr(mkdocs_child, "STOP_DELAY", 1.5)
    child = subprocess.Popen(
        [sys.executable, "-c", LATE_WORKER, str(tmp_path), str(lasts)],
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert child.stdout is not None
    with child.stdout:
        child.stdout.readline()  # the worker ignores SIGTERM from here
        mkdocs_child._stop(child)
    assert child.returncode == -signal.SIGTERM
    assert processes_in(tmp_path) == []
    assert not mkdocs_child._group_alive(child.pid)


MISSING_EN = "en: the content folder for 'en' does not exist (example: create en/ with roles.yaml in it)"


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "guide", "check"],
        ["-m", "guide", "site"],
        ["-m", "mkdocs", "build", "--strict"],
        ["-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{free_port()}"],
    ],
    ids=["make check", "make site", "mkdocs build", "mkdocs serve"],
)
def test_missing_language_folder_is_the_generators_message(project: Path, command: list[str]) -> None:
    before = snapshot(project / "site")
    shutil.rmtree(project / "en")
    result = subprocess.run(
        [sys.executable, *command], cwd=project, env=env(), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert MISSING_EN in result.stderr
    assert "watch" not in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert leftovers(project) == []
