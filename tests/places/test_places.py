"""Places: gazetteer, lookup and disambiguation (model-free), and the stage on a few sentences (model)."""

from __future__ import annotations

import pytest

from eventwire.places import gazetteer, rank
from eventwire.places.common import Clues, choose, lookup


@pytest.fixture
def gaz(gaz_dir, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(gaz_dir))
    return gazetteer.load()


def test_index_is_cached_on_disk(gaz, gaz_dir):
    assert gazetteer.index_path().parent == gaz_dir
    assert gazetteer.index_path().exists()


def test_paris_france_unless_texas_given(gaz):
    entries = gaz.get("Paris")
    best, _ = choose(entries, Clues(countries={"USA"}))
    assert best[gazetteer.COUNTRY] == "FRA"
    best, why = choose(entries, Clues(admin_countries={"USA"}, admin1={("USA", "TX")}))
    assert best[gazetteer.COUNTRY] == "USA" and best[gazetteer.ADMIN1] == "TX"
    assert "admin context" in why


def test_georgia_country_or_us_state(gaz):
    entries = gaz.get("Georgia")
    # In a report on Russia the actors stage reads "Georgia" as the country: the article's countries hold it.
    assert choose(entries, Clues(countries={"RUS", "GEO"}))[0][gazetteer.KIND] == "country"
    state, _ = choose(entries, Clues(countries={"USA"}))
    assert (state[gazetteer.KIND], state[gazetteer.COUNTRY], state[gazetteer.ADMIN1]) == (
        "admin1",
        "USA",
        "GA",
    )


def test_a_state_name_is_a_city_only_when_the_city_bears_it(gaz):
    def chosen(name, country):
        best, _ = choose(gaz.get(name), Clues(countries={country}, name=name.lower()))
        return best[gazetteer.NAME], best[gazetteer.KIND]

    assert chosen("Oklahoma", "USA") == ("Oklahoma", "admin1")  # not Oklahoma City
    assert chosen("Bahia", "BRA")[1] == "admin1"  # GeoNames lists Salvador under the state's name
    assert chosen("Henan", "CHN")[1] == "admin1"
    assert chosen("New York", "USA") == ("New York City", "city")
    assert chosen("Washington", "USA")[1] == "city"
    assert chosen("Lagos", "NGA") == ("Lagos", "city")
    assert chosen("Kiev", "UKR") == ("Kyiv", "city")  # the city-state under another spelling


def test_kiev_and_kyiv_are_one_city(gaz):
    kiev, kyiv = choose(gaz.get("Kiev"), Clues())[0], choose(gaz.get("Kyiv"), Clues())[0]
    assert kiev[gazetteer.ID] == kyiv[gazetteer.ID] == 703448


def test_region_from_data_file(gaz):
    best, _ = choose(gaz.get("Donetsk region"), Clues())
    assert best[gazetteer.KIND] == "admin1" and best[gazetteer.COUNTRY] == "UKR"
    golan, _ = choose(gaz.get("the Golan Heights"), Clues())
    assert golan[gazetteer.KIND] == "region" and golan[gazetteer.LAT] is not None
    assert lookup("Golan Heights")[0].kind == "region"


def test_small_place_needs_context(gaz):
    entries = gaz.get("Verkhnotoretske")
    assert choose(entries, Clues())[0] is None
    best, _ = choose(entries, Clues(admin_countries={"UKR"}, admin1={("UKR", "05")}))
    assert best[gazetteer.COUNTRY] == "UKR"


def test_former_name_ranks_below_own_name(gaz):
    # Salisbury was Harare's name; the English city that bears it today is meant, not the capital.
    best, _ = choose(gaz.get("Salisbury"), Clues(name="salisbury"))
    assert best[gazetteer.COUNTRY] != "ZWE"
    best, _ = choose(gaz.get("St. Petersburg"), Clues(name="saint petersburg"))
    assert best[gazetteer.COUNTRY] == "RUS"


def test_unknown_name(gaz):
    best, why = choose(gaz.get("Xyzzyville"), Clues())
    assert best is None and why == "not in the gazetteer"


def test_lookup_describes(gaz):
    found = lookup("Paris", country="FRA")
    assert found and found[0].country == "FRA"
    assert "Paris" in found[0].describe()


def test_import_geonames(gaz, tmp_path):
    row = ["9999999", "Zzyzx Springs", "Zzyzx Springs", "Zzyzx", "35.14", "-116.10", "P", "PPL", "US", "",
           "CA", "", "", "", "20", "", "", "America/Los_Angeles", "2020-01-01"]  # fmt: skip
    dump = tmp_path / "tiny.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    assert gazetteer.import_geonames(str(dump)) == 1
    found = lookup("Zzyzx Springs")
    assert found and found[0].id == 9999999
    # Stadiums and streets are kept as facilities; other spots (a farm) are not; two sites of one name far
    # apart are not guessed between.
    rows = [
        ["9999001", "Qwertz Arena", "Qwertz Arena", "", "48.10", "11.50", "S", "STDM", "DE", "", "02", "", "",
         "", "0", "", "", "Europe/Berlin", "2020-01-01"],
        ["9999002", "Qwertz Farm", "Qwertz Farm", "", "48.20", "11.60", "S", "FRM", "DE", "", "02", "", "",
         "", "0", "", "", "Europe/Berlin", "2020-01-01"],
        ["9999003", "Zyx Chapel", "Zyx Chapel", "", "48.10", "11.50", "S", "CH", "DE", "", "02", "", "",
         "", "0", "", "", "Europe/Berlin", "2020-01-01"],
        ["9999004", "Zyx Chapel", "Zyx Chapel", "", "52.50", "13.40", "S", "CH", "DE", "", "16", "", "",
         "", "0", "", "", "Europe/Berlin", "2020-01-01"],
    ]  # fmt: skip
    dump.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    assert gazetteer.import_geonames(str(dump)) == 3
    arena = lookup("Qwertz Arena")
    assert arena and arena[0].kind == "facility" and arena[0].country == "DEU"
    assert not lookup("Qwertz Farm")
    best, why = choose(gazetteer.load().get("Zyx Chapel"), Clues(countries={"DEU"}))
    assert best is None and "several" in why
    gazetteer.extra_path().unlink()
    gazetteer._LOADED.clear()


@pytest.fixture(scope="module")
def code(gaz_dir):
    import os

    os.environ["EVENTWIRE_CACHE_DIR"] = str(gaz_dir)
    import eventwire.places.resolve  # noqa: F401
    from eventwire.api import CodeOptions, code_text

    return lambda text: code_text(text, options=CodeOptions(stages=["times", "actors", "places"]))


@pytest.mark.model
def test_actor_is_not_a_place_but_locative_is(code):
    record = code("Moscow said on Monday it would send troops. The talks in Moscow ended late.")
    texts = [(p.text, p.span[0]) for p in record.places]
    assert ("Moscow", 0) not in texts
    assert any(t == "Moscow" and s > 0 for t, s in texts)


@pytest.mark.model
def test_village_with_admin_context(code):
    record = code(
        "A soldier patrols a street in Verkhnotoretske village in Yasynuvata district, Donetsk region, "
        "eastern Ukraine, officials said."
    )
    village = next(p for p in record.places if p.text.startswith("Verkhnotoretske"))
    assert village.country == "UKR" and village.lat is not None and abs(village.lat - 48.2) < 0.5


@pytest.mark.model
def test_same_place_twice_gets_two_records(code):
    record = code("Officials met in Paris on Monday. They will meet in Paris again on Friday.")
    paris = [p for p in record.places if p.text == "Paris"]
    assert len(paris) == 2 and paris[0].id != paris[1].id and paris[0].country == paris[1].country == "FRA"


@pytest.mark.model
def test_stative_subject_and_possessor_are_places_but_agents_are_not(code):
    record = code(
        "Canada approved the sale on Monday. Norway will have the most electric cars by 2030. "
        "Norway's economic growth slowed, while Canada's demands grew."
    )
    places = [(p.text, p.span[0]) for p in record.places]
    assert ("Canada", 0) not in places
    assert sum(1 for t, _ in places if t == "Norway") == 2
    assert not any(t == "Canada" and s > 0 for t, s in places)


