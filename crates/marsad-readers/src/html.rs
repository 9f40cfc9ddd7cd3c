//! HTML news pages: charset, metadata and the main text.
//!
//! - **Charset**: a byte-order mark, then the HTTP `Content-Type` charset (WARC
//!   records pass it in), then `<meta charset>` / `http-equiv` in the first 2 KB,
//!   then valid UTF-8, then detection (Arabic sites still serve windows-1256).
//! - **Metadata**: JSON-LD `NewsArticle`/`Article` (headline, datePublished,
//!   dateModified, author, publisher), Open Graph and article meta tags,
//!   `<title>`, `<time datetime>`, the canonical URL, `<html lang>`.
//! - **Main text** ([`Extractor::Marsad`]): the page is cut into text blocks
//!   (paragraphs, headings, list items, line-broken runs); navigation, asides,
//!   comments, share and related-story widgets are skipped by tag and by class/id
//!   words; each well-formed block (long enough, few links) votes for its
//!   container and half a vote for the container's parent; the best container's
//!   blocks are the body, minus link lists and short furniture lines.
//!   [`Extractor::Readability`] runs `dom_smoothie` (a readability.js port)
//!   instead; `marsad html eval` compares the two (see `bench/`).

use crate::{BodyPiece, Location, RawArticle, RecordError};
use ego_tree::NodeId;
use encoding_rs::Encoding;
use marsad_article::Warning;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;

/// Which main-text extractor to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extractor {
    /// Marsad's own block-scoring extractor (the default; chosen by measurement).
    #[default]
    Marsad,
    /// `dom_smoothie`, a port of Mozilla's readability.js.
    Readability,
}

/// What the transport said about a page (a WARC record's HTTP headers).
#[derive(Debug, Clone, Default)]
pub struct PageHints {
    /// Charset from the HTTP `Content-Type` header.
    pub charset: Option<String>,
    /// The URL the page was fetched from.
    pub url: Option<String>,
}

/// Decode an HTML page: BOM, transport charset, `<meta>` charset, UTF-8, detection.
pub fn decode_html(bytes: &[u8], transport: Option<&str>) -> crate::decode::Decoded {
    if Encoding::for_bom(bytes).is_some() {
        return crate::decode::decode(bytes);
    }
    // A declaration the bytes contradict is the usual server default or copy-paste
    // error: UTF-8 declared for bytes that are not UTF-8, or a legacy charset for
    // bytes that are valid (non-ASCII) UTF-8. Then the next source is asked.
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let plausible = |enc: &&'static Encoding| {
        if *enc == encoding_rs::UTF_8 {
            utf8
        } else {
            bytes.is_ascii() || !utf8
        }
    };
    let declared = transport
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .filter(plausible)
        .or_else(|| meta_charset(&bytes[..bytes.len().min(2048)]).filter(plausible));
    match declared {
        Some(enc) => crate::decode::decode_as(enc, bytes),
        None => crate::decode::decode(bytes),
    }
}

/// The charset a page declares in a `<meta>` tag of its head (or an XML
/// declaration's `encoding`, for feeds).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    if lower.starts_with(b"<?xml") {
        let end = memchr::memchr(b'>', &lower).unwrap_or(lower.len());
        let decl = &lower[..end];
        if let Some(p) = memchr::memmem::find(decl, b"encoding=") {
            let rest = &decl[p + 9..];
            let q = rest.first().copied().unwrap_or(b'"');
            let rest = &rest[1.min(rest.len())..];
            let len = rest.iter().position(|&b| b == q).unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..len]) {
                return Some(enc);
            }
        }
    }
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + p;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset=") {
            let rest = &tag[c + 8..];
            let rest = rest
                .strip_prefix(b"\"")
                .or_else(|| rest.strip_prefix(b"'"))
                .unwrap_or(rest);
            let len = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..len]) {
                // A page cannot really be UTF-16 if its head parsed as ASCII.
                return Some(
                    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                        encoding_rs::UTF_8
                    } else {
                        enc
                    },
                );
            }
        }
        from = end;
    }
    None
}

