"""Text analysis shared by the database backends: normalising, German Snowball stemming (the algorithm of
PostgreSQL's `german` configuration and Elasticsearch's German snowball filter), dictionary-based compound
splitting, hyphen handling, stop words, and the query plan built from the taxonomy (synonyms, compounds,
typo corrections that never touch a known word)."""

import gzip
import json
import re
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import Any

import Stemmer
from django.core.cache import cache
from rapidfuzz import fuzz, process

from sichtbar.profiles.models import Skill, SkillAlias, SkillStatus

WORD = re.compile(r"[^\W_]+(?:[-/.+#][^\W_]+)*[+#]*", re.UNICODE)
SPLIT = re.compile(r"[-/.]")
TYPO_CUTOFF = 78  # per cent similarity for a word to count as a typo of a known one


def fold(text: str) -> str:
    """Lower case without diacritics: "Müller" and "Muller" meet; ß becomes ss."""
    if text.isascii():
        return text.lower()
    text = text.lower().replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_STOPWORD_TEXT = """
a ab aber als also am an auch auf aus bei beim bin bis bitte da damit dann das dass dem den der des
die dies diese diesem diesen dieser du durch ein eine einem einen einer eines er es etwas euch für
gibt hat hatte habe haben hier ich ihr im in ist ja jemand jemanden kann kannst können könnte man
mehr mein meine mich mir mit muss müssen nach nicht noch nur ob oder ohne sehr sein sich sie sind so
soll sollen suche suchen um und uns unser unsere unter viel vom von vor war was welche wer wie wir
wird wo zu zum zur über about an and any are as at be been but by can could do does for from get has
have help how i in into is it its me my need needs of on or our please some someone that the their
them there this to us want we what when which who with would you your expert experte experten
expertin
"""
# The rest of the Snowball German stop list (BSD licence), which PostgreSQL's `german` configuration
# drops from every query: kept as a concept of the query, such a word would vanish from the text search,
# and "two of the concepts" would then be met by one ("wollen" & "Anwendungen" → "Anwendungen").
_SNOWBALL_GERMAN = """
alle allem allen aller alles ander andere anderem anderen anderer anderes anderm andern anderr anders
bist dasselbe dazu dein deine deinem deinen deiner deines demselben denn denselben derer derselbe
derselben desselben dessen dich dieselbe dieselben dieses dir doch dort einig einige einigem einigen
einiger einiges einmal euer eure eurem euren eurer eures gegen gewesen hab hatten hin hinter ihm ihn
ihnen ihre ihrem ihren ihrer ihres indem ins jede jedem jeden jeder jedes jene jenem jenen jener jenes
jetzt kein keine keinem keinen keiner keines machen manche manchem manchen mancher manches meinem meinen
meiner meines musste nichts nun seine seinem seinen seiner seines selbst solche solchem solchen solcher
solches sollte sondern sonst unse unsem unsen unses während waren warst weg weil weiter welchem welchen
welcher welches wenn werde werden wieder will wirst wollen wollte würde wurde wurden zwar zwischen
"""
STOPWORDS = frozenset(fold(w) for w in (_STOPWORD_TEXT + _SNOWBALL_GERMAN).split())


_stemmers = threading.local()  # a PyStemmer object is not safe to share between threads


