"""Plain language where people act: how easy the texts a reader acts on are to read, page by page.

What is measured, on each page: the texts a reader acts on. Any field named in ``ACTING`` (``pistes``, what a
network can do, and ``situations``), wherever a kind has one (a chapter's steps have ``pistes``), the fields
``WHOLE`` names for a kind (a situation's title and summary, an agreement's notes) and the interface strings
``LABELS`` names for every page of a kind (an agreement's notice, ``entente.avis.*``). All of a page's texts are
measured together: a page reads easily or not, one sentence alone says little.

How: a formula of words per sentence and syllables per word, declared per language in mkdocs.yml
(``extra.guide.languages.<code>.readability: {formula: …, target: …}``): the formulas are data (``FORMULAS``), and a
language without the setting is not measured. The texts are measured as a reader reads them: a link is its words,
emphasis marks, citation keys (``[@…]``), the ``[guide]`` marker and an agreement's blanks (``[[…]]``) are left
out, and each list item or heading is a sentence of its own.

Syllables are counted by rules of thumb, one set per formula's language (``english_syllables``,
``french_syllables``): hyphenation dictionaries (Pyphen, which WeasyPrint brings) never cut one letter off a word's
edge (a-bout, i-dea, é-tude), so they count too few syllables for a score. The report is a notice, never an error:
``make check``, ``make site`` and ``make status`` print it (``report``).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from typing import TYPE_CHECKING, Any

from .fields import Field, Link, Stamp, Text, texts_of
from .schema import KINDS

if TYPE_CHECKING:
    from .settings import Settings
    from .validate import Entry, Tree

# --- What is measured -------------------------------------------------------------------------------------------

ACTING = ("pistes", "situations")  # fields measured wherever they are, in any kind: what a reader acts on
WHOLE: dict[str, tuple[str, ...]] = {  # a kind's fields measured on each of its pages, besides
    "situations": ("titre", "resume"),
    "ententes": ("resume", "description"),
}
LABELS: dict[str, str] = {"ententes": "entente.avis."}  # interface strings every page of a kind prints


def entry_texts(entry: Entry) -> list[str]:
    """The texts of an entry's page that are measured, in the order of its fields."""
    kind = KINDS.get(entry.kind)
    if kind is None or not kind.pages or not kind.shown or not isinstance(entry.data, dict):
        return []
    whole = WHOLE.get(entry.kind, ())
    found: list[str] = []
    for name, spec in kind.record.fields.items():
        if name in entry.data:
            found += _texts(spec, entry.data[name], measured=name in whole or name in ACTING)
    return found


def _texts(spec: Field, value: Any, measured: bool) -> list[str]:
    """The measured texts of a value: every text under a measured field, and under an ``ACTING`` field anywhere
    below."""
    return [
        text
        for where, field, text in texts_of(spec, value)
        if _is_text(field) and (measured or any(name in ACTING for name in where))
    ]


def _is_text(spec: Field) -> bool:
    """Words a reader reads: a text, not an address, a name kept in every language or a translation stamp."""
    return isinstance(spec, Text) and spec.translate and not isinstance(spec, (Link, Stamp))


# --- Text as a reader reads it ----------------------------------------------------------------------------------

_DROPPED = re.compile(
    r"^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?^[ \t]*\1[ \t]*$"  # a fenced code block
    r"|`[^`\n]*`"  # inline code
    r"|<!--[\s\S]*?-->|<[A-Za-z/!][^<>\n]*>"  # comments and tags
    r"|\{:?[ \t]*[#.][^{}\n]*\}"  # an attribute list: { #anchor .class }
    r"|\s*\[@[^\]\n]*\]"  # a citation key: [@parent-2022, p. 3]
    r"|\[guide\][ \t]*"  # the guide's marker
    r"|\[\[[^\]\n]*\]\]"  # an agreement's blank: [[lieu]]
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # an image
    r"|\b(?:https?://|mailto:)[^\s<>()\[\]]+",  # an address written out
    re.MULTILINE,
)
_LINK = re.compile(r"\[([^\]\n]*)\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\]\n]*\])")  # [words](address), [words][ref]
_EMPHASIS = re.compile(r"(?<![\w*_~])[*_~]+|[*_~]+(?![\w*_~])")  # **bold**, *italics*, _italics_, ~~struck~~
_BLOCK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]*|!!!|\|)")  # starts a sentence
_END = re.compile(r"(?<=[.!?…])[\"»”’)\]]*(?=\s|$)")  # where a sentence ends
_SPLIT = re.compile(r"[-'’/]")  # inside a word: its parts, whose syllables add up (aujourd’hui, socio-économique)


def sentences(markdown: str) -> list[list[str]]:
    """The sentences of a Markdown text as a reader reads them, each a list of its words. A sentence ends with
    ``.``, ``!``, ``?`` or ``…``, and with each paragraph, heading, list item and table cell."""
    text = _LINK.sub(r"\1", _DROPPED.sub(" ", unescape(markdown)))
    text = _EMPHASIS.sub("", text)
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if not line.strip() or _BLOCK.match(line):
            blocks.append([])
        blocks[-1].append(_BLOCK.sub("", line).replace("|", "\n").strip())
    found = []
    for block in blocks:
        for part in " ".join(block).split("\n"):
            for sentence in _END.split(part):
                words = [w for w in sentence.split() if any(c.isalnum() for c in w)]
                if words:
                    found.append(words)
    return found


