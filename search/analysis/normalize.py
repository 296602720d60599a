"""Term normalisation: accent folding and Dutch stemming.

`fold` lowercases and strips diacritics (``Coördinator`` → ``coordinator``, ``één`` →
``een``) and keeps letters and digits only, so a folded term is always one token for the
SQLite ``unicode61`` tokenizer and for PostgreSQL's ``simple`` parser.

`stem` is the classic Snowball Dutch stemmer (``dutch_porter`` in snowballstemmer 3; the
same algorithm as Elasticsearch's ``dutch`` stemmer, so the Elasticsearch analyzer can mirror
it) wrapped in four small, documented repairs:

1. plural ``-s`` after a vowel is removed first (``isolaties``, ``thema's``, ``keuzes``,
   ``bureaus``), which classic Snowball leaves alone;
2. the Snowball result is stemmed again until stable (``fietsen`` → ``fiets`` → ``fiet``)
   and tidied: a final ``v``/``z`` becomes ``f``/``s`` (``bedrijven`` → ``bedrijf``,
   ``huizen`` → ``huis``) and a doubled final consonant is undoubled (``lessen`` → ``les``);
3. an override table for what no suffix rule can do: irregular plurals (``steden`` →
   ``stad``) and the conjugations of the domain's weak verbs (``adviseert``,
   ``adviseerde``, ``geadviseerd`` → ``adviser``), generated from their infinitives;
   plus the tables of `wordforms`: short plurals in *-zen* (``rozen`` → ``roos``) and
   noun/verb pairs (every form of ``isoleren`` gets the stem of ``isolatie``);
4. diminutives are reduced first (``scheurtjes`` → ``scheur``, see `wordforms`), and a
   final double vowel before a consonant is undoubled where Snowball's R1 misses it
   (``sociaal`` → ``social``, like ``sociale``).

Speed: snowballstemmer is pure Python (~135 µs a word here); when the PyStemmer package
(C, same Snowball sources) is installed, ``snowballstemmer.stemmer`` uses it by itself —
identical output, ~3 µs a word. Every word is stemmed once per process (memoised).

Why not the new ``dutch`` algorithm of Snowball 3 (Kraaij-Pohlmann style)? It strips the
``ge-``/``be-`` prefixes and so joins words this domain must keep apart: ``begeleiding`` →
``beleid``, ``gebouw`` → ``bouw``, ``gemeente`` → ``meen``, ``gebied`` → ``bied`` (=
``bieden``). On the evaluation list in ``tests/search/test_analysis.py`` (66 groups of
singular/plural/verb forms that must meet, 15 pairs of different words), Snowball 3
``dutch`` joins 44 groups and merges 6 pairs (the ones above, ``woning``/``wonen``,
``veilig``/``veil``); classic Snowball alone joins 37 and merges 4 (``regeling``/``regel``,
``gelden``/``geld``, and by its vowel undoubling ``maan``/``man``, ``boom``/``bom`` — the
same rule that joins ``daken``/``dak``); this wrapper joins all 66 and merges the same 4,
which are accepted. (The list was written for this domain, with these rules in mind: a
regression test, not an independent benchmark.)
"""

from __future__ import annotations

import re
import unicodedata

import snowballstemmer

from .wordforms import NOUN_VERB_PAIRS, PLURALS, reduce_diminutive


def _words(text: str) -> list[str]:
    return text.split()


__all__ = ["fold", "stem", "STEM_OVERRIDES", "STOPWORDS", "weak_verb_forms"]

_SNOWBALL = snowballstemmer.stemmer("dutch_porter")

# Letters NFKD does not decompose into a base letter plus combining marks.
_SPECIAL = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
    }
)
_FOLD_CACHE: dict[str, str] = {}
_STEM_CACHE: dict[str, str] = {}
_CACHE_LIMIT = 500_000

STOPWORDS = frozenset(
    _words(
        """aan al alle als bij dan dat de der des deze die dit door dus een en er hem het hij
    hoe hun ik in is je kan maar me met mij na naar niet nog nu of om onder ons ook op over
    te tot u uit van veel voor want was wat we wel wie wij zal ze zich zij zijn zo zonder
    t s n k"""
    )
)


def fold(term: str) -> str:
    """Lowercase, strip accents and drop everything that is not a letter or digit."""
    cached = _FOLD_CACHE.get(term)
    if cached is not None:
        return cached
    if term.isascii():
        folded = term.lower() if term.isalnum() else "".join(c for c in term.lower() if c.isalnum())
    else:
        text = unicodedata.normalize("NFKD", term).lower().translate(_SPECIAL)
        folded = "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))
    if len(_FOLD_CACHE) > _CACHE_LIMIT:
        _FOLD_CACHE.clear()
    _FOLD_CACHE[term] = folded
    return folded


# --- overrides -------------------------------------------------------------------------------

# Irregular plurals and other forms no suffix rule can join, folded form → folded base word.
_IRREGULAR = {
    "steden": "stad",
    "leden": "lid",
    "schepen": "schip",
    "smeden": "smid",
    "gelederen": "gelid",
    "kinderen": "kind",
    "eieren": "ei",
    "volkeren": "volk",
    "bladeren": "blad",
    "goederen": "goed",
    "coordinatoren": "coordinator",
    "agrariers": "agrarier",
    "ideeen": "idee",
    "musea": "museum",
    "criteria": "criterium",
    "data": "datum",
    "media": "medium",
    "centra": "centrum",
}

# Weak verbs of the domain; every conjugated form maps to the stem of the infinitive.
_DOMAIN_VERBS = _words(
    """adviseren versterken herstellen isoleren verduurzamen werken wonen
    melden beoordelen begeleiden ondersteunen organiseren regelen vergoeden uitvoeren
    verbeteren leren delen signaleren inspecteren repareren renoveren slopen bouwen
    verbouwen informeren communiceren evalueren monitoren financieren subsidieren
    compenseren coordineren plannen behandelen afhandelen opschalen
    stoppen starten testen proberen veranderen versnellen vereenvoudigen"""
)