def _stemmer(language: str) -> Any:
    """This thread's Snowball stemmer of the language ("german", "english")."""
    stemmer = getattr(_stemmers, language, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(language)
        setattr(_stemmers, language, stemmer)
    return stemmer


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The German Snowball stem of a folded token, alike at index and query time ("verträge" and
    "vertrag" → "vertrag"; English plurals lose their -s after a consonant as well: "contracts")."""
    if len(token) <= 3 or not token.isalpha():
        return token
    return str(_stemmer("german").stemWord(token))


# --- the German and English dictionary ------------------------------------------------------------

DICTIONARY_LANGUAGES = ("de", "en")
# Parts of a closed compound found only in the dictionary (not in the taxonomy) must be this long, so that
# "Verträge" never splits into "ver" + "träge".
MIN_DICTIONARY_PART = 4


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Folded words of pyspellchecker's German and English word lists (about 480,000 words, read once per
    process, about a second): a word found here is a real word, never a typo to correct."""
    out: set[str] = set()
    for language in DICTIONARY_LANGUAGES:
        resource = files("spellchecker") / "resources" / f"{language}.json.gz"
        with gzip.open(str(resource), "rt", encoding="utf-8") as handle:
            out.update(fold(word) for word in json.load(handle) if len(word) > 1)
    return frozenset(out)


# English forms of a word (issue 15): the index stems every language with German Snowball, as PostgreSQL's
# `german` configuration does, so "hire" never met "hiring" nor "engineers" "engineering". A query word
# that is an English word goes on with the dictionary's words of the same English Snowball stem (the most
# frequent few), each stemmed like the index.
ENGLISH_FORMS = 6


@lru_cache(maxsize=1)
def english_forms() -> dict[str, tuple[str, ...]]:
    """pyspellchecker's English words by their English Snowball stem, the most frequent first (read with
    the dictionary, about 0.4 s once per process)."""
    resource = files("spellchecker") / "resources" / "en.json.gz"
    with gzip.open(str(resource), "rt", encoding="utf-8") as handle:
        frequency: dict[str, int] = json.load(handle)
    plain = [w for w in frequency if w.isalpha() and len(w) > 2 and w.isascii()]
    by_stem: dict[str, list[str]] = defaultdict(list)
    for word, english in zip(plain, _stemmer("english").stemWords(plain), strict=True):
        by_stem[english].append(word)
    return {
        english: tuple(sorted(forms, key=lambda w: -frequency[w])[:ENGLISH_FORMS])
        for english, forms in by_stem.items()
        if len(forms) > 1
    }


def english_variants(token: str) -> tuple[str, ...]:
    """The other English forms of a folded word ("hire" → hired, hiring, hires); none for a word that is
    no English word or is too short to stem."""
    if len(token) < 4 or not token.isalpha() or not token.isascii() or token not in dictionary():
        return ()
    forms = english_forms().get(str(_stemmer("english").stemWord(token)), ())
    return tuple(form for form in forms if form != token)


def split_compound(token: str, vocabulary: AbstractSet[str]) -> tuple[str, str] | None:
    """Split a closed compound into two known words, longest head first: "cloudmigration" (taxonomy
    words), "arbeitsvertrag" → "arbeit" + "vertrag" (dictionary words, linking -s- and -es- dropped).
    A part from the taxonomy's `vocabulary` may be short ("ki"); a dictionary part has MIN_DICTIONARY_PART
    letters or more."""
    if len(token) < 6 or not token.isalpha():
        return None
    words_known = dictionary()

    def known(part: str, *, head: bool) -> str | None:
        if part in vocabulary and len(part) > 2:
            return part
        if len(part) >= MIN_DICTIONARY_PART and part in words_known:
            return part
        if head:
            for link in ("s", "es", "n", "en"):  # Fugenelement: Arbeit-s-vertrag, Bewerbung-s-gespräch
                if part.endswith(link):
                    base = part[: -len(link)]
                    if (base in vocabulary and len(base) > 2) or (
                        len(base) >= MIN_DICTIONARY_PART and base in words_known
                    ):
                        return base
        return None

    for i in range(len(token) - 3, 2, -1):
        head, tail = known(token[:i], head=True), known(token[i:], head=False)
        if head and tail:
            return head, tail
    return None


def words(text: str) -> list[str]:
    """Folded words; compounds written with hyphen, slash or dot stay together ("cloud-migration")."""
    return WORD.findall(fold(text))


def compact(text: str) -> str:
    """A phrase with separators removed: "Cloud-Migration", "Cloud Migration" and "Cloudmigration" meet."""
    return "".join(ch for ch in fold(text) if ch.isalnum() or ch in "+#")


def index_tokens(text: str) -> list[str]:
    """Tokens for the FTS5 index: stems of every part, plus joined hyphen compounds."""
    tokens: list[str] = []
    for word in words(text):
        parts = [p for p in SPLIT.split(word) if p]
        tokens.extend(stem(_plain(p)) for p in parts)
        if len(parts) > 1:
            tokens.append(stem(_plain("".join(parts))))
    return [t for t in tokens if t]


def _plain(token: str) -> str:
    """FTS5's unicode61 tokenizer drops + and #: spell them out so C++ and C# stay distinct from C."""
    return token.replace("+", "plus").replace("#", "sharp")


def index_text(text: str) -> str:
    return " ".join(index_tokens(text))


class Matcher:
    """Does a word of the original text match one of the query stems (for <mark>)? Memoised per query."""

    def __init__(self, stems: set[str]) -> None:
        self.stems = frozenset(stems)
        self.prefixes = tuple(s for s in stems if len(s) >= 5)
        self.heads = tuple({s[:4] for s in stems if s})
        self.memo: dict[str, bool] = {}

    def might_match(self, text: str) -> bool:
        """A cheap pre-check: can any word of the text match? (Most fields of most hits cannot.)"""
        folded = fold(text)
        return any(head in folded for head in self.heads)

    def __bool__(self) -> bool:
        return bool(self.stems)

    def __call__(self, word: str) -> bool:
        found = self.memo.get(word)
        if found is None:
            folded = fold(word)
            candidates = {stem(_plain(folded)), stem(_plain(compact(folded)))}
            candidates.update(stem(_plain(p)) for p in SPLIT.split(folded) if p)
            found = any(
                c in self.stems or (self.prefixes and c.startswith(self.prefixes)) for c in candidates
            )
            self.memo[word] = found
        return found


def highlight_matches(word: str, stems: set[str]) -> bool:
    return Matcher(stems)(word)


# --- taxonomy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaxonomySkill:
    id: int
    slug: str
    name_de: str
    name_en: str
    parent_id: int | None
    aliases: tuple[str, ...]

    def name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_de

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.name_de, self.name_en, *self.aliases)