# --- Syllables ----------------------------------------------------------------------------------------------------


def _letters(word: str) -> int | None:
    """An abbreviation read letter by letter (HLM, OMHM, OC: two to four capitals) counts a syllable a letter; a
    number, a syllable a digit (up to four). None for any other word."""
    core = word.strip(".,;:!?()[]«»“”\"'’")
    if 2 <= len(core) <= 4 and core.isalpha() and core.isupper():
        return len(core)
    digits = sum(c.isdigit() for c in core)
    if digits and not any(c.isalpha() for c in core):
        return min(digits, 4)
    return None


def _count(word: str, part_syllables: Callable[[str], int]) -> int:
    """A word's syllables: its parts' (between hyphens, apostrophes and slashes), at least one."""
    letters = _letters(word)
    if letters is not None:
        return letters
    parts = [p for p in _SPLIT.split(word.lower()) if p]
    return max(1, sum(part_syllables("".join(c for c in p if c.isalpha())) for p in parts))


_EN_VOWELS = re.compile(r"[aeiouy]+")
_EN_MORE = re.compile(  # where English spelling hides a syllable more than its groups of vowels show
    r"ia|riet|dien|iu|io|ii|[aeiou]{3}|^mc|ism$|([^aeiouy])\1l$|[^l]lien|^coa[dglx].|[^gq]ua[^auieo]|dnt$"
    r"|ea$|[aeiou]ing$|^crea|^coo[prd]"
)
_EN_LESS = re.compile(r"cial|tia|cius|cious|giu|ion|iou|sia$|[aeiouy][^aeiouy]ely$")  # where it shows one too many


def english_part(part: str) -> int:
    """Syllables of an English word without hyphens, by rules of thumb (after Greg Fast's Lingua::EN::Syllable):
    groups of vowels, less a silent final e, es or ed, corrected where spelling misleads (-tion, -ia-, -ing)."""
    if not part:
        return 0
    if len(part) <= 3:
        return 1 if re.search("[aeiouy]", part) else 0
    word = part
    if not re.search(r"[^aeiouy]les?$", word):  # ta-ble, peo-ple: the final e is read
        word = re.sub(r"(?<=[^aeiouy])e$|(?<=[^aeiouysxzhgc])es$|(?<=[^aeiouytd])ed$", "", word)
    word = re.sub(r"y(?=[aeiou])", "_", word)  # a y before a vowel is a consonant: be-yond, year
    count = len(_EN_VOWELS.findall(word))
    count += sum(1 for _ in _EN_MORE.finditer(word)) - sum(1 for _ in _EN_LESS.finditer(word))
    return max(1, count)


def english_syllables(word: str) -> int:
    return _count(word, english_part)


_FR_VOWELS = "aeiouyàâäéèêëîïôöûùüÿœæ"
_FR_GROUP = re.compile(f"[{_FR_VOWELS}]+")


def french_part(part: str) -> int:
    """Syllables of a French word without hyphens or apostrophes, as it is said: groups of vowels (ou, eau, oi, ai
    are one), a silent final e or es not counted, the u of qu and gu silent, a hiatus counted where spelling marks
    it (ré-u-nir, si-tu-a-tion, na-ïf, pa-yer)."""
    if not part:
        return 0
    word = re.sub(r"(?<=[qg])u(?=[aeiouyéèêîï]|$)", "", part)  # qu, gu (and qu' elided): the u is not read
    word = re.sub(r"(?<=[aeiouéèêâôûà])y(?=[aeiouéèê])", "iy", word)  # pa-yer, ci-to-yen: y between vowels
    word = re.sub(r"y(?=[aeiouéèê])", "_", word)  # then a consonant before its vowel
    word = re.sub(r"é(?=[aeiouâàêôûœ])", "é_", word)  # ré-u-nir, cré-er, thé-â-tre
    word = re.sub(r"(?<=[^aeiouyéèêâôûà])u(?=[aâéè]|e[lr])", "u_", word)  # si-tu-a-tion, ac-tu-el
    word = re.sub(r"é_e(?=s?$)", "ée", word)  # i-dée: the final e is silent
    word = re.sub(r"(?<=[aeiouéèêâôûà])([ïëü])", r"_\1", word)  # na-ïf, No-ël
    silent = re.search(r"(?<=[^aeiouyàâäéèêëîïôöûùüÿœæ_])es?$", word)
    if silent and len(_FR_GROUP.findall(word[: silent.start()])) >= 1:
        word = word[: silent.start()]
    return max(1, len(_FR_GROUP.findall(word))) if _FR_GROUP.search(word) else 0


def french_syllables(word: str) -> int:
    return _count(word, french_part)


