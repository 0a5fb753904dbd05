use super::*;

#[test]
fn words() {
    assert_eq!(words_to_number("sixty"), Some(60));
    assert_eq!(words_to_number("Sixty-Five"), Some(65));
    assert_eq!(words_to_number("one hundred twenty"), Some(120));
    assert_eq!(words_to_number("Twenty-Four Thousand Five Hundred"), Some(24_500));
    assert_eq!(words_to_number("two hundred and fifty thousand"), Some(250_000));
    assert_eq!(words_to_number("banana"), None);
}

#[test]
fn money_prefers_the_figure() {
    let text = "Twenty-Four Thousand Five Hundred and No/100 Dollars ($24,500.00) per month";
    let hits = money(text);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].value, 24_500.0);
    assert_eq!(hits[0].start, 0);
    let hits = money("a fee of $250 and a deposit of $ 1,000.50");
    assert_eq!(hits.iter().map(|h| h.value).collect::<Vec<_>>(), vec![250.0, 1000.5]);
    assert_eq!(money("One Thousand and 50/100 Dollars")[0].value, 1000.5);
}

#[test]
fn durations_in_months() {
    let v = |t: &str| durations(t).iter().map(|h| h.value).collect::<Vec<_>>();
    assert_eq!(v("for a term of sixty (60) months"), vec![60.0]);
    assert_eq!(v("a term of five (5) years"), vec![60.0]);
    assert_eq!(v("two successive 3-year options"), vec![36.0]);
    assert_eq!(v("two (2) years and six (6) months"), vec![30.0]);
    assert_eq!(v("Term: 12 months"), vec![12.0]);
}

#[test]
fn percents_as_fractions() {
    let v = |t: &str| percents(t).iter().map(|h| h.value).collect::<Vec<_>>();
    assert_eq!(v("three percent (3%) annually"), vec![0.03]);
    assert_eq!(v("by 2.5% per year"), vec![0.025]);
    assert_eq!(v("three and one-half percent"), vec![0.035]);
    assert_eq!(v("3 percent"), vec![0.03]);
}

#[test]
fn areas_not_money() {
    let a = areas("approximately twelve thousand (12,000) rentable square feet at $24.50 per rentable square foot");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].0.value, 12_000.0);
    assert_eq!(areas("Rentable Area: 4,250 RSF")[0].0.value, 4250.0);
    assert!(areas("$45.00 per square foot").is_empty());
}
