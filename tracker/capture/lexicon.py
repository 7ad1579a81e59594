"""The words the assistant looks for, as data: general English of diplomacy and reporting,
never the names or phrases of one text.

A phrase is written as lower-case words separated by spaces, as spaCy's tokenizer splits them
("can not", "wo n't", "face - to - face"): `a|b` is either word, `word?` an optional word, and
`~N` a gap of up to N words. Each cue says what it suggests and how strongly (its weight, 0 to
1): the strongest cue of a clause decides, and a longer match beats a shorter one it contains.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    phrase: str
    field: str
    """`meeting` (the clause is about a meeting), `kind`, `modality`, `speech` (someone speaks),
    `sources` (unnamed sources), `media` (an outlet relays), `anaphor` (refers back)."""
    value: str
    weight: float


def _entries(field: str, value: str, weight: float, phrases: str) -> list[Entry]:
    return [Entry(p.strip(), field, value, weight) for p in phrases.split(";") if p.strip()]


MEETING = _entries(
    "meeting",
    "meeting",
    1.0,
    """meeting|meetings|meet|meets|met|summit|summits|talks|encounter|rendezvous|reunion;
    face - to - face; tête - à - tête; sit - down; convene|convenes|convened;
    visit|visits|visiting|visited|trip|trips|travel|traveled|travelled|journey;
    trilateral|bilateral; invitation|invite|invited|invites; overtures|format""",
)
"""Words that make a clause about a meeting (a visit takes a host, so it is one too)."""

KINDS = [
    *_entries(
        "kind",
        "meeting_held",
        0.9,
        """took place; was|were held; held talks; last met; hold|holds|held a? meeting|talks;
        met in|at|on; first encounter; last face - to - face; traveled|travelled to""",
    ),
    *_entries(
        "kind",
        "meeting_cancelled",
        0.9,
        """called off; call off; cancelled|canceled|cancels|cancel; scrapped; will|wo not|n't take place""",
    ),
    *_entries(
        "kind",
        "meeting_postponed",
        0.85,
        """postponed|postpone|postpones; put off; delayed; rescheduled; not ~2 off|removed ~2 the agenda;
        remains on the agenda; no date yet; no new date""",
    ),
    *_entries(
        "kind",
        "meeting_denied",
        0.8,
        """no ~1 plan|plans ~2 for; no concrete|specific plan|plans; not planned; no need for|to;
        not happening; will|wo|did|does not|n't meet; ruled out; rule out; rejected; resisted;
        dismissed; denied|denies|denying; few suggest|expect|believe; unlikely; no such meeting;
        not on the agenda; there are no plans""",
    ),
    *_entries(
        "kind",
        "meeting_possible",
        0.75,
        """can|could not ~3 rule|ruled out; can|could not ~4 be ruled out; not ~1 rule|ruled out;
        can|could not ~2 dismiss|exclude the possibility; can|could not ~2 be excluded; not excluded;
        is|was possible; inevitable; openness|open to; ready|willing to meet; may|might|could meet;
        may|might go; possibility of|that""",
    ),
    *_entries(
        "kind",
        "meeting_confirmed",
        0.75,
        """confirmed|confirms|confirm; agreed|agree|agrees; scheduled; will meet|convene|visit|hold;
        is|are set to; arranged; announced|announces; preparing for; planned summit|meeting|visit|trip;
        already selected""",
    ),
    *_entries(
        "kind",
        "meeting_proposed",
        0.7,
        """proposal|proposed|propose|proposes; invitation|invited|invite|invites; extend an invitation;
        seeks|sought|seeking; supports|support|backs a|an|the? ~2 format|meeting|summit|talks;
        working to secure|arrange; wants to meet; keen to; anticipates|plans|hopes visiting|to;
        offered|offers to host; calls|called for ~2 meeting|summit|talks""",
    ),
    *_entries(
        "kind",
        "meeting_rumored",
        0.5,
        """speculation|speculated|speculate; rumors|rumours|rumor|rumour|rumored|rumoured; whispers;
        reportedly; reports indicate|suggest; positioning itself;
        potential|possible|prospective meeting|summit|encounter; suggested|suggests|suggest that;
        likely occasion; may emerge""",
    ),
]

