"""Clean: golden tests on the canonical example, HTML fixtures, rules and a property test."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax import clean as clean_module
from parallax.clean import clean, normalise, opinion_piece, photo_gallery, wire_agency
from parallax.errors import InputProblem
from parallax.ingest import read_inputs
from parallax.ingest.text import split_front_matter
from parallax.model import Article, Document, Removed, content_id

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seoul-2023-11-09"
FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _clean_file(path: Path) -> Article:
    documents, errors = read_inputs([str(path)])
    assert errors == []
    assert len(documents) == 1
    return clean(documents[0])


def _seed_lines(path: Path) -> list[str]:
    _, body = split_front_matter(path.read_text(encoding="utf-8"))
    return normalise(body).split("\n")


def _story_lines(seed: list[str], removed: tuple[Removed, ...]) -> list[str]:
    cut = {r.text for r in removed}
    return [line for line in seed if line not in cut]


# --- canonical example ---------------------------------------------------------------------------


def test_newsrebeat_donga_golden() -> None:
    path = EXAMPLE / "newsrebeat-donga.txt"
    article = _clean_file(path)
    seed = _seed_lines(path)
    assert [r.reason for r in article.removed] == ["headline", "sub-headline", "source credit", "author bio"]
    assert article.removed[0].text == "“Discussing additional measures to put pressure on Russia”"
    assert article.removed[1].text == "Park Jin urges China to play a better role"
    assert article.removed[2].text == "Source: Donga"
    assert article.removed[3].text.startswith(
        "Mark Jones is a world traveler and journalist for News Rebeat."
    )
    assert article.title == "Discussing additional measures to put pressure on Russia"
    assert article.via == "Donga"
    assert (article.outlet, article.author, article.language) == ("News Rebeat", "Mark Jones", "en")
    # Both directions: every story paragraph kept byte for byte, and nothing else.
    assert article.body.split("\n") == _story_lines(seed, article.removed)
    assert len(article.body.split("\n")) == 6
    assert article.id == content_id(article.body)


def test_us_outlet_golden() -> None:
    path = EXAMPLE / "us-outlet.txt"
    article = _clean_file(path)
    seed = _seed_lines(path)
    assert article.removed == (
        Removed(
            "WATCH — White House: We’re Not Implementing North Korea Sanctions as Strongly as We Could:",
            "promo",
        ),
        Removed("Comments are closed.", "comments notice"),
    )
    assert article.title is None
    assert article.via is None
    assert article.outlet == "US outlet (unnamed)"
    assert article.body.split("\n") == _story_lines(seed, article.removed)
    assert len(article.body.split("\n")) == len(seed) - 2


# --- HTML fixtures -------------------------------------------------------------------------------

HTML_CASES = {
    "news-article.html": (
        [
            "Transport ministers from five coastal states agreed on Tuesday to inspect every cargo ship",
            "“We are ending the game of hide and seek,” the Maltese minister told reporters.",
            "Shipping companies warned that the checks could slow traffic at already crowded terminals.",
            "The inspections are due to begin in September, with the first report on their results",
        ],
        [
            "Sign up for our newsletter",
            "Lena Ortiz is a correspondent",
            "Comments are closed",
            "Most read",
            "Home",
            "Privacy policy",
            "All rights reserved",
            "Storm closes ferry routes",
        ],
    ),
    "blog-post.html": (
        [
            "Residents of Lower Marsh voted by a wide margin on Saturday to keep their library open",
            "More than six hundred people took part in the ballot",
            "The librarian, who has worked in the building for nineteen years",
            "The council said it would respect the vote",
        ],
        [
            "READ MORE",
            "Share this article",
            "Share on Facebook",
            "Leave a Reply",
            "Great news for the village",
            "Archives",
            "Copyright 2024",
            "Subscribe",
            "Posted on",
        ],
    ),
    "wire-story.html": (
        [
            "A national rail strike planned for Monday was called off early on Sunday",
            "Negotiators had met for fourteen hours at the offices of the mediation service",
            "Union leaders said members would vote on the offer over the next three weeks",
            "Passenger groups welcomed the news but said travellers had already lost confidence",
        ],
        ["Advertisement", "Source: Reuters", "Follow Sam Reed", "Download our app", "© 2024", "Markets"],
    ),
}


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_html_fixture_keeps_story_drops_boilerplate(name: str) -> None:
    article = _clean_file(FIXTURES / name)
    kept, gone = HTML_CASES[name]
    for paragraph in kept:
        assert paragraph in article.body
    for boilerplate in gone:
        assert boilerplate not in article.body
    assert len(article.body.split("\n")) == len(kept)  # one line per paragraph, no leftovers


def test_html_metadata_from_page() -> None:
    article = _clean_file(FIXTURES / "news-article.html")
    assert article.title == "Ministers agree new port inspections"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Lena Ortiz"
    assert article.published == "2024-03-05"
    assert article.url == "https://harbour.example/news/port-inspections"
    assert article.language == "en"


def test_html_credit_sets_via() -> None:
    assert _clean_file(FIXTURES / "wire-story.html").via == "Reuters"


def test_a_wire_agency_credited_in_the_dateline_is_the_via() -> None:
    """Giveme5W1H's Ahed Tamimi story: the Times and the Mail run Reuters' copy under its dateline; Reuters'
    own page carries the same dateline, which credits no other source, and an outlet's own credit
    ("(CNNMoney)") names no wire."""
    reuters = (
        "OFER PRISON, West Bank, Jan 1 (Reuters) - Israel indicted a 16-year-old girl on Monday.\n\nMore."
    )
    assert clean(Document("t.txt", reuters, outlet="www.nytimes.com")).via == "Reuters"
    assert clean(Document("r.txt", reuters, url="https://www.reuters.com/article/x")).via is None
    ap = "WASHINGTON (AP) — The Senate passed the bill on Tuesday.\n\nMore."
    assert clean(Document("p.txt", ap, outlet="www.washingtonpost.com")).via == "AP"
    assert clean(Document("a.txt", ap, outlet="apnews.com")).via is None
    own = "NEW YORK (CNNMoney) — Goldman Sachs expects a $5 billion hit.\n\nMore."
    assert clean(Document("c.txt", own, outlet="money.cnn.com")).via is None
    # The Post's AP copy drops the dateline's credit and keeps the agency's copyright line.
    post = "RAMALLAH, West Bank — A court indicted a girl on Monday.\n\nCopyright 2018 The Associated Press."
    assert clean(Document("w.txt", post, outlet="www.washingtonpost.com")).via == "Associated Press"
    assert wire_agency("The Associated Press") and wire_agency("Reuters") and not wire_agency("Donga")


def test_html_document_metadata_wins() -> None:
    html = (FIXTURES / "news-article.html").read_text(encoding="utf-8")
    doc = Document("x.html", html, is_html=True, outlet="Mine", title="My title", published="2024-01-01")
    article = clean(doc)
    assert (article.outlet, article.title, article.published) == ("Mine", "My title", "2024-01-01")


def test_an_article_no_outlet_names_is_named_by_its_url_host() -> None:
    text = "The minister said on Tuesday that talks would continue next week, according to officials."
    hosted = clean(Document("dump.jsonl#3", text, url="https://www.nytimes.com:443/2010/07/03/x.html"))
    assert (hosted.outlet, hosted.label) == ("nytimes.com", "nytimes.com")
    assert clean(Document("dump.jsonl#4", text)).label == "dump.jsonl#4"
    assert clean(Document("dump.jsonl#5", text, url="not a url")).label == "dump.jsonl#5"
    assert clean(Document("dump.jsonl#6", text, url="https://x.org/a", outlet="Own")).outlet == "Own"


def test_html_without_article_is_an_input_problem() -> None:
    with pytest.raises(InputProblem, match="no article text"):
        _clean_file(FIXTURES / "no-article.html")


# --- rules ---------------------------------------------------------------------------------------

PARA = "The minister said on Tuesday that talks would continue next week, according to officials."


def _plain(text: str, **meta: str) -> Article:
    return clean(Document("t.txt", text, **meta))  # type: ignore[arg-type]


def test_normalise() -> None:
    raw = "A\u200b b  \r\nc\x07\r\n\n\n\n\nd\t \ufeff\nCafe\u0301 “q”"
    assert normalise(raw) == "A b\nc\n\nd\nCafé “q”"


def test_headline_and_subheadline_become_title() -> None:
    article = _plain(f"'Blinken warns Russia'\nMinisters meet in Seoul\n{PARA}\n{PARA}")
    assert article.title == "Blinken warns Russia"
    assert [r.reason for r in article.removed] == ["headline", "sub-headline"]
    assert article.body == f"{PARA}\n{PARA}"


def test_front_matter_title_removes_matching_first_line_only() -> None:
    article = _plain(f"BLINKEN  warns Russia\n{PARA}", title="Blinken warns Russia")
    assert [r.reason for r in article.removed] == ["headline"]
    different = _plain(f"Another heading here\n{PARA}", title="Blinken warns Russia")
    assert different.removed == ()
    assert different.title == "Blinken warns Russia"


def test_no_headline_when_nothing_follows_or_text_is_a_sentence() -> None:
    assert _plain("Only a short line").body == "Only a short line"
    assert _plain(f"{PARA}\n{PARA}").removed == ()


def test_hard_wrapped_paragraph_first_line_is_not_a_headline() -> None:
    wrapped = (
        "The minister said on Tuesday that talks with the\n"
        "opposition would continue next week and that a deal\n"
        "was close, according to officials in the capital.\n\n"
        "Negotiators are expected to meet again on Monday\n"
        "morning in the same building as before, they said.\n"
    )
    article = _plain(wrapped)
    assert article.removed == ()
    assert article.title is None


def test_byline_removed_and_sets_author() -> None:
    article = _plain(f"Talks resume in Seoul\nBy Jane Doe\n{PARA}")
    assert [r.reason for r in article.removed] == ["headline", "byline"]
    assert article.author == "Jane Doe"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("READ MORE: Council confirms cuts", "promo"),
        ("Advertisement", "promo"),
        ("Sign up for our newsletter", "promo"),
        ("Click here to watch the video", "promo"),
        ("Comments (12)", "comments notice"),
        ("Join the conversation", "comments notice"),
        ("Share this article", "share prompt"),
        ("Facebook Twitter Email", "share prompt"),
        ("© 2023 Example Media. All rights reserved.", "copyright"),
        # Lines of this kind from Giveme5W1H's scraped pages (NYT, AP via the Washington Post, Reuters,
        # China Daily, Daily Mail), where each became a "fact only one outlet reports".
        ("Advertisement Continue reading the main story", "promo"),
        ("Photo", "promo"),
        (
            "Newsletter Sign Up Continue reading the main story Please verify you're not a robot by clicking "
            "the box. Invalid email address. Please re-enter. You must select a newsletter to subscribe to. "
            "Sign Up You agree to receive occasional updates and special offers for The New York Times's "
            "products and services. Thank you for subscribing. An error has occurred. "
            "Please try again later. "
            "View all New York Times newsletters.",
            "promo",
        ),
        (  # the Evening Standard's box, its name first (Giveme5W1H, the Croydon tram crash)
            "ES News Email Enter your email address Please enter an email address Email address is invalid "
            "Email address is invalid Email address is invalid Email cannot be used. Try another or register "
            "with your social account",
            "promo",
        ),
        (
            "Associated Press writers Colleen Long and Doug Feinberg in New York contributed to this report.",
            "contributors",
        ),
        ("(Reporting by Jane Doe; Editing by John Roe)", "contributors"),
        ("Additional reporting by Jane Doe in Paris.", "contributors"),
        ("Reuters - Ap - Afp", "source credit"),
        ("China Daily USA 07/15/2016 page1.", "source credit"),
        ("We pay for your stories! Do you have a story for The Sun Online news team? Email us.", "promo"),
        (
            "MOST READ IN NEWS 'I'M MADDIE!' Student jokes she is Madeleine PRINCE MARRY! Harry engaged",
            "promo",
        ),
        # the Sun's other headline rows (the Cubs, Boko Haram, a supermoon): they led briefs as facts
        (
            "Related stories OH NO, MO Moeen Ali doubt to bowl in Second Test with finger injury latest woe "
            "for England 'I feel really enthused' Everton announce Sam Allardyce as new manager",
            "promo",
        ),
        ("Most Read In TV & Showbiz LEW WANTED SEX WITH TWO Lewis Hamilton's ex reveals all", "promo"),
        (
            "more on space and astronomy OUT OF THIS WORLD Space rock found in Egypt 'unlike anything seen "
            "before', scientists say MOVE TO MARS? Nasa finds sheets of ice",
            "promo",
        ),
        (
            "Headlines: European Morning Get news and analysis from Europe and around the world delivered to "
            "your inbox every day in the European morning.",
            "promo",
        ),
        (
            "The tail of the plane could be seen at the crash site (Costa Rica's Public Safety Ministry/AP)",
            "photo caption",
        ),
        (
            "The burned fuselage of the plane, on Sunday.Ezequiel Becerra / Agence Francepresse",
            "photo caption",
        ),
        (
            "This photo released by Costa Rica's Civil Aviation office shows the site of a plane crash.",
            "photo caption",
        ),
        # USA Today and the Mirror on the Brazilian Grand Prix: a credit in "(Photo: …)" ends the caption
        (
            "Williams' Felipe Massa of Brazil cries after he had to withdraw from the race, Sunday, Nov. 13, "
            "2016. (Paulo Whitaker/Pool via AP) (Photo: The Associated Press)",
            "photo caption",
        ),
        ("(Image: Getty Images)", "photo caption"),
        (
            "AP:Associated Press Women comfort one another close to the scene, where 84 people died",
            "photo caption",
        ),
        # RT's and CNN's pages on North Korea's oil: a tweet dated day-first, CNN's Messenger promo
        (
            "Caught RED HANDED - very disappointed that China is allowing oil to go into North Korea. — "
            "Donald J. Trump (@realDonaldTrump) 28 December 2017",
            "embedded post",
        ),
        (
            "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
            "promo",
        ),
        # The NYT's and the Post's boxes in the Mazar-i-Sharif and Chibok stories
        (
            "Newsletter Sign Up Continue reading the main story Today’s Headlines: Asia Edition Get news and "
            "analysis from Asia and around the world delivered to your inbox every day in the Asian morning. "
            "Please verify you're not a robot by clicking the box. Invalid email address. Please re-enter. "
            "Thank you for subscribing. An error has occurred. Please try again later.",
            "promo",
        ),
        ("Today’s coverage from Post correspondents around the worl", "promo"),
        # the Grammys story: a newsletter's blurb runs on after its name with no full stop between them
        (
            "Newsletter Sign Up Continue reading the main story Sign Up for the Louder Newsletter Every"
            " week, stay on top of the latest in pop and jazz with reviews, interviews, podcasts and "
            "more from The New York Times music critics. Please verify you're not a robot by clicking "
            "the box. Invalid email address. Please re-enter. You must select a newsletter to subscribe"
            " to. Sign Up You agree to receive occasional updates and special offers for The New York "
            "Times's products and services. Thank you for subscribing. An error has occurred. Please "
            "try again later. View all New York Times newsletters.",
            "promo",
        ),
        (
            "Get daily updates directly to your inbox + Subscribe Thank you for subscribing! Could not "
            "subscribe, try again later Invalid Email",
            "promo",
        ),
        (
            "To Our WRT Family: It is with a heavy heart that I write this note. Hours ago, I was... "
            "Posted by Westchester Reform Temple on Sunday, 31 December 2017",
            "embedded post",
        ),
        # Giveme5W1H's pages: related headlines, gallery and photo furniture, an Instagram embed
        ("More: After the Elon Musk show, Tesla questions linger", "promo"),
        ("Scroll down for video", "promo"),
        ("[China backs U.N. move to denounce North Korea over nuclear test]", "promo"),
        ("China: the new space superpower Read more", "promo"),
        (
            "Interested in Weather? Add Weather as an interest to stay up to date on the latest Weather "
            "news, video, and analysis from ABC News. Add Interest",
            "promo",
        ),
        (
            "Photos: Mass shooting at Las Vegas music festival An injured woman is helped at the Tropicana.",
            "photo caption",
        ),
        ("Hide Caption 21 of 30", "promo"),
        (
            "Image copyright Getty Images Image caption Firefighters worked to free people who were "
            "trapped in the tram",
            "photo caption",
        ),
        (
            "Enlarge this image toggle caption Oliver Berg/DPA /Landov Oliver Berg/DPA /Landov",
            "photo caption",
        ),
        (
            "Facebook Twitter Pinterest China’s first lunar probe, Chang’e I, lifts off from its launch pad "
            "in Xichang, Sichuan province, in 2007. Photograph: Getty Images",
            "photo caption",
        ),
        (
            "A post shared by Elon Musk (@elonmusk) on Feb 4, 2018 at 9:50pm PST",
            "embedded post",
        ),
        # The tech-addiction campaign: the Guardian's credit, the NYT's Bits box, USA Today's share line
        (
            "Research found teenagers consume an average of nine hours of media per day, while tweens "
            "consume six hours. Photograph: Graeme Robertson for the Guardian",
            "photo caption",
        ),
        (
            "Newsletter Sign Up Continue reading the main story Interested in All Things Tech? The Bits "
            "newsletter will keep you updated on the latest from Silicon Valley and the technology industry. "
            "Please verify you're not a robot by clicking the box. Invalid email address. Please re-enter. "
            "Thank you for subscribing. An error has occurred. Please try again later.",
            "promo",
        ),
        ("Read or Share this story: https://usat.ly/2sag7Cz", "promo"),
        # The Steelers' win: the NYT box carries a blurb of its own between its messages
        (
            "Newsletter Sign Up Continue reading the main story Marc Stein He has covered Jordan. He’s "
            "covered Kobe. And LeBron vs. the Warriors. Go behind the N.B.A.’s curtain with the league’s "
            "foremost expert in a new basketball newsletter. Please verify you're not a robot by clicking "
            "the box. Invalid email address. Please re-enter. You must select a newsletter to subscribe to. "
            "Sign Up You agree to receive occasional updates and special offers for The New York Times's "
            "products and services. Thank you for subscribing. An error has occurred. Please try again "
            "later. View all New York Times newsletters.",
            "promo",
        ),
        # ABC's note on links (the Angola satellite); Business Insider Deutschland's credit and ad label
        ("External links are provided for reference purposes.", "copyright"),
        ("ABC News is not responsible for the content of external Internet sites.", "copyright"),
        (
            "Den Originalartikel gibt es auf Business Insider Australia. Copyright 2018. Und ihr könnt "
            "Business Insider Australia auf Twitter folgen.",
            "source credit",
        ),
        ("This article originally appeared on Business Insider Australia.", "source credit"),
        ("Read the original article on Business Insider Australia.", "source credit"),
        ("Anzeige:", "promo"),
        ("Follow USA TODAY reporter Mike Snider on Twitter: @MikeSnider.", "promo"),
        ("Screenshot: “equifaxsecutiry.com”", "photo caption"),  # Gizmodo on Equifax's lookalike domains
        # The Daily Times's Rose Parade page was its paywall only
        ("Sorry, this zipcode is not in our deliverable area for this subscription service.", "paywall"),
        ("Get digital access", "paywall"),
        ("Log in to continue reading.", "paywall"),
        ("This content is available only to subscribers.", "paywall"),
        ("You have reached your limit of free articles this month.", "paywall"),
        # Berlin's New Year's Eve and the Cincinnati zoo: the NYT's Interpreter box and print line, the
        # Post's update note, CNN Health's comments prompt
        (
            "Sign up for The Interpreter Subscribe for original insights, commentary and discussions on the "
            "major news stories of the week, from columnists Max Fisher and Amanda Taub. SEE SAMPLE Please "
            "verify you’re not a robot by clicking the box. Invalid email address. Please re-enter. You must "
            "select a newsletter to subscribe to. * Required field You agree to receive occasional updates "
            "and special offers for The New York Times products and services. Thank you for subscribing. "
            "You are already subscribed to this email. View all New York Times newsletters. Sign Up",
            "promo",
        ),
        (
            "Order Reprints | Today’s Paper | Subscribe A version of this article appears in print on , on "
            "Page A 14 of the New York edition with the headline: Germans Will Ring in New Year With Extra "
            "Security, Especially for Women.",
            "source credit",
        ),
        ("This post has been updated.", "editor's note"),
        # Corrections appended to a story (the Guardian on the Cubs, HuffPost on Costa Rica, Newsweek)
        (
            "• This article was amended on 4 November 2016. An earlier version said that the Cleveland "
            "Indians’ last appearance in the World Series was in 1948. That was the last time they won the "
            "championship.",
            "editor's note",
        ),
        (
            "CORRECTION: An earlier version of this story included the names of all 12 people thought to "
            "have died in the crash, as reported by local media outlets. Officials have not yet confirmed "
            "the identities of all those killed.",
            "editor's note",
        ),
        ("Update: This article has been updated with new information from a study.", "editor's note"),
        # China Daily's footer, which made up a whole "article" of the Las Vegas story
        (
            "Copyright 1995 - . All rights reserved. The content (including but not limited to text, photo, "
            "multimedia information, etc) published in this site belongs to China Daily Information Co "
            "(CDIC). Without written authorization from CDIC, such content shall not be republished or used "
            "in any form. Note: Browsers with 1024*768 or higher resolution are suggested for this site.",
            "copyright",
        ),
        ("License for publishing multimedia online 0108263", "copyright"),
        (
            "Join the conversation See the latest news and share your comments with CNN Health on Facebook "
            "and Twitter.",
            "comments notice",
        ),
        # The NYT's caption on Berlin's New Year's Eve: its photo credit ends the line
        (
            "Organizers have set up a “women’s safety area” for girls and women who have been assaulted or "
            "feel threatened. Credit Omer Messinger/European Pressphoto Agency",
            "photo caption",
        ),
    ],
)
def test_strict_lines_removed_anywhere(line: str, reason: str) -> None:
    article = _plain(f"{PARA}\n{line}\n{PARA}")
    assert article.removed == (Removed(line, reason),)
    assert article.body == f"{PARA}\n{PARA}"


@pytest.mark.parametrize(
    "text",
    [
        f"{PARA} WATCH: the video shows the meeting. Comments are closed.",  # inside a paragraph
        f"{PARA}\nSource: Reuters\n{PARA}",  # a credit mid-story stays
        f"{PARA}\nSubscribers to the service complained of delays, officials said.",
        f"{PARA}\nBy the time ministers met, the deal was done.",
        f"{PARA}\nCopyright law was changed in 2019, the court said.",
        f"{PARA}\nReporting by the newspaper in 2019 contributed to his resignation, aides said.",
        f"{PARA}\nThe photo agencies AP and Reuters both carried the picture on Sunday.",
        f"{PARA}\nThis photo, he said, shows the moment the plane hit the trees.",
        f"{PARA}\nVideo footage showed the plane in flames.",
        f"{PARA}\nEmails delivered to your inbox were read by the hackers, police said.",
        # A whole article run into one line that happens to end like a caption stays (it is not one).
        f"{PARA} " * 12 + "The tail of the plane could be seen at the crash site (Public Safety Ministry/AP)",
        f"{PARA}\nThe report was delivered to the ministry on 07/15/2016.",
        f"{PARA}\nThis story was updated by the police to include the dead.",
        f"{PARA}\nAn earlier version said insurers could refuse cover, and the House rewrote it in 2009.",
        f"{PARA}\nAn earlier version of the bill passed the Senate, aides said.",
        f"{PARA}\nMore on this later, the minister said in a statement on Friday.",
        f"{PARA}\nRelated stories were published by the Times and the Post on Sunday.",
        f"{PARA}\nThe original version of the bill, at the time, had no such clause.",
        f"{PARA}\nFollowers of the movement on Twitter called for a boycott, the group said.",
        f"{PARA}\nThis content is available to subscribers of the service in 40 countries, Netflix said.",
        f"{PARA}\nThe original story at the heart of the dispute ran in 2009.",
        f"{PARA}\nThe company is not responsible for the content of the ads, a spokesman said.",
        f"{PARA}\nNewsletter sign-ups rose by a third, the company said. Sign up rates fell after that.",
        f"{PARA}\nCopyright law protects the content, and the court said it may not be republished. " * 3,
        # a whole story run on after one copyright line stays (it is not a footer)
        f"{PARA}\nCopyright 2018 The Associated Press. All rights reserved. Authorities have released the "
        "name of a 66-year-old woman who was struck and killed by a motorist outside a store on Monday. "
        "The driver stayed at the scene and spoke with officers, and no charges were filed, police said.",
    ],
)
def test_story_text_is_never_cut(text: str) -> None:
    assert _plain(text).removed == ()


# The Daily Mail's and the Sun's captions, flattened between the paragraphs, carry no full stop.
MAIL_CAPTIONS = """Christian Horner, the Red Bull team principal, has described Max Verstappen's performance \
as one of the best he has ever witnessed.
Verstappen overtook half the field in the closing stages of the rain-soaked race.
He had been running second to Hamilton after a brilliant move around the outside of Rosberg.
His team then opted to pit him for the intermediate tyre, only to call him in again.
Max Verstappen produced an incredible display at the Brazil Grand Prix at Interlagos
Getty Images Lewis Hamilton celebrates victory at the Brazilian Grand Prix
But the teenager overtook 13 cars to claw his way on to the podium.
A Frantic Search for the Gunman
Red Bull had pitted him twice, the second time for the extreme wet tyre.
His father said
"He has always been like that."
Verstappen, who started fourth, finished third
and said it was his best race.
The 19-year-old Dutchman is the youngest podium finisher this season, Horner said."""


def test_unpunctuated_lines_between_paragraphs_are_captions() -> None:
    article = _plain(MAIL_CAPTIONS)
    assert [(r.text, r.reason) for r in article.removed] == [
        ("Max Verstappen produced an incredible display at the Brazil Grand Prix at Interlagos", "caption"),
        ("Getty Images Lewis Hamilton celebrates victory at the Brazilian Grand Prix", "photo caption"),
    ]
    # kept: a short sub-heading, a line introducing a quotation, a sentence running on to the next line
    assert "A Frantic Search for the Gunman\n" in article.body
    assert "His father said\n" in article.body and "finished third\nand said" in article.body


def test_unpunctuated_lines_stay_where_the_text_has_no_full_stops() -> None:
    text = "\n".join(line.rstrip(".") for line in MAIL_CAPTIONS.split("\n"))
    assert [r.reason for r in _plain(text).removed] == ["photo caption"], "only the line a credit opens"


def test_a_gallery_page_keeps_its_captions() -> None:
    """CNN's galleries (Giveme5W1H: North Korea's rocket, the Las Vegas shooting) are their captions, each
    followed by a "Hide Caption N of M" button, often run into one line: the buttons go, the captions stay."""
    captions = [
        f"Photos: North Korea launches rocket Caption {n} says what the photo shows." for n in (1, 2, 3)
    ]
    text = " ".join(f"{c} Hide Caption {n} of 3" for n, c in enumerate(captions, start=1))
    article = _plain(text)
    title = "Photos: North Korea launches rocket"
    assert article.body.split("\n") == [c.removeprefix(f"{title} ") for c in captions]
    assert [(r.text, r.reason) for r in article.removed] == [
        item for n in (1, 2, 3) for item in ((title, "photo caption"), (f"Hide Caption {n} of 3", "promo"))
    ]
    # in a story, the gallery's captions are cut with their buttons
    story = _plain(f"{PARA}\n{text}\n{PARA}")
    assert story.body == f"{PARA}\n{PARA}"


def test_wire_end_matter_run_on_after_the_last_sentence_is_cut() -> None:
    """The Mail's copy of a Thomson Reuters Foundation story (Giveme5W1H, Berlin's New Year's Eve) ran
    the credits on after its last sentence; the brief then reported "Editing by Belinda Goldsmith."."""
    end = (
        "(Editing by Belinda Goldsmith; Please credit the Thomson Reuters Foundation, the charitable arm of "
        "Thomson Reuters, which covers humanitarian news, women's rights, trafficking, corruption and "
        "climate change. Visit news.trust.org to see more stories.)"
    )
    article = _plain(f"{PARA}\n{PARA} {end}")
    assert [(r.text, r.reason) for r in article.removed] == [(end, "contributors")]
    assert article.body == f"{PARA}\n{PARA}"
    inside = f"{PARA} (Reporting by the newspaper was cited by the court.) The court ruled."
    assert _plain(inside).removed == ()


def test_a_contact_line_at_the_end_is_a_bio() -> None:
    line = "Email: ebaig@usatoday.com; Follow USA TODAY Personal Tech Columnist @edbaig on Twitter"
    assert [r.reason for r in _plain(f"{PARA}\n{line}").removed] == ["author bio"]


def test_contact_lines_and_sign_up_steps_are_cut() -> None:
    """Giveme5W1H: the Sun's "Got a story? email digishowbiz@the-sun.co.uk or call us direct on …", the
    Post's "Blaine Friedlander can be reached at SkyWatchPost@gmail.com.", the Sun's "Signing up is easy –
    just click here and fill in the form with your details." and "Getty Images A victim is stretchered …"
    had each become a fact only that outlet reports."""
    closing = {  # end matter, cut from the end up
        "Got a story? email digishowbiz@the-sun.co.uk or call us direct on 02077824220.": "author bio",
        "Blaine Friedlander can be reached at SkyWatchPost@gmail.com.": "author bio",
    }
    for line, reason in closing.items():
        assert [r.reason for r in _plain(f"{PARA}\n{PARA}\n{line}").removed] == [reason], line
    anywhere = {
        "Signing up is easy – just click here and fill in the form with your details.": "promo",
        "Getty Images A victim is stretchered to safety by paramedics after the attack": "photo caption",
    }
    for line, reason in anywhere.items():
        assert [r.reason for r in _plain(f"{PARA}\n{line}\n{PARA}").removed] == [reason], line
    kept = "Blaine Friedlander can be reached by fans at the planetarium on most Friday nights, he said."
    assert _plain(f"{PARA}\n{PARA}\n{kept}").removed == ()


def test_end_matter_credit_bio_follow() -> None:
    article = _plain(
        f"{PARA}\n(Source: AP)\nJane Doe covers diplomacy for The Daily.\nFollow Jane Doe on X",
        author="Jane Doe",
    )
    assert [r.reason for r in article.removed] == ["source credit", "author bio", "author bio"]
    assert article.via == "AP"
    assert article.body == PARA


def test_a_story_sentence_naming_a_reporter_is_no_author_bio() -> None:
    """ECB+ on Mark Felt: "… was …, but his identity as 'Deep Throat' -reporter Bob Woodard's anonymous
    source …" matched the bio pattern and the whole passage was cut; a role word titling a name is story
    text. A bio line with no author known is still cut."""
    felt = (
        "Felt was an instrumental player in the downfall of President Nixon, but his identity as "
        '"Deep Throat" -reporter Bob Woodard\'s anonymous source was unknown until three years ago.'
    )
    assert _plain(f"{PARA}\n{felt}").removed == ()
    bio = "Jane Doe is a reporter for The Daily covering diplomacy."
    assert [r.reason for r in _plain(f"{PARA}\n{bio}").removed] == ["author bio"]


def test_an_author_box_is_cut_whatever_its_paragraph_says() -> None:
    """themerkle.com's Bitcoin piece (Giveme5W1H) was only its author box, and "JP Buntinx is a FinTech and
    Bitcoin enthusiast living in Belgium." stood in the brief as a fact only it reports."""
    box = (
        "About The Author\nJP Buntinx is a FinTech and Bitcoin enthusiast living in Belgium. His passion for "
        "finance made him one of the world's leading freelance Bitcoin writers."
    )
    article = _plain(f"{PARA}\n{box}")
    assert [r.reason for r in article.removed] == ["author bio", "author bio"] and article.body == PARA
    with pytest.raises(InputProblem):
        _plain(box)


