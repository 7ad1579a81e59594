"""The vocabulary of generated corpora: leaders and their officials, places, outlets, phrasings."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.vocabulary import ClaimKind


@dataclass(frozen=True)
class Leader:
    """A leader, the names the texts give them, and the officials who speak for them."""

    name: str
    short: str
    office: str
    country: str
    capital: str
    officials: tuple[tuple[str, str | None], ...]
    tag: str  # in titles and headlines, where `short` would read badly


def _leader(name: str, short: str, office: str, country: str, capital: str,
            *officials: tuple[str, str | None], tag: str | None = None) -> Leader:
    return Leader(name, short, office, country, capital, officials, tag or short)


# In order of how often they take part in summits (a Zipf law over this order).
LEADERS = (
    _leader("Vladimir Putin", "Putin", "Russian President", "Russia", "Moscow",
            ("Dmitry Peskov", "Kremlin spokesman"), ("Yuri Ushakov", "Kremlin foreign policy adviser"),
            ("Sergei Lavrov", "Russian Foreign Minister"), ("Kirill Dmitriev", "Russian special envoy"),
            ("the Kremlin", None)),
    _leader("Donald Trump", "Trump", "US President", "the United States", "Washington",
            ("Karoline Leavitt", "White House press secretary"), ("Marco Rubio", "US Secretary of State"),
            ("Steve Witkoff", "US special envoy"), ("JD Vance", "US Vice President"),
            ("the White House", None)),
    _leader("Xi Jinping", "Xi", "Chinese President", "China", "Beijing",
            ("Wang Yi", "Chinese Foreign Minister"), ("Mao Ning", "Chinese foreign ministry spokeswoman"),
            ("Lin Jian", "Chinese foreign ministry spokesman")),
    _leader("Volodymyr Zelensky", "Zelensky", "Ukrainian President", "Ukraine", "Kyiv",
            ("Andrii Sybiha", "Ukrainian Foreign Minister"), ("Serhiy Nykyforov", "presidential spokesman"),
            ("Rustem Umerov", "Ukrainian chief negotiator")),
    _leader("Recep Tayyip Erdoğan", "Erdoğan", "Turkish President", "Turkey", "Ankara",
            ("Hakan Fidan", "Turkish Foreign Minister"), ("Ibrahim Kalin", "Turkish intelligence chief")),
    _leader("Narendra Modi", "Modi", "Indian Prime Minister", "India", "New Delhi",
            ("Subrahmanyam Jaishankar", "Indian External Affairs Minister"),
            ("Randhir Jaiswal", "Indian foreign ministry spokesman")),
    _leader("Emmanuel Macron", "Macron", "French President", "France", "Paris",
            ("Jean-Noël Barrot", "French Foreign Minister"), ("the Élysée Palace", None)),
    _leader("Friedrich Merz", "Merz", "German Chancellor", "Germany", "Berlin",
            ("Stefan Kornelius", "German government spokesman"),
            ("Johann Wadephul", "German Foreign Minister")),
    _leader("Keir Starmer", "Starmer", "British Prime Minister", "the United Kingdom", "London",
            ("Downing Street", None), ("Yvette Cooper", "British Foreign Secretary")),
    _leader("Kim Jong Un", "Kim", "North Korean leader", "North Korea", "Pyongyang",
            ("Kim Yo Jong", "senior North Korean official"), ("KCNA", "North Korean state news agency")),
    _leader("Giorgia Meloni", "Meloni", "Italian Prime Minister", "Italy", "Rome",
            ("Antonio Tajani", "Italian Foreign Minister")),
    _leader("Mohammed bin Salman", "the Saudi crown prince", "Saudi Crown Prince", "Saudi Arabia", "Riyadh",
            ("Faisal bin Farhan", "Saudi Foreign Minister"), tag="bin Salman"),
    _leader("Benjamin Netanyahu", "Netanyahu", "Israeli Prime Minister", "Israel", "Jerusalem",
            ("the Prime Minister's Office", None), ("Gideon Saar", "Israeli Foreign Minister")),
    _leader("Masoud Pezeshkian", "Pezeshkian", "Iranian President", "Iran", "Tehran",
            ("Abbas Araghchi", "Iranian Foreign Minister"),
            ("Esmaeil Baghaei", "Iranian foreign ministry spokesman")),
    _leader("Lee Jae-myung", "Lee", "South Korean President", "South Korea", "Seoul",
            ("Kang Yu-jung", "presidential spokeswoman")),
    _leader("Shigeru Ishiba", "Ishiba", "Japanese Prime Minister", "Japan", "Tokyo",
            ("Yoshimasa Hayashi", "Japanese Chief Cabinet Secretary")),
    _leader("Luiz Inácio Lula da Silva", "Lula", "Brazilian President", "Brazil", "Brasília",
            ("Mauro Vieira", "Brazilian Foreign Minister"), ("Celso Amorim", "presidential adviser")),
    _leader("Viktor Orbán", "Orbán", "Hungarian Prime Minister", "Hungary", "Budapest",
            ("Péter Szijjártó", "Hungarian Foreign Minister")),
    _leader("Alexander Lukashenko", "Lukashenko", "Belarusian President", "Belarus", "Minsk",
            ("Natalya Eismont", "presidential press secretary")),
    _leader("Cyril Ramaphosa", "Ramaphosa", "South African President", "South Africa", "Pretoria",
            ("Vincent Magwenya", "presidential spokesman")),
    _leader("Ursula von der Leyen", "von der Leyen", "European Commission President",
            "the European Union", "Brussels", ("Paula Pinho", "European Commission chief spokeswoman")),
    _leader("Tamim bin Hamad Al Thani", "the Emir of Qatar", "Emir of Qatar", "Qatar", "Doha",
            ("Majed al-Ansari", "Qatari foreign ministry spokesman"), tag="Al Thani"),
    _leader("Kassym-Jomart Tokayev", "Tokayev", "Kazakh President", "Kazakhstan", "Astana",
            ("Ruslan Zheldibay", "presidential press secretary")),
    _leader("Claudia Sheinbaum", "Sheinbaum", "Mexican President", "Mexico", "Mexico City",
            ("Juan Ramón de la Fuente", "Mexican Foreign Minister")),
    _leader("Mark Carney", "Carney", "Canadian Prime Minister", "Canada", "Ottawa",
            ("Anita Anand", "Canadian Foreign Minister")),
    _leader("Prabowo Subianto", "Prabowo", "Indonesian President", "Indonesia", "Jakarta",
            ("Sugiono", "Indonesian Foreign Minister")),
    _leader("Abdel Fattah el-Sisi", "el-Sisi", "Egyptian President", "Egypt", "Cairo",
            ("Badr Abdelatty", "Egyptian Foreign Minister")),
    _leader("Ilham Aliyev", "Aliyev", "Azerbaijani President", "Azerbaijan", "Baku",
            ("Hikmet Hajiyev", "presidential foreign policy adviser")),
    _leader("Nikol Pashinyan", "Pashinyan", "Armenian Prime Minister", "Armenia", "Yerevan",
            ("Ararat Mirzoyan", "Armenian Foreign Minister")),
    _leader("Anthony Albanese", "Albanese", "Australian Prime Minister", "Australia", "Canberra",
            ("Penny Wong", "Australian Foreign Minister")),
    _leader("Javier Milei", "Milei", "Argentine President", "Argentina", "Buenos Aires",
            ("Manuel Adorni", "presidential spokesman")),
    _leader("Pedro Sánchez", "Sánchez", "Spanish Prime Minister", "Spain", "Madrid",
            ("José Manuel Albares", "Spanish Foreign Minister")),
    _leader("Shehbaz Sharif", "Sharif", "Pakistani Prime Minister", "Pakistan", "Islamabad",
            ("Shafqat Ali Khan", "Pakistani foreign ministry spokesman")),
    _leader("Mohamed bin Zayed", "the UAE president", "UAE President", "the United Arab Emirates",
            "Abu Dhabi", ("Anwar Gargash", "presidential adviser"), tag="bin Zayed"),
)

NEUTRAL_VENUES = ("Geneva", "Vienna", "Helsinki", "Istanbul", "Riyadh", "Doha", "Abu Dhabi", "Budapest",
                  "Anchorage", "Singapore", "Hanoi", "Jeddah", "Astana", "Baku", "Vatican City", "Zürich",
                  "Davos", "New York", "Bali", "Johannesburg", "Rio de Janeiro", "Kazan", "Tianjin",
                  "Sochi", "Camp David", "Osaka", "Munich", "Oslo", "Reykjavik", "Muscat")
OCCASIONS = ("G20 summit", "BRICS summit", "SCO summit", "UN General Assembly", "APEC summit",
             "NATO summit", "Munich Security Conference", "World Economic Forum", "COP climate conference",
             "Victory Day parade", "peace conference", "ASEAN summit", "state funeral", "G7 summit")
OUTLETS = ("Reuters", "AP", "AFP", "Bloomberg", "TASS", "RIA Novosti", "Interfax", "Xinhua", "Politico",
           "Axios", "CNN", "BBC News", "The Guardian", "Financial Times", "The Wall Street Journal",
           "The New York Times", "Le Monde", "Der Spiegel", "Kommersant", "Al Jazeera", "Anadolu Agency",
           "Yonhap", "NHK", "South China Morning Post", "The Hindu", "MENAFN", "Global24", "SAEDNEWS",
           "Meduza", "Kyiv Independent", "Ukrainska Pravda", "Times of Israel", "Arab News", "Dawn",
           "Folha de S.Paulo", "Clarín", "Hürriyet", "Daily Sabah", "Nikkei Asia", "Le Figaro")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
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
        "the talks between {pair} were postponed indefinitely",
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
HEDGES = ("in principle, {s}", "{s} for the time being", "{s}, but the situation may change",
          "as things stand, {s}", "{s}, although nothing is final", "there is no concrete plan, but {s}")
CONDITIONS = ("the ceasefire holds", "preparations are completed in time", "the negotiators agree on a text",
              "the security situation allows", "both sides agree on the agenda", "sanctions are eased",
              "{b} attends the {occasion}", "the talks at ministerial level succeed")
ANONYMOUS_LEADS = ("Sources familiar with the matter", "Two officials who asked not to be named",
                   "A diplomatic source", "People briefed on the preparations", "A senior official")
BACKGROUND = ("Relations between {ca} and {cb} remain strained.",
              "The two sides last held talks at this level in {year}.",
              "Officials in {capital} have been preparing the ground for weeks.",
              "Markets reacted cautiously to the reports.",
              "Diplomats say the agenda is still being negotiated.",
              "The {occasion} is expected to draw dozens of leaders.")
HEADLINES: dict[ClaimKind, str] = {
    ClaimKind.MEETING_RUMORED: "Talk grows of {dash} meeting{venue_in}",
    ClaimKind.MEETING_POSSIBLE: "{a} does not rule out meeting {b}",
    ClaimKind.MEETING_PROPOSED: "{a} proposes talks with {b}",
    ClaimKind.MEETING_CONFIRMED: "{dash} summit{venue_in} confirmed",
    ClaimKind.MEETING_DENIED: "No {dash} meeting planned, officials say",
    ClaimKind.MEETING_CANCELLED: "{dash} talks called off",
    ClaimKind.MEETING_HELD: "{a} and {b} meet{venue_in}",
}
RANGE_REASONS = ("No printed date; the text speaks of the events of the previous weeks as recent.",
                 "Undated page; bounded by the events it mentions and those it does not.",
                 "Only the month is given in the archive listing.",
                 "The date line is cut off; the crawl date and the events mentioned bound it.")
EXACT_REASONS = ("Dateline.", "Header date.", "Printed date line.", "Timestamp in the page metadata.")
RETRACT_REASONS = ("The quote is the outlet's paraphrase, not a statement.",
                   "Duplicate of another claim of the same text.",
                   "The text refers to another meeting.",
                   "Misread the text: it reports an earlier statement.")
CORRECT_REASONS = ("Kind misjudged on first reading.", "The statement is firmer than first annotated.",
                   "The statement is softer than first annotated.")
CLAIM_NOTES = ("Paraphrase of a longer statement.", "The text does not say when this was said.",
               "Relayed second-hand.")
SOURCE_NOTES = ("Machine-translated.", "Partly stale text.", "Syndicated copy.")
