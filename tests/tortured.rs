//! Tortured phrases: restoring listed fingerprints, the PPS clauses, screening reports, and the
//! phrase model for phrases that no list has. Sentences are written for these tests.

use unspin::{Dictionary, Restorer, RestorerBuilder};

/// A paper-mill sentence: two listed fingerprints, the evidence the phrase model needs.
const MILL: &str = "We used counterfeit consciousness and irregular woodland methods.";
const MILL_RESTORED: &str = "We used artificial intelligence and random forest methods.";

#[test]
fn listed_fingerprints_are_restored() {
    for (spun, expected) in [
        (MILL, MILL_RESTORED),
        (
            "The genuine positive rate rose.",
            "The true positive rate rose.",
        ),
        (
            "A counterfeit consciousness system.",
            "An artificial intelligence system.",
        ),
    ] {
        assert_eq!(unspin::restore(spun), expected, "{spun:?}");
    }
}

#[test]
fn clauses_follow_the_screener_queries() {
    // "bosom" counts only where the document also says "breast" (PPS: "bosom" AND "breast").
    for (text, expected) in [
        (
            "Her bosom heaved with emotion.",
            "Her bosom heaved with emotion.",
        ),
        (
            "Bosom cancer is a form of breast disease.",
            "Breast cancer is a form of breast disease.",
        ),
        ("Profound learning works.", "Profound learning works."),
        (
            "Profound learning is a kind of deep learning.",
            "Deep learning is a kind of deep learning.",
        ),
    ] {
        assert_eq!(unspin::restore(text), expected, "{text:?}");
    }
}

#[test]
fn the_phrase_model_restores_unlisted_phrases_in_a_paper_mill_text() {
    for (phrase, expected) in [
        ("counterfeit intellect", "artificial intelligence"),
        ("bogus alarm", "false alarm"),
    ] {
        assert!(
            Dictionary::defaults().lookup(phrase).is_empty(),
            "{phrase} is listed"
        );
        let text = format!("{MILL} The {phrase} was evaluated.");
        let restored = unspin::restore(&text);
        assert_eq!(
            restored,
            format!("{MILL_RESTORED} The {expected} was evaluated.")
        );
        let restoration = Restorer::default().restore_with_edits(&text);
        assert_eq!(
            restoration.edits.last().map(|e| e.dictionary.as_str()),
            Some("model")
        );
        // Without the evidence of known fingerprints, the same sentence is left alone...
        let alone = format!("The {phrase} was evaluated.");
        assert_eq!(unspin::restore(&alone), alone);
        // ...and the model can be switched off.
        let off = RestorerBuilder::new().phrase_model(false).build();
        assert_eq!(
            off.restore(&text),
            format!("{MILL_RESTORED} The {phrase} was evaluated.")
        );
    }
}

#[test]
fn the_phrase_model_learns_the_mills_substitutions_from_the_fingerprints() {
    // "zorbic" is no English word: only the fingerprints can teach that it stands for "deep".
    let mill = Dictionary::from_tsv_named(
        "mill",
        "zorbic learning\tdeep learning\nzorbic water\tdeep water\nzorbic sea\tdeep sea\n\
         zorbic neural network\tdeep neural network\nprofound reinforcement learning\tdeep reinforcement learning\n\
         blarf matter\tdark matter\n"
            .as_bytes(),
    )
    .unwrap();
    let restorer = RestorerBuilder::new()
        .default_dictionaries(false)
        .dictionary(mill)
        .build();
    for (phrase, expected) in [
        // A known term that the learned substitution reaches.
        (
            "zorbic reinforcement learning",
            "deep reinforcement learning",
        ),
        // No known term: the word replaced often and always one way is replaced, since "deep
        // space" is ordinary English.
        ("zorbic space", "deep space"),
        // Seen replaced once only: left as written.
        ("blarf energy", "blarf energy"),
    ] {
        let text = format!("We used zorbic learning in zorbic water. The {phrase} was studied.");
        let restored = restorer.restore_with_edits(&text);
        assert_eq!(
            restored.text,
            format!("We used deep learning in deep water. The {expected} was studied."),
            "{phrase:?}"
        );
        if phrase != expected {
            assert_eq!(restored.edits.last().unwrap().dictionary, "model");
        }
    }
}

#[test]
fn screening_reports_fingerprints_with_spans_and_counts() {
    let text =
        format!("{MILL} The counterfeit intellect was evaluated. Counterfeit consciousness again.");
    let report = Restorer::default().screen(&text);
    let found: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.phrase.as_str(), f.expected.as_str(), f.found_by.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "counterfeit consciousness",
                "artificial intelligence",
                "tortured"
            ),
            ("irregular woodland", "random forest", "tortured"),
            ("counterfeit intellect", "artificial intelligence", "model"),
            (
                "Counterfeit consciousness",
                "artificial intelligence",
                "tortured"
            ),
        ]
    );
    for finding in &report.findings {
        assert_eq!(&text[finding.span.clone()], finding.phrase);
        assert!(finding.confidence > 0.0 && finding.confidence <= 1.0);
    }
    assert_eq!(report.phrases[0].phrase, "counterfeit consciousness");
    assert_eq!(report.phrases[0].count, 2);
    assert_eq!(report.words, 16);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["findings"][0]["span"]["start"], 8);
}

#[test]
fn screening_ignores_ordinary_words_and_genuine_prose() {
    let genuine =
        "As mentioned above, the chief executive said the navy would help. Her bosom heaved.";
    let report = Restorer::default().screen(genuine);
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}