@pytest.mark.model
def test_possessor_of_what_lies_in_it_is_a_place_of_who_acts_for_it_is_not(code):
    record = code(
        "The tariffs will hurt Vietnam's textile industry. Analysts watch the size of Kenya's urban "
        "population. Egypt's security services detained the blogger."
    )
    found = {p.text for p in record.places}
    assert {"Vietnam", "Kenya"} <= found and "Egypt" not in found


@pytest.mark.model
def test_demonym_of_a_thing_is_a_place_of_people_is_not(code):
    record = code("Ferries to the Greek islands were cancelled. Greek officials met Italian ministers.")
    greek = [p for p in record.places if p.text == "Greek"]
    assert len(greek) == 1 and greek[0].country == "GRC" and greek[0].use == "demonym"
    assert greek[0].span[0] < 30
    assert not any(p.text == "Italian" for p in record.places)


@pytest.mark.model
def test_dateline_in_capitals(code):
    record = code("RALEIGH, N.C. (AP) - The state budget passed the House on Tuesday.")
    dateline = next(p for p in record.places if p.use == "dateline")
    assert dateline.text == "RALEIGH" and dateline.country == "USA" and dateline.admin1 == "North Carolina"


@pytest.mark.model
def test_untagged_name_in_locative_phrase(code):
    record = code(
        "The chain sold its stores in Zilina, Nitra and Presov. She grew up in Dewsbury, it said. "
        "According to Davis, the shop in Nitra will close."
    )
    found = {p.text: p for p in record.places}
    assert "Davis" not in found
    assert found["Dewsbury"].country == "GBR"
    assert found["Nitra"].country == found["Presov"].country == "SVK"
    assert found["Nitra"].use == "untagged" or found["Presov"].use == "untagged"


@pytest.mark.model
def test_list_of_places_is_not_a_place_and_its_state(code):
    record = code("The band played Washington, Chicago and Denver and closed the tour in Houston, Texas.")
    found = {p.text: p for p in record.places}
    assert found["Washington"].name.startswith("Washington")
    assert found["Houston"].admin1 == "Texas"


@pytest.mark.model
def test_county_is_not_the_city_of_the_same_name(code):
    record = code("He lived in Suffolk County for years.")
    suffolk = next(p for p in record.places if p.text.startswith("Suffolk"))
    assert suffolk.kind != "city"


@pytest.mark.model
def test_backer_and_people_are_actors_not_places(code):
    record = code(
        "Russia-backed separatists attacked the town. A Ukrainian serviceman patrols a street in Kharkiv."
    )
    texts = [p.text for p in record.places]
    assert "Russia" not in texts and "Ukrainian" not in texts
    assert "Kharkiv" in texts


@pytest.mark.model
def test_places_in_captions(gaz_dir):
    import os

    os.environ["EVENTWIRE_CACHE_DIR"] = str(gaz_dir)
    from eventwire.api import code_text

    caption = (
        "FILE - A firefighter works at a burning house in Verkhnotoretske village, Donetsk region, Ukraine."
    )
    body = [
        "Officials in Kyiv said on Monday that shelling had damaged several houses in the east.",
        "Repair crews were sent to the area on Tuesday, the regional administration said in a statement.",
    ]
    text = "\n\n".join(["Home", "World", "Shelling Damages Houses in Eastern Ukraine", caption, *body])
    record = code_text(text)
    assert record.article.captions and "Verkhnotoretske" not in record.article.text
    village = next(p for p in record.caption_places if p.text.startswith("Verkhnotoretske"))
    cap = record.article.captions[village.caption]
    assert cap[village.span[0] : village.span[1]] == village.text
    assert village.kind == "village" and village.country == "UKR" and abs(village.lat - 48.22) < 0.1
    assert not any(p.text.startswith("Verkhnotoretske") for p in record.places)


@pytest.mark.model
def test_a_persons_name_is_not_a_place_unless_locative(code):
    # The model tags the second "Helen" and "Salah" as places; the article names persons so.
    record = code(
        "Helen Kunz died in 2019. The family of Helen, Clarence and Irene asked for justice. "
        "Mohamed Salah scored twice. Every boy here wants to be the next Salah. He trains in Salah, Egypt."
    )
    texts = [(p.text, p.span[0]) for p in record.places]
    assert not any(t == "Helen" for t, _ in texts)
    assert [s for t, s in texts if t == "Salah"] == [record.article.text.rindex("Salah,")]


@pytest.mark.model
def test_an_acronym_is_not_a_town_spelled_the_same(code):
    record = code("Leaders of the TNA met in the capital. Its members live in the EU and in Norway.")
    found = {p.text: p for p in record.places}
    assert "TNA" not in found
    assert found["EU"].kind == "region" and found["Norway"].country == "NOR"


@pytest.mark.model
def test_streets_and_buildings_are_placed_where_they_are(code):
    record = code(
        "NEW ORLEANS (AP) — Crews repaved Royal Street on Monday. The choir sang at the Manila Cathedral in "
        "the Philippines last year, and a cast of the Kelby Playhouse Theatre in Los Angeles toured Europe."
    )
    found = {p.text: p for p in record.places}
    street = found["Royal Street"]
    assert street.kind == "facility" and street.use == "facility"
    assert abs(street.lat - 29.95) < 0.3 and "NEW ORLEANS" in record.article.text
    assert found["Manila Cathedral"].country == "PHL" and abs(found["Manila Cathedral"].lat - 14.6) < 0.3
    theatre = next(p for t, p in found.items() if t.endswith("Playhouse Theatre"))
    assert theatre.kind == "facility" and abs(theatre.lat - 34.05) < 0.3 and "Los Angeles" in theatre.rule


@pytest.mark.model
def test_a_street_with_no_town_to_hold_it_stays_unplaced(code):
    record = code("The parade turned into Desire Street and ended near the river.")
    street = next(p for p in record.places if p.text == "Desire Street")
    assert street.lat is None and street.kind is None


@pytest.mark.model
def test_dateline_state_or_country_is_a_place_of_its_own(code):
    record = code("GREENVILLE, Calif. (AP) — The town council met on Monday to discuss the budget.")
    found = {p.text: p for p in record.places if p.use == "dateline"}
    assert found["Calif."].kind == "admin1" and found["Calif."].name == "California"
    assert found["GREENVILLE"].admin1 == "California"  # the state scopes the town, not the biggest namesake
    record = code("MANILA, Philippines – Ahead of the holiday, the archbishop urged the faithful to pray.")
    found = {p.text: p for p in record.places if p.use == "dateline"}
    assert found["Philippines"].kind == "country" and found["MANILA"].country == "PHL"


@pytest.mark.model
def test_possessor_of_a_street_is_a_place_and_holds_it(code):
    record = code("Officials said Harare’s Fourth Street will be closed for repairs until June.")
    found = {p.text: p for p in record.places}
    assert found["Harare"].country == "ZWE"
    street = found["Fourth Street"]
    assert street.kind == "facility" and street.country == "ZWE" and "Harare" in (street.rule or "")


@pytest.mark.model
def test_possessor_of_a_person_is_not_a_place(code):
    record = code("Jordan's husband said the trip was cancelled. Tyler’s attorney filed a motion.")
    assert not any(p.text in ("Jordan", "Tyler") for p in record.places)


def test_county_prefix_and_county_towns(gaz):
    tipperary = lookup("Tipperary")
    assert any(c.kind == "admin2" and c.country == "IRL" and c.lat is not None for c in tipperary)
    cheshire, _ = choose(gaz.get("Cheshire"), Clues(countries={"GBR"}))
    assert cheshire[gazetteer.KIND] == "admin2" and cheshire[gazetteer.COUNTRY] == "GBR"
    # A county's bare name is its county town when one of over MIN_POPULATION bears it.
    cork, _ = choose(gaz.get("Cork"), Clues(countries={"IRL"}))
    assert cork[gazetteer.KIND] == "city" and cork[gazetteer.COUNTRY] == "IRL"