def test_bio_of_someone_else_kept_when_author_known() -> None:
    text = f"{PARA}\nEvan Brown is a reporter for The Journal who has been detained since March."
    assert _plain(text, author="Jane Doe").removed == ()


def test_empty_after_cleaning_and_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputProblem):
        _plain("Advertisement\nComments are closed.")
    with pytest.raises(InputProblem):
        _plain(" \u200b\n\t\n")
    monkeypatch.setattr(clean_module, "MAX_BODY_CHARS", 50)
    with pytest.raises(InputProblem, match="too long"):
        _plain(PARA)


# --- property ------------------------------------------------------------------------------------

BOILERPLATE = [
    "Source: Donga",
    "Comments are closed.",
    "WATCH — Video:",
    "Share this article",
    "By Jane Doe",
    "Jane Doe is a reporter for The Daily.",
    "© 2024 X",
    "“A headline here”",
    "Sub headline line",
    "---",
    PARA,
    "",
    "  ",
    "\r\n",
    "\u200b",
    "\x00",
    "Follow @jd on Twitter",
]
lines = st.one_of(st.text(max_size=80), st.sampled_from(BOILERPLATE))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(lines, max_size=12), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_clean_only_cuts_whole_lines(parts: list[str], sep: str) -> None:
    text = sep.join(parts)
    try:
        article = clean(Document("p.txt", text))
    except InputProblem:
        return
    # The body is an in-order selection of the normalised input's lines: nothing invented or rewritten.
    source_lines = iter(normalise(text).split("\n"))
    assert all(any(line == s for s in source_lines) for line in article.body.split("\n"))
    assert article.body.strip()
    assert article.id == content_id(article.body)


