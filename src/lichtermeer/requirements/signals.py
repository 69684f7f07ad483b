"""Events other apps listen to. `catalogue_published` is sent once per publication, after the commit,
with `version` (a CatalogueVersion); the assessment app re-assesses admitted solutions on it."""

from django.dispatch import Signal

catalogue_published = Signal()