# --- Formulas -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A readability formula: constant + per_sentence × words per sentence + per_syllable × syllables per word."""

    title: str  # what the report calls its score
    syllables: Callable[[str], int]  # its language's syllables
    constant: float
    per_sentence: float
    per_syllable: float
    easier: str  # "lower": a lower score reads more easily (a school grade); "higher": a higher one does
    scale: tuple[float, float]  # the targets that make sense
    example: float  # a target to show in a message

    def score(self, words: int, sentences: int, syllables: int) -> float:
        return (
            self.constant
            + self.per_sentence * words / max(1, sentences)
            + self.per_syllable * syllables / max(1, words)
        )

    def meets(self, score: float, target: float) -> bool:
        shown = round(score, 1)
        return shown <= target if self.easier == "lower" else shown >= target

    def target_text(self, target: float) -> str:
        return f"{_number(target)} or {'less' if self.easier == 'lower' else 'more'}"


FORMULAS: dict[str, Formula] = {
    # Kincaid et al. (1975): the school grade in the United States a reader needs; Canada.ca aims at grade 8
    "flesch-kincaid": Formula("Flesch–Kincaid grade", english_syllables, -15.59, 0.39, 11.8, "lower", (1, 18), 8),
    # Kandel & Moles (1958): Flesch's reading ease fitted to French, 0 (hard) to 100 (easy)
    "kandel-moles": Formula("Kandel–Moles reading ease", french_syllables, 207, -1.015, -73.6, "higher", (0, 100), 70),
}


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int


def counts(texts: list[str], syllables: Callable[[str], int]) -> Counts:
    """The words, sentences and syllables of texts read together."""
    found = [sentence for text in texts for sentence in sentences(text)]
    words = [word for sentence in found for word in sentence]
    return Counts(len(words), len(found), sum(map(syllables, words)))


def score(formula: Formula, texts: list[str]) -> float | None:
    """The score of texts read together; None when they hold no word."""
    found = counts(texts, formula.syllables)
    return formula.score(found.words, found.sentences, found.syllables) if found.words else None


# --- Pages and the report -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A page's measured texts and their score."""

    lang: str
    name: str  # kind/id: "roles/office-habitation"
    place: str  # where its entry is: "en/roles.yaml:12"
    score: float
    words: int


def pages(settings: Settings, trees: dict[str, Tree], strings: dict[str, dict[str, str]]) -> dict[str, list[Page]]:
    """Every measured page of each language that declares a formula, in the order of the content."""
    found: dict[str, list[Page]] = {}
    for lang, tree in trees.items():
        declared = settings.language(lang).readability if lang in settings.language_data else None
        if declared is None:
            continue
        formula = FORMULAS[declared.formula]
        labels = strings.get(lang, {})
        measured: list[Page] = []
        for key, entries in tree.entries.items():
            shared = [value for name, value in labels.items() if key in LABELS and name.startswith(LABELS[key])]
            for ident, entry in entries.items():
                texts = entry_texts(entry)
                if not texts:
                    continue
                counted = counts([*texts, *shared], formula.syllables)
                if counted.words:
                    value = formula.score(counted.words, counted.sentences, counted.syllables)
                    measured.append(Page(lang, f"{key}/{ident}", entry.place, value, counted.words))
        found[lang] = measured
    return found


def over(settings: Settings, measured: dict[str, list[Page]]) -> dict[str, list[Page]]:
    """The pages over their language's target, hardest first."""
    found: dict[str, list[Page]] = {}
    for lang, scored in measured.items():
        declared = settings.language(lang).readability
        formula = FORMULAS[declared.formula]
        hard = [page for page in scored if not formula.meets(page.score, declared.target)]
        found[lang] = sorted(hard, key=lambda page: page.score, reverse=formula.easier == "lower")
    return found


def report(settings: Settings, trees: dict[str, Tree], strings: dict[str, dict[str, str]]) -> list[str]:
    """The readability report: per language, a summary line (pages measured, median, worst, how many over the
    target), then each page over it, hardest first, with its score and the target. Nothing when no language
    declares a formula."""
    measured = pages(settings, trees, strings)
    hard = over(settings, measured)
    lines: list[str] = []
    for lang, scored in measured.items():
        declared = settings.language(lang).readability
        formula = FORMULAS[declared.formula]
        target = formula.target_text(declared.target)
        if not scored:
            lines.append(f"readability {lang}: no text to measure ({formula.title}, target {target})")
            continue
        values = [page.score for page in scored]
        worst = max(values) if formula.easier == "lower" else min(values)
        over_count = len(hard[lang])
        lines.append(
            f"readability {lang}: {formula.title}, target {target}: {len(scored)} pages, "
            f"median {_number(statistics.median(values))}, worst {_number(worst)}; "
            + (
                f"{over_count} {'page misses' if over_count == 1 else 'pages miss'} it"
                if over_count
                else "every page meets it"
            )
        )
        lines += [f"  {page.place}: {page.name}: {_number(page.score)} (target {target})" for page in hard[lang]]
    return lines


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