def test_an_opinion_piece_opening_on_its_writer_loses_the_bio() -> None:
    """CNN and RT columns on the Panama Papers (Giveme5W1H) opened on the columnist's bio, which became
    each outlet's first "unique fact"; a story opening on a journalist is story text."""
    cnn = (
        "Frida Ghitis is a world affairs columnist for The Miami Herald and World Politics Review, and a "
        "former CNN producer and correspondent. Follow her @FridaGhitis . The opinions expressed in this "
        "commentary are hers."
    )
    rt = (
        "Robert Bridge is an American writer and journalist. He is author of the book, 'Midnight in the "
        "American Empire,' released in 2013. robertvbridge@yahoo.com"
    )
    # CNN's parenting column on the Cincinnati zoo's gorilla: the outlet's name stands for "a"
    cnn_parents = (
        "Kelly Wallace is CNN's digital correspondent and editor-at-large covering family, career and life. "
        "Read her other columns and follow her reports at CNN Parents and on Twitter @kellywallacetv."
    )
    for bio in (cnn, rt, cnn_parents):
        article = _plain(f"{bio}\n{PARA}")
        assert [r.reason for r in article.removed] == ["author bio"] and article.body == PARA
    story = "Jamal Khashoggi was a journalist and a critic of the Saudi government who lived in Virginia."
    assert _plain(f"{story}\n{PARA}").removed == ()
    disclaimer = "The views expressed in this article are the author's own."
    assert [r.reason for r in _plain(f"{PARA}\n{disclaimer}").removed] == ["author bio"]