@dataclass
class Taxonomy:
    """Approved skills with their synonyms, read at query time so a new alias works without reindexing."""

    skills: dict[int, TaxonomySkill]
    by_slug: dict[str, TaxonomySkill]
    by_phrase: dict[str, list[TaxonomySkill]]  # compact phrase → skills
    vocabulary: set[str]  # compact phrases and folded words of every name and alias
    by_stem: dict[str, list[TaxonomySkill]] = field(default_factory=dict)  # stem of a one-word phrase

    def lookup(self, phrase: str) -> list[TaxonomySkill]:
        """Skills named by this compact phrase, or by another form of a one-word phrase when the word is
        a real one ("Steuererklärungen" for "Steuererklärung"; "Kubernets" is a typo to suggest for)."""
        found = self.by_phrase.get(phrase)
        if found or not phrase.isalpha():
            return found or []
        real = phrase in dictionary()
        return [
            skill
            for skill in self.by_stem.get(stem(phrase), [])
            # an inflected form of the phrase: a real word, or the phrase with an ending ("…klagen")
            if real or any(phrase.startswith(compact(p)) for p in skill.phrases)
        ]

    def ancestors(self, slug: str) -> list[str]:
        """The skill's parent, its parent's parent, … (approved skills only)."""
        out: list[str] = []
        skill = self.by_slug.get(slug)
        while skill is not None and skill.parent_id in self.skills and len(out) < len(self.skills):
            skill = self.skills[skill.parent_id]
            out.append(skill.slug)
        return out

    def descendants(self, slug: str) -> set[str]:
        root = self.by_slug.get(slug)
        if root is None:
            return {slug}
        found = {root.id}
        changed = True
        while changed:
            changed = False
            for skill in self.skills.values():
                if skill.parent_id in found and skill.id not in found:
                    found.add(skill.id)
                    changed = True
        return {self.skills[i].slug for i in found}


TAXONOMY_VERSION_KEY = "search:taxonomy-version"
TAXONOMY_TTL_SECONDS = 30
_taxonomy_cache: dict[str, Any] = {}