MODALITIES = [
    *_entries(
        "modality",
        "no_comment",
        0.9,
        """declined|refused to comment; no comment; would|did not comment|say; ask the|my;
        should ~1 ask; not ~1 verified|confirmed these|the reports; have|has not ~1 verified;
        did not respond|reply""",
    ),
    *_entries(
        "modality",
        "conditional",
        0.85,
        """if; contingent on|upon; provided that; on condition that; only if; unless; depends|depending on;
        conditions must|would be met; certain conditions; only be at|with|after""",
    ),
    *_entries(
        "modality",
        "hedged",
        0.6,
        """in principle; perhaps; possibly; probably; most likely; likely; in theory; anything is possible;
        not yet ripe; not ~1 categorically; at best; is questioned; would require; potentially;
        few suggest|expect|believe; may|might be""",
    ),
]

SPEECH = _entries(
    "speech",
    "speech",
    1.0,
    """said|says|say|told|tells|stated|states|stating|added|noted|acknowledged|suggested|suggests;
    claimed|claims|announced|insisted|insisting|wrote|writes|emphasized|emphasised|explained;
    signaled|signalled|mentioned|reiterated|teased|declined|asserted|reported|reports|indicated;
    warned|replied|stressed|confirmed|confirms|denied|responded|addressed|cautioned|according to;
    citing|cited|supports|resisted|rejected""",
)
"""Verbs of saying (and of taking a stance in words), whose subject is the speaker."""

ANONYMOUS = _entries(
    "sources",
    "anonymous",
    1.0,
    """sources|source close|familiar ~3; according to sources|officials|diplomats|people; anonymous sources;
    people familiar; officials who|speaking; unnamed|anonymous officials|sources|diplomats;
    sources close to; diplomats said""",
)

MEDIA = _entries(
    "media",
    "media",
    1.0,
    """media reported|report|reports; reports indicate|suggest; multiple|several|some reports;
    agency|newspaper|outlet|broadcaster|channel suggested|reported|said|claimed|stated;
    the newspaper|paper|agency|outlet; news agency""",
)

ANAPHORS = _entries(
    "anaphor",
    "anaphor",
    1.0,
    """these|those|the reports; such a|an? meeting|visit|summit|event; the idea; such overtures;
    the possibility""",
)
"""Words that point back to the meeting of the sentence before."""

ALL: list[Entry] = [*MEETING, *KINDS, *MODALITIES, *SPEECH, *ANONYMOUS, *MEDIA, *ANAPHORS]

NEGATORS = frozenset({"no", "not", "n't", "never", "without", "nor", "yet"})
"""A positive kind cue right after one of these (within `NEGATION_REACH` words) is dropped."""
NEGATION_REACH = 4

CONCESSIVE = frozenset({"even", "as", "what"})
"""`even if`, `as if`, `what if`: an `if` after these sets no condition."""

TITLES = (
    "president|prime minister|premier|chancellor|king|foreign minister|defense minister|defence minister|"
    "minister|secretary of state|press secretary|secretary|spokesman|spokeswoman|spokesperson|adviser|"
    "advisor|aide|envoy|ambassador|chief of staff|deputy|official|diplomat|leader|senator|governor|"
    "foreign policy aide|national security adviser|mayor|general secretary"
)
"""Titles before a name ("Kremlin spokesman Dmitry Peskov") or in an apposition."""

STAFF_TITLES = frozenset(
    {
        "press secretary",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "adviser",
        "advisor",
        "aide",
        "envoy",
        "ambassador",
        "chief of staff",
        "deputy",
        "official",
        "diplomat",
        "foreign policy aide",
        "national security adviser",
    }
)
"""Titles of people who speak for a leader rather than meet: never a summit's participant."""

