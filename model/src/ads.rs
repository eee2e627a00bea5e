//! Where an article's advertisement slots go.
//!
//! Placement depends on the article and the configuration only, never on the viewport, so a
//! prerendered page and the app put the same slots in the same places. The viewport chooses
//! only which of a slot's sizes is shown, and CSS does that, at [`DESKTOP_MIN_WIDTH_PX`].

use crate::article::{AdSize, Block};
use crate::config::AdPolicy;

/// From this viewport width (CSS pixels) up, slots take their desktop size.
pub const DESKTOP_MIN_WIDTH_PX: u32 = 768;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotPosition {
    Top,
    Body,
    Bottom,
}

/// One slot: its id (stable per article and position), where it is, and its size on narrow
/// and wide viewports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdSlotSpec {
    /// `top`, `body-1`, `body-2`, …, `bottom`.
    pub id: String,
    /// 1, 2, 3, … in page order: slots are told apart by it where they are named (each is a
    /// landmark, and landmarks need names of their own).
    pub ordinal: usize,
    pub position: SlotPosition,
    pub mobile: AdSize,
    pub desktop: AdSize,
}

impl AdSlotSpec {
    fn top() -> AdSlotSpec {
        AdSlotSpec {
            id: "top".into(),
            ordinal: 0,
            position: SlotPosition::Top,
            mobile: AdSize::Fixed {
                width: 320,
                height: 50,
            },
            desktop: AdSize::Fixed {
                width: 728,
                height: 90,
            },
        }
    }

    fn bottom() -> AdSlotSpec {
        AdSlotSpec {
            id: "bottom".into(),
            ordinal: 0,
            position: SlotPosition::Bottom,
            mobile: AdSize::MEDIUM_RECTANGLE,
            desktop: AdSize::MEDIUM_RECTANGLE,
        }
    }

    fn body(number: usize, size: AdSize) -> AdSlotSpec {
        AdSlotSpec {
            id: format!("body-{number}"),
            ordinal: 0,
            position: SlotPosition::Body,
            mobile: size,
            desktop: size,
        }
    }

    /// Every size the slot accepts, largest first, without repeats.
    pub fn sizes(&self) -> Vec<AdSize> {
        if self.mobile == self.desktop {
            vec![self.desktop]
        } else {
            vec![self.desktop, self.mobile]
        }
    }
}

/// The body with its slots in place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyItem {
    /// The block at this index of the article's body.
    Block(usize),
    Slot(AdSlotSpec),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdPlan {
    pub top: Option<AdSlotSpec>,
    pub body: Vec<BodyItem>,
    pub bottom: Option<AdSlotSpec>,
}

impl AdPlan {
    /// Every slot, in page order.
    pub fn slots(&self) -> impl Iterator<Item = &AdSlotSpec> {
        let body = self.body.iter().filter_map(|item| match item {
            BodyItem::Slot(slot) => Some(slot),
            BodyItem::Block(_) => None,
        });
        self.top.iter().chain(body).chain(self.bottom.iter())
    }
}

