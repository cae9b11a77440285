//! Restoration of spinner-A news with the default dictionaries and the context model: the seed's
//! artefacts, each family of entries, and the genuine phrases that must survive.

use std::borrow::Cow;

use unspin::{restore, Kind, Restorer};

/// Short excerpts of the seed article (spun) and how an editor restores them.
#[test]
fn seed_excerpts_read_like_the_original() {
    for (spun, expected) in [
        (
            "On Saturday, China announced the visit, for President Aleksandr Lukashenko of Belarus, who a yr in the past allowed Russian forces to make use of his nation as a staging floor for his or her full-scale invasion of Ukraine.",
            "On Saturday, China announced the visit, for President Aleksandr Lukashenko of Belarus, who a year ago allowed Russian forces to use his country as a staging ground for their full-scale invasion of Ukraine.",
        ),
        (
            "Mr. Lukashenko’s workplace mentioned in an announcement that his go to to China can be an opportunity.",
            "Mr. Lukashenko’s office said in a statement that his visit to China can be an opportunity.",
        ),
        (
            "In a telephone name with Belarus’s international minister, his Chinese language counterpart indicated that Beijing wished to deepen ties between the 2 nations.",
            "In a phone call with Belarus’s foreign minister, his Chinese counterpart indicated that Beijing wished to deepen ties between the two countries.",
        ),
        (
            "Ukrainian officers and navy analysts have mentioned that there isn’t any proof suggesting Russian forces are planning a floor assault.",
            "Ukrainian officials and military analysts have said that there is no evidence suggesting Russian forces are planning a ground attack.",
        ),
    ] {
        assert_eq!(restore(spun), expected, "{spun:?}");
    }
}

/// A spun sentence that the cases below follow, so that the document's spin score is that of
/// spinner output…
const SPUN_CONTEXT: &str =
    "Chinese language officers mentioned the navy help would arrive a yr in the past.";
/// …and how it is restored.
const RESTORED_CONTEXT: &str = "Chinese officials said the military aid would arrive a year ago.";

/// Restores each case's spun sentence after `SPUN_CONTEXT` and compares it with the expected one.
fn assert_restored_in_spun_text<'a>(cases: impl IntoIterator<Item = (&'a str, &'a str)>) {
    for (spun, expected) in cases {
        let restored = restore(&format!("{SPUN_CONTEXT} {spun}")).into_owned();
        assert_eq!(
            restored,
            format!("{RESTORED_CONTEXT} {expected}"),
            "{spun:?}"
        );
    }
}