INSTITUTIONS = (
    "the kremlin|kremlin|the white house|white house|the state department|state department|"
    "the foreign ministry|foreign ministry|the ministry of foreign affairs|the pentagon|downing street|"
    "the elysee|the élysée|the government|the chinese government|chinese authorities|russian authorities|"
    "the authorities|the embassy"
)
"""Bodies that speak on the record without a person's name ("the Kremlin stated")."""

NATIONS: dict[str, tuple[str, ...]] = {
    "Russia": ("Russia", "Russian", "Kremlin"),
    "United States": (
        "United States",
        "U.S.",
        "US",
        "USA",
        "American",
        "America",
        "White House",
        "State Department",
        "Pentagon",
    ),
    "China": ("China", "Chinese", "Zhongnanhai"),
    "Ukraine": ("Ukraine", "Ukrainian", "Bankova"),
    "Turkey": ("Turkey", "Türkiye", "Turkish"),
    "India": ("India", "Indian"),
    "France": ("France", "French", "Elysee", "Élysée"),
    "Germany": ("Germany", "German"),
    "United Kingdom": ("United Kingdom", "U.K.", "UK", "Britain", "British", "Downing Street"),
    "North Korea": ("North Korea", "North Korean", "DPRK"),
    "South Korea": ("South Korea", "South Korean"),
    "Italy": ("Italy", "Italian"),
    "Saudi Arabia": ("Saudi Arabia", "Saudi"),
    "Israel": ("Israel", "Israeli"),
    "Iran": ("Iran", "Iranian"),
    "Japan": ("Japan", "Japanese"),
    "Brazil": ("Brazil", "Brazilian"),
    "Hungary": ("Hungary", "Hungarian"),
    "Belarus": ("Belarus", "Belarusian"),
    "South Africa": ("South Africa", "South African"),
    "European Union": ("European Union", "EU", "European Commission"),
    "Qatar": ("Qatar", "Qatari"),
    "Kazakhstan": ("Kazakhstan", "Kazakh"),
    "Mexico": ("Mexico", "Mexican"),
    "Canada": ("Canada", "Canadian"),
    "Indonesia": ("Indonesia", "Indonesian"),
    "Egypt": ("Egypt", "Egyptian"),
    "Azerbaijan": ("Azerbaijan", "Azerbaijani"),
    "Armenia": ("Armenia", "Armenian"),
    "Australia": ("Australia", "Australian"),
    "Argentina": ("Argentina", "Argentine"),
    "Spain": ("Spain", "Spanish"),
    "Pakistan": ("Pakistan", "Pakistani"),
    "United Arab Emirates": ("United Arab Emirates", "UAE", "Emirati"),
    "Switzerland": ("Switzerland", "Swiss"),
    "Austria": ("Austria", "Austrian"),
    "Finland": ("Finland", "Finnish"),
    "Vietnam": ("Vietnam", "Vietnamese"),
    "Singapore": ("Singapore", "Singaporean"),
    "Mongolia": ("Mongolia", "Mongolian"),
}
"""The words that name a country, as written (case matters: "US", not "us"): its name, its
adjective, and the bodies that speak for it. A title ("Kremlin spokesman", "Hungarian Foreign
Minister") or a body ("Chinese authorities") gives a side by these; the longest words win
("South Korean" before "Korean")."""