def test_opinion_pieces_are_known_by_section_title_or_disclaimer() -> None:
    """Giveme5W1H's Panama Papers story: CNN's /opinions/ column, RT's /op-edge/, the Post's /opinions/."""
    news = _plain(PARA)
    assert not opinion_piece(news)
    for url in (
        "http://edition.cnn.com/2016/04/04/opinions/panama-papers-ghitis/index.html",
        "https://www.rt.com/op-edge/338388-putin-western-media-leaks/",
    ):
        assert opinion_piece(dataclasses.replace(news, url=url)), url
    assert not opinion_piece(dataclasses.replace(news, url="https://www.rt.com/news/338270-panama-papers/"))
    assert not opinion_piece(dataclasses.replace(news, url="http://[::1"))
    assert opinion_piece(dataclasses.replace(news, title="Opinion: Panama Papers a very big deal"))
    bio = "Frida Ghitis is a columnist for The Herald. The opinions expressed in this column are hers."
    assert opinion_piece(_plain(f"{bio}\n{PARA}"))


def test_a_critics_review_is_an_opinion_piece() -> None:
    """Giveme5W1H's Timberlake halftime story is five reviews, which were read as news: the Guardian's
    "…-halftime-show-review" and the New Yorker's "…, Reviewed"."""
    news = _plain(PARA)
    guardian = (
        "https://www.theguardian.com/culture/2018/feb/04/justin-timberlake-super-bowl-halftime-show-review"
    )
    assert opinion_piece(dataclasses.replace(news, url=guardian))
    assert opinion_piece(
        dataclasses.replace(news, title="Justin Timberlake’s Super Bowl Halftime Show, Reviewed")
    )
    assert opinion_piece(dataclasses.replace(news, title="Review: 'Black Panther' is a triumph"))
    assert opinion_piece(dataclasses.replace(news, url="https://example.com/arts/reviews/black-panther"))
    for title in ("Pentagon review finds no wrongdoing", "Police to review the tram crash footage"):
        assert not opinion_piece(dataclasses.replace(news, title=title)), title
    assert not opinion_piece(
        dataclasses.replace(news, url="https://example.com/2018/02/04/review-board-meets")
    )


