"""HTML pages to article parts, with trafilatura (main text and metadata: title, author, date, site name).

Cascade: (1) trafilatura's main-content extraction; (2) when it finds nothing, every visible text block of
the page run through the capture cleaner, as for a text capture. Only when both come back empty is the page
refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .clean import clean_capture

# Block-level tags whose text becomes one paragraph in the visible-text fallback.
BLOCK_TAGS = (
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "li",
    "blockquote",
    "figcaption",
    "td",
    "div",
    "section",
    "article",
)
SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "head")


@dataclass
class HtmlParts:
    text: str
    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    step: str = "trafilatura"


def parse_html(html: str, url: str | None = None) -> HtmlParts | None:
    """The article in an HTML page, or None when the page holds no article text."""
    parts = _with_trafilatura(html, url)
    if parts is None or not parts.text.strip():
        parts = _visible_text_fallback(html)
    return parts if parts is not None and parts.text.strip() else None


def _with_trafilatura(html: str, url: str | None) -> HtmlParts | None:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    if doc is None or doc.body is None:
        return None
    paragraphs = []
    for element in doc.body:
        if element.tag == "graphic":
            continue
        text = " ".join("".join(element.itertext()).split())
        if text:
            paragraphs.append(text)
    if paragraphs and doc.title and paragraphs[0] == " ".join(doc.title.split()):
        paragraphs = paragraphs[1:]
    return HtmlParts(
        text="\n\n".join(paragraphs),
        title=doc.title or None,
        byline=doc.author or None,
        outlet=doc.sitename or None,
        published=doc.date or None,
        url=doc.url or url,
    )


def _visible_text_fallback(html: str) -> HtmlParts | None:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for bad in list(root.iter(*SKIP_TAGS)):  # listed first: dropping while iterating skips elements
        bad.drop_tree()
    blocks = []
    for element in root.iter(*BLOCK_TAGS):
        # Only leaf-most blocks: a <div> that contains <p>s is represented by those.
        if any(child.tag in BLOCK_TAGS for child in element.iterchildren()):
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    if not blocks:
        text = " ".join(root.text_content().split())
        blocks = [text] if text else []
    if not blocks:
        return None
    cleaned = clean_capture("\n\n".join(blocks))
    return HtmlParts(
        text=cleaned.body,
        title=cleaned.title,
        byline=cleaned.byline,
        outlet=cleaned.outlet,
        captions=cleaned.captions,
        removed=cleaned.removed,
        credits=cleaned.credits,
        step="visible-text",
    )
