"""The TechEmpower tests as Django's own TechEmpower entry writes them: the ORM, a template."""
import json as jsonlib
import random

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render

from world.models import Fortune, World


def query_count(request):
    try:
        queries = int(request.GET.get("queries", 1))
    except ValueError:
        return 1
    return min(max(queries, 1), 500)


def json_response(value):
    return HttpResponse(jsonlib.dumps(value, separators=(",", ":")), content_type="application/json")


def plaintext(request):
    return HttpResponse("Hello, World!", content_type="text/plain")


def json(request):
    return json_response({"message": "Hello, World!"})


def db(request):
    world = World.objects.get(id=random.randint(1, 10000))
    return json_response({"id": world.id, "randomNumber": world.randomnumber})


def queries(request):
    worlds = [World.objects.get(id=random.randint(1, 10000)) for _ in range(query_count(request))]
    return json_response([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds])


def fortunes(request):
    fortunes = list(Fortune.objects.all())
    fortunes.append(Fortune(id=0, message="Additional fortune added at request time."))
    fortunes.sort(key=lambda fortune: fortune.message)
    return render(request, "fortunes.html", {"fortunes": fortunes})


def updates(request):
    worlds = [World.objects.get(id=random.randint(1, 10000)) for _ in range(query_count(request))]
    for world in worlds:
        world.randomnumber = random.randint(1, 10000)
    with transaction.atomic():
        World.objects.bulk_update(sorted(worlds, key=lambda w: w.id), ["randomnumber"])
    return json_response([{"id": w.id, "randomNumber": w.randomnumber} for w in worlds])