/// Read one HTML page into a raw article.
pub fn read_html(
    bytes: &[u8],
    location: Location,
    hints: &PageHints,
    extractor: Extractor,
) -> Result<RawArticle, RecordError> {
    let bytes = &bytes[..bytes.len().min(MAX_PAGE_BYTES)];
    let decoded = decode_html(bytes, hints.charset.as_deref());
    let mut a = read_html_text(&decoded.text, location, hints, extractor)?;
    a.encoding = decoded.encoding.to_string();
    let mut w = decoded.warnings;
    w.append(&mut a.warnings);
    a.warnings = w;
    Ok(a)
}

/// Read one decoded HTML page.
pub fn read_html_text(
    text: &str,
    location: Location,
    hints: &PageHints,
    extractor: Extractor,
) -> Result<RawArticle, RecordError> {
    let text = &*flatten_deep_nesting(text);
    let doc = Html::parse_document(text);
    let meta = PageMeta::of(&doc);
    let mut a = RawArticle {
        location: location.clone(),
        format: "html",
        encoding: "UTF-8".into(),
        ..Default::default()
    };
    let paragraphs = match extractor {
        Extractor::Marsad => main_text(&doc),
        Extractor::Readability => readability_text(text, hints.url.as_deref()),
    };
    let title = meta.title.clone();
    // The headline repeated as the first line of the body is the title's.
    let mut paragraphs = paragraphs.into_iter().peekable();
    if let (Some(t), Some(first)) = (&title, paragraphs.peek()) {
        if normalize_ws(first) == normalize_ws(t) {
            paragraphs.next();
        }
    }
    a.body = paragraphs
        .map(|text| BodyPiece {
            text,
            source_start: None,
        })
        .collect();
    if a.body.is_empty() {
        return Err(RecordError {
            location,
            reason: "no article text found in the HTML page".into(),
        });
    }
    a.title = title;
    a.url = meta.url.clone().or_else(|| hints.url.clone());
    a.outlet = meta
        .site_name
        .clone()
        .or_else(|| a.url.as_deref().and_then(host_of));
    a.author = meta.author.clone();
    a.published = meta
        .published
        .as_deref()
        .and_then(crate::published::parse_published);
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            a.meta
                .insert(k.to_string(), serde_json::Value::String(v.clone()));
        }
    };
    put("modified", &meta.modified);
    put("description", &meta.description);
    put("lang", &meta.lang);
    put("section", &meta.section);
    if meta.published.is_some() && a.published.is_none() {
        a.warnings.push(Warning::new(
            "bad-date",
            format!(
                "unreadable publication time {:?}",
                meta.published.as_deref().unwrap_or("")
            ),
        ));
    }
    Ok(a)
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page metadata, best source first.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub description: Option<String>,
    pub section: Option<String>,
    pub lang: Option<String>,
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