#[test]
fn families_are_restored_in_spun_text() {
    assert_restored_in_spun_text([
        (
            "Soon after the senator’s go to, the mayor's go to was announced.",
            "Soon after the senator’s visit, the mayor's visit was announced.",
        ),
        // The spinner writes "solely" for "only" and "only" for "just"; a suffix stays.
        (
            "She only wanted to help, and the store is members-only now.",
            "She just wanted to help, and the store is members-only now.",
        ),
        (
            "The report is due on Could 25.",
            "The report is due on May 25.",
        ),
        (
            "Sales rose to three.5 million units.",
            "Sales rose to 3.5 million units.",
        ),
        (
            "It was the twenty fifth anniversary.",
            "It was the 25th anniversary.",
        ),
        (
            "Invoice Gates visited the Submit Workplace.",
            "Bill Gates visited the Post Office.",
        ),
        (
            "The Supreme Court docket ruled against him.",
            "The Supreme Court ruled against him.",
        ),
        (
            "They left as a result of the rain had stopped.",
            "They left because the rain had stopped.",
        ),
        (
            "She was one in every of the best.",
            "She was one of the best.",
        ),
        (
            "It is the one they did not want.",
            "It's the one they didn't want.",
        ),
        (
            "The troops got here three days in the past.",
            "The troops came three days ago.",
        ),
        ("He made an announcement.", "He made a statement."),
        (
            "The console has actually been the top seller.",
            "The console has been the top seller.",
        ),
        (
            "Additionally it is likely to rain.",
            "It is also likely to rain.",
        ),
        (
            "The chief government met the overseas minister and the White Home chief of workers.",
            "The chief executive met the foreign minister and the White House chief of staff.",
        ),
        (
            "She was inducted into the Corridor of Fame in Nice Britain after the Chilly Battle.",
            "She was inducted into the Hall of Fame in Great Britain after the Cold War.",
        ),
        (
            "The Los Angeles Occasions sent a reporter to Wall Avenue and the Worldwide Area Station.",
            "The Los Angeles Times sent a reporter to Wall Street and the International Space Station.",
        ),
        (
            "He pleaded responsible after the federal choose dominated against him.",
            "He pleaded guilty after the federal judge ruled against him.",
        ),
        (
            "The loss of life toll rose as the cost-of-living disaster deepened.",
            "The death toll rose as the cost-of-living crisis deepened.",
        ),
        (
            "He scored a purpose before a hamstring harm ended his season.",
            "He scored a goal before a hamstring injury ended his season.",
        ),
        (
            "The firm sells synthetic intelligence and machine studying tools.",
            "The firm sells artificial intelligence and machine learning tools.",
        ),
        (
            "Send us an e mail about the software program replace.",
            "Send us an email about the software update.",
        ),
        (
            "Stars walked the pink carpet at the Cannes Movie Pageant.",
            "Stars walked the red carpet at the Cannes Film Festival.",
        ),
        (
            "The police chief and a choose few of the latest fashions stayed.",
            "The police chief and a select few of the latest fashions stayed.",
        ),
        (
            "Sales rose previously this year, and talks went again and forth.",
            "Sales rose earlier this year, and talks went back and forth.",
        ),
        (
            "Its greater display screen was a large hit with buyers.",
            "Its bigger screen was a big hit with buyers.",
        ),
        (
            "The console has overwhelmed the document for launch sales.",
            "The console has beaten the record for launch sales.",
        ),
        (
            "The mistake prices him his seat, and each club wants its fair proportion.",
            "The mistake costs him his seat, and each club wants its fair share.",
        ),
        (
            "The scandal is thus main them to resign.",
            "The scandal is thus leading them to resign.",
        ),
        (
            "He was again in the news after he hit again and again.",
            "He was again in the news after he hit again and again.",
        ),
        (
            "Nobody knows the winner but. The band has but to be named.",
            "Nobody knows the winner yet. The band has yet to be named.",
        ),
        (
            "She lives with her 3 kids, and the 2.5 per cent rise was the 2 million mark.",
            "She lives with her three children, and the 2.5 per cent rise was the 2 million mark.",
        ),
        (
            "Prices rose because of the storm.",
            "Prices rose as a result of the storm.",
        ),
        (
            "He wanted to discover out why it took a pair of weeks.",
            "He wanted to find out why it took a couple of weeks.",
        ),
        (
            "It was a powerful choice for the board.",
            "It was a tough decision for the board.",
        ),
        (
            "She bought a pair of shoes; it was her choice.",
            "She bought a pair of shoes; it was her choice.",
        ),
        (
            "The central financial institution minimize rates of interest to a report low.",
            "The central bank cut interest rates to a record low.",
        ),
        (
            "The party began its election marketing campaign after the opinion ballot.",
            "The party began its election campaign after the opinion poll.",
        ),
        (
            "They try to minimize the risk; she has the highest degree in her class.",
            "They try to minimize the risk; she has the highest degree in her class.",
        ),
    ]);
}