CITIES: dict[str, str] = {
    **dict.fromkeys(("Moscow", "Sochi", "St Petersburg", "St. Petersburg", "Kazan"), "Russia"),
    **dict.fromkeys(("Washington", "Alaska", "Anchorage", "New York", "Mar-a-Lago"), "United States"),
    **dict.fromkeys(("Beijing", "Shanghai", "Tianjin"), "China"),
    **dict.fromkeys(("Kyiv", "Kiev"), "Ukraine"),
    **dict.fromkeys(("Ankara", "Istanbul", "Antalya"), "Turkey"),
    "New Delhi": "India",
    "Paris": "France",
    "Berlin": "Germany",
    "London": "United Kingdom",
    "Pyongyang": "North Korea",
    "Panmunjom": "South Korea",
    **dict.fromkeys(("Seoul", "Busan", "Gyeongju"), "South Korea"),
    "Rome": "Italy",
    "Vatican": "Vatican",
    **dict.fromkeys(("Riyadh", "Jeddah"), "Saudi Arabia"),
    "Jerusalem": "Israel",
    "Tehran": "Iran",
    **dict.fromkeys(("Tokyo", "Osaka"), "Japan"),
    **dict.fromkeys(("Brasília", "Brasilia"), "Brazil"),
    "Budapest": "Hungary",
    "Minsk": "Belarus",
    **dict.fromkeys(("Pretoria", "Johannesburg"), "South Africa"),
    "Brussels": "European Union",
    "Doha": "Qatar",
    "Astana": "Kazakhstan",
    "Mexico City": "Mexico",
    "Ottawa": "Canada",
    "Jakarta": "Indonesia",
    "Cairo": "Egypt",
    "Baku": "Azerbaijan",
    "Yerevan": "Armenia",
    "Canberra": "Australia",
    "Buenos Aires": "Argentina",
    "Madrid": "Spain",
    "Islamabad": "Pakistan",
    **dict.fromkeys(("Abu Dhabi", "Dubai"), "United Arab Emirates"),
    **dict.fromkeys(("Geneva", "Bern", "Davos"), "Switzerland"),
    "Vienna": "Austria",
    "Helsinki": "Finland",
    "Hanoi": "Vietnam",
    "Ulaanbaatar": "Mongolia",
}
"""Capitals and summit cities, with their country: a place that names the host ("in Budapest"),
and a capital that stands for its government ("Moscow said")."""

LEADERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Vladimir Putin": ("Russia", ("Dmitry Peskov", "Yuri Ushakov", "Sergei Lavrov", "Kirill Dmitriev")),
    "Donald Trump": ("United States", ("Karoline Leavitt", "Marco Rubio", "Steve Witkoff", "JD Vance")),
    "Xi Jinping": ("China", ("Wang Yi", "Mao Ning", "Lin Jian")),
    "Volodymyr Zelensky": (
        "Ukraine",
        ("Andrii Sybiha", "Serhiy Nykyforov", "Rustem Umerov", "Andriy Yermak"),
    ),
    "Recep Tayyip Erdoğan": ("Turkey", ("Hakan Fidan", "Ibrahim Kalin")),
    "Narendra Modi": ("India", ("Subrahmanyam Jaishankar", "Randhir Jaiswal")),
    "Emmanuel Macron": ("France", ("Jean-Noël Barrot",)),
    "Friedrich Merz": ("Germany", ("Stefan Kornelius", "Johann Wadephul")),
    "Keir Starmer": ("United Kingdom", ("Yvette Cooper",)),
    "Kim Jong Un": ("North Korea", ("Kim Yo Jong",)),
    "Giorgia Meloni": ("Italy", ("Antonio Tajani",)),
    "Mohammed bin Salman": ("Saudi Arabia", ("Faisal bin Farhan",)),
    "Benjamin Netanyahu": ("Israel", ("Gideon Saar",)),
    "Masoud Pezeshkian": ("Iran", ("Abbas Araghchi", "Esmaeil Baghaei")),
    "Lee Jae-myung": ("South Korea", ("Kang Yu-jung",)),
    "Shigeru Ishiba": ("Japan", ("Yoshimasa Hayashi",)),
    "Luiz Inácio Lula da Silva": ("Brazil", ("Mauro Vieira", "Celso Amorim")),
    "Viktor Orbán": ("Hungary", ("Péter Szijjártó",)),
    "Alexander Lukashenko": ("Belarus", ("Natalya Eismont",)),
    "Cyril Ramaphosa": ("South Africa", ("Vincent Magwenya",)),
    "Ursula von der Leyen": ("European Union", ("Paula Pinho",)),
    "Tamim bin Hamad Al Thani": ("Qatar", ("Majed al-Ansari",)),
    "Kassym-Jomart Tokayev": ("Kazakhstan", ("Ruslan Zheldibay",)),
    "Claudia Sheinbaum": ("Mexico", ("Juan Ramón de la Fuente",)),
    "Mark Carney": ("Canada", ("Anita Anand",)),
    "Prabowo Subianto": ("Indonesia", ("Sugiono",)),
    "Abdel Fattah el-Sisi": ("Egypt", ("Badr Abdelatty",)),
    "Ilham Aliyev": ("Azerbaijan", ("Hikmet Hajiyev",)),
    "Nikol Pashinyan": ("Armenia", ("Ararat Mirzoyan",)),
    "Anthony Albanese": ("Australia", ("Penny Wong",)),
    "Javier Milei": ("Argentina", ("Manuel Adorni",)),
    "Pedro Sánchez": ("Spain", ("José Manuel Albares",)),
    "Shehbaz Sharif": ("Pakistan", ("Shafqat Ali Khan",)),
    "Mohamed bin Zayed": ("United Arab Emirates", ("Anwar Gargash",)),
}
"""Leaders whose country the assistant knows, with officials known to speak for them (the
leaders of `tracker/generate/leaders.py`): a participant's party, and the side of a known
official named without a title ("Peskov said")."""

