from django.shortcuts import get_object_or_404, render

from lichtermeer.accounts.models import Organisation

from .models import Solution


def search(request):
    solutions = Solution.objects.filter(listing_status__in=Solution.PUBLIC_STATUSES)[:50]
    return render(request, "solutions/search.html", {"solutions": solutions})


def detail(request, slug):
    solution = get_object_or_404(Solution, slug=slug)
    return render(request, "solutions/detail.html", {"solution": solution})


def organisation(request, slug):
    org = get_object_or_404(Organisation, slug=slug)
    return render(request, "solutions/organisation.html", {"organisation": org})
