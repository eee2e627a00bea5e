//! Views that render to HTML, hydrate and take attributes exactly as the view they wrap, and
//! differ only in how the browser builds them ([`Building`]): the takeover's `FromNodes` builds
//! from nodes already in the document; [`Replaced`] builds anew where Leptos would update the
//! old view in place.

use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};

/// How a [`Wrapped`] view is built, and rebuilt, in the browser.
pub trait Building: Send + 'static {
    fn build<V: RenderHtml>(self, view: V) -> V::State;
    fn rebuild<V: RenderHtml>(self, view: V, state: &mut V::State);
}

/// `view`, built and rebuilt in the browser as `building` says; otherwise `view` itself.
pub struct Wrapped<V, B> {
    pub view: V,
    pub building: B,
}

/// Built anew where Leptos would update the old view in place: the new one takes the old one's
/// place in the document.
pub struct Replaced;

impl Building for Replaced {
    fn build<V: RenderHtml>(self, view: V) -> V::State {
        view.build()
    }

    fn rebuild<V: RenderHtml>(self, view: V, state: &mut V::State) {
        let mut new = view.build();
        // In the old one's place, when that is in the document.
        if state.insert_before_this(&mut new) {
            state.unmount();
        }
        *state = new;
    }
}

/// `view`, replaced rather than updated when it is rendered again ([`Replaced`]).
pub fn replaced<V>(view: V) -> Wrapped<V, Replaced> {
    Wrapped {
        view,
        building: Replaced,
    }
}

impl<V: RenderHtml, B: Building> Render for Wrapped<V, B> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.building.build(self.view)
    }

    fn rebuild(self, state: &mut Self::State) {
        self.building.rebuild(self.view, state);
    }
}

impl<V: RenderHtml, B: Building> AddAnyAttr for Wrapped<V, B> {
    type Output<SomeNewAttr: Attribute> = Wrapped<V::Output<SomeNewAttr>, B>;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        Wrapped {
            view: self.view.add_any_attr(attr),
            building: self.building,
        }
    }
}

impl<V: RenderHtml, B: Building> RenderHtml for Wrapped<V, B> {
    type AsyncOutput = Wrapped<V::AsyncOutput, B>;
    type Owned = Wrapped<V::Owned, B>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;

    fn dry_resolve(&mut self) {
        self.view.dry_resolve();
    }

    async fn resolve(self) -> Self::AsyncOutput {
        Wrapped {
            view: self.view.resolve().await,
            building: self.building,
        }
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.view
            .to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(
        self,
        cursor: &Cursor,
        position: &PositionState,
    ) -> Self::State {
        self.view.hydrate::<FROM_SERVER>(cursor, position)
    }

    fn into_owned(self) -> Self::Owned {
        Wrapped {
            view: self.view.into_owned(),
            building: self.building,
        }
    }
}
