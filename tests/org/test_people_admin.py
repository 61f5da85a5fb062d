"""Admin pages for people and teams: who may use them, what they check, what they keep."""

import pytest
from sqlalchemy import select

from eximpact.audit.models import AuditEvent
from eximpact.extensions import db
from eximpact.org.models import Person
from tests.factories import PersonFactory, TeamFactory


@pytest.fixture
def admin(app):
    return PersonFactory(roles=["admin"])


@pytest.fixture
def hr(app):
    return PersonFactory(roles=["hr"])


def test_hr_and_admin_see_the_people_list_with_search_and_paging(client, auth, hr):
    for n in range(30):
        PersonFactory(name=f"Member {n:02d}")
    auth.login(hr)
    page = client.get("/org/people").get_data(as_text=True)
    assert "Member 00" in page and "1–25 of 31" in page
    found = client.get("/org/people?q=member 29").get_data(as_text=True)
    assert "Member 29" in found and "Member 00" not in found


@pytest.mark.parametrize("roles", [[], ["manager"], ["ambassador"]])
def test_other_roles_may_not_manage_people(client, auth, roles):
    auth.login(PersonFactory(roles=roles))
    assert client.get("/org/people").status_code == 403
    assert (
        client.post("/org/people/new", data={"name": "X", "email": "x@example.com"}).status_code
        == 403
    )
    assert db.session.scalar(select(Person).where(Person.email == "x@example.com")) is None


def test_adding_a_person_stores_them_with_team_manager_and_roles(client, auth, hr):
    team = TeamFactory(name="Care North")
    boss = PersonFactory()
    auth.login(hr)
    response = client.post(
        "/org/people/new",
        data={
            "name": "Ada Lovelace",
            "email": "Ada@Example.com",
            "team_id": team.id,
            "manager_id": f"{boss.name} <{boss.email}>",
            "roles": ["ambassador"],
        },
    )
    assert response.status_code == 302
    ada = db.session.scalar(select(Person).where(Person.email == "ada@example.com"))
    assert (ada.team, ada.manager, ada.roles) == (team, boss, {"employee", "ambassador"})


def test_a_duplicate_email_is_refused_whatever_its_case(client, auth, hr):
    PersonFactory(email="taken@example.com")
    auth.login(hr)
    response = client.post(
        "/org/people/new", data={"name": "Copy Cat", "email": "TAKEN@example.com"}
    )
    assert response.status_code == 422  # refused, the input kept
    page = response.get_data(as_text=True)
    assert "already has this e-mail address" in page
    assert 'value="Copy Cat"' in page  # the input comes back


def test_a_person_cannot_be_their_own_manager_through_a_chain(client, auth, hr):
    top = PersonFactory()
    middle = PersonFactory(manager=top)
    auth.login(hr)
    response = client.post(
        f"/org/people/{top.id}/edit",
        data={
            "name": top.name,
            "email": top.email,
            "manager_id": middle.email,
        },
    )
    assert b"it would make a loop" in response.data
    db.session.refresh(top)
    assert top.manager is None


def test_hr_cannot_grant_the_admin_role(client, auth, hr):
    target = PersonFactory()
    auth.login(hr)
    response = client.post(
        f"/org/people/{target.id}/edit",
        data={
            "name": target.name,
            "email": target.email,
            "roles": ["admin"],
        },
    )
    assert response.status_code == 422
    db.session.refresh(target)
    assert "admin" not in target.roles


def test_hr_may_rename_an_admin_and_the_admin_role_stays(client, auth, hr):
    boss = PersonFactory(roles=["admin"])
    auth.login(hr)
    client.post(
        f"/org/people/{boss.id}/edit",
        data={"name": "Renamed Admin", "email": boss.email, "roles": []},
    )
    db.session.refresh(boss)
    assert boss.name == "Renamed Admin"
    assert boss.roles == {"employee", "admin"}


def test_hr_may_not_change_an_admins_other_roles(client, auth, hr):
    boss = PersonFactory(roles=["admin"])
    auth.login(hr)
    response = client.post(
        f"/org/people/{boss.id}/edit",
        data={"name": boss.name, "email": boss.email, "roles": ["manager"]},
    )
    assert "Only an admin can change an admin" in response.get_data(as_text=True)
    db.session.refresh(boss)
    assert boss.roles == {"employee", "admin"}


