//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: each item or entry is an article —
//! link, title, publication time, author, and the full text when the feed carries
//! it (`content:encoded`, Atom `content`), else the description or summary.
//! HTML inside those fields is reduced to its text.

use crate::{BodyPiece, Location, RawArticle, RecordError};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    date: String,
    author: String,
    summary: String,
    content: String,
    offset: u64,
}

/// Read every item of a feed. A feed that is not well-formed XML yields the
/// items read before the error, then the error with its byte offset.
pub fn read_feed(text: &str, path: &str, encoding: &str) -> Vec<Result<RawArticle, RecordError>> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut out = Vec::new();
    let mut channel_title = String::new();
    let mut item: Option<Item> = None;
    let mut field: Option<String> = None;
    let mut depth_in_item = 0usize;
    let mut index = 0u64;
    let mut in_channel_title = false;
    loop {
        let pos = reader.buffer_position();
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                out.push(Err(RecordError {
                    location: Location {
                        path: path.to_string(),
                        offset: Some(pos),
                        record: Some(index),
                        ..Default::default()
                    },
                    reason: format!("malformed feed XML: {e}"),
                }));
                break;
            }
        };
        match ev {
            Event::Start(e) => {
                let name = local(&e);
                if item.is_none() && matches!(name.as_str(), "item" | "entry") {
                    item = Some(Item {
                        offset: pos,
                        ..Default::default()
                    });
                    depth_in_item = 0;
                    continue;
                }
                match item.as_mut() {
                    Some(it) => {
                        depth_in_item += 1;
                        if depth_in_item == 1 {
                            if name == "link" {
                                take_atom_link(it, &e);
                            }
                            field = Some(name);
                        }
                    }
                    None => in_channel_title = name == "title" && channel_title.is_empty(),
                }
            }
            Event::Empty(e) => {
                if let Some(it) = item.as_mut() {
                    if local(&e) == "link" {
                        take_atom_link(it, &e);
                    }
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_string();
                if item.is_some() && depth_in_item == 0 && matches!(name.as_str(), "item" | "entry")
                {
                    let it = item.take().expect("item");
                    out.push(to_article(it, &channel_title, path, encoding, index));
                    index += 1;
                } else if item.is_some() {
                    depth_in_item = depth_in_item.saturating_sub(1);
                    if depth_in_item == 0 {
                        field = None;
                    }
                }
                in_channel_title = false;
            }
            Event::Text(t) => {
                // Careless feeds use HTML entities (`&nbsp;`) XML does not know: keep
                // such text as written rather than losing it.
                let s = t
                    .unescape()
                    .map(|c| c.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&t).replace("&nbsp;", " "));
                push_text(&mut item, &field, &s, &mut channel_title, in_channel_title);
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c.into_inner()).into_owned();
                push_text(&mut item, &field, &s, &mut channel_title, in_channel_title);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn push_text(
    item: &mut Option<Item>,
    field: &Option<String>,
    s: &str,
    channel_title: &mut String,
    in_channel_title: bool,
) {
    match (item.as_mut(), field.as_deref()) {
        (Some(it), Some(f)) => {
            let slot = match f {
                "title" => &mut it.title,
                "link" | "guid" if it.link.is_empty() && s.starts_with("http") => &mut it.link,
                "pubDate" | "published" | "date" | "updated" if it.date.is_empty() => &mut it.date,
                "author" | "creator" | "name" => &mut it.author,
                "description" | "summary" => &mut it.summary,
                "encoded" | "content" => &mut it.content,
                _ => return,
            };
            slot.push_str(s);
        }
        (None, _) if in_channel_title => channel_title.push_str(s),
        _ => {}
    }
}

/// An Atom `<link href rel="alternate">` (or without `rel`): the item's link,
/// unless it has one already.
fn take_atom_link(it: &mut Item, e: &BytesStart) {
    if let Some(href) = attr(e, "href") {
        let rel = attr(e, "rel").unwrap_or_default();
        if it.link.is_empty() && (rel.is_empty() || rel == "alternate") {
            it.link = href;
        }
    }
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn to_article(
    it: Item,
    channel: &str,
    path: &str,
    encoding: &str,
    index: u64,
) -> Result<RawArticle, RecordError> {
    let location = Location {
        path: path.to_string(),
        record: Some(index),
        offset: Some(it.offset),
        ..Default::default()
    };
    let body_html = if it.content.trim().is_empty() {
        &it.summary
    } else {
        &it.content
    };
    let paragraphs = crate::html::fragment_text(body_html);
    if paragraphs.is_empty() {
        return Err(RecordError {
            location,
            reason: "feed item without text (no content, description or summary)".into(),
        });
    }
    let clean = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    let mut a = RawArticle {
        location,
        format: "feed",
        encoding: encoding.to_string(),
        title: clean(&crate::html::fragment_text(&it.title).join(" ")),
        url: clean(&it.link),
        outlet: clean(channel),
        author: clean(&it.author),
        published: crate::published::parse_published(&it.date),
        body: paragraphs
            .into_iter()
            .map(|text| BodyPiece {
                text,
                source_start: None,
            })
            .collect(),
        ..Default::default()
    };
    if !it.content.trim().is_empty() {
        a.meta
            .insert("full_text".into(), serde_json::Value::Bool(true));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>وكالة المثال</title><link>https://example.org</link>
<item><title>عنوان الخبر الأول</title><link>https://example.org/1</link>
<pubDate>Sun, 18 Feb 2018 20:50:44 GMT</pubDate><dc:creator>سارة</dc:creator>
<description><![CDATA[<p>ملخص قصير</p>]]></description>
<content:encoded><![CDATA[<p>الفقرة الأولى من النص الكامل.</p><p>الفقرة الثانية.</p>]]></content:encoded></item>
<item><title>الثاني &amp; الأخير</title><link>https://example.org/2</link>
<description>&lt;p&gt;نص الوصف فقط&lt;/p&gt;</description></item>
<item><title>بلا نص</title></item>
</channel></rss>"#;
        let items = read_feed(rss, "feed.xml", "UTF-8");
        assert_eq!(items.len(), 3);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("عنوان الخبر الأول"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/1"));
        assert_eq!(a.outlet.as_deref(), Some("وكالة المثال"));
        assert_eq!(a.author.as_deref(), Some("سارة"));
        assert_eq!(
            a.published.as_ref().unwrap().value,
            "2018-02-18T20:50:44+00:00"
        );
        assert_eq!(a.body.len(), 2);
        let b = items[1].as_ref().unwrap();
        assert_eq!(b.title.as_deref(), Some("الثاني & الأخير"));
        assert_eq!(b.body[0].text, "نص الوصف فقط");
        assert!(items[2].is_err());
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع</title>
<entry><title type="html">خبر</title><link rel="alternate" href="https://e.org/a"/>
<link rel="enclosure" href="https://e.org/a.jpg"/>
<published>2018-02-18T20:50:44Z</published><author><name>علي</name></author>
<summary>ملخص</summary><content type="html">&lt;p&gt;نص كامل&lt;/p&gt;</content></entry></feed>"#;
        let items = read_feed(atom, "a.atom", "UTF-8");
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.url.as_deref(), Some("https://e.org/a"));
        assert_eq!(a.author.as_deref(), Some("علي"));
        assert_eq!(a.body[0].text, "نص كامل");
        assert_eq!(a.outlet.as_deref(), Some("موقع"));
    }

    #[test]
    fn broken_feed_keeps_what_was_read() {
        let rss = "<rss><channel><item><title>أ</title><description>نص</description></item><item><title>ب</wrong></item></channel></rss>";
        let items = read_feed(rss, "f.xml", "UTF-8");
        assert!(items[0].is_ok());
        assert!(items.last().unwrap().is_err());
    }
}