/// Round two of the broadening: set phrases of business, courts, schools, health, sport,
/// weather, tech, entertainment and institutions in spinner A's words, inside spun text.
#[test]
fn news_set_phrases_are_restored_in_spun_text() {
    assert_restored_in_spun_text([
        // rates, markets, business
        (
            "The New York Inventory Change closed higher as the unemployment charge fell.",
            "The New York Stock Exchange closed higher as the unemployment rate fell.",
        ),
        (
            "The preliminary public providing drew enterprise capital to the three way partnership.",
            "The initial public offering drew venture capital to the joint venture.",
        ),
        (
            "His web value rose as client costs climbed and financial progress slowed.",
            "His net worth rose as consumer prices climbed and economic growth slowed.",
        ),
        // courts, crime
        (
            "The jury discovered him not responsible after the mass taking pictures.",
            "The jury found him not guilty after the mass shooting.",
        ),
        (
            "He was launched on bail after the gunman opened fireplace.",
            "He was released on bail after the gunman opened fire.",
        ),
        // tech, climate, schools, health
        (
            "Tech firms reported an information breach linked to international warming.",
            "Tech firms reported a data breach linked to global warming.",
        ),
        (
            "Tuition charges and scholar loans rose at the main faculty.",
            "Tuition fees and student loans rose at the primary school.",
        ),
        (
            "The affected person care rules cover blood stress and kind 2 diabetes.",
            "The patient care rules cover blood pressure and type 2 diabetes.",
        ),
        (
            "The scientific trial showed few unwanted side effects.",
            "The clinical trial showed few side effects.",
        ),
        // sport
        (
            "The Method One driver took pole place, and the match went to time beyond regulation.",
            "The Formula One driver took pole position, and the match went to overtime.",
        ),
        (
            "The Premier League membership reached the Champions League ultimate after the ultimate whistle.",
            "The Premier League club reached the Champions League final after the final whistle.",
        ),
        (
            "He broke the world report, and the quarterback threw a landing move.",
            "He broke the world record, and the quarterback threw a touchdown pass.",
        ),
        // institutions, places
        (
            "She studied at the Massachusetts Institute of Expertise and the College of Oxford.",
            "She studied at the Massachusetts Institute of Technology and the University of Oxford.",
        ),
        (
            "The Pure Historical past Museum lent a painting to the Museum of Fashionable Artwork.",
            "The Natural History Museum lent a painting to the Museum of Modern Art.",
        ),
        // weather, tech, screen
        (
            "A twister warning was issued, and the supply code of the cellular app leaked.",
            "A tornado warning was issued, and the source code of the mobile app leaked.",
        ),
        (
            "The consumer interface won, and the band took Album of the 12 months.",
            "The user interface won, and the band took Album of the Year.",
        ),
        // the formulas of daily reports
        (
            "Police asked anybody with info to come back ahead; the firm declined to remark.",
            "Police asked anyone with information to come forward; the firm declined to comment.",
        ),
        (
            "The council didn't instantly reply to a request for remark.",
            "The council didn't immediately respond to a request for comment.",
        ),
        (
            "Emergency providers were known as to the scene after he labored from residence.",
            "Emergency services were called to the scene after he worked from home.",
        ),
        (
            "Shares fell in early buying and selling before the rules came into impact.",
            "Shares fell in early trading before the rules came into effect.",
        ),
        (
            "The invoice was handed by parliament, and the president signed it into legislation.",
            "The bill was passed by parliament, and the president signed it into law.",
        ),
        (
            "The examine revealed in the journal found that the actor had handed away.",
            "The study published in the journal found that the actor had passed away.",
        ),
        // best, record, academic, scenario, buy; ages and durations in "12 months"
        (
            "His finest buddy wrote a finest vendor and set a private finest.",
            "His best friend wrote a bestseller and set a personal best.",
        ),
        (
            "In the worst case state of affairs the purchase-to-let market falls.",
            "In the worst case scenario the buy-to-let market falls.",
        ),
        (
            "The singer signed a document deal with a report label in the tutorial yr.",
            "The singer signed a record deal with a record label in the academic year.",
        ),
        (
            "The 45-12 months-old man signed a five-12 months deal.",
            "The 45-year-old man signed a five-year deal.",
        ),
        // names
        (
            "Fans of The Strolling Lifeless watched Saturday Evening Reside and The Every day Present.",
            "Fans of The Walking Dead watched Saturday Night Live and The Daily Show.",
        ),
        (
            "The winner of Britain's Received Expertise played Name of Responsibility and God of Battle.",
            "The winner of Britain's Got Talent played Call of Duty and God of War.",
        ),
        (
            "Basic Motors, American Categorical and Delta Air Traces hired Customary Chartered.",
            "General Motors, American Express and Delta Air Lines hired Standard Chartered.",
        ),
        (
            "The Welsh Authorities praised the Good Friday Settlement and visited the Useless Sea.",
            "The Welsh Government praised the Good Friday Agreement and visited the Dead Sea.",
        ),
        // verbs of reports with their objects
        (
            "Thousands misplaced their lives, and the mayor introduced his resignation.",
            "Thousands lost their lives, and the mayor announced his resignation.",
        ),
        (
            "She submitted on Instagram after the crew gained the league title.",
            "She posted on Instagram after the crew won the league title.",
        ),
        (
            "The fireplace division said a fireplace broke out and a car caught fireplace.",
            "The fire department said a fire broke out and a car caught fire.",
        ),
        // science, health, tech nouns
        (
            "A brand new examine discovered that NHS ready lists grew as the Milky Method dimmed.",
            "A new study found that NHS waiting lists grew as the Milky Way dimmed.",
        ),
        (
            "The streaming big built an info centre and a safety digicam to reach web zero.",
            "The streaming giant built a data centre and a security camera to reach net zero.",
        ),
    ]);
}

