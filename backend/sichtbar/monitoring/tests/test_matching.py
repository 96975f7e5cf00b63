"""Detection rules without a database: umlauts, word boundaries, case, exclusions, names, excerpts."""

import unicodedata

from sichtbar.monitoring.matching import Expert, Matcher, TermRule, excerpt_html


def terms_in(text: str, *rules: TermRule) -> list[int]:
    return Matcher(rules, []).match(text).term_ids


def test_a_term_with_umlauts_matches_in_any_case_and_in_decomposed_unicode():
    rule = TermRule(id=1, text="Müller Bäckerei")
    decomposed = unicodedata.normalize("NFD", "Die MÜLLER   bäckerei eröffnet")

    assert terms_in("Neu: die Müller Bäckerei in Köln", rule) == [1]
    assert terms_in(decomposed, rule) == [1]
    assert terms_in("Die Mueller Baeckerei", rule) == []


def test_whole_word_matching_respects_unicode_word_boundaries():
    rule = TermRule(id=1, text="Sichtbar")
    umlaut = TermRule(id=2, text="Bär")

    assert terms_in("Sichtbar startet.", rule) == [1]
    assert terms_in("„Sichtbar“-Plattform", rule) == [1]
    assert terms_in("Das war unsichtbar und Sichtbarkeit zählt", rule) == []
    assert terms_in("Bärenstark", umlaut) == []
    assert terms_in("Der Bär tanzt", umlaut) == [2]


def test_without_whole_word_a_term_matches_inside_words():
    assert terms_in("Sichtbarkeit", TermRule(id=1, text="Sichtbar", whole_word=False)) == [1]


def test_terms_ending_in_symbols_are_bounded_too():
    rule = TermRule(id=1, text="C++")

    assert terms_in("Wir suchen C++ Entwickler", rule) == [1]
    assert terms_in("Die AC++ Bibliothek", rule) == []


def test_case_sensitive_terms_match_only_the_exact_case():
    rule = TermRule(id=1, text="ACME", case_sensitive=True)

    assert terms_in("ACME wächst", rule) == [1]
    assert terms_in("Acme wächst", rule) == []


def test_an_exclusion_word_in_the_item_cancels_the_term_but_not_other_terms():
    jaguar = TermRule(id=1, text="Jaguar", exclude_words=("Zoo", "Raubkatze"))
    brand = TermRule(id=2, text="Sichtbar")

    assert terms_in("Jaguar stellt den neuen SUV vor", jaguar, brand) == [1]
    assert terms_in("Der Jaguar im Zoo hat Nachwuchs – Sichtbar berichtet", jaguar, brand) == [2]
    assert terms_in("Raubkatzen-Tag: der Jaguar", jaguar) == [1]  # "Raubkatzen" is not the word "Raubkatze"


def test_experts_are_found_by_their_full_name_only_and_the_author_is_not_their_own_mention():
    matcher = Matcher([], [Expert(7, "Jürgen Weiß"), Expert(8, "Anna Schmidt"), Expert(9, "Cher ")])

    assert matcher.match("Interview mit JÜRGEN\nWeiß über Cloud").expert_ids == [7]
    assert matcher.match("Anna war da, Frau Schmidt auch").expert_ids == []
    assert matcher.match("Cher singt").expert_ids == []  # a single name never matches
    assert matcher.match("Anna Schmidt schreibt", exclude_expert=8).expert_ids == []
    assert not matcher.match("Anna Schmidt schreibt", exclude_expert=8)


def test_two_people_with_the_same_name_are_both_mentioned():
    matcher = Matcher([], [Expert(1, "Max Mustermann"), Expert(2, "max  mustermann")])

    assert matcher.match("Max Mustermann hält einen Vortrag").expert_ids == [1, 2]


def test_the_excerpt_marks_every_match_near_the_first_and_escapes_the_text():
    text = (
        "<script>x</script> "
        + "Vorwort " * 40
        + "Heute spricht Anna Schmidt über Sichtbar & mehr. "
        + "Ende " * 60
    )
    matcher = Matcher([TermRule(id=1, text="Sichtbar")], [Expert(8, "Anna Schmidt")])
    found = matcher.match(text)

    excerpt = excerpt_html(text, found.spans)

    assert "<mark>Anna Schmidt</mark> über <mark>Sichtbar</mark> &amp; mehr." in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "<script>" not in excerpt
    assert len(excerpt) < 400


def test_markup_in_a_term_match_is_escaped_inside_the_mark():
    text = "Neu: <b>Sichtbar</b>"
    found = Matcher([TermRule(id=1, text="Sichtbar")], []).match(text)

    assert excerpt_html(text, found.spans) == "Neu: &lt;b&gt;<mark>Sichtbar</mark>&lt;/b&gt;"


def test_a_text_whose_lower_case_form_is_longer_still_gives_the_right_spans():
    text = "İSTANBUL: Sichtbar eröffnet"  # "İ".lower() is two characters
    found = Matcher([TermRule(id=1, text="sichtbar")], []).match(text)

    assert found.term_ids == [1]
    assert excerpt_html(text, found.spans) == "İSTANBUL: <mark>Sichtbar</mark> eröffnet"