impl PageMeta {
    pub fn of(doc: &Html) -> PageMeta {
        let mut metas: HashMap<String, String> = HashMap::new();
        for m in doc.select(&sel("meta")) {
            let v = m.value();
            let key = v
                .attr("property")
                .or_else(|| v.attr("name"))
                .or_else(|| v.attr("itemprop"));
            if let (Some(k), Some(c)) = (key, v.attr("content")) {
                let c = normalize_ws(c);
                if !c.is_empty() {
                    metas.entry(k.trim().to_ascii_lowercase()).or_insert(c);
                }
            }
        }
        let get = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());
        let ld = json_ld(doc);
        let ld_str = |k: &str| ld.as_ref().and_then(|v| v.get(k)).and_then(json_text);
        let title_tag = doc
            .select(&sel("title"))
            .next()
            .map(|t| normalize_ws(&t.text().collect::<String>()))
            .filter(|t| !t.is_empty());
        let site_name = get(&["og:site_name", "application-name", "twitter:site"]).or_else(|| {
            ld.as_ref()
                .and_then(|v| v.get("publisher"))
                .and_then(|p| p.get("name").and_then(json_text).or_else(|| json_text(p)))
        });
        let title = get(&["og:title", "twitter:title"])
            .or_else(|| ld_str("headline"))
            .or(title_tag)
            .or_else(|| {
                doc.select(&sel("h1"))
                    .next()
                    .map(|h| normalize_ws(&h.text().collect::<String>()))
            })
            .map(|t| strip_site_name(&t, site_name.as_deref()))
            .filter(|t| !t.is_empty());
        let canonical = doc
            .select(&sel("link[rel=canonical]"))
            .next()
            .and_then(|l| l.value().attr("href"))
            .filter(|h| h.starts_with("http"))
            .map(str::to_string);
        let author = ld
            .as_ref()
            .and_then(|v| v.get("author"))
            .and_then(json_names)
            .or_else(|| {
                get(&[
                    "author",
                    "article:author",
                    "dc.creator",
                    "byl",
                    "sailthru.author",
                ])
            })
            .filter(|a| !a.starts_with("http"));
        let published = ld_str("datePublished")
            .or_else(|| {
                get(&[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "date",
                    "dc.date.issued",
                    "dc.date",
                    "sailthru.date",
                    "parsely-pub-date",
                ])
            })
            .or_else(|| {
                doc.select(&sel("time[datetime]"))
                    .next()
                    .and_then(|t| t.value().attr("datetime"))
                    .map(str::to_string)
            });
        let modified = ld_str("dateModified")
            .or_else(|| get(&["article:modified_time", "og:updated_time", "datemodified"]));
        let lang = doc
            .root_element()
            .value()
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        PageMeta {
            title,
            url: canonical.or_else(|| get(&["og:url"]).filter(|u| u.starts_with("http"))),
            site_name,
            author,
            published,
            modified,
            description: get(&["og:description", "description", "twitter:description"]),
            section: get(&["article:section"]).or_else(|| ld_str("articleSection")),
            lang,
        }
    }
}

/// `العنوان - الموقع` → `العنوان` when the suffix (or prefix) is the site name.
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let Some(site) = site.map(normalize_ws).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some((a, b)) = title.rsplit_once(sep) {
            if b.trim() == site {
                return a.trim().to_string();
            }
        }
        if let Some((a, b)) = title.split_once(sep) {
            if a.trim() == site {
                return b.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The JSON-LD object describing the article (`NewsArticle`, `Article`,
/// `ReportageNewsArticle`, ...), looked for in `@graph`s and arrays too.
fn json_ld(doc: &Html) -> Option<serde_json::Value> {
    fn find(v: &serde_json::Value) -> Option<&serde_json::Value> {
        match v {
            serde_json::Value::Array(items) => items.iter().find_map(find),
            serde_json::Value::Object(o) => {
                let is_article = match o.get("@type") {
                    Some(serde_json::Value::String(t)) => t.ends_with("Article"),
                    Some(serde_json::Value::Array(ts)) => ts
                        .iter()
                        .any(|t| t.as_str().is_some_and(|t| t.ends_with("Article"))),
                    _ => false,
                };
                if is_article {
                    return Some(v);
                }
                o.get("@graph").and_then(find)
            }
            _ => None,
        }
    }
    doc.select(&sel("script[type='application/ld+json']"))
        .filter_map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok()
        })
        .find_map(|v| find(&v).cloned())
}

fn json_text(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(normalize_ws).filter(|s| !s.is_empty())
}

/// Names from a JSON-LD `author`: a string, a `{name}` object or a list of them.
fn json_names(v: &serde_json::Value) -> Option<String> {
    let names: Vec<String> = match v {
        serde_json::Value::Array(items) => items.iter().filter_map(json_names).collect(),
        serde_json::Value::Object(o) => o.get("name").and_then(json_text).into_iter().collect(),
        other => json_text(other).into_iter().collect(),
    };
    (!names.is_empty()).then(|| names.join("، "))
}

// ---------------------------------------------------------------- main text

/// Elements whose whole subtree is never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "select",
    "option", "textarea", "nav", "aside", "footer", "header", "figure", "video", "audio", "canvas",
    "object", "embed", "menu", "dialog", "head", "title", "input", "label",
];

