"""The words of generated corpora: places, occasions, outlets, and the phrasings of claims."""

from __future__ import annotations

from tracker.domain.vocabulary import ClaimKind

NEUTRAL_VENUES = (
    "Geneva",
    "Vienna",
    "Helsinki",
    "Istanbul",
    "Riyadh",
    "Doha",
    "Abu Dhabi",
    "Budapest",
    "Anchorage",
    "Singapore",
    "Hanoi",
    "Jeddah",
    "Astana",
    "Baku",
    "Vatican City",
    "Zürich",
    "Davos",
    "New York",
    "Bali",
    "Johannesburg",
    "Rio de Janeiro",
    "Kazan",
    "Tianjin",
    "Sochi",
    "Camp David",
    "Osaka",
    "Munich",
    "Oslo",
    "Reykjavik",
    "Muscat",
)
OCCASIONS = (
    "G20 summit",
    "BRICS summit",
    "SCO summit",
    "UN General Assembly",
    "APEC summit",
    "NATO summit",
    "Munich Security Conference",
    "World Economic Forum",
    "COP climate conference",
    "Victory Day parade",
    "peace conference",
    "ASEAN summit",
    "state funeral",
    "G7 summit",
)
OUTLETS = (
    "Reuters",
    "AP",
    "AFP",
    "Bloomberg",
    "TASS",
    "RIA Novosti",
    "Interfax",
    "Xinhua",
    "Politico",
    "Axios",
    "CNN",
    "BBC News",
    "The Guardian",
    "Financial Times",
    "The Wall Street Journal",
    "The New York Times",
    "Le Monde",
    "Der Spiegel",
    "Kommersant",
    "Al Jazeera",
    "Anadolu Agency",
    "Yonhap",
    "NHK",
    "South China Morning Post",
    "The Hindu",
    "MENAFN",
    "Global24",
    "SAEDNEWS",
    "Meduza",
    "Kyiv Independent",
    "Ukrainska Pravda",
    "Times of Israel",
    "Arab News",
    "Dawn",
    "Folha de S.Paulo",
    "Clarín",
    "Hürriyet",
    "Daily Sabah",
    "Nikkei Asia",
    "Le Figaro",
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Core statements by claim kind. Placeholders: {pair} all participants, {a} one of them,
# {b} the others, {venue_in} " in Vienna" or "", {when} " on 3 March 2026" or "",
# {held} "on 3 March 2026" or "in 2018". Quotes hold no quote marks, apostrophes or
# dashes other than "-", so they are found in their text exactly as written.
CORE: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.MEETING_RUMORED: (
        "a meeting between {pair}{venue_in} is being prepared behind the scenes",
        "{a} and {b} could meet{venue_in}{when}",
        "preparations are under way for talks between {pair}{venue_in}",
        "officials are quietly exploring a summit of {pair}{venue_in}",
        "a meeting of {pair}{venue_in} is under discussion",
        "envoys have discussed a possible meeting of {pair}{venue_in}",
    ),
    ClaimKind.MEETING_POSSIBLE: (
        "a meeting between {pair} cannot be ruled out",
        "{a} is open to meeting {b}{venue_in}",
        "a summit{venue_in} is possible{when}",
        "contacts at the highest level between {pair} are possible",
        "{a} does not exclude talks with {b}{venue_in}",
    ),
    ClaimKind.MEETING_PROPOSED: (
        "{a} has invited {b} to talks{venue_in}",
        "{a} proposed a meeting with {b}{venue_in}{when}",
        "we are ready to organize a meeting of {pair}{venue_in}",
        "{a} wants to meet {b}{when}",
        "an invitation for a summit{venue_in} has been extended to {b}",
    ),
    ClaimKind.MEETING_CONFIRMED: (
        "{pair} will meet{venue_in}{when}",
        "the meeting between {pair}{venue_in} has been agreed",
        "the summit of {pair}{venue_in} is scheduled{when}",
        "the date and place of the meeting between {pair} have been set",
        "{a} will travel{venue_in} to meet {b}{when}",
    ),
    ClaimKind.MEETING_DENIED: (
        "no meeting between {pair} is planned",
        "there are no plans for a summit{venue_in}",
        "reports of a meeting between {pair} are not true",
        "a meeting of {pair} is not on the agenda",
        "{a} has no intention of meeting {b}",
    ),
    ClaimKind.MEETING_CANCELLED: (
        "the meeting between {pair}{venue_in} has been called off",
        "{a} cancelled the planned talks with {b}",
        "the summit{venue_in} will not take place as planned",
    ),
    ClaimKind.MEETING_POSTPONED: (
        "the talks between {pair} were postponed indefinitely",
        "the meeting between {pair}{venue_in} has been put off, with no new date",
        "the summit has not been removed from the agenda, but there is no date yet",
    ),
    ClaimKind.MEETING_HELD: (
        "{pair} met{venue_in} {held}",
        "the talks between {pair}{venue_in} took place {held}",
        "{a} and {b} held talks{venue_in} {held}",
        "{a} received {b}{venue_in} {held}",
    ),
}
NO_COMMENT = (
    "we have nothing to announce about a meeting with {b}",
    "we do not comment on reports of talks between {pair}",
    "it is too early to talk about a meeting{venue_in}",
    "there is nothing to say about contacts with {b} at this point",
    "any meeting with {b} is a matter for later",
)
HEDGES = (
    "in principle, {s}",
    "{s} for the time being",
    "{s}, but the situation may change",
    "as things stand, {s}",
    "{s}, although nothing is final",
    "there is no concrete plan, but {s}",
)
CONDITIONS = (
    "the ceasefire holds",
    "preparations are completed in time",
    "the negotiators agree on a text",
    "the security situation allows",
    "both sides agree on the agenda",
    "sanctions are eased",
    "{b} attends the {occasion}",
    "the talks at ministerial level succeed",
)
ANONYMOUS_LEADS = (
    "Sources familiar with the matter",
    "Two officials who asked not to be named",
    "A diplomatic source",
    "People briefed on the preparations",
    "A senior official",
)
BACKGROUND = (
    "Relations between {ca} and {cb} remain strained.",
    "The two sides last held talks at this level in {year}.",
    "Officials in {capital} have been preparing the ground for weeks.",
    "Markets reacted cautiously to the reports.",
    "Diplomats say the agenda is still being negotiated.",
    "The {occasion} is expected to draw dozens of leaders.",
)
HEADLINES: dict[ClaimKind, str] = {
    ClaimKind.MEETING_RUMORED: "Talk grows of {dash} meeting{venue_in}",
    ClaimKind.MEETING_POSSIBLE: "{a} does not rule out meeting {b}",
    ClaimKind.MEETING_PROPOSED: "{a} proposes talks with {b}",
    ClaimKind.MEETING_CONFIRMED: "{dash} summit{venue_in} confirmed",
    ClaimKind.MEETING_DENIED: "No {dash} meeting planned, officials say",
    ClaimKind.MEETING_CANCELLED: "{dash} talks called off",
    ClaimKind.MEETING_POSTPONED: "{dash} meeting postponed",
    ClaimKind.MEETING_HELD: "{a} and {b} meet{venue_in}",
}
RANGE_REASONS = (
    "No printed date; the text speaks of the events of the previous weeks as recent.",
    "Undated page; bounded by the events it mentions and those it does not.",
    "Only the month is given in the archive listing.",
    "The date line is cut off; the crawl date and the events mentioned bound it.",
)
EXACT_REASONS = ("Dateline.", "Header date.", "Printed date line.", "Timestamp in the page metadata.")
RETRACT_REASONS = (
    "The quote is the outlet's paraphrase, not a statement.",
    "Duplicate of another claim of the same text.",
    "The text refers to another meeting.",
    "Misread the text: it reports an earlier statement.",
)
CORRECT_REASONS = (
    "Kind misjudged on first reading.",
    "The statement is firmer than first annotated.",
    "The statement is softer than first annotated.",
)
CLAIM_NOTES = (
    "Paraphrase of a longer statement.",
    "The text does not say when this was said.",
    "Relayed second-hand.",
)
SOURCE_NOTES = ("Machine-translated.", "Partly stale text.", "Syndicated copy.")
