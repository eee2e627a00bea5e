//! One component per route.

mod article;
mod front;
mod not_found;

pub use article::{ArticleLoader, ArticlePage, PrerenderedArticle};
pub use front::FrontPage;
pub use not_found::NotFound;
