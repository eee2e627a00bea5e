//! The parts pages are made of, one component per file.

mod ad_slot;
mod article;
mod article_list;
mod blocks;
mod byline;
mod compact;
mod error_view;
mod figure;
mod inline;
mod link;
mod related;
mod skeleton;

pub use ad_slot::{AdSlot, AdTargeting};
pub use article::ArticleView;
pub use article_list::ArticleList;
pub use blocks::Blocks;
pub use byline::Byline;
pub use compact::CompactArticle;
pub use error_view::ErrorView;
pub use figure::{FigureView, ImageView, Loading};
pub use inline::InlineContent;
pub use link::Link;
pub use related::RelatedLinks;
pub use skeleton::{ArticleSkeleton, ListSkeleton};
