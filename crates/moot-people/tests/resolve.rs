//! The resolver's behaviour on small invented bodies.

use moot_people::{resolve, Known, Override, Person, Resolution, Rule, Variant};
use proptest::prelude::*;

const BODY: &str = "Health and Wellbeing Board";

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn known(id: u32, list: &[&str]) -> Known<u32> {
    Known {
        id,
        variants: list.iter().map(|n| Variant::new(BODY, n)).collect(),
    }
}

fn person_of(verdicts: &[Resolution<u32>], name: &str) -> Person<u32> {
    verdicts
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.person)
        .unwrap_or_else(|| panic!("no verdict for {name}"))
}

fn reason_of(verdicts: &[Resolution<u32>], name: &str) -> String {
    verdicts
        .iter()
        .find(|r| r.name == name)
        .map(|r| r.reason.clone())
        .unwrap_or_default()
}

#[test]
fn three_printings_of_one_member_in_one_pack_are_one_person() {
    let v = resolve::<u32>(
        BODY,
        &names(&["Mr Oakford", "Peter Oakford", "Mr P J Oakford"]),
        &[],
        &[],
    );
    assert_eq!(v.len(), 3);
    assert!(v.iter().all(|r| r.person == Person::New(0)));
    assert_eq!(
        reason_of(&v, "Peter Oakford"),
        "same surname and first initial P as Mr P J Oakford on Health and Wellbeing Board"
    );
}

#[test]
fn a_later_pack_finds_the_known_person() {
    let v = resolve(
        BODY,
        &names(&["Peter Oakford", "Mr Oakford"]),
        &[known(4, &["Mr P J Oakford"])],
        &[],
    );
    assert_eq!(person_of(&v, "Peter Oakford"), Person::Known(4));
    assert_eq!(person_of(&v, "Mr Oakford"), Person::Known(4));
}

#[test]
fn two_people_sharing_a_surname_stay_apart() {
    let v = resolve::<u32>(BODY, &names(&["Mr A Smith", "Mrs B Smith"]), &[], &[]);
    assert_ne!(person_of(&v, "Mr A Smith"), person_of(&v, "Mrs B Smith"));
}

#[test]
fn a_surname_alone_is_not_merged_when_two_people_share_it() {
    let people = [known(1, &["Mr A Smith"]), known(2, &["Mr B Smith"])];
    let v = resolve(BODY, &names(&["Mr Smith"]), &people, &[]);
    assert_eq!(person_of(&v, "Mr Smith"), Person::New(0));
    assert!(reason_of(&v, "Mr Smith").contains("could be any of 2 people named Smith"));
}

#[test]
fn a_title_that_implies_a_gender_can_settle_a_shared_surname() {
    let people = [known(1, &["Mr A Smith"]), known(2, &["Mrs B Smith"])];
    let v = resolve(BODY, &names(&["Mrs Smith"]), &people, &[]);
    assert_eq!(person_of(&v, "Mrs Smith"), Person::Known(2));
}

#[test]
fn a_different_first_name_is_a_different_person() {
    let v = resolve(
        BODY,
        &names(&["Paul Oakford"]),
        &[known(4, &["Peter Oakford"])],
        &[],
    );
    assert_eq!(person_of(&v, "Paul Oakford"), Person::New(0));
}

#[test]
fn a_name_must_fit_every_printing_of_the_person() {
    let people = [known(4, &["Mr P J Oakford", "Peter Oakford"])];
    let v = resolve(BODY, &names(&["Paul Oakford"]), &people, &[]);
    assert_eq!(person_of(&v, "Paul Oakford"), Person::New(0));
    let v = resolve(BODY, &names(&["Mr P Oakford"]), &people, &[]);
    assert_eq!(person_of(&v, "Mr P Oakford"), Person::Known(4));
}

#[test]
fn an_initial_shared_by_two_people_is_ambiguous() {
    let people = [known(4, &["Peter Oakford"])];
    let v = resolve(
        BODY,
        &names(&["Paul Oakford", "Mr P Oakford"]),
        &people,
        &[],
    );
    assert_eq!(person_of(&v, "Paul Oakford"), Person::New(0));
    assert_eq!(person_of(&v, "Mr P Oakford"), Person::New(1));
}