/// Elements that start a new text block.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "section",
    "article",
    "main",
    "td",
    "th",
    "tr",
    "table",
    "dd",
    "dt",
    "dl",
    "center",
    "address",
    "hr",
    "body",
];

/// Class/id words of page furniture (compared word by word: `share-buttons` has
/// `share`; `shadow` is not `ad`).
const FURNITURE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "recommendations",
    "sidebar",
    "widget",
    "widgets",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "promo",
    "newsletter",
    "subscribe",
    "tags",
    "popular",
    "mostread",
    "trending",
    "cookie",
    "cookies",
    "modal",
    "popup",
    "banner",
    "sponsored",
    "outbrain",
    "taboola",
    "print",
    "toolbar",
    "pagination",
    "pager",
    "caption",
    "byline",
    "copyright",
    "disclaimer",
    "login",
    "signup",
    "search",
    "logo",
    "masthead",
    "ticker",
    "breaking",
    "readmore",
    "more-news",
    "keywords",
    "topics",
];

/// Class/id words of the article itself.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "main",
    "story",
    "entry",
    "post",
    "text",
    "news",
    "detail",
    "details",
];

/// Element nesting followed when collecting text.
const MAX_DEPTH: usize = 256;

/// Pages above this size are cut (the article is at the start of any real page).
pub const MAX_PAGE_BYTES: usize = 8 << 20;

/// Deepest element nesting a page keeps when it is parsed, counted cheaply: void
/// elements, self-closing foreign elements and the elements a sibling closes
/// (`<p>`, `<li>`, table rows and cells, ...) do not count.
pub const MAX_NESTING: usize = 128;