@pytest.mark.model
def test_name_tagged_with_its_county_is_split(code):
    record = code("The next race is at Donington Park, Leicestershire. The farm is in County Kerry.")
    found = {p.text: p for p in record.places}
    assert found["Leicestershire"].kind == "admin2" and found["Leicestershire"].country == "GBR"
    park = found["Donington Park"]
    assert (
        park.kind == "facility" and park.country == "GBR" and abs(park.lat - found["Leicestershire"].lat) < 1
    )
    assert found["County Kerry"].country == "IRL" and found["County Kerry"].kind == "admin2"


@pytest.mark.model
def test_building_not_placed_by_a_common_word_in_its_name(code):
    record = code(
        "The couple wed at South Ossett Church. The suspect goes before the Airport Courthouse on Friday. "
        "Guards work at Crossroads Correctional Center."
    )
    found = {p.text: p for p in record.places}
    # Not the South region of Cameroon, the town of Airport (Hawaii), nor Woonsocket (once "Crossroads"):
    # with no town of their own in the text, they are kept without coordinates.
    for name in ("South Ossett Church", "Airport Courthouse", "Crossroads Correctional Center"):
        assert found[name].use == "facility" and found[name].lat is None and found[name].country is None


@pytest.mark.model
def test_town_in_a_local_bodys_name_is_an_embedded_place(code):
    record = code(
        "The Winnipeg Fire Paramedic Service put out a blaze on Sunday. Crews went to the 200 block of "
        "Assiniboine Avenue. The British Embassy said nothing."
    )
    found = {p.text: p for p in record.places}
    assert found["Winnipeg"].use == "embedded" and found["Winnipeg"].country == "CAN"
    assert "British" not in found  # a country's institution is the country's, not a place in it
    # The only town the article names holds its streets.
    avenue = found["Assiniboine Avenue"]
    assert avenue.kind == "facility" and avenue.lat == found["Winnipeg"].lat
    assert all(e.place != found["Winnipeg"].id for e in record.events)
    record = code("The Paris Air Show opened on Monday, and the Tokyo Olympics were delayed.")
    embedded = {p.text: p.country for p in record.places if p.use == "embedded"}
    assert embedded == {"Paris": "FRA", "Tokyo": "JPN"}  # events the model tags as such, not only bodies


@pytest.mark.model
def test_national_institution_is_placed_at_the_capital(code):
    record = code(
        "Farmers in Mysuru said the water was running out. Tamil Nadu moved the Supreme Court on Saturday. "
        "Officials in Mysuru met again."
    )
    court = next(p for p in record.places if p.text == "Supreme Court")
    assert court.country == "IND" and "New Delhi" in (court.rule or "")


def test_a_town_near_the_articles_other_towns_is_preferred(gaz):
    entries = gaz.get("Oceanside")
    alone, _ = choose(entries, Clues(countries={"USA"}))
    assert alone[gazetteer.ADMIN1] == "CA"  # the biggest Oceanside
    # The article's other names are two Long Island hamlets (invented article; the maps are built as the stage
    # builds them).
    clues = Clues(countries={"USA"}, name="oceanside", near=[(40.68, -73.51)])
    for name in ("oceanside", "bellmore", "levittown"):
        rank.add_area(clues, name, gaz.get(name))
    near_long_island, _ = choose(entries, clues)
    assert near_long_island[gazetteer.ADMIN1] == "NY"


@pytest.mark.model
def test_second_look_uses_the_other_towns_but_not_a_capital(code):
    record = code("She grew up in Oceanside and later moved to Bellmore and then to Levittown.")
    oceanside = next(p for p in record.places if p.text == "Oceanside")
    assert oceanside.admin1 == "New York"
    record = code("Researchers in Cambridge shared the data, officials in Washington said on Monday.")
    cambridge = next(p for p in record.places if p.text == "Cambridge")
    assert cambridge.admin1 != "Maryland"  # near Washington, but a capital says little


@pytest.mark.model
def test_village_with_its_county_after_a_comma(code):
    record = code("The next race is at Croft, Yorkshire, in June. The museum is in Paris, Texas.")
    found = {p.text: p for p in record.places}
    assert found["Croft"].country == "GBR" and found["Croft"].kind == "village"
    assert found["Paris"].admin1 == "Texas"  # the full stop after the state does not hide it


@pytest.mark.model
def test_small_town_of_the_articles_country_in_a_plain_locative_phrase(code):
    record = code(
        "British officials said the couple met in Dewsbury. They moved to Middlestown in 1960. "
        "The approval must come from your Congress, and the store was bought by K-Mart."
    )
    found = {p.text: p for p in record.places}
    assert found["Middlestown"].country == "GBR"
    assert "Congress" not in found and "Mart" not in found


@pytest.mark.model
def test_venue_followed_by_its_town(code):
    record = code("The actress spoke at Terra Kulture in Lagos on Friday. He works at Google in London.")
    found = {p.text: p for p in record.places}
    venue = found["Terra Kulture"]
    assert venue.kind == "facility" and venue.country == "NGA" and "Lagos" in (venue.rule or "")
    assert "Google" not in found  # once a joke name of Topeka: a name the model did not tag needs its own


@pytest.mark.model
def test_natural_features_from_the_data_file(code):
    record = code("Rowers trained on the Thames at dawn. He grew up in the Nile Delta.")
    found = {p.text: p for p in record.places}
    assert found["Thames"].name == "River Thames" and found["Thames"].country == "GBR"  # not Thames, NZ
    assert found["Nile Delta"].kind == "region" and found["Nile Delta"].country == "EGY"


@pytest.mark.model
def test_a_name_found_as_a_place_is_a_place_again(code):
    record = code(
        "Many traders live in Nigeria. The ministry will host a Ukraine Trade Mission to Nigeria in May. "
        "Nigeria said it would help."
    )
    nigeria = [p for p in record.places if p.text == "Nigeria"]
    assert [p.use for p in nigeria] == ["name", "repeated"] and all(p.country == "NGA" for p in nigeria)


def test_compass_named_admin_units_need_their_country(gaz):
    best, _ = choose(gaz.get("West"), Clues(countries={"USA"}))
    assert best is None or best[gazetteer.COUNTRY] != "CMR"
    best, _ = choose(gaz.get("West"), Clues(countries={"CMR"}))
    assert best[gazetteer.ID] == "CM-OU"
    best, _ = choose(gaz.get("West Coast"), Clues(countries={"USA"}))
    assert best[gazetteer.COUNTRY] == "USA"


@pytest.mark.model
def test_two_names_side_by_side_that_are_one_place(code):
    record = code("Work on the sewers in Baja California begins next month, the governor said.")
    baja = next(p for p in record.places if p.text.startswith("Baja"))
    assert baja.text == "Baja California" and baja.country == "MEX" and baja.kind == "admin1"


def test_admin_unit_named_after_a_town_rules_out_other_countries(gaz):
    best, why = choose(gaz.get("Rockingham"), Clues(admin_countries={"GBR"}, countries={"GBR"}))
    assert best is None or best[gazetteer.COUNTRY] == "GBR"
    if best is None:
        assert "admin unit" in why


@pytest.mark.model
def test_an_institution_is_not_a_village_of_its_name(code):
    record = code("American officials said the sale comes amid concerns in Congress about the war.")
    assert not any(p.text == "Congress" and p.kind == "village" for p in record.places)


@pytest.mark.model
def test_name_with_particles_and_landmark(code):
    record = code("The talks resumed inside the Palais des Nations on Tuesday.")
    palais = next(p for p in record.places if p.text == "Palais des Nations")
    assert palais.kind == "facility" and palais.country == "CHE" and palais.lat is not None


@pytest.mark.model
def test_county_closing_an_address_is_a_place(code):
    record = code("Race dates. 5 May: Brands Hatch Indy, Kent. The team has a new driver.")
    kent = next(p for p in record.places if p.text == "Kent")
    assert kent.country == "GBR" and kent.kind == "admin2"


