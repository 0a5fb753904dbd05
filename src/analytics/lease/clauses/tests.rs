//! Unit tests of `analytics::lease::clauses`: sections by numbered title, heading and label, the
//! end of a section, and the keyword fallback.
#![allow(clippy::unwrap_used)]
use super::*;
use crate::analytics::lease::abstract_::ClauseTopic;

fn clauses(text: &str) -> Vec<(ClauseTopic, String, f64)> {
    let pages = vec![text.to_owned()];
    let doc = Doc::new(&pages);
    residential(&doc)
        .into_iter()
        .map(|c| (c.topic, c.citation.text, c.confidence))
        .collect()
}

#[test]
fn numbered_sections_run_to_the_next_section() {
    let got = clauses(
        "3. Utilities. Tenant shall pay for internet, electricity, gas and cable.\n\
         Landlord shall pay for all other utilities serving the Premises.\n\n\
         4. Pets. Tenant may keep one (1) dog under the Pet Addendum, subject to\n\
         a refundable pet deposit of $500.00 and pet rent of $35.00 per month.\n\n\
         5. Parking. No parking is provided with the Premises; street parking is\n\
         available.\n\n6. Late Charges. A late fee of $75.00 applies.\n",
    );
    assert_eq!(got.len(), 3, "{got:?}");
    let (_, pets, conf) = &got[0];
    assert!(pets.starts_with("4. Pets. Tenant may keep one (1) dog"), "{pets}");
    assert!(pets.ends_with("pet rent of $35.00 per month."), "{pets}");
    assert_eq!(*conf, 0.95);
    assert!(
        got[1].1.starts_with("5. Parking.") && got[1].1.ends_with("available."),
        "{got:?}"
    );
    assert!(!got[1].1.contains("Late"), "{got:?}");
    assert!(got[2].1.contains("other utilities serving the Premises."), "{got:?}");
}

#[test]
fn upper_case_headings_and_their_paragraphs() {
    let got = clauses(
        "7. PETS\nLessee may keep one (1) cat under the Pet Addendum.\n\n\
         8. PARKING AND VEHICLES\nLessee is assigned one (1) parking space at no additional charge.\n\n\
         9. ENTRY\nLandlord may enter with notice.\n",
    );
    let parking = got.iter().find(|c| c.0 == ClauseTopic::Parking).unwrap();
    assert_eq!(
        parking.1,
        "8. PARKING AND VEHICLES Lessee is assigned one (1) parking space at no additional charge."
    );
    assert!(got.iter().all(|c| c.0 != ClauseTopic::Utilities), "{got:?}");
}

#[test]
fn a_sentence_when_no_heading_names_the_subject() {
    let got = clauses(
        "Resident: Ana Ruiz.\nSecurity deposit: $2,275.00. Pet fee: $250.00 (non-refundable).\n\
         Parking space #14 is included. Resident pays electricity and internet.\n",
    );
    let pets = got.iter().find(|c| c.0 == ClauseTopic::Pets).unwrap();
    // "Pet fee:" is a label: its line is the section.
    assert!(pets.1.contains("Pet fee: $250.00"), "{pets:?}");
    let parking = got.iter().find(|c| c.0 == ClauseTopic::Parking).unwrap();
    assert_eq!((parking.1.as_str(), parking.2), ("Parking space #14 is included.", 0.7));
    assert!(got.iter().all(|c| c.0 != ClauseTopic::Utilities));
}
