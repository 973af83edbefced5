"""pydantic's validation errors of a FHIR bundle (fhir.resources) in the app's words.

pydantic words its errors in English ("Input should be a valid string", "Value error, Date value
string does not match spec regex."). The reader shows each as ``<where>: <problem>``; the problem
is chosen here from the error's ``type`` (and, for the library's own value errors, which FHIR
primitive failed) among the app's own sentences, translated like every message. A type not listed
falls back to pydantic's text as it is: a rarer error still says something, in English. The field
path (``entry 1 (Patient/p1) birthDate``) is written by the reader, unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from core.i18n import N_, _, pgettext

# pydantic error type -> the app's sentence (its fields, when any, come from the error's ctx).
_BY_TYPE = {
    "missing": N_("a value is required here"),
    "model_field_validation.missing": N_("a value is required here"),
    "extra_forbidden": N_("is not an element of this resource in FHIR R4"),
    "string_type": N_("must be text"),
    "string_too_short": N_("must not be empty"),
    "string_pattern_mismatch": N_("does not have the form FHIR requires (pattern {pattern})"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "decimal_type": N_("must be a number"),
    "decimal_parsing": N_("must be a number"),
    "list_type": N_("must be a list (a JSON array)"),
    "dict_type": N_("must be a JSON object"),
    "model_type": N_("must be a JSON object"),
    "model_attributes_type": N_("must be a JSON object"),
    "model_validation_format": N_("must be a JSON object"),
    "enum": N_("is not one of the allowed codes ({expected})"),
    "literal_error": N_("is not one of the allowed codes ({expected})"),
}

# fhir.resources' value errors: "<Primitive> value string does not match spec regex."
_REGEX_ERROR = re.compile(r"(\w+) value string does not match spec regex")
_BY_PRIMITIVE = {
    "Date": N_("is not a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "DateTime": N_("is not a FHIR date-time (YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with its time zone, "
                   "e.g. 2024-05-01T10:30:00+08:00)"),
    "Instant": N_("is not a FHIR instant (a date and time to the second with its time zone, "
                  "e.g. 2024-05-01T10:30:00+08:00)"),
    "Time": N_("is not a FHIR time (hh:mm:ss)"),
    "Decimal": N_("must be a number"),
    "Integer": N_("must be a whole number"),
    "PositiveInt": N_("must be a whole number above 0"),
    "UnsignedInt": N_("must be a whole number, 0 or more"),
}
_OTHER_PRIMITIVE = N_("does not have the form FHIR requires for a {type} value")
# "Any of one field value is expected from this list ['deceasedBoolean', 'deceasedDateTime'], but got multiple!"
_ONE_OF = re.compile(r"Any of one field value is expected from this list \[(.*)\], but got multiple")
_ONE_OF_WORDS = N_("only one of {fields} may be given")


def problem_words(error: dict[str, Any]) -> str:
    """One pydantic error (an item of ``ValidationError.errors()``) as a sentence in the active language."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in _BY_TYPE:
        fields = {k: ctx.get(k, "") for k in ("pattern", "expected")}
        return _(_BY_TYPE[kind]).format(**fields)
    if kind == "value_error":
        detail = str(ctx.get("error", "")) or str(error.get("msg", ""))
        found = _REGEX_ERROR.search(detail)
        if found:
            template = _BY_PRIMITIVE.get(found.group(1))
            return _(template) if template else _(_OTHER_PRIMITIVE).format(type=found.group(1))
        found = _ONE_OF.search(detail)
        if found:
            names = [n.strip().strip("'\"") for n in found.group(1).split(",")]
            return _(_ONE_OF_WORDS).format(fields=pgettext("list separator", ", ").join(names))
    return str(error.get("msg", kind))  # a type the app does not word: pydantic's own text