def _page(*blocks: str) -> Document:
    body = "".join(blocks)
    return Document(
        "p.html",
        f"<html><head><title>T</title></head><body><article>{body}</article></body></html>",
        is_html=True,
    )


def test_a_page_in_japanese_has_article_text() -> None:
    """Zyte's extraction benchmark: two Japanese pages failed as "no article text found in the HTML",
    because no line ended on a Latin full stop (their sentences end on 。)."""
    sentences = (
        "先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで20代の男性が逮捕されたというニュースを耳にしました。",
        "報道によると、今回販売されたのは、いわゆる「脱獄」したiPhone。",
        "もちろん、Apple社は「脱獄」を認めていません。",
        "不正に改造したiPhoneでも、もともとは、アップル社から購入したものです。",
        "ではなぜ、不正に改造したiPhoneを販売すると、商標権侵害になるのでしょうか。",
    )
    article = clean(_page(*(f"<p>{s}</p>" for s in sentences)))
    assert article.body.split("\n")[0] == sentences[0]


def test_a_page_keeps_its_long_subheadings() -> None:
    """In a page the markup sets captions apart: a line with no full stop between paragraphs is a heading
    (the extraction benchmark's blog posts lost "How to use Plan & Grow BIG to get the …" as captions)."""
    heading = "How to use a simple plan to get the business focus mindset you need"
    paragraph = f"<p>{PARA} {PARA}</p>"
    article = clean(_page(paragraph, f"<h2>{heading}</h2>", paragraph, paragraph))
    assert heading in article.body.split("\n") and article.removed == ()


