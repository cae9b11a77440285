//! The restoration rules, on dictionaries written here, with the context model off so that each
//! rule is tested on its own.

use std::borrow::Cow;

use unspin::{Dictionary, Restorer, RestorerBuilder};

const DICTIONARY: &str = "\
chinese language\tChinese
officers\tofficials
mentioned\tsaid
navy help\tmilitary aid
navy\tmilitary
announcement\tstatement
indication\tsign
additionally it is\tit is also
nations\tcountries
power\tenergy
energy\tvitality
isn't any\tis no
invoice gates\tBill Gates
low prior\tskipped\t0.3
";

fn restorer() -> Restorer {
    let dictionary = Dictionary::from_tsv_named("test", DICTIONARY.as_bytes()).unwrap();
    RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(dictionary)
        .context_model(false)
        .build()
}

#[test]
fn rules() {
    let restorer = restorer();
    for (spun, expected) in [
        ("They mentioned it.", "They said it."),
        ("Mentioned twice.", "Said twice."),
        ("THEY MENTIONED IT", "THEY SAID IT"),
        ("Additionally it is true.", "It is also true."),
        ("He made an announcement.", "He made a statement."),
        ("An announcement, an indication.", "A statement, a sign."),
        ("a announcement", "a statement"),
        ("Chinese language-made rockets", "Chinese-made rockets"),
        ("both nations’ arms", "both countries’ arms"),
        ("both nations' arms", "both countries' arms"),
        ("power", "energy"),
        ("energy", "vitality"),
        ("there isn’t any proof", "there is no proof"),
        (
            "Invoice Gates and invoice gates",
            "Bill Gates and Bill Gates",
        ),
        ("navyblue unnavy", "navyblue unnavy"),
        ("the navy help arrived", "the military aid arrived"),
        ("a low prior", "a low prior"),
        (
            "  officers\u{a0}mentioned\r\n\t“navy”…\n",
            "  officials\u{a0}said\r\n\t“military”…\n",
        ),
        (
            "**officers** _mentioned_ [navy](x)",
            "**officials** _said_ [military](x)",
        ),
        ("", ""),
    ] {
        assert_eq!(restorer.restore(spun), expected, "{spun:?}");
    }
}

#[test]
fn unchanged_text_is_borrowed() {
    let restorer = restorer();
    for text in ["", "Nothing to see here.", "navyblue", "officersmentioned"] {
        assert!(
            matches!(restorer.restore(text), Cow::Borrowed(_)),
            "{text:?}"
        );
    }
    assert!(matches!(restorer.restore("officers"), Cow::Owned(_)));
}

#[test]
fn edits_describe_the_change() {
    let text = "He made an announcement, officers mentioned.";
    let restoration = restorer().restore_with_edits(text);
    assert_eq!(restoration.text, "He made a statement, officials said.");
    let summary: Vec<_> = restoration
        .edits
        .iter()
        .map(|e| (e.spun.as_str(), e.original.as_str(), e.dictionary.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            ("an announcement", "a statement", "test"),
            ("officers", "officials", "test"),
            ("mentioned", "said", "test")
        ]
    );
    for edit in &restoration.edits {
        assert_eq!(&text[edit.input.clone()], edit.spun);
        assert_eq!(&restoration.text[edit.output.clone()], edit.original);
        assert!(edit.confidence > 0.0 && edit.confidence <= 1.0);
    }
    let json = serde_json::to_value(&restoration).unwrap();
    assert_eq!(json["edits"][0]["input"]["start"], 8);
    assert_eq!(json["text"], "He made a statement, officials said.");
}