def taxonomy_changed() -> None:
    """Tell every process to reload the taxonomy on its next search (the cache is shared, e.g. Redis)."""
    try:
        cache.incr(TAXONOMY_VERSION_KEY)
    except ValueError:
        cache.set(TAXONOMY_VERSION_KEY, 1, timeout=None)
    _taxonomy_cache.clear()


def load_taxonomy() -> Taxonomy:
    """The approved taxonomy, kept in process for at most TAXONOMY_TTL_SECONDS or until taxonomy_changed()."""
    version = cache.get(TAXONOMY_VERSION_KEY, 0)
    cached = _taxonomy_cache.get("taxonomy")
    if cached and cached[0] == version and time.monotonic() - cached[1] < TAXONOMY_TTL_SECONDS:
        return cached[2]
    taxonomy = read_taxonomy()
    _taxonomy_cache["taxonomy"] = (version, time.monotonic(), taxonomy)
    return taxonomy


def read_taxonomy() -> Taxonomy:
    """Two queries: approved skills, their aliases."""
    aliases: dict[int, list[str]] = {}
    for skill_id, name in SkillAlias.objects.filter(skill__status=SkillStatus.APPROVED).values_list(
        "skill_id", "name"
    ):
        aliases.setdefault(skill_id, []).append(name)
    skills: dict[int, TaxonomySkill] = {}
    for row in Skill.objects.filter(status=SkillStatus.APPROVED).values(
        "id", "slug", "name_de", "name_en", "parent_id"
    ):
        skills[row["id"]] = TaxonomySkill(**row, aliases=tuple(aliases.get(row["id"], ())))
    by_phrase: dict[str, list[TaxonomySkill]] = {}
    by_stem: dict[str, list[TaxonomySkill]] = {}
    vocabulary: set[str] = set()
    for skill in skills.values():
        for phrase in skill.phrases:
            key = compact(phrase)
            if key and skill not in by_phrase.setdefault(key, []):
                by_phrase[key].append(skill)
            vocabulary.add(key)
            for word in words(phrase):
                vocabulary.update(p for p in SPLIT.split(word) if len(p) > 2)
            if key.isalpha() and len(key) > 3 and skill not in by_stem.setdefault(stem(key), []):
                by_stem[stem(key)].append(skill)
    return Taxonomy(skills, {s.slug: s for s in skills.values()}, by_phrase, vocabulary, by_stem)


# --- query plan -----------------------------------------------------------------------------------


@dataclass
class TermGroup:
    """One concept of the query: any of its alternatives matches. An alternative is a tuple of words
    that must all occur (a multi-word synonym or the parts of a split compound)."""

    source: str
    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    from_taxonomy: bool = False

    def add(self, *parts: str) -> None:
        alt = tuple(p for p in parts if p)
        if alt and alt not in self.alternatives:
            self.alternatives.append(alt)


@dataclass
class QueryPlan:
    groups: list[TermGroup]
    skills: list[TaxonomySkill]  # recognised in the query
    suggestion: str | None  # did-you-mean, when a word was corrected
    raw_words: list[str]

    @cached_property
    def matcher(self) -> Matcher:
        return Matcher(self.highlight_stems)

    @property
    def highlight_stems(self) -> set[str]:
        stems: set[str] = set()
        for group in self.groups:
            for alt in group.alternatives:
                for word in alt:
                    stems.update(index_tokens(word))
        return stems

    @property
    def free_words(self) -> list[str]:
        """Words not recognised as a skill: names, typos, free text."""
        return [g.source for g in self.groups if not g.from_taxonomy]

    @property
    def empty(self) -> bool:
        return not self.groups


SUGGEST_BELOW = 3  # a did-you-mean is offered only when the query finds fewer experts than this


def query_tokens(query: str) -> list[str]:
    """The query's folded words without stop words; an upper-case stop word is an acronym and stays
    ("IT Security" is not "Security")."""
    out = []
    for raw in WORD.findall(query):
        folded = fold(raw)
        if folded in STOPWORDS and not (raw.isupper() and len(raw) >= 2):
            continue
        out.append(folded)
    return out


