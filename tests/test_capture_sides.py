"""`tracker draft` and the belief model's sides (R2): a new stub's parties and host, each
candidate's `speaks_for` as the summit knows the side (its party, its participant, its host, a
third party), and officials on background. Each on a small constructed text; the fragment is
validated, loaded, and the drafted claims weighed by `belief.standing` as a careful reader would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from tracker.capture import lexicon, sides
from tracker.cli.main import cli
from tracker.domain.belief import HOST, PARTY, STANDING, THIRD_PARTY, side, standing
from tracker.domain.facts import Fact
from tracker.domain.models import PublishedClaim, Summit
from tracker.domain.vocabulary import AttributionKind
from tracker.generate.leaders import LEADERS
from tracker.scenario.load import load_scenario

LEAD = (
    "Moscow, July 22, 2025\n\n"
    "Vladimir Putin and Donald Trump last spoke by telephone several weeks ago about the war, and "
    "Xi Jinping and Donald Trump spoke in June about trade.\n\n"
)
"""A dateline, and a paragraph that names the leaders in full, as a real text does before it
calls them by their surnames (the assistant takes a name from a pair it sees named)."""
BACKGROUND = STANDING[AttributionKind.BACKGROUND]
ANONYMOUS = STANDING[AttributionKind.ANONYMOUS]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), env={"TRACKER_STORE": None})


@pytest.fixture(autouse=True)
def no_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .tracker/events.sqlite here: every summit is a stub


class Drafted:
    """A drafted fragment: its data, and each claim's standing and party for its summit, as the
    belief rules weigh the fragment once validated and loaded."""

    def __init__(self, tmp_path: Path, body: str, *options: str) -> None:
        (tmp_path / "news.txt").write_text(LEAD + body, encoding="utf-8")
        result = run("draft", "news.txt", *options)
        assert result.exit_code == 0, result.output
        self.text: str = result.stdout
        self.data: dict[str, Any] = yaml.safe_load(result.stdout)
        fragment = tmp_path / "news.yaml"
        fragment.write_text(self.text, encoding="utf-8")
        checked = run("validate", str(fragment))
        assert checked.exit_code == 0, checked.output
        scenario = load_scenario(fragment)
        published = scenario.sources[0].published
        self.summits = {s.id: s for s in scenario.summits}
        self.claims = [PublishedClaim(claim=c, published=published) for c in scenario.claims]

    def summit(self, index: int = 0) -> Summit:
        return self.summits[self.claims[index].claim.summits[0]]

    def attribution(self, index: int = 0) -> dict[str, Any]:
        found: dict[str, Any] = self.data["claims"][index]["attribution"]
        return found

    def standing(self, index: int = 0) -> int:
        return standing(Fact.of(self.claims[index]), self.summit(index))

    def party(self, index: int = 0) -> str | None:
        return side(Fact.of(self.claims[index]), self.summit(index))


def known_store(tmp_path: Path, summit: str) -> str:
    """A store holding `summit` (a YAML flow mapping), as `tracker draft --store` reads it."""
    store = tmp_path / "store.sqlite"
    (tmp_path / "known.txt").write_text("Known text.", encoding="utf-8")
    (tmp_path / "known.yaml").write_text(
        "sources:\n  - {id: known, outlet: K, published: 2025-07-01, file: known.txt}\n"
        f"summits:\n  - {summit}\nclaims: []\n",
        encoding="utf-8",
    )
    assert run("replay", str(tmp_path / "known.yaml"), "--store", str(store)).exit_code == 0
    return str(store)


# -- new summit stubs: parties and host -------------------------------------------------------


def test_a_stub_gets_the_participants_countries_as_parties(tmp_path: Path) -> None:
    draft = Drafted(tmp_path, "Vladimir Putin and Donald Trump have agreed to meet, Peskov said.")
    (stub,) = draft.data["summits"]
    assert stub["participants"] == ["Vladimir Putin", "Donald Trump"]
    assert stub["parties"] == ["Russia", "United States"]
    assert "host" not in stub
    assert "parties Russia, United States: the participants' countries" in draft.text


def test_a_stub_gets_no_parties_when_a_participants_country_is_unknown(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Vladimir Putin and Jan Novak have agreed to meet. Novak and Putin are old friends, Peskov said.",
    )
    stubs = [s for s in draft.data["summits"] if "Jan Novak" in s["participants"]]
    assert stubs and all("parties" not in s and "host" not in s for s in stubs)


def test_a_stub_in_a_city_of_no_party_gets_that_country_as_host(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Kremlin spokesman Dmitry Peskov said Vladimir Putin and Donald Trump will meet in Budapest.",
    )
    (stub,) = draft.data["summits"]
    assert (stub["venue"], stub["parties"], stub["host"]) == (
        "Budapest",
        ["Russia", "United States"],
        "Hungary",
    )


def test_a_stub_gets_the_host_the_text_names(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Hungary offered to host a meeting of Vladimir Putin and Donald Trump, Hungarian Prime Minister "
        "Viktor Orbán said.",
    )
    (stub,) = draft.data["summits"]
    assert stub["participants"] == ["Vladimir Putin", "Donald Trump"]  # Orbán hosts, he does not meet
    assert stub["host"] == "Hungary"
    assert "host Hungary: 'Hungary offered to host'" in draft.text
    assert draft.attribution()["speaks_for"] == "Hungary"
    assert draft.standing() == HOST


@pytest.mark.parametrize(
    "where",
    ["in Beijing", "in Ukraine"],
    ids=["a party's capital", "a country's own name"],
)
def test_no_host_unless_sure(tmp_path: Path, where: str) -> None:
    draft = Drafted(tmp_path, f"Vladimir Putin and Xi Jinping will meet {where}, Peskov said.")
    assert all("host" not in s for s in draft.data["summits"])


# -- speaks_for ---------------------------------------------------------------------------------


def test_a_title_gives_the_stubs_party(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "White House press secretary Karoline Leavitt said Vladimir Putin and Donald Trump have agreed "
        "to meet.",
    )
    assert draft.attribution()["speaks_for"] == "United States"
    assert (draft.standing(), draft.party()) == (PARTY, "United States")
    assert "speaks_for United States (from the title 'White House press secretary')" in draft.text


def test_a_spokesman_for_a_leader_speaks_for_that_leaders_party(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Dmitry Peskov, a spokesman for Vladimir Putin, told reporters that the two presidents have "
        "agreed to meet.",
    )
    assert draft.attribution()["speaks_for"] == "Russia"
    assert (draft.standing(), draft.party()) == (PARTY, "Russia")


def test_a_recorded_summit_without_parties_gets_the_participants_name(tmp_path: Path) -> None:
    store = known_store(tmp_path, "{id: pt, title: PT, participants: [Vladimir Putin, Donald Trump]}")
    draft = Drafted(
        tmp_path,
        "Kremlin spokesman Dmitry Peskov said a meeting of Vladimir Putin and Donald Trump cannot be "
        "ruled out.",
        "--store",
        store,
    )
    assert draft.data["claims"][0]["summits"] == ["pt"]
    assert draft.attribution()["speaks_for"] == "Vladimir Putin"
    assert (draft.standing(), draft.party()) == (PARTY, "Vladimir Putin")


def test_a_recorded_summit_with_parties_gets_the_party_as_it_names_it(tmp_path: Path) -> None:
    store = known_store(
        tmp_path,
        "{id: pt, title: PT, participants: [Vladimir Putin, Donald Trump], "
        "parties: [Russian Federation, USA]}",
    )
    draft = Drafted(
        tmp_path,
        "White House press secretary Karoline Leavitt said Vladimir Putin and Donald Trump have agreed "
        "to meet.",
        "--store",
        store,
    )
    assert draft.attribution()["speaks_for"] == "USA"
    assert (draft.standing(), draft.party()) == (PARTY, "USA")


def test_an_official_of_another_country_is_a_third_party(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Chinese foreign ministry spokeswoman Mao Ning said a meeting of Vladimir Putin and Donald Trump "
        "is possible.",
    )
    assert draft.attribution()["speaks_for"] == "China"
    assert (draft.standing(), draft.party()) == (THIRD_PARTY, None)
    assert "a third party of" in draft.text


def test_the_hosts_minister_speaks_for_the_host(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "Hungarian Foreign Minister Péter Szijjártó told reporters that the planned summit of Vladimir "
        "Putin and Donald Trump in Budapest is confirmed and that preparations are going well.",
    )
    assert draft.summit().host == "Hungary"
    assert draft.attribution()["speaks_for"] == "Hungary"
    assert (draft.standing(), draft.party()) == (HOST, None)


def test_a_participant_speaking_needs_no_speaks_for(tmp_path: Path) -> None:
    draft = Drafted(tmp_path, "Donald Trump said he and Vladimir Putin have agreed to meet.")
    assert draft.attribution() == {"kind": "official", "speaker": "Donald Trump"}
    assert (draft.standing(), draft.party()) == (PARTY, "United States")


def test_a_body_speaks_for_its_country(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path, "Chinese authorities said a meeting of Xi Jinping and Donald Trump was scheduled."
    )
    assert draft.attribution()["speaks_for"] == "China"
    assert (draft.standing(), draft.party()) == (PARTY, "China")


def test_one_speaks_for_across_summits_prefers_the_party_and_says_where_it_is_a_third_party() -> None:
    with_parties = Summit(
        id="pt", title="PT", participants=("Vladimir Putin", "Donald Trump"), parties=("Russia", "USA")
    )
    without = Summit(id="pz", title="PZ", participants=("Vladimir Putin", "Volodymyr Zelensky"))
    talks = Summit(id="uz", title="UZ", participants=("Volodymyr Zelensky", "Xi Jinping"))
    hint = sides.Hint(nation="United States", why="from the title 'White House press secretary'")
    value, comment = sides.speaks_for("Karoline Leavitt", hint, [talks, with_parties, without])
    assert value == "USA"
    assert "a party of pt" in comment
    assert "United States, a third party, for uz" in comment
    russia = sides.Hint(nation="Russia")
    assert sides.speaks_for("Dmitry Peskov", russia, [without, with_parties])[0] == "Russia"
    assert sides.speaks_for("Dmitry Peskov", russia, [without])[0] == "Vladimir Putin"
    assert sides.speaks_for("Vladimir Putin", russia, [without, with_parties]) == (None, "")


# -- background -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "role", "speaks_for"),
    [
        ("A senior White House official said", "a senior White House official", "United States"),
        ("A Kremlin official who spoke on condition of anonymity said", "a Kremlin official", "Russia"),
        ("Two Kremlin officials said", "two Kremlin officials", "Russia"),
        ("A Trump administration official said", "a Trump administration official", "United States"),
    ],
)
def test_an_unnamed_official_of_a_known_side_is_background(
    tmp_path: Path, words: str, role: str, speaks_for: str
) -> None:
    draft = Drafted(tmp_path, f"{words} the meeting of Vladimir Putin and Donald Trump was called off.")
    assert draft.attribution() == {"kind": "background", "role": role, "speaks_for": speaks_for}
    assert draft.standing() == BACKGROUND
    assert "on background" in draft.text


def test_an_official_speaking_on_background_with_no_side_stated_is_background(tmp_path: Path) -> None:
    draft = Drafted(
        tmp_path,
        "An official who spoke on condition of anonymity said the meeting of Vladimir Putin and Donald "
        "Trump was postponed.",
    )
    assert draft.attribution() == {"kind": "background", "role": "an official"}
    assert draft.standing() == BACKGROUND
    assert "side not stated: add `speaks_for`" in draft.text


@pytest.mark.parametrize(
    "words",
    ["Sources said", "People familiar with the talks said", "Diplomats said", "Officials said"],
)
def test_unnamed_sources_stay_anonymous(tmp_path: Path, words: str) -> None:
    draft = Drafted(tmp_path, f"{words} the meeting of Vladimir Putin and Donald Trump was called off.")
    assert draft.attribution()["kind"] == "anonymous"
    assert "speaks_for" not in draft.attribution()
    assert draft.standing() == ANONYMOUS


# -- the lexicon --------------------------------------------------------------------------------


def test_the_lexicon_knows_every_generated_leader_and_their_officials() -> None:
    for leader in LEADERS:
        nation = leader.country.removeprefix("the ")
        assert lexicon.LEADERS[leader.name][0] == nation, leader.name
        assert sides.nation_in(leader.capital) == nation or leader.capital not in lexicon.CITIES
        for official, _ in leader.officials:
            if not official.startswith("the ") and official in lexicon.LEADERS[leader.name][1]:
                assert sides.person_nation(official)[0] == nation
