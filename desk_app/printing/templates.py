"""Template data of the forms: wording and layout details a province changes without code.

The bundled ``resources/templates/forms.json`` is the base; a ``forms.json`` in the data
folder's ``templates/`` and the commune's ``settings["form_templates"]`` override it key by key
(dicts merge, other values replace). Placeholders ``{name}`` are filled with :func:`fill`, which
leaves unknown names visible instead of failing, so a typo in a province's template shows on the
preview rather than crashing the print.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from desk_app.paths import resources_dir

Template = dict[str, Any]


@lru_cache(maxsize=4)
def _bundled(path: str) -> Template:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def merge(base: Template, override: Template) -> Template:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def load_templates(commune_settings: dict[str, Any] | None = None,
                   data_dir: Path | None = None) -> Template:
    tpl = _bundled(str(resources_dir() / "templates" / "forms.json"))
    if data_dir is not None:
        local = data_dir / "templates" / "forms.json"
        if local.is_file():
            tpl = merge(tpl, json.loads(local.read_text(encoding="utf-8")))
    extra = (commune_settings or {}).get("form_templates")
    if isinstance(extra, dict):
        tpl = merge(tpl, extra)
    return tpl


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: dict[str, Any]) -> str:
    """``text.format`` that leaves unknown placeholders as they are."""
    try:
        return text.format_map(_Keep(values))
    except (ValueError, IndexError, AttributeError):
        return text  # a stray brace in a province's wording: print it literally