@pytest.mark.model
def test_landmark_named_with_its_building_word(code):
    record = code(
        "Thousands attended the Easter Mass at Saint Peter's Basilica. The choir will sing in "
        "St George's Chapel at Windsor Castle."
    )
    found = {p.text: p for p in record.places}
    basilica = found["Saint Peter's Basilica"]
    assert basilica.country == "VAT" and basilica.kind == "facility"
    assert found["Windsor Castle"].country == "GBR"  # the landmark, not Windsor, Ontario


@pytest.mark.model
def test_a_state_the_article_names_picks_the_town_but_not_over_a_big_city(code):
    record = code(
        "The company runs the prison in Shelby. The Montana Department of Corrections said the state "
        "would pay."
    )
    found = {p.text: p for p in record.places}
    assert found["Shelby"].admin1 == "Montana" and "state the article names" in (found["Shelby"].rule or "")
    assert found["Montana"].use == "embedded"
    record = code("Louisville beat Mississippi State in Columbus, Ohio.")
    louisville = next((p for p in record.places if p.text == "Louisville"), None)
    assert louisville is None or louisville.admin1 == "Kentucky"


@pytest.mark.model
def test_road_numbers_in_a_sentence_about_roads(code):
    record = code(
        "The A417 will be shut south of the Air Balloon roundabout until Friday. Drivers into Cirencester "
        "face delays, and traffic in Cirencester is slow. She wore an N95 mask at work."
    )
    found = {p.text: p for p in record.places}
    for road in ("A417", "Air Balloon"):
        assert found[road].kind == "facility" and found[road].country == "GBR"
    assert "N95" not in found  # no road words in its sentence


@pytest.mark.model
def test_region_adjective_before_a_thing_is_the_region(code):
    record = code("The loan will boost the European economy. European leaders met in Brussels.")
    europe = [p for p in record.places if p.text == "European"]
    assert len(europe) == 1 and europe[0].name == "Europe" and europe[0].use == "demonym"
    record = code("They were found in the English city of Salisbury. The Scottish government said no.")
    found = {p.text: p for p in record.places}
    assert found["English"].name == "England" and found["English"].kind == "admin1"
    assert "Scottish" not in found  # a government is an actor


@pytest.mark.model
def test_name_the_model_cut_short_and_region_before_a_country(code):
    record = code(
        "Many families now live in Boa Vista, the capital of the state of Roraima. The prince met allies "
        "in the Gulf, Qatar."
    )
    found = {p.text: p for p in record.places}
    assert found["Boa Vista"].country == "BRA" and found["Boa Vista"].admin1 is not None
    assert found["Gulf"].kind == "region" and found["Gulf"].lat is not None  # the admin rule is for towns


def test_arabic_article_dropped_and_import_survives_a_new_index(gaz, monkeypatch):
    found = lookup("Qamishli")
    assert found and found[0].country == "SYR" and found[0].name.startswith("Al ")
    before = gazetteer.extra_path()
    monkeypatch.setattr(gazetteer, "VERSION", gazetteer.VERSION + "-next")
    assert gazetteer.extra_path() == before  # a user's import is not orphaned by a new packaged index
    assert gazetteer.index_path() != before


@pytest.mark.model
def test_more_names_of_buildings_and_towns(code):
    record = code(
        "Aid convoys arrived in Qamishli on Monday. Voters queued outside the "
        "Illinois State Armory. The choir performs at Saint Paul's Cathedral in June."
    )
    found = {p.text: p for p in record.places}
    assert found["Qamishli"].country == "SYR"
    armory = found["Illinois State Armory"]
    assert armory.kind == "facility" and armory.admin1 == "Illinois"
    assert found["Saint Paul's Cathedral"].name == "St Paul's Cathedral"
    record = code("Nurses at Belfast's Royal Victoria Hospital in Northern Ireland voted to strike.")
    found = {p.text: p for p in record.places}
    assert found["Belfast"].country == "GBR" and found["Royal Victoria Hospital"].country == "GBR"


@pytest.mark.model
def test_after_the_a_name_is_no_town_unless_the_phrase_is_larger(code):
    record = code(
        "American officials said the prince wants to improve the kingdom's image in the West. He visited "
        "the Birmingham festival and the Sacramento area."
    )
    found = {p.text: p for p in record.places}
    assert found.get("West") is None or found["West"].kind not in ("city", "village")
    assert found["Birmingham"].kind == "city" and found["Sacramento"].kind == "city"


def test_district_named_after_its_seat(gaz):
    from eventwire.places.common import _seat_named

    best, _ = choose(_seat_named(gaz, "Bakhmut district"), Clues(countries={"UKR"}))
    assert best[gazetteer.KIND] == "admin2" and best[gazetteer.NAME] == "Bakhmut district"
    assert best[gazetteer.COUNTRY] == "UKR" and best[gazetteer.LAT] is not None
    assert not _seat_named(gaz, "Nowhereville district")


@pytest.mark.model
def test_county_of_one_name_chosen_by_the_towns_near_it(code):
    record = code("Deputies in Orange County said the man from Orlando was arrested near Kissimmee.")
    county = next(p for p in record.places if p.text == "Orange County")
    assert county.kind == "admin2" and county.admin1 == "Florida"  # not the Californian one


@pytest.mark.model
def test_a_building_at_work_is_an_actor_but_a_street_is_a_place(code):
    record = code(
        "The White House announced new tariffs on Monday. Royal Street heading upriver was closed, said "
        "officials in New Orleans."
    )
    found = {p.text: p for p in record.places}
    assert "White House" not in found
    assert found["Royal Street"].kind == "facility" and found["Royal Street"].country == "USA"


@pytest.mark.model
def test_a_name_no_gazetteer_knows_is_placed_where_it_stands(code):
    record = code(
        "NENAGH, Ireland - Water levels rose on the Ballinree Canal. Fans praised Zamborska on Sunday."
    )
    found = {p.text: p for p in record.places}
    canal = found["Ballinree Canal"]  # a feature word: placed at the article's town, and says so
    assert canal.name is None and canal.country == "IRL" and abs(canal.lat - 52.86) < 0.2
    assert "not in the gazetteer" in canal.rule and "Nenagh" in canal.rule
    assert all(p.lat is None for p in record.places if p.text == "Zamborska")  # no place's position: no guess
    record = code("NENAGH, Ireland - There are 36 applicants in Cloughjordan, and 24 in Ballinree.")
    found = {p.text: p for p in record.places}
    assert found["Ballinree"].country == "IRL" and found["Ballinree"].lat is not None
    record = code(
        "NENAGH, Ireland - The Bulldogs outlasted the Lions in OT. His son competed in GT3 last year."
    )
    record_canal = code("NENAGH, Ireland - Work began on the Galway Canal on Monday.")
    canal = next(p for p in record_canal.places if p.text == "Galway Canal")
    assert "Galway" in canal.rule and abs(canal.lon + 9.05) < 0.2  # the town its name begins with
    record_suburb = code(
        "CAIRO (Reuters) - New flats are going up in the suburb of Zahraa, east of the capital."
    )
    suburb = next(p for p in record_suburb.places if p.text == "Zahraa")
    assert suburb.country == "EGY" and "not in the gazetteer" in suburb.rule
    record_far = code(
        "LEEDS, England - The club opened new pitches in Novoselivka and in Harrogate on Monday."
    )
    far = next(p for p in record_far.places if p.text == "Novoselivka")  # namesakes: Ukrainian villages only
    assert far.country == "GBR" and far.rule.startswith("no namesake in the gazetteer fits")
    assert not any(p.text in ("OT", "GT3") for p in record.places)  # the model tags them; codes, not places