/// Genuine sentences written with the words of the round-two phrases stay as they are, even
/// inside spun text.
#[test]
fn genuine_phrases_near_the_news_set_phrases_survive_in_spun_text() {
    let genuine = [
        "She enjoyed taking pictures of the birds.",
        "The start charge for the race was ten pounds, and the home costs were paid by the owner.",
        "The university faculty voted, and the public faculty of the college agreed.",
        "The deadly virus spread, and a patient was admitted with a cough.",
        "The method one uses matters, and method 1 was faster than method 2.",
        "She wrote the world report on child labour for the agency.",
        "The cellular structure of the tissue is shown in the consumer information leaflet.",
        "The ultimate goal of the talks was peace, and it was the ultimate test.",
        "Harvard College and Yale College admitted more students.",
        "He handed the ball to his brother, and the report revealed how the scheme worked.",
        "The coach labored on, breathing hard, and they came ahead of schedule.",
        "She was buying and selling houses for years; the impact of the storm was severe.",
        "His remark was short, and the old man known as Jack was kind.",
        "She paid for the document and signed her name on the document.",
        "It was the finest film of the decade, and babies aged 3-12 months were studied.",
        "The course teaches basic electrical skills and digital arts to adults.",
        "His last fantasy was to sail alone, and the film used common footage from the archive.",
        "Women gained the vote in 1918, and he gained the title of earl.",
        "She submitted a video to the contest, and the minister introduced the deal to parliament.",
        "Doctors examine the patient, and the nurses examine the records.",
        "The ready room of the squadron was quiet, and cyber safety lessons for children are useful.",
        "Shares rose 2% in early trading, and the stock exchange closed higher.",
        "Police were called to the scene, and emergency services treated two people.",
        "The study, published in the journal, found that a healthy diet lowered blood pressure.",
        "The home side won the match 3-1 after extra time, and the manager praised his team.",
        "A tornado warning was issued as a cold front moved in, and power cuts were likely.",
    ];
    assert_restored_in_spun_text(genuine.map(|g| (g, g)));
}

/// Genuine prose: the spin score stays low and nothing changes, even phrases made of spun words.
#[test]
fn genuine_text_comes_back_unchanged() {
    for text in [
        "The U.S. Navy said on Tuesday that the chief executive of the shipyard had resigned.",
        "As mentioned above, the present day borders were drawn in 1919.",
        "However, the nation's energy policy has been a subject of debate for a year or two.",
        "The minister spoke to reporters after the meeting. She mentioned the aid package only \
         briefly, and said that talks with the prime minister would continue next week. Officials \
         expect a decision before the summer.",
        "In the past, officers of the navy were drawn from the landed gentry.",
        "Emma was handsome, clever, and rich, with a comfortable home and happy disposition.",
        // Words the spinner writes for others, which the learned table restores in spun text.
        "The committee gave the proposal careful consideration. Police said the man's accomplice \
         was arrested within hours of the robbery. An independent assessment put the value of the \
         stolen paintings at two million pounds, and found that the lodge had been properly \
         insured. The film festival's chief executive, under stress, said the problem would be \
         resolved in a manner that protects every household.",
        "The central bank held interest rates, and shares rose in early trading. Police said a \
         man was arrested after a shooting; officers were called to the scene and emergency \
         services treated two people. The home side won 3-1 after extra time, and a tornado \
         warning was issued as a cold front moved in.",
    ] {
        let restored = restore(text);
        assert!(
            matches!(restored, Cow::Borrowed(_)),
            "{text:?} became {restored:?}"
        );
    }
}