/// Elements that never hold children.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements closed by their next sibling, which nest no deeper however many there are.
const SIBLING_CLOSED: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
/// Elements whose content is text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The page with the start tags that would nest deeper than [`MAX_NESTING`] (and
/// as many end tags of the same names) removed: their text stays, the nesting
/// flattens. html5ever's tree builder scans the stack of open elements for most
/// tags, so thousands of unclosed `<div>`s (or `<ul><li>`s, or `<i>x</p>`s) made
/// parsing quadratic: minutes for a 1 MB page. Real pages are left as they are.
fn flatten_deep_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    #[derive(Default)]
    struct Count {
        open: usize,
        dropped: usize,
    }
    let b = html.as_bytes();
    let mut counts: HashMap<String, Count> = HashMap::new();
    let mut name = String::new();
    let mut depth = 0usize;
    let mut foreign = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&b[start + 4..], b"-->")
                .map_or(b.len(), |e| start + 4 + e + 3);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i = memchr::memchr(b'>', rest).map_or(b.len(), |e| start + 1 + e + 1);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(end_tag);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = start + 1;
            continue;
        }
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b':'))
            .count();
        name.clear();
        name.push_str(&html[name_start..name_start + name_len]);
        name.make_ascii_lowercase();
        let close = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |e| name_start + e + 1);
        let self_closing = b[..close].ends_with(b"/>");
        i = close;
        let mut drop = false;
        if end_tag {
            if matches!(name.as_str(), "svg" | "math") {
                foreign = foreign.saturating_sub(1);
            }
            match counts.get_mut(name.as_str()) {
                Some(c) if c.dropped > 0 => {
                    c.dropped -= 1;
                    drop = true;
                }
                Some(c) if c.open > 0 => {
                    c.open -= 1;
                    depth -= 1;
                }
                _ => {}
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            if !self_closing {
                i = find_end_tag(b, close, name.as_bytes()).unwrap_or(b.len());
            }
        } else if !(VOID.contains(&name.as_str())
            || SIBLING_CLOSED.contains(&name.as_str())
            || self_closing && foreign > 0)
        {
            if matches!(name.as_str(), "svg" | "math") {
                foreign += 1;
            }
            if !counts.contains_key(name.as_str()) {
                counts.insert(name.clone(), Count::default());
            }
            let c = counts.get_mut(name.as_str()).expect("inserted");
            if depth >= MAX_NESTING {
                c.dropped += 1;
                drop = true;
            } else {
                c.open += 1;
                depth += 1;
            }
        }
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = close;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// Where the end tag `</name` (any case) starts, at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(p) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + p;
        let n = &b[at + 2..];
        if n.len() >= name.len() && n[..name.len()].eq_ignore_ascii_case(name) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

struct Block {
    text: String,
    link_chars: usize,
    /// The element that holds the block (for voting).
    container: NodeId,
    heading: bool,
}

struct Walker {
    blocks: Vec<Block>,
    current: String,
    link_chars: usize,
    container: NodeId,
    heading: bool,
}

impl Walker {
    fn flush(&mut self) {
        let text = normalize_ws(&self.current);
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                link_chars: self.link_chars.min(self.current.chars().count()),
                container: self.container,
                heading: self.heading,
            });
        }
        self.current.clear();
        self.link_chars = 0;
    }

    fn walk(&mut self, el: ElementRef, in_link: bool, depth: usize) {
        // Real pages nest a few dozen levels; hostile ones thousands, which would
        // overflow the stack: text below the cap is left out.
        if depth > MAX_DEPTH {
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(t) => {
                    if in_link {
                        self.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                    }
                    self.current.push_str(t);
                }
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if SKIP_TAGS.contains(&name) || is_furniture(e) {
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    let link = in_link || name == "a";
                    if BLOCK_TAGS.contains(&name) {
                        self.flush();
                        let saved = (self.container, self.heading);
                        self.container = child.id();
                        self.heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                        self.walk(child_el, link, depth + 1);
                        self.flush();
                        (self.container, self.heading) = saved;
                    } else {
                        // Inline: a space keeps `<span>a</span><span>b</span>` apart.
                        if link && !in_link {
                            self.current.push(' ');
                        }
                        self.walk(child_el, link, depth + 1);
                        if link && !in_link {
                            self.current.push(' ');
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn is_furniture(e: &scraper::node::Element) -> bool {
    if e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
    {
        return true;
    }
    let role = e.attr("role").unwrap_or("");
    if matches!(
        role,
        "navigation" | "complementary" | "banner" | "contentinfo"
    ) {
        return true;
    }
    if matches!(e.name(), "article" | "main" | "body")
        || e.attr("itemprop")
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"))
    {
        return false;
    }
    let words: Vec<String> = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|s| s.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    // As readability does: a furniture word does not count next to a content word
    // (`article-share` is furniture, `article-body main-content` is not).
    words.iter().any(|w| FURNITURE_WORDS.contains(&w.as_str()))
        && !words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str()))
}

/// Is a block a well-formed paragraph (votes for its container)?
fn is_prose(b: &Block) -> bool {
    let chars = b.text.chars().count();
    chars >= 60 && b.link_chars * 3 < chars && b.text.split_whitespace().count() >= 8
}

/// The main text of a page as paragraphs (see the module documentation).
pub fn main_text(doc: &Html) -> Vec<String> {
    let Some(body) = doc.select(&sel("body")).next() else {
        return Vec::new();
    };
    let mut w = Walker {
        blocks: Vec::new(),
        current: String::new(),
        link_chars: 0,
        container: body.id(),
        heading: false,
    };
    w.walk(body, false, 0);
    w.flush();
    let blocks = w.blocks;
    // Votes: each paragraph for the element holding it, half for that one's parent.
    let mut votes: HashMap<NodeId, f64> = HashMap::new();
    let parent_of = |id: NodeId| doc.tree.get(id).and_then(|n| n.parent()).map(|p| p.id());
    for b in blocks.iter().filter(|b| is_prose(b)) {
        let chars = b.text.chars().count() as f64;
        let score = 1.0 + (chars / 100.0).min(3.0) + b.text.matches(['،', ',']).count() as f64;
        if let Some(p) = parent_of(b.container) {
            *votes.entry(p).or_default() += score;
            if let Some(g) = parent_of(p) {
                *votes.entry(g).or_default() += score / 2.0;
            }
        }
    }
    let Some((&best, _)) = votes
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
    else {
        // No paragraph anywhere: fall back to every block that is not a link list.
        return blocks
            .into_iter()
            .filter(|b| b.link_chars * 2 < b.text.chars().count())
            .map(|b| b.text)
            .collect();
    };
    let inside = |id: NodeId| -> bool {
        let mut cur = Some(id);
        while let Some(c) = cur {
            if c == best {
                return true;
            }
            cur = parent_of(c);
        }
        false
    };
    let mut out: Vec<String> = Vec::new();
    for b in &blocks {
        if !inside(b.container) {
            continue;
        }
        let chars = b.text.chars().count();
        if b.link_chars * 2 >= chars {
            continue; // a link list ("اقرأ أيضا" items)
        }
        if !is_prose(b) && !b.heading && looks_like_furniture(&b.text) {
            continue;
        }
        if out.last() != Some(&b.text) {
            out.push(b.text.clone());
        }
    }
    out
}

/// Short lines that are page furniture even inside the article container.
fn looks_like_furniture(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 6 {
        return false;
    }
    const LINES: &[&str] = &[
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "اقرأ المزيد",
        "شارك",
        "مشاركة",
        "تابعونا",
        "تابعنا",
        "المصدر",
        "أخبار ذات صلة",
        "مواضيع ذات صلة",
        "الأكثر قراءة",
        "إعلان",
        "طباعة",
        "أرسل",
        "Advertisement",
        "Share",
    ];
    let t = text.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c == ':');
    LINES.iter().any(|l| t.starts_with(l)) || words <= 2 && !t.chars().any(|c| c.is_alphabetic())
}

/// The main text by `dom_smoothie` (readability.js), as paragraphs.
pub fn readability_text(html: &str, url: Option<&str>) -> Vec<String> {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let Ok(mut r) = dom_smoothie::Readability::new(html, url, Some(cfg)) else {
        return Vec::new();
    };
    match r.parse() {
        Ok(article) => article
            .text_content
            .split('\n')
            .map(normalize_ws)
            .filter(|l| !l.is_empty())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Text of an HTML fragment (an RSS `description`, a feed's `content`), as
/// paragraphs: every block, no extraction.
pub fn fragment_text(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(&flatten_deep_nesting(html));
    let root = doc.root_element();
    let mut w = Walker {
        blocks: Vec::new(),
        current: String::new(),
        link_chars: 0,
        container: root.id(),
        heading: false,
    };
    w.walk(root, false, 0);
    w.flush();
    w.blocks.into_iter().map(|b| b.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_flattened_and_real_pages_are_not() {
        let deep = format!(
            "<body>{}<p>نص</p>{}",
            "<div class=a>".repeat(1000),
            "</div>".repeat(1000)
        );
        let flat = flatten_deep_nesting(&deep);
        assert_eq!(flat.matches("<div").count(), MAX_NESTING);
        assert_eq!(flat.matches("</div>").count(), MAX_NESTING);
        assert!(flat.contains("<p>نص</p>"));
        // Void, sibling-closed and self-closing foreign elements, comments and scripts do not nest.
        let wide = format!(
            "<body><!-- <div><div> --><script>{}</script><svg>{}</svg>{}{}",
            "<div>".repeat(500),
            "<path d='x'/>".repeat(500),
            "<p>x<br><img src=a><li>y<td>z".repeat(500),
            "<div>".repeat(MAX_NESTING - 1)
        );
        assert!(matches!(
            flatten_deep_nesting(&wide),
            std::borrow::Cow::Borrowed(_)
        ));
        assert!(matches!(
            flatten_deep_nesting(PAGE),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    const PAGE: &str = r##"<!doctype html><html lang="ar" dir="rtl"><head>
<meta charset="windows-1256"><title>انفجار في المدينة | صحيفة المثال</title>
<meta property="og:site_name" content="صحيفة المثال">
<meta property="article:published_time" content="2018-02-18T20:50:44+00:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"انفجار في المدينة","author":[{"@type":"Person","name":"أحمد علي"}],
"dateModified":"2018-02-19T08:00:00Z"}]}</script></head>
<body><header><a href="/">الرئيسية</a> <a href="/world">العالم</a></header>
<nav><ul><li><a href="/a">سياسة</a></li><li><a href="/b">اقتصاد</a></li></ul></nav>
<div class="article-body"><h1>انفجار في المدينة</h1>
<p>قال مسؤولون إن انفجارا وقع صباح اليوم في وسط المدينة، وأسفر عن إصابة عدد من المارة بجروح طفيفة.</p>
<p>وأضافوا أن فرق الإنقاذ وصلت إلى المكان بعد دقائق، وأن التحقيقات جارية لمعرفة أسباب الانفجار.</p>
<div class="share-buttons"><a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<p>اقرأ أيضا: <a href="/x">خبر آخر عن الموضوع نفسه في المدينة</a></p></div>
<aside class="related"><p>أخبار ذات صلة بالمدينة والانفجار وما تلاه من أحداث في الأيام التالية للانفجار.</p></aside>
<div class="comments"><p>تعليق طويل من أحد القراء على الخبر يقول فيه إن الأمن يجب أن يتحسن في المدينة.</p></div>
<footer>جميع الحقوق محفوظة</footer></body></html>"##;

    #[test]
    fn metadata_and_main_text() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(PAGE);
        let a = read_html(
            &bytes,
            Location::default(),
            &PageHints::default(),
            Extractor::Marsad,
        )
        .unwrap();
        assert_eq!(a.encoding, "windows-1256");
        assert_eq!(a.title.as_deref(), Some("انفجار في المدينة"));
        assert_eq!(a.outlet.as_deref(), Some("صحيفة المثال"));
        assert_eq!(a.author.as_deref(), Some("أحمد علي"));
        assert_eq!(
            a.published.as_ref().map(|p| p.value.as_str()),
            Some("2018-02-18T20:50:44+00:00")
        );
        assert_eq!(a.meta["modified"], "2018-02-19T08:00:00Z");
        assert_eq!(a.meta["lang"], "ar");
        let body: Vec<&str> = a.body.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(body.len(), 2, "{body:#?}");
        assert!(body[0].starts_with("قال مسؤولون"));
        assert!(body[1].starts_with("وأضافوا"));
    }

    #[test]
    fn charsets() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\"></head><body><p>مرحبا</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
        assert_eq!(decode_html(&bytes, None).encoding, "windows-1256");
        // The transport's charset wins over detection.
        assert_eq!(
            decode_html(&bytes, Some("windows-1256")).encoding,
            "windows-1256"
        );
        // Declared legacy, but the bytes are UTF-8.
        assert_eq!(decode_html(page.as_bytes(), None).encoding, "UTF-8");
        assert!(decode_html(page.as_bytes(), None).text.contains("مرحبا"));
    }

    #[test]
    fn empty_and_hostile_pages_are_errors_not_panics() {
        for page in [
            "",
            "<html>",
            "<body><script>alert(1)</script></body>",
            "<p><a href=x>link</a></p>",
        ] {
            let r = read_html(
                page.as_bytes(),
                Location::default(),
                &PageHints::default(),
                Extractor::Marsad,
            );
            assert!(r.is_err(), "{page:?}");
        }
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_the_page() {
        let deep = format!(
            "<html><body><p>{}</p>{}نص عميق{}</body></html>",
            "فقرة أولى قصيرة في أعلى الصفحة قبل عناصر متداخلة كثيرة جدا من أجل الاختبار.",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        let r = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || {
                read_html(
                    deep.as_bytes(),
                    Location::default(),
                    &PageHints::default(),
                    Extractor::Marsad,
                )
                .map(|a| a.body.len())
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        // The nesting is flattened before parsing, so the deep text is kept too.
        assert_eq!(r.unwrap(), 2);
    }

    #[test]
    fn utf8_declared_for_windows_1256_bytes_is_not_believed() {
        let page =
            "<html><head><meta charset=\"windows-1256\"></head><body><p>مرحبا</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(page);
        assert_eq!(decode_html(&bytes, Some("UTF-8")).encoding, "windows-1256");
    }

    #[test]
    fn fragments() {
        assert_eq!(
            fragment_text("<p>أولا <b>مهم</b></p><p>ثانيا<br>ثالثا</p>"),
            vec!["أولا مهم", "ثانيا", "ثالثا"]
        );
    }
}