/// Places the slots of an article whose body is `body` and whose `ads` field is `article_ads`.
///
/// - No slot at all when the article or the configuration turns ads off (explicit `ad` blocks
///   then render nothing).
/// - A top and a bottom slot, each when the policy has it.
/// - Explicit `ad` blocks are always kept and count toward `max_in_body`; automatic slots fill
///   up to it: after every `every_paragraphs` paragraphs (counted since the last slot), none
///   before paragraph `first_after_paragraph`, and only where the next block is neither an
///   image nor a slot (and there is a next block: the bottom slot or the related links follow).
pub fn plan_ads(body: &[Block], article_ads: bool, policy: &AdPolicy) -> AdPlan {
    let enabled = article_ads && policy.enabled;
    let mut items = Vec::with_capacity(body.len() + 4);
    let explicit = body
        .iter()
        .filter(|block| matches!(block, Block::Ad(_)))
        .count();
    let mut automatic_left = if enabled {
        policy.max_in_body.saturating_sub(explicit)
    } else {
        0
    };
    let mut slots = 0;
    let mut paragraphs = 0;
    let mut paragraphs_since_slot = 0;
    for (index, block) in body.iter().enumerate() {
        if let Block::Ad(size) = block {
            if enabled {
                slots += 1;
                items.push(BodyItem::Slot(AdSlotSpec::body(slots, *size)));
                paragraphs_since_slot = 0;
            }
            continue;
        }
        items.push(BodyItem::Block(index));
        if !matches!(block, Block::Paragraph(_)) {
            continue;
        }
        paragraphs += 1;
        paragraphs_since_slot += 1;
        let next_allows_slot = body
            .get(index + 1)
            .is_some_and(|next| !matches!(next, Block::Image(_) | Block::Ad(_)));
        if automatic_left > 0
            && policy.every_paragraphs > 0
            && paragraphs >= policy.first_after_paragraph
            && paragraphs_since_slot >= policy.every_paragraphs
            && next_allows_slot
        {
            slots += 1;
            automatic_left -= 1;
            paragraphs_since_slot = 0;
            items.push(BodyItem::Slot(AdSlotSpec::body(slots, policy.in_body_size)));
        }
    }
    let mut plan = AdPlan {
        top: (enabled && policy.top).then(AdSlotSpec::top),
        body: items,
        bottom: (enabled && policy.bottom).then(AdSlotSpec::bottom),
    };
    let body = plan.body.iter_mut().filter_map(|item| match item {
        BodyItem::Slot(slot) => Some(slot),
        BodyItem::Block(_) => None,
    });
    for (ordinal, slot) in plan
        .top
        .iter_mut()
        .chain(body)
        .chain(plan.bottom.iter_mut())
        .enumerate()
    {
        slot.ordinal = ordinal + 1;
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Figure;
    use crate::inline::Inline;

    fn p() -> Block {
        Block::Paragraph(Inline::default())
    }

    fn image() -> Block {
        Block::Image(Figure {
            image: None,
            caption: Some("c".into()),
            credit: None,
        })
    }

    /// The plan as a string: `P` paragraph, `I` image, `D` divider, `[id]` a slot.
    fn layout(body: &[Block], policy: &AdPolicy) -> String {
        let plan = plan_ads(body, true, policy);
        let mut out = String::new();
        out.push_str(if plan.top.is_some() { "[top] " } else { "" });
        for item in &plan.body {
            match item {
                BodyItem::Block(index) => out.push(match body[*index] {
                    Block::Paragraph(_) => 'P',
                    Block::Image(_) => 'I',
                    _ => 'D',
                }),
                BodyItem::Slot(slot) => out.push_str(&format!("[{}]", slot.id)),
            }
        }
        out.push_str(if plan.bottom.is_some() {
            " [bottom]"
        } else {
            ""
        });
        out
    }

    fn policy(every: usize, first_after: usize, max: usize) -> AdPolicy {
        AdPolicy {
            every_paragraphs: every,
            first_after_paragraph: first_after,
            max_in_body: max,
            ..AdPolicy::default()
        }
    }

    #[test]
    fn automatic_slots_every_n_paragraphs_up_to_the_maximum() {
        let body = vec![p(); 12];
        assert_eq!(
            layout(&body, &policy(3, 1, 10)),
            "[top] PPP[body-1]PPP[body-2]PPP[body-3]PPP [bottom]"
        );
        assert_eq!(
            layout(&body, &policy(3, 1, 2)),
            "[top] PPP[body-1]PPP[body-2]PPPPPP [bottom]"
        );
        assert_eq!(
            layout(&body, &policy(2, 7, 10)),
            "[top] PPPPPPP[body-1]PP[body-2]PP[body-3]P [bottom]"
        );
        assert_eq!(
            layout(&body, &policy(0, 1, 10)),
            "[top] PPPPPPPPPPPP [bottom]"
        );
    }

    #[test]
    fn never_next_to_an_image_or_another_slot() {
        let body = vec![p(), p(), image(), p(), Block::Ad(AdSize::Fluid), p(), p()];
        assert_eq!(
            layout(&body, &policy(2, 1, 5)),
            "[top] PPIP[body-1]PP [bottom]"
        );
        // Paragraphs are counted, not blocks; the slot moves past the image.
        let body = vec![p(), image(), p(), p(), Block::Divider, p()];
        assert_eq!(
            layout(&body, &policy(2, 1, 5)),
            "[top] PIP[body-1]PDP [bottom]"
        );
    }

    #[test]
    fn explicit_slots_are_always_kept_and_count_toward_the_maximum() {
        let ad = Block::Ad(AdSize::MEDIUM_RECTANGLE);
        let body = vec![ad.clone(), p(), p(), p(), p(), p(), ad, p(), p(), p()];
        assert_eq!(
            layout(&body, &policy(2, 1, 1)),
            "[top] [body-1]PPPPP[body-2]PPP [bottom]"
        );
        assert_eq!(
            layout(&body, &policy(2, 1, 3)),
            "[top] [body-1]PP[body-2]PPP[body-3]PPP [bottom]"
        );
        assert_eq!(
            layout(&body, &policy(2, 1, 4)),
            "[top] [body-1]PP[body-2]PP[body-3]P[body-4]PPP [bottom]"
        );
    }

    #[test]
    fn ads_off_leaves_no_slot_and_drops_explicit_ones() {
        let body = vec![p(), Block::Ad(AdSize::Fluid), p(), p(), p(), p()];
        let plan = plan_ads(&body, false, &AdPolicy::default());
        assert_eq!(plan.slots().count(), 0);
        assert_eq!(plan.body.len(), 5);
        let off = AdPolicy {
            enabled: false,
            ..AdPolicy::default()
        };
        assert_eq!(plan_ads(&body, true, &off).slots().count(), 0);
        let no_edges = AdPolicy {
            top: false,
            bottom: false,
            ..policy(2, 1, 0)
        };
        assert_eq!(layout(&body, &no_edges), "P[body-1]PPPP");
    }

    #[test]
    fn sizes_list_the_desktop_size_first() {
        let plan = plan_ads(&[], true, &AdPolicy::default());
        let top = plan.top.unwrap();
        assert_eq!(
            top.sizes(),
            [
                AdSize::Fixed {
                    width: 728,
                    height: 90
                },
                AdSize::Fixed {
                    width: 320,
                    height: 50
                }
            ]
        );
        assert_eq!(plan.bottom.unwrap().sizes(), [AdSize::MEDIUM_RECTANGLE]);
    }
}
