//! The one mapper from HTML to Folio blocks and inline runs. Every HTML body an importer meets
//! (WordPress, Ghost, feeds, Markdown, saved pages) comes through here, so there is one place
//! that decides what markup means and what is dropped.
//!
//! Nothing of the markup itself survives: the walk keeps text, the marks the format has (bold,
//! italic, code, strike), links that pass the model's URL filter, and the block structure
//! (paragraphs, headings, quotes, lists, figures, dividers, link cards). Whatever it cannot
//! keep (scripts, forms, media the format has no block for yet) is named in a note, so the
//! publisher is told what did not come across.

use std::collections::BTreeMap;
use std::iter;

use ego_tree::NodeRef;
use folio_model::{
    Block, Figure, GALLERY_MAX_IMAGES, HeadingLevel, HostedVideo, Href, Inline, Marks, Run, Table,
    UrlUse,
};
use scraper::{ElementRef, Html, Node};

use crate::import::images::ImageSizes;
use crate::import::{Notes, resolve_url};

/// Elements whose whole content is dropped: code, forms, and chrome that is never article text.
const DROPPED: [&str; 21] = [
    "script", "style", "noscript", "template", "object", "embed", "applet", "form", "input",
    "button", "select", "textarea", "svg", "math", "canvas", "nav", "head", "link", "meta",
    "dialog", "map",
];

/// How deep markup may nest before the rest of it is read as plain text: deeper nesting is
/// never article structure, and a recursive walk must not exhaust the stack on hostile input.
const MAX_DEPTH: usize = 64;

/// What the mapper needs from its caller.
pub struct MapContext<'a> {
    /// The address the HTML came from: relative links and images are resolved against it.
    pub base: Option<&'a url::Url>,
    pub images: &'a mut ImageSizes,
    pub notes: &'a mut Notes,
    /// Elements to leave out with everything inside (the page extractor's clutter).
    pub skip: &'a dyn Fn(ElementRef<'_>) -> bool,
}

/// The blocks of an HTML fragment (a CMS body, a feed entry's content).
pub fn blocks_from_html(html: &str, context: &mut MapContext<'_>) -> Vec<Block> {
    let fragment = Html::parse_fragment(html);
    blocks_from_element(fragment.root_element(), context)
}

/// The blocks of an element's content.
pub fn blocks_from_element(root: ElementRef<'_>, context: &mut MapContext<'_>) -> Vec<Block> {
    let mut walk = Walk {
        context,
        blocks: Vec::new(),
        paragraph: Runs::default(),
        dropped: BTreeMap::new(),
        flattened: false,
        inline_only: false,
        deferred: Vec::new(),
        exclude: None,
        table_caption: None,
    };
    walk.children(*root, Style::default(), 0);
    walk.flush();
    let Walk {
        mut blocks,
        deferred,
        dropped,
        flattened,
        context,
        ..
    } = walk;
    blocks.extend(deferred);
    for (what, count) in dropped {
        context.notes.add(if count == 1 {
            format!("dropped {what}")
        } else {
            format!("dropped {what} ({count} times)")
        });
    }
    if flattened {
        context.notes.add(format!(
            "markup nested deeper than {MAX_DEPTH} levels was kept as plain text"
        ));
    }
    blocks
}

/// The text of an HTML fragment, as a reader sees it: entities decoded, tags gone, white space
/// collapsed (titles and excerpts from CMS APIs are HTML).
pub fn plain_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    collapse_white_space(&visible_text(fragment.root_element()))
}

/// The text inside an element, without what dropped elements (scripts, styles) hold.
fn visible_text(root: ElementRef<'_>) -> String {
    let mut text = String::new();
    for node in root.descendants() {
        if let Node::Text(part) = node.value()
            && !node
                .ancestors()
                .take_while(|ancestor| ancestor.id() != root.id())
                .filter_map(ElementRef::wrap)
                .any(|e| DROPPED.contains(&e.value().name()))
        {
            text.push_str(part);
        }
    }
    text
}

/// Runs joined into inline content, neighbours with the same marks and link merged.
/// A paragraph of plain text.
fn text_paragraph(text: String) -> Block {
    Block::Paragraph(Inline(vec![Run {
        text,
        ..Run::default()
    }]))
}

/// A table's row as one list item, its cells separated by " | ".
fn row_as_item(cells: Vec<Inline>) -> Inline {
    let mut runs = Vec::new();
    for Inline(cell) in cells.into_iter().filter(|cell| !cell.0.is_empty()) {
        if !runs.is_empty() {
            runs.push(Run {
                text: " | ".into(),
                ..Run::default()
            });
        }
        runs.extend(cell);
    }
    joined(runs)
}

fn joined(runs: Vec<Run>) -> Inline {
    let mut merged = Runs::default();
    for run in runs {
        merged.push_exact(run);
    }
    Inline(merged.0)
}