def test_a_shows_social_media_links_are_cut() -> None:
    """RT's Boom Bust page (Giveme5W1H's Equifax story) ended its text with "Check us out on Facebook:" and
    "Follow us @" over lines of links, and both were left as facts only RT reported."""
    text = (
        "Equifax said hackers stole the data of 143 million Americans in one of the largest breaches.\n"
        "Check us out on Facebook:\nhttp://www.facebook.com/BoomBustRT\nFollow us @\n"
        "https://twitter.com/LindsayFrance\nFind us on Instagram: boombust_rt"
    )
    article = clean(Document("rt.txt", text))
    assert article.body == text.split("\n")[0]
    assert {r.reason for r in article.removed} <= {"promo", "link"}


def test_a_flattened_photo_gallery_widget_is_cut() -> None:
    """The Washington Post's World Series report (Giveme5W1H) carried its gallery as one line, whose
    caption then stood as a fact shared with three outlets."""
    gallery = (
        "1 of 26 Full Screen Autoplay Close Skip Ad × The Chicago Cubs win World Series View Photos The "
        "Chicago Cubs won their first title since 1908 with a riveting, 8-7, 10-inning victory over the "
        "Cleveland Indians in the seventh and final game at Progressive Field. Caption The team won its "
        "first title since 1908. Nov. 2, 2016 The Cubs celebrate after winning the World Series. Matt "
        "Slocum/AP Buy Photo Wait 1 second to continue."
    )
    story = "This whole night and early morning seemed jammed with Cubs symbolism."
    article = clean(Document("wp.txt", f"Now all that will be forgiven.\n{gallery}\n{story}"))
    assert article.body == f"Now all that will be forgiven.\n{story}"
    assert [r.reason for r in article.removed] == ["photo caption"]


def test_credited_captions_an_outlets_about_line_and_a_disclaimer_are_cut() -> None:
    """From Giveme5W1H's Bitcoin story: the Express's "GETTY …" captions and "UPDATES BELOW", CoinDesk's
    image credit, its line about itself and its investment disclaimer, each once a fact only it reported."""
    story = [
        "Bitcoin fell below $6,000 on Monday, traders said.",
        "Prices rose again later, the exchange said.",
    ]
    text = "\n".join(
        [
            story[0],
            "UPDATES BELOW",
            "GETTY Bitcoin mining is not as profitable as it once was",
            story[1],
            "Chart on phone image via Shutterstock",
            "The leader in blockchain news, CoinDesk is an independent media outlet that strives for the "
            "highest journalistic standards and abides by a strict set of editorial policies. Contact us "
            "at news@coindesk.com.",
            "Disclaimer: This article should not be taken as, and is not intended to provide, investment "
            "advice.",
        ]
    )
    article = clean(Document("coindesk.txt", text))
    assert article.body == "\n".join(story)
    assert [r.reason for r in article.removed] == [
        "promo",
        "photo caption",
        "photo caption",
        "author bio",
        "author bio",
    ]