#[test]
fn people_of_other_bodies_are_matched_only_by_the_exact_printing() {
    let elsewhere = Known {
        id: 9,
        variants: vec![Variant::new("Corporate Parenting Panel", "Mrs A D Allen")],
    };
    let v = resolve(
        BODY,
        &names(&["Mrs A D Allen", "Mrs Allen"]),
        &[elsewhere],
        &[],
    );
    assert_eq!(person_of(&v, "Mrs A D Allen"), Person::Known(9));
    assert_eq!(
        reason_of(&v, "Mrs A D Allen"),
        "printed exactly as Mrs A D Allen on Corporate Parenting Panel"
    );
    assert_eq!(person_of(&v, "Mrs Allen"), Person::Known(9));
}

#[test]
fn a_bare_surname_elsewhere_is_not_enough() {
    let elsewhere = Known {
        id: 9,
        variants: vec![Variant::new("Cabinet", "Mr Allen")],
    };
    let v = resolve(BODY, &names(&["Mr Allen"]), &[elsewhere], &[]);
    assert_eq!(person_of(&v, "Mr Allen"), Person::New(0));
}

#[test]
fn a_split_by_hand_keeps_the_printing_apart() {
    let people = [known(4, &["Mr P J Oakford", "Peter Oakford"])];
    let apart = Override {
        rule: Rule::Apart,
        a: Variant::new(BODY, "Mr Oakford"),
        b: Variant::new(BODY, "Peter Oakford"),
    };
    let v = resolve(BODY, &names(&["Mr Oakford"]), &people, &[apart]);
    assert_eq!(person_of(&v, "Mr Oakford"), Person::New(0));
}

#[test]
fn a_printing_split_off_earlier_goes_to_its_own_person() {
    let people = [
        known(4, &["Mr P J Oakford", "Peter Oakford"]),
        known(5, &["Mr Oakford"]),
    ];
    let v = resolve(BODY, &names(&["Mr Oakford"]), &people, &[]);
    assert_eq!(person_of(&v, "Mr Oakford"), Person::Known(5));
}

#[test]
fn a_merge_by_hand_joins_incompatible_printings() {
    let people = [known(3, &["Mrs E A Eyre"])];
    let same = Override {
        rule: Rule::Same,
        a: Variant::new(BODY, "Liz Eyre"),
        b: Variant::new(BODY, "Mrs E A Eyre"),
    };
    let v = resolve(BODY, &names(&["Liz Eyre"]), &people, &[same]);
    assert_eq!(person_of(&v, "Liz Eyre"), Person::Known(3));
    assert!(reason_of(&v, "Liz Eyre").contains("by hand"));
}

#[test]
fn text_that_is_no_name_gets_no_verdict() {
    let v = resolve::<u32>(BODY, &names(&["", "12", "Mr P J Oakford"]), &[], &[]);
    assert_eq!(v.len(), 1);
}

const POOL: &[&str] = &[
    "Mr P J Oakford",
    "Peter Oakford",
    "Mr Oakford",
    "Paul Oakford",
    "Mr A Smith",
    "Mrs B Smith",
    "Smith",
    "Dr Bob Bowes",
    "Dr B Bowes",
    "Cllr Mrs S Chandler",
    "Mrs A D Allen, MBE",
    "Supt. Mark Travis",
];

proptest! {
    #[test]
    fn resolution_does_not_depend_on_the_order_of_names(
        picked in proptest::sample::subsequence(POOL, 0..POOL.len()),
        seed in any::<u64>(),
    ) {
        let forward: Vec<String> = picked.iter().map(|s| s.to_string()).collect();
        let mut shuffled = forward.clone();
        shuffled.reverse();
        let turn = (seed as usize) % shuffled.len().max(1);
        shuffled.rotate_left(turn);
        let people = [known(1, &["Mr P Oakford"]), known(2, &["Mrs B Smith"])];
        let mut a = resolve(BODY, &forward, &people, &[]);
        let mut b = resolve(BODY, &shuffled, &people, &[]);
        a.sort_by(|x, y| x.name.cmp(&y.name));
        b.sort_by(|x, y| x.name.cmp(&y.name));
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(resolve(BODY, &forward, &people, &[]), resolve(BODY, &forward, &people, &[]));
    }

    #[test]
    fn any_text_resolves_without_panicking(list in proptest::collection::vec(".{0,30}", 0..8)) {
        let _ = resolve::<u32>(BODY, &list, &[known(1, &["Mr P Oakford"])], &[]);
    }
}
