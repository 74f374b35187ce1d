"""The template's ``[stavning]`` table (imported by :mod:`drafter.templates`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator


class SpellingSettings(BaseModel):
    """``[stavning]`` in a template: ``extra`` lists the organisation's own words.

    Example::

        [stavning]
        extra = ["Vanguardinitiativet", "tekniknära"]
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    extra: tuple[str, ...] = ()

    @field_validator("extra")
    @classmethod
    def _words(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for word in value:
            if not word.strip() or any(c.isspace() for c in word.strip()):
                raise ValueError(f"”{word}” är inget ord; skriv ett ord per textsträng")
            if not word.isprintable():
                raise ValueError("ett ord innehåller ett styrtecken")
        return tuple(w.strip() for w in value)