pub fn collapse_white_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The marks and link in force at a point of the walk.
#[derive(Clone, Default)]
struct Style {
    marks: Marks,
    href: Option<Href>,
}

/// Inline content being collected: runs with collapsed white space.
#[derive(Default)]
struct Runs(Vec<Run>);

impl Runs {
    fn push(&mut self, text: &str, style: &Style) {
        let mut collapsed = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
            } else {
                if space && (!collapsed.is_empty() || !self.ends_in_space()) {
                    collapsed.push(' ');
                }
                space = false;
                collapsed.push(c);
            }
        }
        if space && !(collapsed.is_empty() && self.ends_in_space()) {
            collapsed.push(' ');
        }
        if collapsed.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.marks == style.marks && last.href == style.href => {
                last.text.push_str(&collapsed);
            }
            _ => self.0.push(Run {
                text: collapsed,
                marks: style.marks,
                href: style.href.clone(),
            }),
        }
    }

    /// Appends a run as it is (its white space already collapsed).
    fn push_exact(&mut self, run: Run) {
        match self.0.last_mut() {
            Some(last) if last.marks == run.marks && last.href == run.href => {
                last.text.push_str(&run.text);
            }
            _ => self.0.push(run),
        }
    }

    fn ends_in_space(&self) -> bool {
        self.0.last().is_none_or(|run| run.text.ends_with(' '))
    }

    /// The content, trimmed; `None` when there is no text.
    fn take(&mut self) -> Option<Inline> {
        let mut runs = std::mem::take(&mut self.0);
        if let Some(first) = runs.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = runs.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        runs.retain(|run| !run.text.is_empty());
        (!runs.is_empty()).then_some(Inline(runs))
    }
}

struct Walk<'c, 'a> {
    context: &'c mut MapContext<'a>,
    blocks: Vec<Block>,
    /// Text outside any paragraph element, gathered until a block ends it.
    paragraph: Runs,
    /// What was dropped, by description, with counts.
    dropped: BTreeMap<String, usize>,
    flattened: bool,
    /// Collecting the inline content of one block: breaks are spaces, images wait.
    inline_only: bool,
    /// Images met inside a block's inline content, placed after that block.
    deferred: Vec<Block>,
    /// An element already read for another purpose (a quote's `<cite>`), not to be read again.
    exclude: Option<ego_tree::NodeId>,
    /// The caption of the figure being read, for the table inside it.
    table_caption: Option<String>,
}

impl Walk<'_, '_> {
    /// Ends the paragraph being gathered (in inline content, a space).
    fn flush(&mut self) {
        if self.inline_only {
            self.paragraph.push(" ", &Style::default());
        } else if let Some(content) = self.paragraph.take() {
            self.push(Block::Paragraph(content));
        }
    }

    fn drop_element(&mut self, description: String) {
        *self.dropped.entry(description).or_default() += 1;
    }

