"""Names are found by any word, in order, case ignored; a whole-name prefix wins."""

from __future__ import annotations

import asyncio

from iep_meeting.tui.widgets.name_suggester import NameSuggester, match_name, taken

TEAM = ["Renata Vance", "Ms. Dana Kim", "Dev Okafor", "Dana Kimball"]


def test_a_prefix_of_the_whole_name_comes_first():
    assert match_name(TEAM, "dana") == "Dana Kimball"
    assert match_name(TEAM, "Ms. K") == "Ms. Dana Kim"


def test_any_word_in_order_finds_a_name():
    assert match_name(TEAM, "kim") == "Ms. Dana Kim"
    assert match_name(TEAM, "d ok") == "Dev Okafor"
    assert match_name(TEAM, "okafor dev") is None  # the words in the name's order
    assert match_name(TEAM, "") is None and match_name(TEAM, "Zed") is None


def test_the_suggestion_completes_a_prefix_and_points_to_a_word_match():
    suggester = NameSuggester(TEAM)
    assert asyncio.run(suggester.get_suggestion("dev o")) == "Dev Okafor"  # taken as the team spells it
    shown = asyncio.run(suggester.get_suggestion("okaf"))
    assert shown == "okaf → Dev Okafor" and taken(shown) == "Dev Okafor"
    assert asyncio.run(suggester.get_suggestion("Dev Okafor")) is None  # nothing left to suggest
