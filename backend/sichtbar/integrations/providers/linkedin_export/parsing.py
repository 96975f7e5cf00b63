"""Parsing of the export's Shares.csv and article HTML files into neutral posts (no database here)."""

import csv
import hashlib
import html
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser

MAX_SHARES = 20_000
TITLE_LENGTH = 120
_STOPWORDS = {
    "de": {
        "und",
        "der",
        "die",
        "das",
        "ist",
        "nicht",
        "mit",
        "für",
        "ein",
        "eine",
        "wir",
        "ich",
        "auf",
        "zu",
    },
    "en": {"and", "the", "is", "not", "with", "for", "a", "an", "we", "i", "on", "to", "of", "this"},
}


@dataclass(frozen=True)
class ArchivePost:
    external_id: str
    url: str
    title: str
    summary_html: str  # unsanitised; the service sanitises
    published_at: datetime | None
    language: str


class SharesFormatError(ValueError):
    """Shares.csv is not the file LinkedIn writes (no Date/ShareCommentary columns, broken CSV)."""


def guess_language(text: str) -> str:
    """ "de", "en" or "" from common function words; enough to tell a German post from an English one."""
    words = re.findall(r"[a-zäöüß]+", text.lower())
    counts = {code: sum(1 for word in words if word in stop) for code, stop in _STOPWORDS.items()}
    best = max(counts, key=lambda code: counts[code])
    others = [count for code, count in counts.items() if code != best]
    return best if counts[best] >= 2 and counts[best] > max(others) else ""


def _date(value: str) -> datetime | None:
    value = (value or "").strip()
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= TITLE_LENGTH:
        return first
    return first[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _paragraphs(text: str) -> str:
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>" for block in blocks)


def parse_shares(data: bytes) -> list[ArchivePost]:
    """One post per row with text or a shared link. LinkedIn quotes multi-line commentary; some exports
    double the quotes inside it, which the csv module reads correctly."""
    text = data.decode("utf-8-sig", errors="replace")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = {name.strip().lower() for name in (reader.fieldnames or [])}
    if "date" not in fields or not ({"sharecommentary", "sharelink"} & fields):
        raise SharesFormatError("not a LinkedIn Shares.csv")
    posts: list[ArchivePost] = []
    try:
        for row in reader:
            row = {(key or "").strip().lower(): (value or "") for key, value in row.items() if key}
            commentary = row.get("sharecommentary", "").replace("\r\n", "\n").strip()
            link = row.get("sharelink", "").strip()
            shared = row.get("sharedurl", "").strip()
            if not commentary and not shared:
                continue
            published = _date(row.get("date", ""))
            identity = link or f"{row.get('date', '')}|{commentary}|{shared}"
            external_id = link[:500] if link else "share:" + hashlib.sha256(identity.encode()).hexdigest()
            summary = _paragraphs(commentary)
            if shared.startswith(("https://", "http://")):
                escaped = html.escape(shared)
                summary += f'<p><a href="{escaped}">{escaped}</a></p>'
            posts.append(
                ArchivePost(
                    external_id=external_id,
                    url=link if link.startswith("https://") else "",
                    title=_title(commentary) or shared[:TITLE_LENGTH],
                    summary_html=summary,
                    published_at=published,
                    language=guess_language(commentary),
                )
            )
            if len(posts) > MAX_SHARES:
                raise SharesFormatError("too many shares")
    except csv.Error as exc:
        raise SharesFormatError(str(exc)) from exc
    return posts


class _ArticleParser(HTMLParser):
    """Title (h1 or <title>), the article's link in the h1, created/published dates, the body."""

    _SKIP = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.page_title = ""
        self.link = ""
        self.dates: dict[str, str] = {}
        self.body: list[str] = []
        self._stack: list[str] = []
        self._in_h1 = False
        self._in_title = False
        self._date_class = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
            return
        if self._in_h1 and tag == "a" and not self.link:
            self.link = attributes.get("href", "")
            return
        if tag == "p" and attributes.get("class") in ("created", "published"):
            self._date_class = attributes["class"]
            return
        if tag in self._SKIP:
            self._stack.append(tag)
            return
        if not self._stack and not self._in_h1 and tag not in ("html", "body", "meta", "link"):
            kept = {key: value for key, value in attributes.items() if key in ("href", "src", "alt")}
            rendered = "".join(f' {key}="{html.escape(value)}"' for key, value in kept.items())
            self.body.append(f"<{tag}{rendered}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
            return
        if self._date_class and tag == "p":
            self._date_class = ""
            return
        if self._stack:
            if self._stack[-1] == tag:
                self._stack.pop()
            return
        if not self._in_h1 and tag not in ("html", "body"):
            self.body.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page_title += data
        elif self._in_h1:
            self.title += data
        elif self._date_class:
            self.dates[self._date_class] = self.dates.get(self._date_class, "") + data
        elif not self._stack:
            self.body.append(html.escape(data, quote=False))


def parse_article(name: str, data: bytes) -> ArchivePost | None:
    """An article of the export (Articles/Articles/<date>-<slug>.html)."""
    parser = _ArticleParser()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    title = " ".join((parser.title or parser.page_title).split())
    body = "".join(parser.body).strip()
    if not title and not body:
        return None
    when = None
    for key in ("published", "created"):
        found = re.search(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?", parser.dates.get(key, ""))
        if found and (when := _date(found.group(0))):
            break
    if when is None:
        found = re.match(r"(\d{4}-\d{2}-\d{2})", name.rsplit("/", 1)[-1])
        when = _date(found.group(1)) if found else None
    link = parser.link if parser.link.startswith("https://") else ""
    external_id = link[:500] or "article:" + hashlib.sha256(name.rsplit("/", 1)[-1].encode()).hexdigest()
    plain = re.sub(r"<[^>]+>", " ", body)
    return ArchivePost(
        external_id=external_id,
        url=link,
        title=title[:500],
        summary_html=body,
        published_at=when,
        language=guess_language(f"{title} {plain}"),
    )