# Verbs whose last syllable before -en has a schwa: no vowel doubling (regel, not regeel).
_UNSTRESSED = {
    "regelen": "regel",
    "verbeteren": "verbeter",
    "veranderen": "verander",
    "behandelen": "behandel",
    "handelen": "handel",
    "monitoren": "monitor",
}
_PREFIXES_WITHOUT_GE = ("be", "ge", "her", "ont", "ver", "er")
_SEPARABLE = ("aan", "af", "op", "uit", "in", "mee", "door", "over", "terug", "toe")
_KOFSCHIP = set("tkfsxp") | {"ch"}
_VOWELS = set("aeiouy")


def _verb_stem(infinitive: str) -> str:
    """The first person singular of a regular weak verb: werken → werk, maken → maak."""
    body = infinitive[:-2] if infinitive.endswith("en") else infinitive[:-1]
    if len(body) >= 2 and body[-1] == body[-2] and body[-1] not in _VOWELS:
        return body[:-1]  # herstellen → herstel
    if (
        len(body) >= 3
        and body[-1] not in _VOWELS
        and body[-2] in _VOWELS
        and body[-3] not in _VOWELS
        and body[-2] in "aeou"
    ):
        body = body[:-1] + body[-2] + body[-1]  # adviseren → adviseer, maken → maak
    if body.endswith("z"):
        body = body[:-1] + "s"
    elif body.endswith("v"):
        body = body[:-1] + "f"
    return body


def weak_verb_forms(infinitive: str) -> set[str]:
    """Folded conjugations of a regular weak Dutch verb (present, past, participle)."""
    infinitive = fold(infinitive)
    particle = next(
        (p for p in _SEPARABLE if infinitive.startswith(p) and len(infinitive) > len(p) + 4),
        "",
    )
    verb = infinitive[len(particle) :]
    root = _UNSTRESSED.get(verb) or _verb_stem(verb)
    # 't kofschip decides between -te and -de; it looks at the unvoiced infinitive stem.
    voiced_source = verb[:-2] if verb.endswith("en") else verb
    last = voiced_source[-1:]
    past = "te" if last in _KOFSCHIP or voiced_source.endswith("ch") else "de"
    ending = "t" if past == "te" else "d"
    participle_root = root if root.endswith(ending) else root + ending
    ge = "" if verb.startswith(_PREFIXES_WITHOUT_GE) else "ge"
    forms = {
        root,
        root if root.endswith("t") else root + "t",
        root + past,
        root + past + "n",
        ge + participle_root if not root.endswith(("t", "d")) else ge + root,
        verb + "d",
        verb + "de",
    }
    if particle:
        forms = {particle + f for f in forms} | {
            particle + "ge" + f[len(ge) :] for f in forms if f.startswith(ge) and ge
        }
    forms.add(infinitive)
    return {f for f in forms if f}


def _build_overrides() -> dict[str, str]:
    table: dict[str, str] = {}
    for infinitive in _DOMAIN_VERBS:
        target = _stem_rules(infinitive)
        for form in weak_verb_forms(infinitive):
            table.setdefault(form, target)
    for form, base in _IRREGULAR.items():
        table[form] = _stem_rules(base)
    for plural, singular in PLURALS.items():  # rozen → roos: too short for the z → s rule
        table[plural] = _stem_rules(singular)
    for noun, verb in NOUN_VERB_PAIRS:  # isolatie ⇄ isoleren: both get the noun's stem
        target = _stem_rules(noun)
        for form in weak_verb_forms(verb):
            table[form] = target
    return table


# --- the stemmer -----------------------------------------------------------------------------

_PLURAL_S = re.compile(r"(?:(?<=[^aeiou][aoy])|(?<=[^aeiouc]e)|(?<=[tsgrdlpnm]ie)|(?<=eau))s$")
_KEEP_S = frozenset(
    {"adres", "proces", "status", "atlas", "ananas", "canvas", "kudos", "kompas", "alias"}
)


def _tidy(word: str) -> str:
    if len(word) > 3:
        last = word[-1]
        if last == "v":
            word = word[:-1] + "f"
        elif last == "z":
            word = word[:-1] + "s"
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in _VOWELS:
            word = word[:-1]
        elif (
            len(word) >= 5
            and word[-1] not in _VOWELS
            and word[-2] == word[-3]
            and word[-2] in "aeou"
        ):
            word = word[:-2] + word[-1]  # sociaal → social, as sociale (Snowball's R1 misses it)
    return word


def _stem_rules(word: str) -> str:
    if len(word) <= 3 or not word.isalpha():
        return word
    if len(word) >= 5 and word not in _KEEP_S:
        word = _PLURAL_S.sub("", word)
    for _ in range(3):
        stemmed = _tidy(_SNOWBALL.stemWord(word))
        if stemmed == word:
            break
        word = stemmed
    return word


STEM_OVERRIDES: dict[str, str] = _build_overrides()


def stem(term: str) -> str:
    """Stem a folded Dutch term (see the module docstring for the rules)."""
    cached = _STEM_CACHE.get(term)
    if cached is not None:
        return cached
    result = STEM_OVERRIDES.get(term)
    if result is None:
        base = reduce_diminutive(term)  # scheurtjes → scheur (see wordforms)
        result = STEM_OVERRIDES.get(base) or _stem_rules(base)
    if len(_STEM_CACHE) > _CACHE_LIMIT:
        _STEM_CACHE.clear()
    _STEM_CACHE[term] = result
    return result