#[test]
fn a_phrase_mapped_to_itself_is_kept_without_an_edit() {
    // An identity line keeps a genuine phrase whose word alone would be restored.
    let dictionary = Dictionary::from_tsv(
        "chief\tleader\nchief executive\tchief executive\nofficers\tofficials\n\
         chinese language\tChinese\nmentioned\tsaid\n"
            .as_bytes(),
    )
    .unwrap();
    let text = "Chinese language officers mentioned the Chief Executive and the chief.";
    for context_model in [false, true] {
        let restored = RestorerBuilder::new()
            .default_dictionaries(false)
            .dictionary(dictionary.clone())
            .context_model(context_model)
            .build()
            .restore_with_edits(text);
        assert!(
            restored.text.contains("the Chief Executive and"),
            "{context_model}: {}",
            restored.text
        );
        assert!(
            restored.edits.iter().all(|e| e.spun != e.original),
            "{context_model}: {:?}",
            restored.edits
        );
    }
}

#[test]
fn user_dictionaries_join_the_defaults() {
    let extra = Dictionary::from_tsv("frobnicated\tchanged\n".as_bytes()).unwrap();
    let restorer = RestorerBuilder::new()
        .dictionary(extra)
        .context_model(false)
        .build();
    assert_eq!(restorer.restore("It frobnicated."), "It changed.");
    assert!(restorer.dictionary().len() > Dictionary::defaults().len());
    assert_eq!(
        restorer.dictionary().sources().last().map(String::as_str),
        Some("custom")
    );
}

#[test]
fn dictionary_errors_say_where_and_what() {
    let error =
        Dictionary::from_tsv_named("mine.tsv", "ok\tfine\nbroken line\n".as_bytes()).unwrap_err();
    assert_eq!(error.to_string(), "mine.tsv:2: expected 2 to 4 tab-separated fields (spun, original, weight, clauses), found 1");
    let error = Dictionary::from_tsv(&b"caf\xe9\tcafe\n"[..]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("not UTF-8 (invalid byte at offset 3)"),
        "{error}"
    );
    let error = Dictionary::from_file("/nonexistent/words.tsv").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("cannot read dictionary /nonexistent/words.tsv"),
        "{error}"
    );
}

#[test]
fn clauses_look_at_the_whole_document() {
    let dictionary =
        Dictionary::from_tsv("bosom\tbreast\t\t+cancer\nfrog\ttoad\t\t-pond\n".as_bytes()).unwrap();
    let restorer = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(dictionary)
        .context_model(false)
        .build();
    for (text, expected) in [
        ("bosom", "bosom"),
        ("bosom cancer", "breast cancer"),
        ("Cancer of the bosom", "Cancer of the breast"),
        ("frog", "toad"),
        ("frog in a pond", "frog in a pond"),
    ] {
        assert_eq!(restorer.restore(text), expected, "{text:?}");
    }
}

#[test]
fn many_clauses_are_answered_alike_one_by_one_and_all_at_once() {
    // The first clause phrases a document is asked about are searched for one by one, the rest
    // found in one pass: with 40 phrases both ways answer, and must agree. Clause phrases match
    // the normalised document as substrings (across line breaks, any case, either apostrophe).
    let mut tsv = String::new();
    let mut text = String::new();
    let mut expected = String::new();
    for i in 0..40 {
        let (clause, present, holds) = match i % 4 {
            0 => (
                format!("+deep learning {i}"),
                format!("Deep\n  learning {i}"),
                true,
            ),
            1 => (
                format!("+model's {i}x"),
                format!("the MODEL’S {i}xyz"),
                true,
            ),
            2 => (format!("+absent {i}"), String::new(), false),
            _ => (format!("-excluded {i}"), format!("excluded {i}"), false),
        };
        tsv.push_str(&format!("spun{i}\toriginal{i}\t\t{clause}\n"));
        text.push_str(&format!("spun{i} {present}\n"));
        let restored = if holds { "original" } else { "spun" };
        expected.push_str(&format!("{restored}{i} {present}\n"));
    }
    let restorer = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(Dictionary::from_tsv(tsv.as_bytes()).unwrap())
        .context_model(false)
        .build();
    assert_eq!(restorer.restore(&text), expected);
}

#[test]
fn restorer_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Restorer>();
    assert_send_sync::<Dictionary>();
    let restorer = restorer();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            let restorer = &restorer;
            scope.spawn(move || {
                for _ in 0..100 {
                    assert_eq!(restorer.restore("officers mentioned"), "officials said");
                }
            });
        }
    });
}