def test_a_flattened_video_playlist_is_cut() -> None:
    """USA Today's Tesla Roadster story (Giveme5W1H) carried its 41-video playlist as one 12,577-character
    line of captions, each ending "… has more." or "… reports."."""
    playlist = (
        "Skip in Skip x Embed x Share CLOSE WHAT YOU NEED TO KNOW ABOUT ELON MUSK SpaceX 1st: Recycled "
        "rocket, recycled capsule | 2:30 SpaceX has racked up another first. (Dec. 15) AP 1 of 41 Skip in "
        "Skip x Embed x Share CLOSE Tesla built a battery farm. Laura Mandaro reports. 41 of 41 Last "
        "VideoNext Video SpaceX 1st: Recycled rocket, recycled capsule"
    )
    story = "Elon Musk said the Roadster would be launched on the Falcon Heavy rocket in January."
    article = clean(Document("usat.txt", f"{story}\n{playlist}"))
    assert article.body == story
    assert [r.reason for r in article.removed] == ["promo"]


def test_a_gallerys_slides_are_cut_and_a_thread_of_posts_is_kept() -> None:
    """The Independent's Tiangong-1 story (Giveme5W1H) ran 30 slides of "Nasa's most stunning pictures of
    space" through its text; the brief reported one as a fact only it had."""
    story = "China's Tiangong-1 space station is out of control, experts said on Monday."
    text = "\n".join(
        [
            story,
            "+ show all Nasa's most stunning pictures of space",
            "1/30 Earth from the ISS From the International Space Station, Expedition 42 Flight Engineer "
            "Terry W. Virts took this photograph of the Gulf of Mexico at sunset Nasa",
            "2/30 Frosty slopes of Mars This image of an area on the surface of Mars shows frosted gullies.",
            "Trending Right Now:",
            "SaveSaveSaveSave",  # IndieWire's Pinterest buttons (the Uma Thurman story)
            "1/2 Today we transferred 21 of the girls to the government, acting as a neutral intermediary.",
        ]
    )
    article = clean(Document("independent.txt", text))
    assert article.body.split("\n") == [story, text.split("\n")[-1]]


def test_a_gallery_pages_repeated_title_is_cut_and_its_captions_read_as_sentences() -> None:
    """CNN's North Korea satellite page (Giveme5W1H) is a gallery; each slide opened on its title, and
    the brief's first sentence read "Photos: North Korea launches rocket State media reported that …"."""
    title = "Photos: Mass shooting at Las Vegas music festival"
    captions = [
        "Debris is scattered on the ground Monday at the site of a country music festival in Las Vegas.",
        "Broken windows of the Mandalay Bay are seen early in Las Vegas on Monday.",
    ]
    text = "\n".join([f"{title} {captions[0]} Hide Caption 1 of 3", f"{title} {captions[1]}", title])
    article = clean(Document("cnn.txt", text))
    assert article.body.split("\n") == captions
    story = "A gunman killed 58 people in Las Vegas on Sunday night, police said in a statement."
    with_story = clean(Document("cnn2.txt", f"{story}\n{title} {captions[0]}\n{title} {captions[1]}"))
    assert with_story.body == story, "a story's embedded gallery is cut whole"


def test_a_gallery_page_is_known_as_one() -> None:
    """CNN's Las Vegas gallery (Giveme5W1H): its captions ("People cross a street near the Las Vegas Strip
    just after sunrise on Monday.") stood in the brief as facts only CNN reports."""
    title = "Photos: Mass shooting at Las Vegas music festival"
    slides = [f"{title} Caption number {n} shows people near the festival grounds." for n in range(1, 5)]
    page = "\n".join(f"{slide} Hide Caption {n} of 4" for n, slide in enumerate(slides, 1))
    assert photo_gallery(clean(Document("cnn.txt", page)))
    story = "A gunman killed 58 people in Las Vegas on Sunday night, police said in a statement."
    embedded = clean(Document("cnn2.txt", f"{story}\n{page}"))
    assert embedded.body == story and not photo_gallery(embedded), "a story with a gallery cut is a story"
    assert not photo_gallery(clean(Document("plain.txt", story)))


def test_an_embedded_post_with_the_bbcs_report_button_is_cut() -> None:
    """The BBC's Telegram story (Giveme5W1H) kept Pavel Durov's tweet, which the brief then stated."""
    story = "Apple took down both the official messaging app and the one still being worked on."
    post = (
        "Skip Twitter post by @durov We were alerted by Apple that inappropriate content was made available "
        "to our users. — Pavel Durov (@durov) February 1, 2018 Report"
    )
    article = clean(Document("bbc.txt", f"{story}\n{post}\n{story}"))
    assert article.body == f"{story}\n{story}"
    assert [r.reason for r in article.removed] == ["embedded post"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Getty Images Massa sits down whilst the race was suspended due to heavy rain", "photo caption"),
        ("Enlarge Image Google", "photo caption"),
        ("Image copyright Getty Images", "photo caption"),
        (
            "The trains collided in the 53rd Street tunnel between Manhattan and Queens (file photo)",
            "photo caption",
        ),
        ("The Cubs had not won the World Series since 1908 (Getty)", "photo caption"),
        (
            "Some of the 21 girls released are seen in Abuja, Nigeria, October 13, 2016. [Photo/Agencies]",
            "photo caption",
        ),
        (
            "Paul Simon will embark on his farewell tour starting May 16. (Rick Loomis / Los Angeles Times)",
            "photo caption",
        ),
        ("Jim Spellman/WireImage via Getty Images", "photo caption"),
        (
            "Twitter users have shared images of the supermoon. Pictured: The supermoon rises in Sydney",
            "photo caption",
        ),
        ("If you like this story, share it with a friend!", "promo"),
        (
            "JUST WATCHED Paula Hancocks interviews S. Korean president Replay More Videos ... MUST WATCH"
            " Paula Hancocks interviews S. Korean president 02:39",
            "promo",
        ),
        ("Got a confidential news tip? The New York Times would like to hear from readers.", "promo"),
        ("This is a breaking news story, more follows...", "promo"),
        ("Craving even more? Like us on Facebook or Follow us on Twitter.", "promo"),
    ],
)
def test_captions_and_promos_read_in_giveme5w1h_are_cut(line: str, reason: str) -> None:
    """Lines left in Giveme5W1H's cleaned text, found by listing every kept line that names a photo, a
    credit or a prompt (session 13); each is cut between two story paragraphs."""
    article = clean(Document("x.txt", f"{PARA}\n{line}\n{PARA}"))
    assert article.body == f"{PARA}\n{PARA}"
    assert [r.reason for r in article.removed] == [reason]