    fn children(&mut self, node: NodeRef<'_, Node>, style: Style, depth: usize) {
        for child in node.children() {
            match child.value() {
                Node::Text(text) => self.paragraph.push(text, &style),
                Node::Element(_) => {
                    if let Some(element) = ElementRef::wrap(child) {
                        self.element(element, &style, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef<'_>, style: &Style, depth: usize) {
        let name = element.value().name();
        if (self.context.skip)(element) || self.exclude == Some(element.id()) {
            return;
        }
        if DROPPED.contains(&name) {
            self.drop_element(format!("<{name}>"));
            return;
        }
        if depth > MAX_DEPTH {
            self.flattened = true;
            self.paragraph.push(&visible_text(element), style);
            return;
        }
        if let Some(style) = inline_style(element, style, self) {
            if is_footnote_reference(element) {
                let label = collapse_white_space(&element.text().collect::<String>());
                self.paragraph
                    .push(&format!("[{label}]"), &Style::default());
                return;
            }
            self.children(*element, style, depth);
            return;
        }
        if self.inline_only {
            match name {
                "img" | "picture" => {
                    let figure = self.figure_of(element, None, None);
                    self.defer_figure(figure);
                }
                "br" => self.paragraph.push(" ", style),
                _ => {
                    self.paragraph.push(" ", style);
                    self.children(*element, style.clone(), depth);
                    self.paragraph.push(" ", style);
                }
            }
            return;
        }
        match name {
            "br" => self.paragraph.push(" ", style),
            "wbr" => {}
            "img" | "picture" => {
                self.flush();
                let figure = self.figure_of(element, None, None);
                self.defer_figure(figure);
                self.blocks.append(&mut self.deferred);
            }
            "p" => {
                self.flush();
                self.children(*element, style.clone(), depth);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = match name {
                    "h1" | "h2" => HeadingLevel::H2,
                    "h3" => HeadingLevel::H3,
                    _ => HeadingLevel::H4,
                };
                if let Some(content) = self.inline_of(element, style, depth) {
                    self.push(Block::Heading { level, content });
                }
            }
            "blockquote" => {
                self.flush();
                self.quote(element, element_has_class(element, "pullquote"), depth);
            }
            "ul" | "ol" => {
                self.flush();
                let items = self.list_items(element, depth);
                if !items.is_empty() {
                    self.push(Block::List {
                        ordered: name == "ol",
                        items,
                    });
                }
            }
            "hr" => {
                self.flush();
                self.push(Block::Divider);
            }
            "pre" => {
                self.flush();
                let text: String = element.text().collect();
                let text = text.trim_end().to_string();
                if !text.trim().is_empty() {
                    self.push(Block::Paragraph(Inline(vec![Run {
                        text,
                        marks: Marks {
                            code: true,
                            ..Marks::default()
                        },
                        href: None,
                    }])));
                    self.context.notes.add_once(
                        "preformatted text became a code paragraph (its line breaks are not kept)",
                    );
                }
            }
            "table" => {
                self.flush();
                let caption = self.table_caption.take();
                self.table(element, caption, depth);
            }
            "figure" => {
                self.flush();
                self.figure(element, depth);
                self.flush();
            }
            "iframe" | "video" | "audio" => {
                self.flush();
                self.media(element);
            }
            // A Ghost callout (an emoji and a sentence in two boxes) is one paragraph.
            _ if element_has_class(element, "kg-callout-card") => {
                self.flush();
                if let Some(content) = self.inline_of(element, style, depth) {
                    self.push(Block::Paragraph(content));
                }
            }
            _ if is_footnote_definition(element) => {
                self.flush();
                let label = element
                    .child_elements()
                    .find(|e| element_has_class(*e, "footnote-definition-label"))
                    .map(|e| collapse_white_space(&e.text().collect::<String>()))
                    .unwrap_or_default();
                self.paragraph.push(&format!("[{label}] "), style);
                for child in element.children() {
                    match (child.value(), ElementRef::wrap(child)) {
                        (Node::Text(text), _) => self.paragraph.push(text, style),
                        (_, Some(e)) if element_has_class(e, "footnote-definition-label") => {}
                        // The definition's own paragraphs run on after its label.
                        (_, Some(e)) if e.value().name() == "p" => {
                            self.children(*e, style.clone(), depth + 1);
                            self.paragraph.push(" ", style);
                        }
                        (_, Some(e)) => self.element(e, style, depth + 1),
                        _ => {}
                    }
                }
                self.flush();
                self.context
                    .notes
                    .add_once("footnotes became numbered paragraphs at the end");
            }
            // Any other element is a container: its content, with a paragraph break around it.
            _ => {
                let block_level = is_block_level(name);
                if block_level {
                    self.flush();
                }
                self.children(*element, style.clone(), depth);
                if block_level {
                    self.flush();
                }
            }
        }
    }

    /// The inline content of an element (a heading, a list item, a quote, a caption): block
    /// structure inside it is read as text with a space for each break, and images inside it
    /// are kept to follow the block it makes.
    fn inline_of(
        &mut self,
        element: ElementRef<'_>,
        style: &Style,
        depth: usize,
    ) -> Option<Inline> {
        let outer = std::mem::take(&mut self.paragraph);
        let was_inline_only = std::mem::replace(&mut self.inline_only, true);
        self.children(*element, style.clone(), depth);
        self.inline_only = was_inline_only;
        let content = self.paragraph.take();
        self.paragraph = outer;
        content
    }

    /// Pushes a block, then the images met inside it.
    fn push(&mut self, block: Block) {
        self.blocks.push(block);
        if !self.inline_only {
            self.blocks.append(&mut self.deferred);
        }
    }
}

/// Block construction for the elements that map to one Folio block each.
impl Walk<'_, '_> {
    fn quote(&mut self, element: ElementRef<'_>, pull: bool, depth: usize) {
        // A `<cite>` or `<footer>` inside the quote names its source.
        let cite_element = element
            .descendent_elements()
            .find(|e| matches!(e.value().name(), "cite" | "footer"));
        let cite = cite_element
            .map(|e| collapse_white_space(&e.text().collect::<String>()))
            .filter(|c| !c.is_empty());
        let outer = std::mem::replace(&mut self.exclude, cite_element.map(|e| e.id()));
        let content = self.inline_of(element, &Style::default(), depth);
        self.exclude = outer;
        if let Some(content) = content {
            self.push(if pull {
                Block::Pullquote(content)
            } else {
                Block::Quote { content, cite }
            });
        }
    }

    /// A list's items; a nested list's items follow their parent item, marked with a dash.
    fn list_items(&mut self, list: ElementRef<'_>, depth: usize) -> Vec<Inline> {
        let mut items = Vec::new();
        for item in list.child_elements().filter(|e| e.value().name() == "li") {
            let nested: Vec<ElementRef<'_>> = item
                .child_elements()
                .filter(|e| matches!(e.value().name(), "ul" | "ol"))
                .collect();
            let outer = self.exclude;
            // Read the item without its nested lists, then each nested list.
            let mut content = Runs::default();
            let saved = std::mem::take(&mut self.paragraph);
            let was_inline_only = std::mem::replace(&mut self.inline_only, true);
            for child in item.children() {
                match (child.value(), ElementRef::wrap(child)) {
                    (Node::Text(text), _) => self.paragraph.push(text, &Style::default()),
                    (_, Some(e)) if nested.iter().any(|n| n.id() == e.id()) => {}
                    (_, Some(e)) => self.element(e, &Style::default(), depth + 1),
                    _ => {}
                }
            }
            self.inline_only = was_inline_only;
            std::mem::swap(&mut content, &mut self.paragraph);
            self.paragraph = saved;
            self.exclude = outer;
            items.extend(content.take());
            for list in nested {
                self.context
                    .notes
                    .add_once("nested lists were flattened (their items start with a dash)");
                for nested_item in self.list_items(list, depth + 1) {
                    let mut runs = vec![Run {
                        text: "– ".into(),
                        ..Run::default()
                    }];
                    runs.extend(nested_item.0);
                    items.push(joined(runs));
                }
            }
        }
        items
    }

    /// A `<table>`: a table block, its caption from `<caption>` or else `caption` (a figure's);
    /// its first row is the header when it is in `<thead>` or all `<th>`. A cell spanning
    /// columns is followed by empty cells, so the columns after it stay in line. A table beyond
    /// a table block's limits becomes a list instead, one item per row, so no text is lost.
    fn table(&mut self, table: ElementRef<'_>, caption: Option<String>, depth: usize) {
        let caption = table
            .child_elements()
            .find(|e| e.value().name() == "caption")
            .map(|caption| collapse_white_space(&caption.text().collect::<String>()))
            .filter(|caption| !caption.is_empty())
            .or(caption);
        let mut header = None;
        let mut rows: Vec<Vec<Inline>> = Vec::new();
        for row in table
            .descendent_elements()
            .filter(|e| e.value().name() == "tr")
        {
            let in_head = row
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|parent| parent.value().name() == "thead");
            let mut all_headers = true;
            let mut cells = Vec::new();
            for cell in row
                .child_elements()
                .filter(|e| matches!(e.value().name(), "td" | "th"))
            {
                all_headers &= cell.value().name() == "th";
                cells.push(
                    self.inline_of(cell, &Style::default(), depth)
                        .unwrap_or_default(),
                );
                let span = cell
                    .value()
                    .attr("colspan")
                    .and_then(|span| span.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, Table::MAX_COLUMNS);
                if span > 1 {
                    self.context.notes.add_once(
                        "a cell spanning several columns became one cell followed by empty ones",
                    );
                }
                cells.extend(iter::repeat_n(Inline::default(), span.saturating_sub(1)));
            }
            if cells.is_empty() {
                continue;
            }
            if header.is_none() && rows.is_empty() && (in_head || all_headers) {
                header = Some(cells);
            } else {
                rows.push(cells);
            }
        }
        if rows.is_empty() {
            // A table of headers alone: its cells are its content.
            rows.extend(header.take());
        }
        let columns = header.iter().chain(&rows).map(Vec::len).max().unwrap_or(0);
        if rows.len() > Table::MAX_ROWS || columns > Table::MAX_COLUMNS {
            self.context.notes.add(format!(
                "a table of {} rows and {columns} columns is larger than a table block holds \
                 ({} rows of {} cells): it became a list, one item per row",
                rows.len(),
                Table::MAX_ROWS,
                Table::MAX_COLUMNS
            ));
            if let Some(caption) = caption {
                self.push(text_paragraph(caption));
            }
            let items = header.into_iter().chain(rows).map(row_as_item).collect();
            self.push(Block::List {
                ordered: false,
                items,
            });
        } else if !rows.is_empty() {
            self.push(Block::Table(Table {
                caption,
                header,
                rows,
            }));
        } else if let Some(caption) = caption {
            self.push(text_paragraph(caption));
        }
    }

    /// A `<figure>`: an image with its caption, several images (a gallery), a quote, or an
    /// embedded post or video (a link card).
    fn figure(&mut self, figure: ElementRef<'_>, depth: usize) {
        let caption_element = figure
            .descendent_elements()
            .find(|e| e.value().name() == "figcaption");
        let caption = caption_element
            .map(|c| collapse_white_space(&caption_text(c)))
            .filter(|c| !c.is_empty());
        let credit = caption_element.and_then(credit_of);
        let images: Vec<ElementRef<'_>> = figure
            .descendent_elements()
            .filter(|e| e.value().name() == "img" && !(self.context.skip)(*e))
            .collect();
        if let Some(quote) = figure
            .descendent_elements()
            .find(|e| e.value().name() == "blockquote")
        {
            let pull =
                element_has_class(figure, "pullquote") || element_has_class(quote, "pullquote");
            self.quote(quote, pull, depth);
            return;
        }
        if figure
            .descendent_elements()
            .any(|e| e.value().name() == "table")
        {
            // A table's figure (WordPress's table block): the figure's caption is the table's.
            let outer = std::mem::replace(&mut self.exclude, caption_element.map(|e| e.id()));
            self.table_caption = caption;
            self.children(*figure, Style::default(), depth);
            self.flush();
            self.exclude = outer;
            // A caption that no table took (the table had no cells) is still the figure's.
            if let Some(caption) = self.table_caption.take() {
                self.push(text_paragraph(caption));
            }
            return;
        }
        if let Some(url) = embed_url(figure, self.context.base) {
            if let Some(player) = video_player(&url) {
                let frame = figure
                    .descendent_elements()
                    .find(|e| e.value().name() == "iframe");
                let title = frame
                    .and_then(|frame| frame.attr("title"))
                    .map(collapse_white_space)
                    .filter(|title| !title.is_empty())
                    .or_else(|| caption.clone());
                let shape = frame
                    .and_then(frame_shape)
                    .or_else(|| wordpress_aspect(figure));
                self.hosted_video(player, title, shape, caption, credit);
                return;
            }
            let title = caption.clone().or_else(|| {
                figure
                    .descendent_elements()
                    .find(|e| element_has_class(*e, "kg-bookmark-title"))
                    .map(|e| collapse_white_space(&e.text().collect::<String>()))
            });
            self.embed(url, title);
            return;
        }
        match images.as_slice() {
            [] => {
                // A figure of something else (a video): its content, then its caption.
                self.children(*figure, Style::default(), depth);
                self.flush();
                if figure
                    .descendent_elements()
                    .any(|e| matches!(e.value().name(), "video" | "audio"))
                {
                    return;
                }
                if let Some(caption) = caption {
                    self.push(text_paragraph(caption));
                }
            }
            [image] => {
                let figure = self.figure_of(*image, caption, credit);
                self.defer_figure(figure);
                self.blocks.append(&mut self.deferred);
            }
            many => {
                // A gallery (WordPress's, Ghost's card): each image with its own caption, and the
                // gallery's own caption (a `figcaption` of the outer figure).
                let mut figures = Vec::new();
                for image in many {
                    let own = image
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .take_while(|e| e.id() != figure.id())
                        .find(|e| e.value().name() == "figure")
                        .and_then(|f| {
                            f.descendent_elements()
                                .find(|e| e.value().name() == "figcaption")
                        })
                        .map(|c| collapse_white_space(&caption_text(c)))
                        .filter(|c| !c.is_empty());
                    figures.push(self.figure_of(*image, own, None));
                }
                let caption = caption.filter(|_| {
                    caption_element.is_some_and(|c| {
                        c.parent()
                            .and_then(ElementRef::wrap)
                            .is_some_and(|p| p.id() == figure.id())
                    })
                });
                // Images left out (their size unknown) keep their captions, after the gallery.
                let (shown, unshown): (Vec<Figure>, Vec<Figure>) =
                    figures.into_iter().partition(|f| f.image.is_some());
                let mut rest = Vec::new();
                for part in shown.chunks(GALLERY_MAX_IMAGES) {
                    if let [one] = part {
                        rest.push(one.clone());
                    } else {
                        self.blocks.push(Block::Gallery {
                            images: part.to_vec(),
                            caption: caption.clone(),
                        });
                    }
                }
                if shown.len() > GALLERY_MAX_IMAGES {
                    self.context.notes.add(format!(
                        "a gallery of {} images became galleries of at most {GALLERY_MAX_IMAGES}",
                        shown.len()
                    ));
                }
                let gallery_made = shown.len() >= 2;
                for figure in rest.into_iter().chain(unshown) {
                    self.defer_figure(figure);
                }
                self.blocks.append(&mut self.deferred);
                if let Some(caption) = caption.filter(|_| !gallery_made) {
                    self.push(text_paragraph(caption));
                }
            }
        }
    }

    /// An iframe, video or audio element: a link card to what it shows, when that is a web
    /// address; never the player itself.
    fn media(&mut self, element: ElementRef<'_>) {
        let name = element.value().name();
        let src = element.attr("src").or_else(|| {
            element
                .child_elements()
                .find(|e| e.value().name() == "source")
                .and_then(|source| source.attr("src"))
        });
        let url = src.and_then(|src| {
            folio_model::check_url(&resolve_url(self.context.base, src), UrlUse::Web).ok()
        });
        if let Some(player) = url.as_deref().and_then(video_player) {
            let title = element
                .attr("title")
                .map(collapse_white_space)
                .filter(|title| !title.is_empty());
            self.hosted_video(player, title, frame_shape(element), None, None);
            return;
        }
        match url {
            Some(url) => {
                let title = element.attr("title").map(collapse_white_space);
                self.context.notes.add(format!(
                    "<{name}> {url} became a link card (Folio shows no third-party player)"
                ));
                self.embed(url, title);
            }
            None => self.drop_element(format!("<{name}> without a web address")),
        }
    }

    /// A video platform's player: a hosted video block, which plays only where the site's
    /// configuration allows the player (the note says so).
    fn hosted_video(
        &mut self,
        player: String,
        title: Option<String>,
        shape: Option<(u32, u32)>,
        caption: Option<String>,
        credit: Option<String>,
    ) {
        let (width, height) = shape.unwrap_or((16, 9));
        self.context.notes.add(format!(
            "{player} became a hosted video: it plays on the page where video.players in \
             folio.config.json lists its player, and is a link elsewhere"
        ));
        self.push(Block::HostedVideo(HostedVideo {
            player,
            // A frame needs a name; the platform's pages always have one.
            title: title.unwrap_or_else(|| "Video".to_string()),
            poster: None,
            width,
            height,
            caption,
            credit,
        }));
    }

    fn embed(&mut self, url: String, title: Option<String>) {
        self.push(Block::Embed {
            url,
            title: title.filter(|t| !t.is_empty()),
        });
    }

    /// The figure for an `<img>` (or `<picture>`), with the size the source or the options
    /// give it; without a size the image is left out (the caller is told) and the caption kept.
    fn figure_of(
        &mut self,
        element: ElementRef<'_>,
        caption: Option<String>,
        credit: Option<String>,
    ) -> Figure {
        let img = if element.value().name() == "img" {
            Some(element)
        } else {
            element
                .descendent_elements()
                .find(|e| e.value().name() == "img")
        };
        let image = img.and_then(|img| {
            self.context
                .images
                .image(img, self.context.base, self.context.notes)
        });
        Figure {
            image,
            caption,
            credit,
        }
    }

    /// Places a figure after the current block; a figure whose image was left out keeps its
    /// caption as a paragraph.
    fn defer_figure(&mut self, figure: Figure) {
        match figure {
            Figure { image: Some(_), .. } => self.deferred.push(Block::Image(figure)),
            Figure {
                caption: Some(caption),
                ..
            } => self.deferred.push(Block::Paragraph(Inline(vec![Run {
                text: caption,
                ..Run::default()
            }]))),
            _ => {}
        }
    }
}

/// The style inside an inline element, or `None` for an element that is not inline.
fn inline_style(element: ElementRef<'_>, style: &Style, walk: &mut Walk<'_, '_>) -> Option<Style> {
    let mut style = style.clone();
    match element.value().name() {
        "strong" | "b" => style.marks.bold = true,
        "em" | "i" | "cite" | "dfn" | "var" => style.marks.italic = true,
        "code" | "kbd" | "samp" | "tt" => style.marks.code = true,
        "s" | "del" | "strike" => style.marks.strike = true,
        "a" => {
            style.href = element.attr("href").and_then(|href| {
                let resolved = resolve_url(walk.context.base, href);
                match folio_model::check_href(&resolved) {
                    Ok(href) => Some(href),
                    Err(reason) => {
                        walk.drop_element(format!("a link ({reason}); its text was kept"));
                        None
                    }
                }
            });
        }
        "span" | "u" | "ins" | "mark" | "small" | "sub" | "sup" | "abbr" | "time" | "q"
        | "label" | "font" | "bdi" | "bdo" | "data" | "big" => {}
        _ => return None,
    }
    Some(style)
}

fn element_has_class(element: ElementRef<'_>, fragment: &str) -> bool {
    element
        .value()
        .classes()
        .any(|class| class.contains(fragment))
}

/// `<sup class="footnote-reference">` (pulldown-cmark) or `<sup><a href="#fn1">`.
fn is_footnote_reference(element: ElementRef<'_>) -> bool {
    element.value().name() == "sup"
        && (element_has_class(element, "footnote-ref")
            || element.child_elements().any(|a| {
                a.attr("href")
                    .is_some_and(|h| h.starts_with("#fn") || h.starts_with("#footnote"))
            }))
}

fn is_footnote_definition(element: ElementRef<'_>) -> bool {
    element_has_class(element, "footnote-definition")
}

fn is_block_level(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "address"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "center"
            | "fieldset"
            | "legend"
            | "hgroup"
            | "li"
            | "body"
            | "html"
            | "figcaption"
            | "caption"
            | "tr"
            | "td"
            | "th"
    )
}

/// A caption's text without its credit line.
fn caption_text(caption: ElementRef<'_>) -> String {
    let credit = credit_element(caption);
    caption
        .descendants()
        .filter(|node| {
            !node
                .ancestors()
                .any(|a| credit.is_some_and(|c| c.id() == a.id()))
        })
        .filter_map(|node| match node.value() {
            Node::Text(text) => Some(text.to_string()),
            _ => None,
        })
        .collect()
}

fn credit_element(caption: ElementRef<'_>) -> Option<ElementRef<'_>> {
    caption.descendent_elements().find(|e| {
        e.id() != caption.id()
            && (element_has_class(*e, "credit") || matches!(e.value().name(), "cite" | "small"))
    })
}

fn credit_of(caption: ElementRef<'_>) -> Option<String> {
    credit_element(caption)
        .map(|e| collapse_white_space(&e.text().collect::<String>()))
        .filter(|c| !c.is_empty())
}

/// The player of a video on YouTube or Vimeo, from its page's address or its player's (the
/// platforms' embed codes and WordPress's video embeds give one or the other); `None` for any
/// other address. YouTube's player is its privacy-enhanced one, which sets no cookie until
/// the video plays.
fn video_player(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let segments: Vec<&str> = parsed.path_segments()?.filter(|s| !s.is_empty()).collect();
    let youtube = |id: &str| {
        let valid = (1..=64).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
        valid.then(|| format!("https://www.youtube-nocookie.com/embed/{id}"))
    };
    let vimeo = |id: &str| {
        (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("https://player.vimeo.com/video/{id}"))
    };
    match (host, segments.as_slice()) {
        ("youtube.com" | "youtube-nocookie.com", ["watch"]) => {
            let id = parsed.query_pairs().find(|(key, _)| key == "v")?.1;
            youtube(&id)
        }
        ("youtube.com" | "youtube-nocookie.com", ["embed" | "shorts", id]) | ("youtu.be", [id]) => {
            youtube(id)
        }
        ("vimeo.com", [id]) | ("player.vimeo.com", ["video", id]) => vimeo(id),
        _ => None,
    }
}

/// A player frame's proportions from its `width` and `height` attributes.
fn frame_shape(frame: ElementRef<'_>) -> Option<(u32, u32)> {
    let side = |name| {
        frame
            .attr(name)?
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|side| (1..=20_000).contains(side))
    };
    Some((side("width")?, side("height")?))
}

/// WordPress's embed figures name their shape in a class: `wp-embed-aspect-16-9`.
fn wordpress_aspect(figure: ElementRef<'_>) -> Option<(u32, u32)> {
    figure.value().classes().find_map(|class| {
        let (width, height) = class.strip_prefix("wp-embed-aspect-")?.split_once('-')?;
        let side = |text: &str| {
            text.parse::<u32>()
                .ok()
                .filter(|side| (1..=100).contains(side))
        };
        Some((side(width)?, side(height)?))
    })
}

/// The address an embed figure shows: WordPress's `wp-block-embed` (the URL is its text),
/// Ghost's bookmark and embed cards, or a figure around an iframe.
fn embed_url(figure: ElementRef<'_>, base: Option<&url::Url>) -> Option<String> {
    let candidate = if element_has_class(figure, "wp-block-embed") {
        figure
            .descendent_elements()
            .find(|e| element_has_class(*e, "wp-block-embed__wrapper"))
            .map(|wrapper| {
                wrapper
                    .descendent_elements()
                    .find_map(|e| e.attr("src").or_else(|| e.attr("href")).map(str::to_string))
                    .unwrap_or_else(|| collapse_white_space(&wrapper.text().collect::<String>()))
            })
    } else if element_has_class(figure, "kg-bookmark-card")
        || element_has_class(figure, "kg-embed-card")
    {
        figure
            .descendent_elements()
            .find_map(|e| match e.value().name() {
                "a" => e.attr("href"),
                "iframe" => e.attr("src"),
                _ => None,
            })
            .map(str::to_string)
    } else {
        figure
            .descendent_elements()
            .find(|e| e.value().name() == "iframe")
            .and_then(|iframe| iframe.attr("src"))
            .map(str::to_string)
    }?;
    folio_model::check_url(&resolve_url(base, candidate.trim()), UrlUse::Web).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(html: &str) -> (Vec<Block>, Notes) {
        let base = url::Url::parse("https://source.example/2026/story/").unwrap();
        let mut images = ImageSizes::default();
        let mut notes = Notes::default();
        let blocks = blocks_from_html(
            html,
            &mut MapContext {
                base: Some(&base),
                images: &mut images,
                notes: &mut notes,
                skip: &|_| false,
            },
        );
        (blocks, notes)
    }

    fn runs(block: &Block) -> Vec<(String, Marks, Option<Href>)> {
        let Block::Paragraph(Inline(runs)) = block else {
            panic!("not a paragraph: {block:?}");
        };
        runs.iter()
            .map(|r| (r.text.clone(), r.marks, r.href.clone()))
            .collect()
    }

    #[test]
    fn white_space_collapses_as_a_browser_would_show_it() {
        let (blocks, _) = map("<p>\n  Two   words <em> and </em>\tmore \n</p>");
        assert_eq!(
            runs(&blocks[0]),
            [
                ("Two words ".into(), Marks::default(), None),
                (
                    "and ".into(),
                    Marks {
                        italic: true,
                        ..Marks::default()
                    },
                    None
                ),
                ("more".into(), Marks::default(), None),
            ]
        );
    }

    #[test]
    fn marks_nest_and_links_resolve_against_the_source() {
        let (blocks, _) =
            map(r#"<p><a href="../other/"><strong>Bold <code>x</code></strong></a></p>"#);
        let link = Some(Href::Url("https://source.example/2026/other/".into()));
        let bold = Marks {
            bold: true,
            ..Marks::default()
        };
        let bold_code = Marks {
            bold: true,
            code: true,
            ..Marks::default()
        };
        assert_eq!(
            runs(&blocks[0]),
            [
                ("Bold ".into(), bold, link.clone()),
                ("x".into(), bold_code, link)
            ]
        );
    }

    #[test]
    fn loose_text_and_images_inside_paragraphs_keep_their_order() {
        let (blocks, _) = map(
            r#"Before<p>One <img src="/a.jpg" width="4" height="3" alt="A"> two</p><div>After</div>"#,
        );
        let kinds: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(content) => content.plain_text(),
                Block::Image(figure) => format!("image {}", figure.image.as_ref().unwrap().src),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                "Before",
                "One",
                "image https://source.example/a.jpg",
                "two",
                "After"
            ]
        );
    }

    #[test]
    fn tables_become_table_blocks_with_their_columns_in_line() {
        let (blocks, notes) = map(
            "<figure><table><thead><tr><th>Site</th><th>Plots</th><th>Water</th></tr></thead>\
             <tbody><tr><td colspan=\"2\">Depot</td><td>Mains</td></tr>\
             <tr><td>Strip</td><td></td><td><b>Tanks</b></td></tr></tbody></table>\
             <figcaption>New sites</figcaption></figure>",
        );
        let [Block::Table(table)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(table.caption.as_deref(), Some("New sites"));
        let text = |row: &Vec<Inline>| row.iter().map(Inline::plain_text).collect::<Vec<_>>();
        assert_eq!(
            text(table.header.as_ref().unwrap()),
            ["Site", "Plots", "Water"]
        );
        assert_eq!(text(&table.rows[0]), ["Depot", "", "Mains"]);
        assert_eq!(text(&table.rows[1]), ["Strip", "", "Tanks"]);
        assert!(
            notes
                .iter()
                .any(|note| note.contains("spanning several columns"))
        );

        // Wider than a table block: a list, nothing lost.
        let cells: String = (1..=25).map(|n| format!("<td>c{n}</td>")).collect();
        let (blocks, notes) = map(&format!("<table><tr>{cells}</tr></table>"));
        let [Block::List { items, .. }] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert!(items[0].plain_text().ends_with("c24 | c25"));
        assert!(
            notes
                .iter()
                .any(|note| note.contains("1 rows and 25 columns"))
        );
    }

    #[test]
    fn what_cannot_be_kept_is_named() {
        let (blocks, notes) = map(
            r#"<p>Kept</p><script>x()</script><script>y()</script><p><a href="javascript:x()">text</a></p>"#,
        );
        assert_eq!(blocks.len(), 2);
        assert_eq!(runs(&blocks[1]), [("text".into(), Marks::default(), None)]);
        let notes: Vec<&String> = notes.iter().collect();
        assert!(
            notes
                .iter()
                .any(|n| n.as_str() == "dropped <script> (2 times)"),
            "{notes:?}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("javascript: URLs are not allowed")),
            "{notes:?}"
        );
    }

    #[test]
    fn markup_too_deep_to_walk_keeps_its_text_but_not_its_scripts() {
        let deep = format!(
            "{}words<script>steal()</script> more{}",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        let (blocks, notes) = map(&deep);
        assert_eq!(
            runs(&blocks[0]),
            [("words more".into(), Marks::default(), None)]
        );
        assert!(
            notes
                .iter()
                .any(|n| n.contains("nested deeper than 64 levels"))
        );
    }

    #[test]
    fn headings_map_to_the_three_body_levels() {
        let (blocks, _) = map("<h1>A</h1><h2>B</h2><h3>C</h3><h5>D</h5>");
        let levels: Vec<HeadingLevel> = blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, .. } => *level,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            levels,
            [
                HeadingLevel::H2,
                HeadingLevel::H2,
                HeadingLevel::H3,
                HeadingLevel::H4
            ]
        );
    }
}