@pytest.mark.model
def test_based_a_facilitys_town_and_a_persons_town_are_places(code):
    record = code(
        "The Leeds-based firm hired 40 people. Staff at the Harrogate police station were told on Monday."
    )
    found = {p.text: p for p in record.places}
    assert found["Leeds"].country == "GBR" and found["Harrogate"].country == "GBR"
    record = code("NEW YORK (AP) — Tom and Ann Baker of Massapequa won the lottery.")
    assert any(p.text == "Massapequa" and abs(p.lat - 40.68) < 0.1 for p in record.places)


@pytest.mark.model
def test_home_town_of_two_named_as_often_is_in_the_articles_country(code):
    record = code(
        "Mary Brown moved to Cape Town in 2015, and later to Delft. She lived in Delft and worked in Cape "
        "Town, Western Cape, before she left South Africa. She said she lives in a shack in Zinkwazi."
    )
    unknown = next(p for p in record.places if p.text == "Zinkwazi")
    assert unknown.country == "ZAF" and "Cape Town" in unknown.rule


@pytest.mark.model
def test_an_organisation_where_someone_is_is_placed_at_the_place_after_it(code):
    record = code(
        "Ama Owusu, a lecturer at the University of Ghana in Accra, said. He queued at the visa office of "
        "the Constitutional Court in Ankara for hours."
    )
    found = {p.text: p for p in record.places}
    university = found["University of Ghana"]
    assert university.kind == "facility" and "Accra" in university.rule
    assert abs(university.lat - 5.56) < 0.2
    assert found["Constitutional Court"].country == "TUR"
    record = code("Analysts praised the work of Google in India on Monday.")
    assert all(p.text != "Google" for p in record.places)


def test_subdivisions_by_their_english_and_bracketed_names(gaz):
    def admin1(name: str) -> str | None:
        return next((c.id for c in lookup(name) if c.kind == "admin1"), None)

    assert admin1("Bavaria") == "DE-BY" and admin1("Bayern") == "DE-BY"
    assert admin1("Catalonia") == admin1("Catalunya") == admin1("Cataluña") == "ES-CT"
    assert admin1("Inner Mongolia") == "CN-NM"
    assert not lookup("City")  # "Amānat al-ʿĀṣimah [city]": a descriptor, not a name


@pytest.mark.model
def test_demonyms_before_a_border_or_territory_are_places_before_people_not(code):
    record = code(
        "Shells fell on villages along the Iraqi-Syrian border on Tuesday. Russian "
        "troops crossed into Ukrainian territory. American workers and Chinese officials met."
    )
    found = {p.text: p for p in record.places if p.use == "demonym"}
    assert found["Iraqi"].country == "IRQ" and found["Syrian"].country == "SYR"
    assert found["Ukrainian"].country == "UKR"
    assert not {"Russian", "American", "Chinese"} & set(found)


@pytest.mark.model
def test_a_university_named_as_an_affiliation_is_not_placed_at_the_dateline(code):
    record = code(
        "WASHINGTON (Reuters) - Ann Lee, an economist at Cornell University, warned of higher prices."
    )
    university = next(p for p in record.places if p.text == "Cornell University")
    assert university.lat is None and university.kind is None


@pytest.mark.model
def test_streets_named_in_another_language_or_before_a_plural_street_word(code):
    record = code(
        "LYON, France (AP) — Marchers walked from the Rue Garibaldi to the Quai Perrache on Saturday, and "
        "police closed Paul and Marcel streets."
    )
    found = {p.text: p for p in record.places if p.use == "facility"}
    assert {"Rue Garibaldi", "Quai Perrache", "Paul", "Marcel"} <= set(found)
    record = code("BRATISLAVA, Slovakia - The developer bought the Hotel Tatra last year.")
    hotel = next(p for p in record.places if p.text == "Hotel Tatra")
    assert hotel.kind == "facility" and hotel.country == "SVK"
    assert all(p.country == "FRA" and "Lyon" in p.rule for p in found.values())


@pytest.mark.model
def test_a_big_city_in_capitals_opening_the_text_is_a_dateline_but_not_a_papers_name(code):
    record = code("DENVER Mayor Ann Lee opened the new library on Monday.")
    assert [(p.text, p.use, p.country) for p in record.places][:1] == [("DENVER", "dateline", "USA")]
    record = code("WASHINGTON Post reporters said the talks had ended.")
    assert all(p.use != "dateline" for p in record.places)


def test_a_street_never_names_an_actor_whatever_the_parse():
    import spacy
    from spacy.tokens import Doc, Span

    from eventwire.places.usage import _names_an_actor

    words = ["near", "Rebecca", "Street", "East", "and", "Carlos", "Drive"]
    heads = [0, 3, 3, 6, 6, 6, 0]
    deps = ["ROOT", "compound", "compound", "nmod", "cc", "compound", "pobj"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, 1, 4, label="FAC"), Span(doc, 5, 7, label="PERSON")]
    # The parse hangs the street on a "person": the street is still no title of one.
    assert doc[3].head.ent_type_ == "PERSON"
    assert not _names_an_actor(doc[1:4])


