"""The model's diagram, drawn as SVG from the content: real text, a title and a description.

It is laid out top to bottom (populations, actors, the core, the objectives) so that it stays
readable on a phone, and drawn in black, white and greys so that it prints in black and white.
Text widths are estimated from character classes: the SVG is made once, with no browser to measure.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Entity
from .text import inert, plain

WIDTH = 400
MARGIN = 8
GAP = 8
PAD = 8
FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
INK = "#111"

_NARROW = set("iljtfrI.,;:!'’ ()-|")
_WIDE = set("mwMW")


def text_width(text: str, size: float) -> float:
    """An estimate of the width of ``text`` in a common sans-serif font, on the safe side."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.3
        elif ch in _WIDE:
            em += 0.85
        elif ch.isupper() or ch.isdigit():
            em += 0.66
        else:
            em += 0.56
    return em * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy word wrap to ``width``."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Box:
    """A rectangle with wrapped, centred text."""

    x: float
    y: float
    w: float
    label: str
    size: float = 13
    style: str = "plain"  # plain | dashed | filled | strong | rounded
    bold: bool = False

    def __post_init__(self) -> None:
        inner = self.w - 2 * PAD
        while self.size > 10 and max(text_width(w, self.size) for w in self.label.split() or [""]) > inner:
            self.size -= 0.5
        self.lines = wrap(self.label, inner, self.size)

    @property
    def line_height(self) -> float:
        return self.size * 1.25

    @property
    def h(self) -> float:
        return len(self.lines) * self.line_height + 2 * PAD

    def svg(self, height: float | None = None) -> str:
        h = height or self.h
        attrs = {
            "plain": 'fill="#fff" stroke="#333" stroke-width="1.2"',
            "dashed": 'fill="#fff" stroke="#333" stroke-width="1.2" stroke-dasharray="5 3"',
            "filled": 'fill="#e6e6e6" stroke="#222" stroke-width="1.2"',
            "strong": 'fill="#fff" stroke="#000" stroke-width="2.5"',
            "rounded": 'fill="#fff" stroke="#333" stroke-width="1.2" rx="12"',
        }[self.style]
        out = [f'<rect x="{_n(self.x)}" y="{_n(self.y)}" width="{_n(self.w)}" height="{_n(h)}" {attrs}/>']
        top = self.y + (h - len(self.lines) * self.line_height) / 2 + self.size * 0.95
        weight = ' font-weight="bold"' if self.bold else ""
        for i, line in enumerate(self.lines):
            y = top + i * self.line_height
            out.append(
                f'<text x="{_n(self.x + self.w / 2)}" y="{_n(y)}" font-size="{_n(self.size)}"'
                f' text-anchor="middle"{weight}>{line}</text>'
            )
        return "".join(out)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.y = float(MARGIN)

    def heading(self, label: str) -> None:
        self.y += 12
        self.parts.append(
            f'<text x="{MARGIN}" y="{_n(self.y)}" font-size="12" font-weight="bold" letter-spacing="0.5">{label}</text>'
        )
        self.y += 6

    def row(self, labels: list[str], style: str) -> None:
        n = len(labels)
        w = (WIDTH - 2 * MARGIN - (n - 1) * GAP) / n
        boxes = [Box(MARGIN + i * (w + GAP), self.y, w, label, style=style) for i, label in enumerate(labels)]
        height = max(b.h for b in boxes)
        self.parts.extend(b.svg(height) for b in boxes)
        self.y += height

    def column(self, labels: list[str], style: str) -> None:
        for i, label in enumerate(labels):
            box = Box(MARGIN, self.y, WIDTH - 2 * MARGIN, f"{i + 1}. {label}", style=style)
            self.parts.append(box.svg())
            self.y += box.h + (GAP if i < len(labels) - 1 else 0)

    def arrow(self) -> None:
        x, top = WIDTH / 2, self.y + 3
        self.parts.append(
            f'<path d="M{_n(x)} {_n(top)}v10" stroke="{INK}" stroke-width="2"/>'
            f'<path d="M{_n(x - 6)} {_n(top + 9)}h12l-6 8z" fill="{INK}"/>'
        )
        self.y += 22

    def core(self, parts: list[str], synthesis: str) -> None:
        """The components side by side, joined by "+", above what they make together."""
        join = 22
        n = len(parts)
        w = (WIDTH - 2 * MARGIN - (n - 1) * join) / n
        boxes = [Box(MARGIN + i * (w + join), self.y, w, label, style="filled") for i, label in enumerate(parts)]
        height = max(b.h for b in boxes)
        self.parts.extend(b.svg(height) for b in boxes)
        for i in range(1, n):
            x = MARGIN + i * (w + join) - join / 2
            self.parts.append(
                f'<text x="{_n(x)}" y="{_n(self.y + height / 2 + 7)}" font-size="20" font-weight="bold"'
                ' text-anchor="middle">+</text>'
            )
        self.y += height
        self.arrow()
        box = Box(MARGIN, self.y, WIDTH - 2 * MARGIN, synthesis, size=16, style="strong", bold=True)
        self.parts.append(box.svg())
        self.y += box.h


def model_svg(model: Entity, labels: dict[str, str]) -> str:
    """The diagram of ``model`` (the ``modele`` entity), its headings taken from ``labels``."""
    titles = {key: [item["titre"] for item in model[key]] for key in ("populations", "acteurs", "objectifs")}
    parts = [item["titre"] for item in model["composantes"]]
    synthesis = model["synthese"]["titre"]
    canvas = _Canvas()
    canvas.heading(labels["populations"])
    canvas.row(titles["populations"], "dashed")
    canvas.arrow()
    canvas.heading(labels["acteurs"])
    canvas.row(titles["acteurs"], "plain")
    canvas.arrow()
    canvas.heading(labels["coeur"])
    canvas.core(parts, synthesis)
    canvas.arrow()
    canvas.heading(labels["objectifs"])
    canvas.column(titles["objectifs"], "rounded")
    height = canvas.y + MARGIN
    description = labels["description"].format(
        populations=", ".join(titles["populations"]),
        acteurs=", ".join(titles["acteurs"]),
        composantes=labels["et"].join(labels["guillemets"].format(p) for p in parts),
        synthese=labels["guillemets"].format(synthesis),
        objectifs="; ".join(titles["objectifs"]),
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {_n(height)}" role="img"'
        f' aria-labelledby="modele-titre modele-description" font-family="{FONT}" fill="{INK}">'
        f'<title id="modele-titre">{model["titre"]}</title>'
        f'<desc id="modele-description">{inert(plain(description))}</desc>' + "".join(canvas.parts) + "</svg>"
    )