/// Substitutions that no hand-written entry lists, learned from spinner-A pairs
/// (`dictionaries/news_learned.tsv`), restored once the document is known to be spun.
#[test]
fn learned_substitutions_are_restored_in_spun_text() {
    assert_restored_in_spun_text([
        (
            "The lodge was full of youngsters.",
            "The hotel was full of children.",
        ),
        (
            "The Professional model will spend money on a brand new screen.",
            "The Pro model will invest in a new screen.",
        ),
        (
            "We need to take into consideration the preliminary launch.",
            "We need to think about the initial launch.",
        ),
    ]);
}

/// A word swapper that writes rare senses ("nan" for "the", "astatine" for "at"), learned from its
/// pairs (`dictionaries/news_learned_wordswap.tsv`): restored where the context leaves no doubt,
/// while its spun words in their own senses survive.
#[test]
fn word_swapper_output_is_restored_where_context_is_decisive() {
    for (text, expected) in [
        (
            "Microsoft said nan upgrade was completed, and astatine nan extremity of nan \
             twelvemonth nan institution volition proceed.",
            "Microsoft said the upgrade was completed, and at the extremity of the twelvemonth the \
             institution will proceed.",
        ),
        (
            "The successful company said the person connected to the network will proceed with \
             the planetary survey in arsenic-contaminated wells.",
            "The successful company said the person connected to the network will proceed with \
             the planetary survey in arsenic-contaminated wells.",
        ),
    ] {
        assert_eq!(restore(text), expected);
    }
}

/// Learned entries are no evidence of spinning: the same entries make a text look spun from a
/// reviewed dictionary, and not from a learned one; a dictionary's kind is set outright, or comes
/// from its name.
#[test]
fn learned_entries_are_no_spin_evidence() {
    let entries = "telephone name\tphone call\t0.9\nworkplace\toffice\t0.9\n";
    let text = "He made a telephone name to the workplace. Another telephone name came from the \
                workplace, and a third telephone name from her workplace.";
    let score = |dictionary: unspin::Dictionary| {
        unspin::RestorerBuilder::new()
            .default_dictionaries(false)
            .dictionary(dictionary)
            .build()
            .spin_score(text)
    };
    let named = |name: &str| unspin::Dictionary::from_tsv_named(name, entries.as_bytes()).unwrap();
    let reviewed = named("mine");
    assert!(score(reviewed.with_kind(Kind::Context)) > 0.5);
    assert_eq!(score(reviewed.with_kind(Kind::Learned)), 0.0);
    assert_eq!(score(named("news_learned_mine")), 0.0);
    assert!(score(named("news_mine")) > 0.5);
}

#[test]
fn spin_score_separates_spun_from_genuine() {
    let restorer = Restorer::default();
    let spun = "Chinese language officers mentioned the navy help would arrive a yr in the past. \
                The Chinese language chief, Xi Jinping, could be keen to distance himself from the struggle.";
    let genuine = "Chinese officials said the military aid would arrive a year ago. The Chinese \
                   leader, Xi Jinping, might be willing to distance himself from the war.";
    assert!(
        restorer.spin_score(spun) > 0.8,
        "{}",
        restorer.spin_score(spun)
    );
    assert!(
        restorer.spin_score(genuine) < 0.2,
        "{}",
        restorer.spin_score(genuine)
    );
    assert_eq!(restorer.spin_score(""), 0.0);
}

#[test]
fn neighbouring_spun_words_are_restored_together() {
    assert_eq!(
        restore("Chinese language officers denied sending deadly navy help to Russia."),
        "Chinese officials denied sending lethal military aid to Russia."
    );
}
