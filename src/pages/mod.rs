//! One component per route, and the document loading they share (`DocumentLoader`).

mod article;
mod document;
mod listing;
mod not_found;

pub use article::{ArticleLoader, ArticlePage, PrerenderedArticle};
pub use document::DocumentLoader;
pub use listing::{ListingPage, PrerenderedListing};
pub use not_found::NotFound;
