//! One component per route, and the document loading they share (`DocumentLoader`).

mod article;
mod document;
mod front;
mod not_found;

pub use article::{ArticleLoader, ArticlePage, PrerenderedArticle};
pub use document::DocumentLoader;
pub use front::FrontPage;
pub use not_found::NotFound;
