"""The leaders of generated summits, with their countries, capitals and officials who speak for them."""

from __future__ import annotations

from dataclasses import dataclass


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


def _leader(
    name: str,
    short: str,
    office: str,
    country: str,
    capital: str,
    *officials: tuple[str, str | None],
    tag: str | None = None,
) -> Leader:
    return Leader(name, short, office, country, capital, officials, tag or short)


# In order of how often they take part in summits (a Zipf law over this order).
# fmt: off
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
# fmt: on