def test_a_photo_credit_opening_a_paragraph_is_cut_and_the_rest_judged_alone() -> None:
    """HuffPost's Reuters copy of the Hokkaido missile story (Giveme5W1H): a credit opens a caption ("Issei
    Kato / Reuters U.S. Forces officials are seen …", a shared fact of two outlets with CNN's same caption)
    or a story paragraph ("Andrew Kelly / Reuters The United Nations Security Council said …")."""
    caption = (
        "Kim Kyung Hoon / Reuters A man walks past a TV set showing North Korea's leader Kim Jong-Un in a"
        " news report about North Korea's launch in Tokyo, Japan, August 29, 2017. REUTERS/Kim Kyung-Hoon"
    )
    article = clean(Document("x.txt", f"{PARA}\n{caption}\n{PARA}"))
    assert article.body == f"{PARA}\n{PARA}"
    assert [r.text for r in article.removed] == ["Kim Kyung Hoon / Reuters", caption[25:]]
    undated = "KCNA / Reuters Kim Jong-Un looks on during a visit in this undated photo released by KCNA."
    assert clean(Document("x.txt", f"{PARA}\n{undated}\n{PARA}")).body == f"{PARA}\n{PARA}"
    story = "The United Nations Security Council said North Korea must take concrete steps to ease tensions."
    article = clean(Document("x.txt", f"{PARA}\nAndrew Kelly / Reuters {story}\n{PARA}"))
    assert article.body == f"{PARA}\n{story}\n{PARA}"
    assert [r.text for r in article.removed] == ["Andrew Kelly / Reuters"]


def test_a_pages_own_list_of_links_stays() -> None:
    """Zyte's extraction benchmark: a shopping page lists its amzn.to links, which its article keeps."""
    html = "<html><body><article><p>" + PARA + "</p><p>http://amzn.to/2hXWcSP</p><p>" + PARA
    html += "</p></article></body></html>"
    article = clean(Document("x.html", html, is_html=True))
    assert "http://amzn.to/2hXWcSP" in article.body


def test_a_closing_list_of_other_headlines_is_cut_unless_the_story_introduces_it() -> None:
    """USA Today's Tesla Roadster story ends on 35 headlines of its other Elon Musk stories, which the brief
    stated as facts only it reports; the Sun's blue-moon story ends on the song's lyrics, introduced."""
    story = "SpaceX will launch the Falcon Heavy in January, the company said on Friday."
    related = [
        "Elon Musk says global race for A.I. will cause WW3",
        "Elon Musk reveals new spaceX spacesuit",
        "How well do you know Elon Musk?",
        "Tesla developing self-driving tech for semi-truck",
        "Elon Musk plans to provide internet from space",
    ]
    article = clean(Document("t.txt", "\n\n".join([story, *related]), outlet="USA Today"))
    assert article.body == story
    assert {r.reason for r in article.removed} == {"related stories"}
    lyrics = "\n\n".join([story, "Here are the lyrics to the song:", *related])
    assert clean(Document("s.txt", lyrics)).body.endswith(related[-1])
    short = "\n\n".join([story, *related[:4]])  # four lines may be the story's own list
    assert clean(Document("f.txt", short)).body.endswith(related[3])
    # Zyte's extraction benchmark: a band's tour dates close its page; they are the story's list.
    dates = [f"June {d} – Nashville, TN @ Bridgestone Arena" for d in range(9, 15)]
    tour = "\n\n".join([story, "The Doobie Brothers Tour Dates", *dates])
    assert clean(Document("d.txt", tour)).body.endswith(dates[-1])


def test_the_links_a_closing_read_more_introduces_are_cut() -> None:
    """The Post's Delta story ends "Read more:" and four headlines of its other stories, two of them ending
    on a full stop or a quotation; SFGate's video player leaves "Now Playing:"."""
    story = "A bird flew into the cockpit of a Delta jet bound for Atlanta, the airline said on Saturday."
    links = [
        "British Airways apologizes after passengers say bedbug-infested flight left them ‘covered in bites’",
        "A man got a middle seat on a 13-hour flight. Passengers recorded his ‘fit of rage,’ then arrest.",
        "A belligerent man in a Trump hat was kicked off a flight as a crowd chanted: ‘Lock him up!’",
    ]
    article = clean(Document("w.txt", "\n".join(["Now Playing:", story, "Read more:", *links])))
    assert article.body == story
    assert [r.reason for r in article.removed] == ["promo", "promo", *["related stories"] * 3]
    # Paragraphs after a "More:" are the story going on, not a list of links.
    more = [story * 3, story * 3]
    assert clean(Document("m.txt", "\n".join([story, "More:", *more]))).body.endswith(more[-1])


def test_a_line_in_another_language_under_an_english_story_is_the_sites() -> None:
    """Business Insider Germany's helpline note and finanzen.net promo under English stories (Giveme5W1H);
    a list of names is no language, and a German article is left whole (the pipeline refuses it)."""
    story = (
        "The coalition will first launch a campaign called The Truth About Tech, the group said on Monday."
    )
    helpline = (
        "Wenn ihr mit jemandem sprechen wollt, erreicht ihr die Telefon Seelsorge unter 0800/111 0 111, "
        "kostenfrei und rund um die Uhr."
    )
    names = (
        "Justin Rosenstein, Roger McNamee, Lynn Fox, Dave Morin, Sandy Parakilas, John Zimmer, Tristan Harris"
    )
    article = clean(Document("bi.txt", "\n\n".join([story, names, helpline])))
    assert article.body == f"{story}\n\n{names}"
    assert [r.reason for r in article.removed] == ["other language"]
    german = clean(Document("de.txt", "\n\n".join([helpline, helpline.replace("Uhr", "Woche")])))
    assert german.removed == ()


def test_a_broadcasters_note_on_its_transcript_is_cut() -> None:
    """Giveme5W1H's NPR transcripts end on the transcript's disclaimer, which is about the text, not the
    story: it is no fact NPR alone reports."""
    story = (
        "MONTAGNE: Police say the attackers appeared to be Arab or North African.\n"
        "NELSON: The police chief says his officers learned of the assaults the next day.\n"
        "Copyright © 2016 NPR. All rights reserved. Visit our website terms of use and permissions pages.\n"
        "NPR transcripts are created on a rush deadline by Verb8tm, Inc., an NPR contractor. This text may "
        "not be in its final form and may be updated or revised in the future."
    )
    article = clean(Document("npr.txt", story, outlet="www.npr.org"))
    assert article.body.endswith("the next day.")
    assert [r.reason for r in article.removed] == ["copyright", "transcript notice"]
    cnn = "THIS IS A RUSH TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED."
    assert clean(Document("cnn.txt", f"{cnn}\n{story}")).removed[0].reason == "transcript notice"
    # A story about transcripts is not a note on its own text.
    told = "The court said the transcript of the hearing may not be released before the trial ends."
    assert clean(Document("court.txt", f"{told}\nThe judge will rule on Friday, lawyers said.")).removed == ()


def test_a_status_marker_opening_the_story_is_cut_and_its_paragraph_kept() -> None:
    """Newsweek's "Updated | Silicon Valley's Female Problem was well-known …" (Giveme5W1H): the marker
    is page furniture, the sentence after it the story's first; an update told in prose stays."""
    article = _plain(f"Updated | Silicon Valley’s female problem was well-known for years.\n{PARA}")
    assert article.body.startswith("Silicon Valley’s female problem was well-known for years.")
    assert [(r.text, r.reason) for r in article.removed] == [("Updated |", "editor's note")]
    assert _plain(f"UPDATE: The police said a suspect was arrested.\n{PARA}").body.startswith(
        "The police said"
    )
    kept = f"He updated: the count rose.\n{PARA}"
    assert _plain(kept).body == kept
