"""The Musterdatenkatalog classifier of this process: trained once from the shipped data plus the labels
people confirmed, retrained when new confirmations exist."""

from __future__ import annotations

import threading

from lichtermeer.engines import mdk

_lock = threading.Lock()
_state: dict[str, object] = {}


def classifier():
    from .models import ConfirmedLabel

    marker = ConfirmedLabel.objects.order_by("-id").values_list("id", flat=True).first() or 0
    with _lock:
        if _state.get("marker") != marker or "classifier" not in _state:
            base = _state.get("base")
            if base is None:
                base = mdk.default_classifier()
                _state["base"] = base
            confirmed = [{"title": c.title, "description": c.description, "uri": c.uri}
                         for c in ConfirmedLabel.objects.all()]
            _state["classifier"] = base.with_confirmed(confirmed) if confirmed else base
            _state["marker"] = marker
        return _state["classifier"]


def known_concept(uri: str) -> bool:
    return mdk.load_taxonomy().concept(uri) is not None