def is_known(word: str, vocabulary: AbstractSet[str]) -> bool:
    """A word of the taxonomy, of a name in the index or of the German or English dictionary: never
    a typo ("Vertrag" is not corrected to "Vorträge")."""
    return word in vocabulary or word in dictionary() or compact(word) in vocabulary


def _add_skills(group: TermGroup, skills: list[TaxonomySkill], recognised: list[TaxonomySkill]) -> None:
    for skill in skills:
        if skill not in recognised:
            recognised.append(skill)
        for alt in skill.phrases:
            group.add(*words(alt))
            group.add(compact(alt))


def plan_query(
    query: str, *, taxonomy: Taxonomy, extra_vocabulary: AbstractSet[str] | None = None
) -> QueryPlan:
    """Turn the user's text into concept groups: taxonomy phrases (longest first, any inflected form of
    a one-word phrase) expand to every name and synonym of the skill; a hyphenated word or closed compound
    with a skill among its parts ("Docker-Image", "SAP-Einführung", "Arbeitsvertrag") stands for that
    skill too; other words keep their compound variants, and only a word known nowhere gets a correction."""
    tokens = query_tokens(query)
    vocabulary = taxonomy.vocabulary | (extra_vocabulary or set())
    groups: list[TermGroup] = []
    recognised: list[TaxonomySkill] = []
    corrected_words: list[str] = []
    corrected = False
    i = 0
    while i < len(tokens):
        matched = False
        for n in (4, 3, 2, 1):
            if i + n > len(tokens):
                continue
            phrase = compact("".join(tokens[i : i + n]))
            skills = taxonomy.by_phrase.get(phrase) or (taxonomy.lookup(phrase) if n == 1 else [])
            if skills:
                group = TermGroup(" ".join(tokens[i : i + n]), from_taxonomy=True)
                _add_skills(group, skills, recognised)
                groups.append(group)
                corrected_words.append(" ".join(tokens[i : i + n]))
                i += n
                matched = True
                break
        if matched:
            continue
        token = tokens[i]
        i += 1
        group = TermGroup(token)
        group.add(token)
        parts = [p for p in SPLIT.split(token) if p]
        if len(parts) > 1:
            group.add("".join(parts))
        else:
            split = split_compound(token, vocabulary)
            if split:
                parts = list(split)
                group.add(*split)
        if len(parts) > 1:  # the longest runs of parts that name a skill ("Social-Media-Strategie")
            start = 0
            while start < len(parts):
                for end in range(len(parts), start, -1):
                    run = compact("".join(parts[start:end]))
                    skills = taxonomy.by_phrase.get(run) or (taxonomy.lookup(run) if end - start == 1 else [])
                    if skills and run != compact(token):
                        group.from_taxonomy = True
                        _add_skills(group, skills, recognised)
                        start = end - 1
                        break
                start += 1
        for form in english_variants(token):  # words, not skills: "a new hire" is no recruiting
            group.add(form)
        word_out = token
        # a split into dictionary words does not make a word known: "Terrafrom" is "terra" + "from"
        known = group.from_taxonomy or is_known(token, vocabulary)
        if len(token) >= 4 and not known:
            # the two closest known words by edit similarity (the Indel ratio, as difflib's but in C)
            close = [
                word
                for word, _score, _key in process.extract(
                    token, vocabulary, scorer=fuzz.ratio, limit=2, score_cutoff=TYPO_CUTOFF
                )
            ]
            for candidate in close:
                for skill in taxonomy.by_phrase.get(candidate, []):
                    if skill not in recognised:
                        recognised.append(skill)
                    for alt in skill.phrases:
                        group.add(*words(alt))
                group.add(candidate)
            if close:
                corrected = True
                named = taxonomy.by_phrase.get(close[0])
                word_out = named[0].name_de if named else close[0]
        corrected_words.append(word_out)
        groups.append(group)
    suggestion = " ".join(corrected_words) if corrected else None
    return QueryPlan(groups=groups, skills=recognised, suggestion=suggestion, raw_words=tokens)
