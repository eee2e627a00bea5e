//! The parts pages are made of, one component per file.

mod ad_slot;
mod article;
mod article_head;
mod blocks;
mod byline;
mod compact;
mod corrections;
mod error_view;
mod figure;
mod gallery;
mod inline;
mod key_points;
mod last_resort;
mod link;
mod listing;
mod live_coverage;
mod local_time;
mod media;
mod paragraph_link;
mod reader_controls;
mod related;
mod saved_articles;
mod saved_copy_note;
mod share_button;
mod site_chrome;
mod skeleton;
mod table;

pub use ad_slot::{AdSlot, AdTargeting};
pub use article::{ARTICLE_BODY_ID, ArticleView};
pub use article_head::{ArticleHead, PageTitle};
pub use blocks::Blocks;
pub use byline::Byline;
pub use compact::CompactArticle;
pub use corrections::{CORRECTIONS_ID, CorrectedLine, CorrectionsNote};
pub use error_view::ErrorView;
pub use figure::{CaptionAndCredit, FigureCaption, FigureView, ImageView, Loading};
pub use gallery::GalleryView;
pub use inline::InlineContent;
pub use key_points::KeyPoints;
pub use last_resort::LastResort;
pub use link::Link;
pub use listing::{
    LISTING_ARTICLES_ID, ListingName, ListingView, SectionLabel, listing_page_title,
};
pub use live_coverage::LiveCoverage;
pub use local_time::LocalTime;
pub use media::{AudioView, HostedVideoView, VideoView};
pub use paragraph_link::ParagraphLink;
pub use reader_controls::ReaderControls;
pub use related::RelatedLinks;
pub use saved_articles::SavedArticles;
pub use saved_copy_note::SavedCopyNote;
pub use share_button::ShareButton;
pub use site_chrome::SiteChrome;
pub use skeleton::{ArticleSkeleton, ListSkeleton};
pub use table::TableView;