def test_a_name_the_model_tags_as_a_place_at_work_is_no_place(gaz):
    import spacy
    from spacy.tokens import Doc, Span

    from eventwire.places.mentions import find_mentions

    # "Zorvik installed new turbines.": the model calls the firm a GPE; no actor stage knows it.
    doc = Doc(
        spacy.blank("en").vocab,
        words=["Zorvik", "installed", "new", "turbines", "in", "Oslo", "."],
        heads=[1, 1, 3, 1, 1, 4, 1],
        deps=["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct"],
        pos=["PROPN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
        lemmas=["Zorvik", "install", "new", "turbine", "in", "Oslo", "."],
    )
    for label in ("GPE", "FAC"):  # "Notre Dame won": the model's FAC at work too
        doc.ents = [Span(doc, 0, 1, label=label), Span(doc, 5, 6, label="GPE")]
        names = [m.name for m in find_mentions(doc, [], gaz)]
        assert names == ["Oslo"], label  # the subject of a verb of doing is at work, whatever its label


@pytest.mark.model
def test_a_legislature_or_ministry_named_as_where_is_at_its_capital(code):
    record = code("CHICAGO (AP) - The bill faces doubts in Congress, where hearings begin next week.")
    congress = next(p for p in record.places if p.text == "Congress")
    assert congress.kind == "facility" and abs(congress.lat - 38.9) < 0.3 and "capital" in congress.rule
    record = code("LONDON (Reuters) - The envoy was summoned to a meeting at the Russian Foreign Ministry.")
    ministry = next(p for p in record.places if p.text == "Russian Foreign Ministry")
    assert ministry.country == "RUS" and abs(ministry.lat - 55.75) < 0.3


@pytest.mark.model
def test_a_possessive_is_not_part_of_a_name_and_districts_are_features(code):
    record = code("COLUMBUS, Ohio (AP) - Inspectors found rust in the Riffe Center Complex's cooling towers.")
    complex_ = next(p for p in record.places if p.text.startswith("Riffe"))
    assert complex_.text == "Riffe Center Complex" and complex_.kind == "facility"
    record = code(
        "THURLES, Ireland - There are 30 contracts in Carrick Municipal District area, the council said."
    )
    district = next(p for p in record.places if p.text == "Carrick Municipal District")
    assert district.country == "IRL" and district.lat is not None


@pytest.mark.model
def test_a_person_or_a_language_is_no_place_and_us_regions_are(code):
    record = code(
        "MANCHESTER, N.H. (AP) - Ohio Gov. John Kasich spoke on Monday. A crowd gathered around Kasich "
        "after the speech. The anchor also works for a Spanish-language channel. Voters in the Midwest "
        "agreed."
    )
    found = {p.text: p for p in record.places}
    assert "Kasich" not in found  # the model's "place" is a person it tags elsewhere: no place at all
    assert "Spanish" not in found
    assert found["Midwest"].kind == "region" and found["Midwest"].country == "USA"


@pytest.mark.model
def test_a_name_no_gazetteer_knows_is_not_placed_at_a_dateline_of_another_country(code):
    record = code(
        "WASHINGTON (AP) - Russian artillery hit the village of Pryvilnobrody on Monday. Shells also fell on "
        "Kharkiv and Kramatorsk, and Ukraine asked Germany for more air defence."
    )
    village = next(p for p in record.places if p.text == "Pryvilnobrody")
    assert village.lat is None and village.country is None  # the article is about Ukraine: no guess


@pytest.mark.model
def test_a_name_no_gazetteer_knows_is_placed_in_the_county_named_after_it(code):
    record = code(
        "The rally series has six rounds. 3/4 May: Kirkbrae Forest, Fife. 7/8 June: Hobart, Northamptonshire."
    )
    found = {p.text: p for p in record.places}
    fife, forest = found["Fife"], found["Kirkbrae Forest"]
    assert forest.country == "GBR" and (forest.lat, forest.lon) == (fife.lat, fife.lon)
    # Hobart: no namesake in England, so not the Australian city
    hobart = found["Hobart"]
    county = found["Northamptonshire"]
    assert (hobart.lat, hobart.lon) == (county.lat, county.lon) and "named after it" in hobart.rule


@pytest.mark.model
def test_a_venue_the_model_tags_as_an_organisation_is_placed_at_the_town_after_it(code):
    record = code(
        "The author read from her new novel at Ikoyi Kulture Loft in Lagos. She is a trader at Granite "
        "Holdings in London. The pianist won second prize at the Junior Liszt Competition in Hungary."
    )
    found = {p.text: p for p in record.places}
    loft = found["Ikoyi Kulture Loft"]  # the town ends its sentence: "in Lagos. She ..."
    assert loft.kind == "facility" and loft.country == "NGA" and "Lagos" in loft.rule
    assert "Granite Holdings" not in found and "Junior Liszt Competition" not in found  # a company, a contest


@pytest.mark.model
def test_a_building_the_model_runs_on_into_a_person_is_the_building(code):
    record = code("Speaking at the Galway Cathedral, Cardinal Kelly recounted the story of the tomb.")
    found = {p.text: p for p in record.places}
    assert found["Galway Cathedral"].kind == "facility" and found["Galway Cathedral"].country == "IRL"
    assert not any("Kelly" in p.text for p in record.places)


@pytest.mark.model
def test_the_names_a_naming_phrase_gives_a_street_are_facilities(code):
    record = code(
        "SAVANNAH, Ga. - Originally named Rue Royale, the avenue was later called Jackson and then Monroe "
        "before finally being named Lincoln. The boy was named Jackson too."
    )
    streets = [p for p in record.places if p.kind == "facility"]
    assert [p.text for p in streets] == ["Rue Royale", "Jackson", "Monroe", "Lincoln"]
    assert all(p.country == "USA" and p.admin1 == "Georgia" for p in streets)  # at the dateline's town


@pytest.mark.model
def test_a_street_or_building_named_again_is_the_same_place(code):
    record = code(
        "SAVANNAH, Ga. - In 1850 the avenue was renamed Drayton, and the square was called Habersham. The "
        "houses south of Drayton and east of Habersham were built later. Hearings begin in Congress next "
        "week, and the mayor told Congress he would testify."
    )
    found = [(p.text, p.kind, p.admin1) for p in record.places]
    assert found.count(("Drayton", "facility", "Georgia")) == 2
    assert found.count(("Habersham", "facility", "Georgia")) == 2
    assert sum(1 for text, _, _ in found if text == "Congress") == 1  # where hearings are, not who is told


@pytest.mark.model
def test_a_demonym_that_begins_a_quarters_name_and_a_quarter_as_subject_are_places(code):
    record = code(
        "NEW ORLEANS - Crowds filled the French Quarter bars on Saturday. Downriver, the Faubourg "
        "Sainte-Anne soon developed into a busy neighborhood."
    )
    found = {p.text: p for p in record.places}
    assert "French" not in found and found["French Quarter"].kind == "facility"
    assert found["French Quarter"].admin1 == "Louisiana"  # placed at the dateline's town, not in France
    assert found["Faubourg Sainte-Anne"].admin1 == "Louisiana"  # a quarter is no actor, whatever the parse


@pytest.mark.model
def test_a_venue_whose_namesakes_lie_in_other_countries_is_still_a_venue(code):
    record = code(
        "NANTES, France - Surgeons at the CHU in Nantes operated on the boy for six hours. Fans gathered "
        "at Wembley in London. Later they went to the Paramount cinema in Halifax, West Yorkshire."
    )
    found = {p.text: p for p in record.places}
    assert found["CHU"].kind == "facility" and found["CHU"].country == "FRA"  # no town "Chũ" of Vietnam
    assert found["Wembley"].kind == "city" and found["Wembley"].country == "GBR"  # a town in London's country
    assert (
        found["Paramount"].kind == "facility" and found["Paramount"].country == "GBR"
    )  # not the Californian city


@pytest.mark.model
def test_a_region_found_as_a_place_is_one_where_the_model_tags_it_a_person(code):
    record = code(
        "Ferries dock in Sicily twice a day. For months, she and her two sons have waited in the Sicily "
        "camp, one of several set up after 2015. Chad Smith, a volunteer, said Chad would stay."
    )
    found = [p.text for p in record.places]
    assert found.count("Sicily") == 2
    assert "Chad" not in found  # a person's name here, though a country's too


@pytest.mark.model
def test_numbered_streets_and_names_before_an_intersection_are_streets(code):
    record = code(
        "BIRMINGHAM, Ala. - The festival is set for July at the old mill, 410 14th St. South. The council "
        "approved the renaming of Fifth street. Crews worked near the Oakwood intersection."
    )
    found = {p.text: p for p in record.places}
    for name in ("14th St. South", "Fifth street", "Oakwood"):
        assert found[name].kind == "facility" and found[name].admin1 == "Alabama", name


@pytest.mark.model
def test_a_name_the_model_tags_a_place_that_no_gazetteer_knows_is_kept_only_where_places_stand(code):
    record = code(
        "NENAGH, Ireland - Shares of Wavepiston rose after it sold compounds such as Formaldehyde. New "
        "homes are planned in Carrigatogher and along the Knockanpierce Canal."
    )
    found = {p.text for p in record.places}
    assert {"Carrigatogher", "Knockanpierce Canal"} <= found
    assert not found & {"Wavepiston", "Formaldehyde"}


@pytest.mark.model
def test_an_untagged_feature_no_gazetteer_knows_is_placed_at_the_articles_town(code):
    record = code(
        "NENAGH, Ireland - Walkers crossed the old boundary of the Carrigmore Plantation. Tiger Woods played "
        "golf on Sunday."
    )
    found = {p.text: p for p in record.places}
    plantation = found["Carrigmore Plantation"]
    assert plantation.country == "IRL" and "not in the gazetteer" in plantation.rule
    assert "Tiger Woods" not in found


@pytest.mark.model
def test_words_of_faith_surnames_and_headline_speakers_are_no_places(code):
    record = code(
        "Poll: Voters Back Chris Christie in Trenton\n"
        "Moral authority comes from God, the statement said. Chris Christie spoke on Monday. Christie, "
        "New Jersey's governor, said he would stay. Critics faulted his response to the Great Recession, "
        "and his aides moved back to Trenton."
    )
    found = {p.text for p in record.places}
    assert not found & {"Poll", "God", "Christie", "Great Recession"}
    assert "Trenton" in found


@pytest.mark.model
def test_a_compass_region_is_meant_only_in_its_countrys_articles(code):
    record = code("WASHINGTON (AP) - The senator has led her rivals in the South, aides said.")
    south = next(p for p in record.places if p.text == "South")
    assert south.kind == "region" and south.country == "USA"
    record = code("SEOUL, South Korea - Floods hit the South on Monday, officials said.")
    assert all(p.lat is None for p in record.places if p.text == "South")


@pytest.mark.model
def test_a_building_named_after_a_square_is_not_placed_at_the_squares_namesake(code):
    record = code("LONDON - The band played a rally in Washington Square Park on Sunday.")
    park = next(p for p in record.places if p.text == "Washington Square Park")
    assert park.country == "GBR" and "begins with" not in park.rule  # at the dateline's town, not Washington


@pytest.mark.model
def test_an_institutions_first_word_is_no_place(code):
    record = code("Spending by groups in Ohio rose, Federal Election Commission records show.")
    found = {p.text for p in record.places}
    assert "Ohio" in found and "Federal" not in found  # not Federal, Argentina


@pytest.mark.model
def test_a_country_known_only_by_a_state_name_is_no_context_for_it(code):
    record = code(
        "The senator won the Republican primary in Georgia on Tuesday. Her rival carried Virginia and "
        "Colorado, and the governor took Tennessee."
    )
    georgia = next(p for p in record.places if p.text == "Georgia")
    assert (georgia.kind, georgia.country) == ("admin1", "USA")
    record = code(
        "Georgian troops left Tbilisi on Monday. Fighting in Georgia went on, officials in Atlanta said."
    )
    placed = {p.text: p.country for p in record.places if p.text in ("Georgia", "Tbilisi")}
    assert placed == {"Georgia": "GEO", "Tbilisi": "GEO"}  # known by more than its name: the country


@pytest.mark.model
def test_a_place_name_written_in_lowercase_is_a_common_word(code):
    record = code("They ate turkey and served it on fine china. Later they flew to China.")
    assert [p.text for p in record.places] == ["China"]


@pytest.mark.model
def test_a_building_named_after_a_longer_name_is_not_placed_at_a_small_town_it_begins_with(code):
    record = code(
        "Parents gathered at the Sandy Creek Middle School for the ceremony. He won a scholarship "
        "to the London Conservatoire School. The exhibition moved to the Illinois State Armory."
    )
    found = {p.text: p for p in record.places}
    assert found["Sandy Creek Middle School"].admin1 != "Utah"  # not Sandy, Utah
    assert found["London Conservatoire School"].country == "GBR"  # a big city begins such names as itself
    assert found["Illinois State Armory"].admin1 == "Illinois"  # a generic word between


@pytest.mark.model
def test_a_byline_with_the_reporters_town_gives_the_articles_town(code):
    record = code("Ada Obi,Kano. The governor said on Monday that the new bridge would open in May.")
    kano = next(p for p in record.places if p.text == "Kano")
    assert kano.use == "dateline" and kano.country == "NGA"
    record = code("By Ada Eze, Reuters. The governor said the new bridge would open in May.")
    assert not record.places  # an agency, not a town


@pytest.mark.model
def test_a_name_before_comma_where_after_a_locative_preposition_is_a_place(code):
    record = code(
        "The 2019 championship gets going tomorrow at Glenbrae Hatch, where reigning champion Tom Sutton "
        "will defend his title. He met Ann Smith, where nobody expected."
    )
    found = {p.text for p in record.places}
    assert "Glenbrae Hatch" in found and "Ann Smith" not in found


@pytest.mark.model
def test_a_name_no_gazetteer_knows_is_where_the_article_places_its_longer_form(code):
    record = code(
        "The season opens tomorrow at Glenbrae Hatch, where champion Tom Sutton will defend his title. "
        "Calendar: 7/8 June: Glenbrae Hatch GP, Kent, England."
    )
    found = {p.text: p for p in record.places}
    short, full = found["Glenbrae Hatch"], found["Glenbrae Hatch GP"]
    assert full.country == "GBR" and (short.lat, short.lon) == (full.lat, full.lon)
    assert "Glenbrae Hatch GP" in short.rule


@pytest.mark.model
def test_a_world_region_has_no_government_its_leaders_and_output_are_in_it(code):
    record = code(
        "Africa added 12 GW of wind power in 2020, ahead of South America's 9 GW. "
        "Tun Razak, Asia's longest serving premier, retired. Europe condemned the coup."
    )
    found = [p.text for p in record.places]
    assert "South America" in found and "Asia" in found
    assert "Europe" not in found  # an act of the event lexicon: an actor at work


@pytest.mark.model
def test_a_demonym_parsed_as_an_object_still_modifies_the_noun_after_it(code):
    record = code(
        "Unlike two bloggers who still sit in Azerbaijani jails, she left. All Mexicans is a slogan."
    )
    found = {p.text: p for p in record.places}
    assert found["Azerbaijani"].country == "AZE" and "Mexicans" not in found


@pytest.mark.model
def test_a_civil_war_is_fought_in_the_country_that_possesses_it(code):
    text = "Saudi Arabia leads a costly intervention in Sudan's civil war. Sudan's war on the rebels failed."
    sudan = [p.span[0] for p in code(text).places if p.text == "Sudan"]
    assert sudan == [text.index("Sudan's civil")]  # the second is a war Sudan wages: an actor


@pytest.mark.model
def test_a_press_release_dateline_names_its_towns_before_the_date(code):
    record = code("LEEDS & YORK,, MAY 2, 2019 -- The firm said it would hire 40 staff.")
    assert [(p.text, p.country, p.use) for p in record.places] == [
        ("LEEDS", "GBR", "dateline"),
        ("YORK", "GBR", "dateline"),
    ]
    assert not code("Ann Marsh, May 2, 2019 -- The firm said it would hire.").places  # no town


@pytest.mark.model
def test_a_building_is_in_the_last_town_named_before_it_paragraphs_earlier(code):
    filler = " ".join(
        [
            "The band formed in a garage and spent a decade playing covers of old soul records.",
            "Its singer learned every lyric by heart and copied the voice of his idol note for note.",
            "The first half of the evening follows the early years, the second the biggest hits.",
            "Fans are told to bring scarves, since the singer throws footballs into the crowd.",
            "Critics have praised the costumes, the lighting and the energy of the whole cast.",
        ]
    )
    text = "The star played in Glasgow in June, and a tribute show comes to Harrogate this weekend."
    record = code(f"{text} {filler} It is at the Regal Theatre on May 9.")
    hall = next(p for p in record.places if p.text == "Regal Theatre")
    assert hall.country == "GBR" and "Harrogate" in hall.rule


@pytest.mark.model
def test_a_town_before_its_police_and_their_act_is_where_the_act_happened(code):
    record = code("A fatal Boston police shooting left one man dead. The Denver police chief quit.")
    assert [p.text for p in record.places] == ["Boston"]  # the chief is who acts for Denver's police


@pytest.mark.model
def test_a_building_whose_name_ends_with_a_city_is_in_that_city(code):
    record = code(
        "Ann Lee, first secretary at the British Embassy Tokyo, spoke to reporters in London. "
        "Guests stayed at the Hotel Kyiv in Warsaw."
    )
    found = {p.text: p for p in record.places}
    assert found["British Embassy Tokyo"].country == "JPN"
    assert found["Hotel Kyiv"].country == "POL"  # named after a city, not in it


@pytest.mark.model
def test_a_country_holding_an_election_is_where_the_vote_happens(code):
    assert [p.text for p in code("On Sunday, Hungary is holding a snap parliamentary election.").places] == [
        "Hungary"
    ]
    assert [p.text for p in code("Hungary held talks with Romania.").places] == ["Romania"]


@pytest.mark.model
def test_a_dateline_may_carry_the_day_before_the_agency(code):
    record = code("WORCESTER, Mass., Oct. 5 (UPI) — Local voters back the senator, a survey found.")
    assert [(p.text, p.admin1, p.use) for p in record.places] == [
        ("WORCESTER", "Massachusetts", "dateline"),
        ("Mass.", "Massachusetts", "dateline"),
    ]


@pytest.mark.model
def test_a_big_city_the_model_tags_an_organisation_is_a_place_after_a_preposition(code):
    record = code("The Gazette of Raleigh reported that 30 percent of teachers are absent.")
    assert [(p.text, p.country) for p in record.places] == [("Raleigh", "USA")]


@pytest.mark.model
def test_two_saints_before_one_church_word_are_one_building_in_its_town(code):
    record = code(
        "In Ireland, the choir sang in Galway and sings in St David's and St Fintans Church in Navan today."
    )
    found = {p.text: p for p in record.places}
    assert found["St David"].lat == found["Navan"].lat and found["St David"].country == "IRL"
    assert "one building with" in found["St David"].rule  # not the town named before it


@pytest.mark.model
def test_a_saints_name_is_a_parish_or_village_only_in_its_countrys_context(code):
    found = {p.text: p for p in code("In Ireland, pupils at St Andrew's won the cup in Navan.").places}
    assert found["St Andrew"].country == "IRL"  # placed in the article's town, not Jamaica or Guernsey
    found = {p.text: p for p in code("Flooding hit St Andrew, Jamaica, on Monday.").places}
    assert found["St Andrew"].country == "JAM" and found["St Andrew"].kind == "admin1"


@pytest.mark.model
def test_a_town_before_its_police_is_where_they_serve_and_places_its_streets(code):
    record = code(
        "A man aimed a toy rifle at a Regina police officer. He stood on Albert Street at the time."
    )
    found = {p.text: p for p in record.places}
    assert found["Regina"].country == "CAN" and found["Albert Street"].country == "CAN"
    assert not code("A Russian police officer was hurt. Ukraine police officers were there.").places


@pytest.mark.model
def test_a_local_name_right_after_another_the_article_places_is_placed_with_it(code):
    record = code(
        "The season opens tomorrow at Glenbrae Hatch, where champion Tom Sutton will defend his title. "
        "Before the cars swing into Corran Hill Bend, we look at five things. "
        "Calendar: 7/8 June: Glenbrae Hatch GP, Kent, England."
    )
    found = {p.text: p for p in record.places}
    bend, hatch = found["Corran Hill Bend"], found["Glenbrae Hatch"]
    assert bend.country == "GBR" and (bend.lat, bend.lon) == (hatch.lat, hatch.lon)


@pytest.mark.model
def test_the_place_an_organisations_name_ends_with_is_embedded_in_it(code):
    record = code(
        "She teaches at the University of Manitoba. In Poland, officers obeyed an order from the Inspector "
        "General of Police issued on Monday. The Heart Trust of Canada raised funds."
    )
    found = {p.text: p for p in record.places}
    assert found["Manitoba"].use == "embedded" and found["Manitoba"].kind == "admin1"
    assert found["Canada"].use == "embedded" and "Police" not in found  # not Police, Poland


@pytest.mark.model
def test_a_us_states_postal_code_after_a_town_is_its_admin_context(code):
    record = code("The senator spoke Tuesday at a college in Berea, OH, after a win in the state.")
    berea = next(p for p in record.places if p.text == "Berea")
    assert (berea.country, berea.admin1) == ("USA", "Ohio")  # not the district of Lesotho


@pytest.mark.model
def test_a_state_of_a_country_the_article_does_not_name_yields_to_its_own_town(code):
    record = code("Polls open across New Hampshire today. A voter in Manchester said he backs the senator.")
    manchester = next(p for p in record.places if p.text == "Manchester")
    assert (manchester.country, manchester.kind) == ("USA", "city")  # not the parish of Jamaica


@pytest.mark.model
def test_heavenly_bodies_are_no_towns_unless_their_state_follows(code):
    found = [p.text for p in code("It launched a probe to Mars from Japan. Parts fall back to Earth.").places]
    assert found == ["Japan"]
    mars = code("He retired to Mars, Pennsylvania, in 2010.").places[0]
    assert (mars.text, mars.admin1) == ("Mars", "Pennsylvania")


@pytest.mark.model
def test_a_countrys_mountains_no_gazetteer_knows_are_not_a_building_of_the_articles_town(code):
    record = code("Investors in Lisbon, Portugal, buy chalets in the French Alps.")
    assert not any(p.kind == "facility" for p in record.places)  # not placed at Lisbon


@pytest.mark.model
def test_a_unit_named_with_common_words_only_needs_its_country_in_the_context(code):
    record = code("The agency needs office space within the National Capital Region, LaRose said in Ottawa.")
    region = next(p for p in record.places if p.text == "National Capital Region")
    assert region.country is None and region.lat is None  # not the Philippines' capital region


@pytest.mark.model
def test_an_untagged_name_of_a_person_in_the_article_is_the_person(code):
    record = code(
        "Ben Carson spoke in Iowa on Friday. The cap is set by law, a reminder that went to Carson "
        "and his aides."
    )
    assert [p.text for p in record.places] == ["Iowa"]  # not Carson, California


@pytest.mark.model
def test_a_report_filed_from_one_town_about_another_places_its_buildings_there(code):
    record = code(
        "WASHINGTON (AP) — Here is how the Chicago mayoral race stood on Tuesday:\n\n"
        "Chicago voters went to the polls on Tuesday. Turnout in Chicago was high, election officials "
        "said.\n\nThe race in Chicago has drawn national attention. A Chicago alderman spoke at the Kestrel "
        "Theatre on Monday.\n\nAnother rally in Chicago drew thousands, organizers said."
    )
    theatre = next(p for p in record.places if p.text == "Kestrel Theatre")
    assert theatre.kind == "facility" and theatre.rule == "the town the article is about: Chicago"
    assert abs(theatre.lat - 41.85) < 0.2  # not Washington, where the report was filed


@pytest.mark.model
def test_a_dateline_town_stays_the_home_of_a_report_naming_another_town_a_few_times(code):
    record = code(
        "WASHINGTON (AP) — Lawmakers met at the Kestrel Theatre on Monday. Two of them had flown in from "
        "Chicago, where Chicago officials and Chicago unions back the bill."
    )
    theatre = next(p for p in record.places if p.text == "Kestrel Theatre")
    assert theatre.rule == "the town the article is about: Washington D.C."


@pytest.mark.model
def test_a_hyphenated_name_is_looked_up_whole(code):
    record = code("Heavy rain flooded roads across KwaZulu-Natal on Tuesday, and schools in Gauteng closed.")
    natal = [p for p in record.places if "Natal" in p.text]
    assert [(p.text, p.kind, p.country) for p in natal] == [
        ("KwaZulu-Natal", "admin1", "ZAF")
    ]  # not Natal, Brazil
    record = code("A Muscat-based firm sells the tent; I pitched it in Vermont.")
    assert {p.text: p.country for p in record.places} == {"Muscat": "OMN", "Vermont": "USA"}


def test_an_acronym_no_gazetteer_knows_is_no_building(gaz):
    import spacy
    from spacy.tokens import Doc, Span

    from eventwire.places.mentions import find_mentions

    def found(name: str) -> list[str]:  # "Sales grew in the <name> market.", the name tagged ORG
        doc = Doc(
            spacy.blank("en").vocab,
            words=["Sales", "grew", "in", "the", name, "market", "."],
            heads=[1, 1, 1, 5, 5, 2, 1],
            deps=["nsubj", "ROOT", "prep", "det", "compound", "pobj", "punct"],
            pos=["NOUN", "VERB", "ADP", "DET", "PROPN", "NOUN", "PUNCT"],
        )
        doc.ents = [Span(doc, 4, 5, label="ORG")]
        return [m.name for m in find_mentions(doc, [], gaz)]

    assert found("KLT") == []  # a technique's or a firm's acronym, not a market hall
    assert found("Zorvik") == ["Zorvik"]  # a name may be one


@pytest.mark.model
def test_a_country_named_after_a_state_of_its_name_is_the_country(code):
    record = code("Officials in New Mexico met an envoy from Mexico on Monday.")
    assert ("Mexico", "MEX") in [(p.text, p.country) for p in record.places]


@pytest.mark.model
def test_a_building_is_not_named_after_a_small_town_far_from_the_articles_towns(code):
    record = code(
        "CHICAGO (AP) — Voters in Chicago went to the polls on Tuesday. A Chicago alderman spoke at the "
        "Lakeside Arena on Monday, and Chicago police said the rally was calm."
    )
    arena = next(p for p in record.places if p.text == "Lakeside Arena")
    assert abs(arena.lat - 41.85) < 0.5 and abs(arena.lon + 87.65) < 0.5  # Chicago, not Lakeside, Florida