BACKGROUND_PHRASES = (
    r"on condition of anonymity|on (?:deep )?background|not authori[sz]ed to (?:speak|comment)|"
    r"(?:declined|asked) not to be (?:named|identified)|without being named|who requested anonymity"
)
"""Words that say an official speaks unnamed, on background ("who spoke on condition of
anonymity"): with an official of no stated side, still kind `background`."""

MEDIA_WORDS = frozenset(
    {
        "post",
        "times",
        "news",
        "journal",
        "herald",
        "tribune",
        "agency",
        "press",
        "gazette",
        "telegraph",
        "guardian",
        "daily",
        "today",
        "reuters",
        "tass",
        "afp",
        "ap",
        "bloomberg",
        "xinhua",
        "interfax",
        "ria",
        "cnn",
        "bbc",
        "axios",
        "politico",
        "kommersant",
        "izvestia",
        "media",
        "newspaper",
    }
)
"""Words that make a name an outlet's ("the Morning Post", "the news agency TASS")."""

NOT_NAMES = frozenset(
    {
        *["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        *[
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        *[
            "the",
            "a",
            "an",
            "and",
            "or",
            "but",
            "of",
            "in",
            "on",
            "at",
            "to",
            "for",
            "from",
            "by",
            "with",
            "as",
            "if",
            "this",
            "that",
            "these",
            "those",
            "it",
            "he",
            "she",
        ],
        *[
            "they",
            "we",
            "i",
            "you",
            "his",
            "her",
            "their",
            "its",
            "our",
            "my",
            "your",
            "there",
            "here",
            "what",
            "why",
            "how",
            "when",
            "where",
            "who",
        ],
        *[
            "kremlin",
            "cooperation",
            "economic",
            "security",
            "association",
            "house",
            "base",
            "war",
            "summit",
            "forum",
            "organization",
            "council",
            "union",
            "nations",
            "states",
            "republic",
            "party",
        ],
        *[
            "ministry",
            "department",
            "office",
            "agency",
            "post",
            "news",
            "times",
            "analysis",
            "read",
            "share",
            "related",
            "follow",
        ],
        *[
            "president",
            "minister",
            "spokesman",
            "adviser",
            "secretary",
            "envoy",
            "chancellor",
            "premier",
            "king",
            "leader",
        ],
        *[
            "russian",
            "american",
            "chinese",
            "ukrainian",
            "european",
            "western",
            "eastern",
            "u.s.",
            "us",
            "u.n.",
            "un",
            "nato",
        ],
    }
)
"""Capitalised words that never start or end a person's name found by shape."""

HEAD_WORDS = frozenset(
    {"president", "prime", "premier", "chancellor", "king", "leader", "dictator", "strongman"}
)
