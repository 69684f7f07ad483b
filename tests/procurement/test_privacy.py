"""Someone else's shortlist or evaluation does not exist for you (404); a colleague reads but does not change."""

from django.urls import reverse

from lichtermeer.procurement import services

from .support import scored_evaluation, shortlist_of


def test_a_stranger_gets_404_everywhere(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking, world.climate])
    item = shortlist.items.first()
    evaluation = scored_evaluation(world)
    client = signed_in(world.foreign_staff)
    for name, args, method in [
        ("shortlist", [shortlist.pk], "get"), ("shortlist_edit", [shortlist.pk], "get"),
        ("shortlist_delete", [shortlist.pk], "post"), ("compare", [shortlist.pk], "get"),
        ("compare_export", [shortlist.pk, "csv"], "get"), ("item_remove", [shortlist.pk, item.pk], "post"),
        ("item_note", [shortlist.pk, item.pk], "post"), ("evaluation_create", [shortlist.pk], "get"),
        ("evaluation", [evaluation.pk], "get"), ("evaluation_settings", [evaluation.pk], "get"),
        ("criteria", [evaluation.pk], "get"), ("offers", [evaluation.pk], "get"), ("offers", [evaluation.pk], "post"),
        ("result", [evaluation.pk], "get"), ("record", [evaluation.pk], "post"),
        ("evaluation_copy", [evaluation.pk], "post"),
    ]:
        response = getattr(client, method)(reverse(f"procurement:{name}", args=args))
        assert response.status_code == 404, name
    assert shortlist.items.count() == 2
    client.post(reverse("procurement:add"), {"solution": world.portal.slug, "shortlist": str(shortlist.pk)})
    assert shortlist.items.count() == 2


def test_a_colleague_reads_but_does_not_change(world, signed_in):
    shortlist = shortlist_of(world.staff, [world.parking])
    evaluation = scored_evaluation(world)
    client = signed_in(world.colleague)
    assert client.get(shortlist.get_absolute_url()).status_code == 200
    assert client.get(reverse("procurement:compare", args=[shortlist.pk])).status_code == 200
    assert client.post(reverse("procurement:shortlist_delete", args=[shortlist.pk])).status_code == 403
    assert client.post(reverse("procurement:item_remove", args=[shortlist.pk, shortlist.items.get().pk])
                       ).status_code == 403
    assert client.get(reverse("procurement:result", args=[evaluation.pk])).status_code == 200
    offer = evaluation.offers.first()
    assert client.post(reverse("procurement:offers", args=[evaluation.pk]),
                       {f"price-{offer.pk}": "1"}).status_code == 403
    assert client.post(reverse("procurement:evaluation_create", args=[shortlist.pk]),
                       {"title": "x", "method": "simple"}).status_code == 403
    services.evaluate(actor=world.staff, evaluation=evaluation)
    response = client.post(reverse("procurement:record", args=[evaluation.pk]))
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == "draft"
    assert shortlist.items.count() == 1


def test_the_list_pages_show_only_own_and_shared(world, signed_in):
    mine = shortlist_of(world.staff, [], name="Münchner Radarliste")
    shortlist_of(world.foreign_staff, [], name="Kölner Merkliste")
    html = signed_in(world.colleague).get(reverse("procurement:shortlists")).content.decode()
    assert "Münchner Radarliste" in html and "Kölner Merkliste" not in html
    html = signed_in(world.foreign_staff).get(reverse("procurement:shortlists")).content.decode()
    assert "Münchner Radarliste" not in html and mine.get_absolute_url() not in html
