"""What a rendered page becomes in the copy: links relative to the file (so the folder
works at a domain's root, under a sub-path, from file:// and from IPFS), links to what the
copy does not hold removed, forms replaced by a note, the mirror notice and a
Content-Security-Policy that a <meta> tag can carry.

The site's templates write attributes in double quotes, and Wagtail's rich text does too;
these expressions read exactly that HTML, not any HTML.
"""

import html
import posixpath
import re
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.template.loader import render_to_string

TAG = re.compile(r"<(a|link|img|script|source)\b([^>]*)>", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r'(\s)(href|src|srcset)="([^"]*)"', re.IGNORECASE)
FORM = re.compile(r"<form\b([^>]*)>.*?</form>", re.IGNORECASE | re.DOTALL)
MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
CHARSET = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
NOTICE_START, NOTICE_END = "<!-- mirror-notice -->", "<!-- /mirror-notice -->"
NOTICE = re.compile(re.escape(NOTICE_START) + ".*?" + re.escape(NOTICE_END), re.DOTALL)

# What a <meta> can carry of the live site's policy: frame-ancestors, sandbox and
# report-uri are ignored there. No script runs on the public site, no form can be sent.
META_CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; media-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)


def links_in(text: str):
    """Every address the page links or loads (a, link, img, script, source)."""
    for match in TAG.finditer(text):
        for attribute in URL_ATTRIBUTE.finditer(match.group(2)):
            yield from values(attribute.group(2), html.unescape(attribute.group(3)))


def values(name, value):
    if name.lower() == "srcset":
        for candidate in value.split(","):
            if candidate.strip():
                yield candidate.split()[0]
    else:
        yield value


def css_urls(text: str):
    return CSS_URL.findall(text)


def resolve(raw: str, base: str, host: str, media_prefix: str = ""):
    """(path, query, fragment) of a link to the site itself, or None for another site, a
    fragment of the same page, mailto:, data: and the like."""
    raw = raw.strip()
    if not raw or raw.startswith("#"):
        return None
    if media_prefix and raw.startswith(media_prefix):
        # A photo in object storage: a signed address that changes with every render; the
        # copy holds the file itself under media/.
        return "/media/" + unquote(raw[len(media_prefix) :].split("?", 1)[0]), "", ""
    parts = urlsplit(urljoin(f"https://{host}{base}", raw))
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    return parts.path, parts.query, parts.fragment


def relative(target_file: str, from_file: str) -> str:
    folder = posixpath.dirname(from_file) or "."
    return quote(posixpath.relpath(target_file, folder))


class PageRewriter:
    """Rewrites one crawl's pages; `target(raw, copy)` answers where a link goes."""

    def __init__(self, crawl, public_url, host, address_of, media_prefix=""):
        self.media_prefix = media_prefix
        self.crawl = crawl
        self.public_url = public_url
        self.host = host
        self.address_of = address_of  # (path, query string) -> the crawl's key

    def target(self, raw, copy):
        """The link to write: relative to a file of the copy, an absolute address of
        another site as it was, or None when the copy does not hold it."""
        parts = resolve(raw, copy.path, self.host, self.media_prefix)
        if parts is None:
            return raw  # another site, a fragment, mailto: ... as written
        path, query, fragment = parts
        key = self.address_of(path, query)
        for _ in range(10):  # a series' permanent link: straight to the file it names
            if key in self.crawl.redirects:
                key = self.crawl.redirects[key]
            else:
                break
        if key is not None and "://" in key:
            return key
        found = self.crawl.copies.get(key) if key else None
        if found is None:
            return None
        link = relative(found.file, copy.file)
        return link + (f"#{fragment}" if fragment else "")

    def tag(self, match, copy):
        name, attributes = match.group(1).lower(), match.group(2)
        if name == "link" and ('rel="canonical"' in attributes or 'rel="alternate"' in attributes):
            return match.group(0)  # the main site's address (feed readers need it)
        dropped = False

        def attribute(found):
            nonlocal dropped
            attr, value = found.group(2).lower(), html.unescape(found.group(3))
            if attr == "srcset":
                kept = []
                for candidate in value.split(","):
                    bits = candidate.split()
                    if bits and (link := self.target(bits[0], copy)) is not None:
                        kept.append(" ".join([link, *bits[1:]]))
                return f'{found.group(1)}srcset="{html.escape(", ".join(kept))}"' if kept else ""
            link = self.target(value, copy)
            if link is None:
                dropped = True
                return ""  # an <a> without href is text, not a way to a missing page
            return f'{found.group(1)}{found.group(2)}="{html.escape(link)}"'

        rewritten = URL_ATTRIBUTE.sub(attribute, attributes)
        if dropped and name in ("link", "script"):
            return ""
        return f"<{match.group(1)}{rewritten}>"

    def form(self, match):
        is_search = 'method="get"' in match.group(1).lower() or 'role="search"' in match.group(1)
        return render_to_string(
            "mirrors/form_note.html", {"is_search": is_search, "public_url": self.public_url}
        ).strip()

    def page(self, copy, notice_context) -> bytes:
        text = copy.body.decode()
        text = TAG.sub(lambda match: self.tag(match, copy), text)
        text = FORM.sub(self.form, text)  # after the links: its note names the main site
        meta = f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">'
        text = CHARSET.sub(lambda m: m.group(0) + "\n  " + meta, text, count=1)
        canonical = CANONICAL.search(text)
        if canonical is None:
            url = self.public_url + copy.path
            text = text.replace("</head>", f'  <link rel="canonical" href="{url}">\n</head>', 1)
            canonical_url = url
        else:
            canonical_url = html.unescape(canonical.group(1))
        notice = render_to_string(
            "mirrors/notice.html", {**notice_context, "canonical_url": canonical_url}
        ).strip()
        block = NOTICE_START + notice + NOTICE_END
        text = MAIN.sub(lambda m: m.group(0) + block, text, count=1)
        return text.encode()


def without_notice(body: bytes) -> bytes:
    """A page of the copy as it would be without its notice (whose date only changes when
    the rest does): how a rebuild tells an unchanged page."""
    return NOTICE.sub("", body.decode(errors="replace")).encode()
