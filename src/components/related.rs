use folio_model::Related;
use leptos::prelude::*;

use crate::components::{ImageView, Link, Loading};
use crate::i18n::use_strings;

/// Further reading, in a labelled landmark. Links to other articles of the site navigate
/// without a reload.
#[component]
pub fn RelatedLinks(related: Vec<Related>) -> impl IntoView {
    view! {
        <aside class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">{use_strings().related}</h2>
            <ul>
                {related
                    .into_iter()
                    .map(|Related { title, href, section, image, published }| {
                        view! {
                            <li class="related-item">
                                {image.map(|image| view! { <ImageView image loading=Loading::Lazy /> })}
                                <div>
                                    {section.map(|section| view! { <p class="section">{section}</p> })}
                                    <p class="related-title">
                                        <Link href>{title}</Link>
                                    </p>
                                    {published
                                        .map(|published| {
                                            view! {
                                                <time datetime=published.as_str().to_string()>
                                                    {published.date()}
                                                </time>
                                            }
                                        })}
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </aside>
    }
}
