"""Dutch word forms the Snowball stemmer leaves apart, as rules and small data tables.

* **Diminutives** (`reduce_diminutive`): ``scheurtje`` → ``scheur``, ``tafeltjes`` →
  ``tafel``, ``boompje`` → ``boom``, ``woninkje`` → ``woning``, ``balletje`` → ``bal``,
  ``boekje`` → ``boek``. The suffix is ambiguous after ``l``/``n``/``r`` (``deur·tje`` but
  ``kaart·je``), so a known base word decides first (`KNOWN_BASES` plus the base lexicon the
  caller passes); words that merely end in *-je* (``meisje``, ``netjes``) are left alone.
* **Plurals in -zen** (`PLURALS`): ``rozen``/``roos``, ``dozen``/``doos``.
* **Noun/verb pairs** (`NOUN_VERB_PAIRS`): ``isolatie`` and ``isoleren`` share no Snowball
  stem; this table lets them meet (``normalize`` maps every conjugation of the verb to the
  noun's stem). Only pairs that mean the same act are listed: ``organisatie`` (a body)
  is not ``organiseren``.
"""

from __future__ import annotations

from collections.abc import Container
from functools import cache
from pathlib import Path

__all__ = ["reduce_diminutive", "NOUN_VERB_PAIRS", "PLURALS", "KNOWN_BASES", "NOT_DIMINUTIVE"]

_VOWELS = frozenset("aeiouy")

# Words that end in -je/-jes but are no diminutive of a word that should match them.
NOT_DIMINUTIVE = frozenset(
    [
        "meisje",
        "meisjes",
        "beetje",
        "netjes",
        "eventjes",
        "zachtjes",
        "stilletjes",
        "lekkertjes",
        "koutjes",
        "voetjes",
    ]
)

# Bases ending in -t whose diminutive takes -je (kaart·je), where -tje would also parse.
KNOWN_BASES = frozenset(
    [
        "kaart",
        "punt",
        "krant",
        "plant",
        "klant",
        "staart",
        "hart",
        "taart",
        "lint",
        "moment",
        "student",
        "agent",
        "pakket",
        "paspoort",
        "rapport",
        "sport",
        "feit",
        "tent",
        "kant",
        "rest",
        "post",
        "print",
        "fout",
    ]
)

# Plurals in -zen of short words in -s with a long vowel: the stems (roz/ros) do not meet, and
# a general z → s rule on three letters would join lezen with lessen.
PLURALS = {
    "rozen": "roos",
    "dozen": "doos",
    "vazen": "vaas",
    "bazen": "baas",
    "kazen": "kaas",
    "buizen": "buis",
    "neuzen": "neus",
    "reuzen": "reus",
    "keuzen": "keus",
    "prijzen": "prijs",
    "wijzen": "wijs",
}

# (noun, verb) that Snowball does not join; every form of the verb gets the noun's stem.
NOUN_VERB_PAIRS = (
    ("isolatie", "isoleren"),
    ("escalatie", "escaleren"),
    ("restauratie", "restaureren"),
    ("visualisatie", "visualiseren"),
    ("participatie", "participeren"),
    ("evaluatie", "evalueren"),
    ("communicatie", "communiceren"),
    ("renovatie", "renoveren"),
    ("compensatie", "compenseren"),
    ("registratie", "registreren"),
    ("inspectie", "inspecteren"),
    ("coordinatie", "coordineren"),
    ("consultatie", "consulteren"),
    ("documentatie", "documenteren"),
    ("informatie", "informeren"),
    ("financiering", "financieren"),
    ("taxatie", "taxeren"),
    ("inventarisatie", "inventariseren"),
    ("monitoring", "monitoren"),
    ("verhuizing", "verhuizen"),
)


@cache
def _lexicon_words() -> frozenset[str]:
    """The words of the shipped base lexicon (read here too: `lexicon` imports `normalize`,
    which imports this module). Folded words only; comments and blank lines skipped."""
    path = Path(__file__).with_name("lexicon_nl.txt")
    lines = path.read_text("utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _undouble_vowel(base: str) -> str:
    """autootje → auto, vlaatje → vla (an open syllable doubles its vowel before -tje)."""
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] in "aou":
        return base[:-1]
    return base


def reduce_diminutive(word: str, known: Container[str] | None = None) -> str:
    """The base word of a folded diminutive, or `word` itself when it is none. `known`
    words decide ambiguous suffixes; by default the shipped base lexicon."""
    if len(word) < 5 or word in NOT_DIMINUTIVE or not word.endswith(("je", "jes")):
        return word
    form = word[:-1] if word.endswith("jes") else word
    with_t, without_t = form[:-2], form[:-3]  # kaart·je, deur·tje

    lexicon = _lexicon_words() if known is None else known

    def is_known(candidate: str) -> bool:
        return candidate in KNOWN_BASES or candidate in lexicon

    if is_known(with_t):
        base = with_t
    elif form.endswith("tje") and is_known(without_t):
        base = without_t
    elif form.endswith("etje") and len(form) >= 7:
        stem = form[:-4]  # ball·etje, ring·etje, bloem·etje
        if stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
            base = stem[:-1]
        elif stem.endswith(("ng", "m")):
            base = stem
        else:
            base = _undouble_vowel(without_t)  # ideetje → idee
    elif form.endswith("pje") and form[-4] == "m":
        base = without_t  # boom·pje
    elif form.endswith("inkje") and len(form) >= 8:
        base = form[:-4] + "ng"  # woni·nkje → woning (but bank·je, plank·je)
    elif form.endswith("tje"):
        last = without_t[-1]
        if last in _VOWELS:
            base = _undouble_vowel(without_t)  # auto·otje
        elif last in "lnrw":
            base = without_t  # tafel·tje, tuin·tje, deur·tje, vrouw·tje
        else:
            base = with_t  # (t after another consonant: rare)
    else:
        base = with_t  # huis·je, boek·je, brief·je, bank·je
    return base if len(base) >= 3 and base.isalpha() else word