def test_an_admin_can_grant_admin_and_the_change_is_audited(client, auth, admin):
    target = PersonFactory()
    auth.login(admin)
    client.post(
        f"/org/people/{target.id}/edit",
        data={
            "name": target.name,
            "email": target.email,
            "roles": ["admin"],
        },
    )
    db.session.refresh(target)
    assert "admin" in target.roles
    actions = db.session.scalars(
        select(AuditEvent.action).where(
            AuditEvent.entity_type == "person", AuditEvent.entity_id == target.id
        )
    ).all()
    assert "roles_changed" in actions


def test_deactivating_keeps_the_person_and_signs_them_out(app, client, auth, hr):
    target = PersonFactory()
    their_browser = app.test_client()
    from tests.factories import TEST_PASSWORD

    their_browser.post("/sign-in", data={"email": target.email, "password": TEST_PASSWORD})
    auth.login(hr)
    client.post(f"/org/people/{target.id}/deactivate")
    db.session.refresh(target)
    assert target.active is False
    assert db.session.get(Person, target.id) is not None
    assert their_browser.get("/").status_code == 302


def test_you_cannot_deactivate_yourself(client, auth, hr):
    auth.login(hr)
    response = client.post(f"/org/people/{hr.id}/deactivate", follow_redirects=True)
    assert b"You cannot deactivate yourself" in response.data
    db.session.refresh(hr)
    assert hr.active


def test_teams_are_for_admins_only(client, auth, hr):
    auth.login(hr)
    assert client.get("/org/teams").status_code == 403


def test_an_admin_creates_a_team_under_a_parent(client, auth, admin):
    parent = TeamFactory(name="Customer Care")
    boss = PersonFactory()
    auth.login(admin)
    client.post(
        "/org/teams/new",
        data={"name": "Care East", "manager_id": boss.email, "parent_id": parent.id},
    )
    page = client.get("/org/teams?q=care east").get_data(as_text=True)
    assert "Care East" in page and "Customer Care" in page


def test_a_team_cannot_sit_under_its_own_sub_team(client, auth, admin):
    top = TeamFactory()
    child = TeamFactory(parent=top)
    auth.login(admin)
    response = client.post(
        f"/org/teams/{top.id}/edit", data={"name": top.name, "parent_id": child.id}
    )
    assert b"cannot sit under itself" in response.data


def test_a_team_with_active_members_cannot_be_retired(client, auth, admin):
    team = TeamFactory()
    PersonFactory(team=team)
    auth.login(admin)
    response = client.post(f"/org/teams/{team.id}/deactivate", follow_redirects=True)
    assert b"active member" in response.data
    db.session.refresh(team)
    assert team.active


def test_an_unknown_id_in_a_select_is_refused_not_crashed(client, auth, hr):
    auth.login(hr)
    response = client.post(
        "/org/people/new", data={"name": "A Person", "email": "a@example.com", "team_id": "abc"}
    )
    assert response.status_code == 422
    response = client.post(
        "/org/people/new", data={"name": "A Person", "email": "a@example.com", "team_id": "99999"}
    )
    assert response.status_code == 422
    assert db.session.scalar(select(Person).where(Person.email == "a@example.com")) is None


@pytest.mark.parametrize("path", ["/org/people?per_page=50", "/org/teams?per_page=50"])
def test_admin_lists_run_a_fixed_number_of_queries(client, auth, admin, count_queries, path):
    """Every row has its own team and manager, so a lazy load per row would show."""
    auth.login(admin)
    counts = []
    for total in (5, 60):
        while db.session.scalar(select(db.func.count()).select_from(Person)) < total:
            boss = PersonFactory(roles=["manager"])
            team = TeamFactory(manager=boss, parent=TeamFactory())
            PersonFactory(team=team, manager=boss, roles=["ambassador"])
        db.session.commit()
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        counts.append(counter.count)
    assert counts[0] == counts[1], counts


def test_person_pickers_suggest_colleagues_as_you_type(client, auth):
    PersonFactory(name="Zora Quinlan", email="zora@example.com")
    PersonFactory(name="Zora Gone", email="gone@example.com", active=False)
    auth.login(PersonFactory())
    items = client.get("/org/people/lookup?q=zora").get_json()["items"]
    assert [item["label"] for item in items] == ["Zora Quinlan <zora@example.com>"]
    assert client.get("/org/people/lookup?q=z").get_json()["items"] == []


def test_a_picker_that_names_nobody_is_refused_at_the_field(client, auth, hr):
    auth.login(hr)
    response = client.post(
        "/org/people/new",
        data={
            "name": "New Person",
            "email": "new@example.com",
            "manager_id": "Nobody <nobody@example.com>",
        },
    )
    assert "Nobody active matches" in response.get_data(as_text=True)
    assert 'value="Nobody &lt;nobody@example.com&gt;"' in response.get_data(as_text=True)
