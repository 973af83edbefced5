"""Write resources/vocab/countries.json: each country's name in Chinese and Japanese, keyed by the
English names registries write ("Korea, Republic of", "Russian Federation", "Türkiye"), from the
Unicode CLDR data that Babel ships (requirements-dev.txt; the app reads only the JSON at run time).

    /work/main/.venv/bin/python scripts/vocab/build_countries.py

Every two-letter territory of CLDR under its English name (and with "and" for "&"), plus the
registries' older or formal names listed in ALIASES. Names only: a country is still filtered and
stored by the name the record gives.
"""

from __future__ import annotations

import json
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "vocab" / "countries.json"

# ClinicalTrials.gov's and the EU registers' names that CLDR's English does not use.
ALIASES = {
    "Russian Federation": "RU", "Turkey": "TR", "Turkey (Türkiye)": "TR", "Türkiye": "TR",
    "Korea, Republic of": "KR", "Republic of Korea": "KR", "Korea, Democratic People's Republic of": "KP",
    "Iran, Islamic Republic of": "IR", "Czech Republic": "CZ", "Macedonia, The Former Yugoslav Republic of": "MK",
    "North Macedonia": "MK", "Viet Nam": "VN", "Moldova, Republic of": "MD", "Tanzania": "TZ",
    "Tanzania, United Republic of": "TZ", "Syrian Arab Republic": "SY", "Lao People's Democratic Republic": "LA",
    "Libyan Arab Jamahiriya": "LY", "Congo, The Democratic Republic of the": "CD", "Congo": "CG",
    "Palestinian Territory, occupied": "PS", "Palestinian Territories": "PS", "Côte D'Ivoire": "CI",
    "Cote D'Ivoire": "CI", "Hong Kong": "HK", "Macau": "MO", "Macao": "MO", "Brunei Darussalam": "BN",
    "Venezuela, Bolivarian Republic of": "VE", "Bolivia, Plurinational State of": "BO", "Swaziland": "SZ",
    "Holy See (Vatican City State)": "VA", "Micronesia, Federated States of": "FM", "Cape Verde": "CV",
    "Burma": "MM", "Virgin Islands (U.S.)": "VI", "United States Minor Outlying Islands": "UM",
}


# CLDR's full names where clinicians write a short one.
SHORT = {"HK": {"zh": "中国香港", "ja": "香港"}, "MO": {"zh": "中国澳门", "ja": "マカオ"}}


def build() -> dict[str, dict[str, str]]:
    english, chinese, japanese = (Locale.parse(code).territories for code in ("en", "zh_Hans", "ja"))
    codes = {code: name for code, name in english.items() if len(code) == 2 and code.isalpha()}
    names: dict[str, str] = {}
    for code, name in codes.items():
        names[name] = code
        names.setdefault(name.replace(" & ", " and "), code)
    for name, code in ALIASES.items():
        names.setdefault(name, code)
    return {name: SHORT.get(code, {"zh": chinese[code], "ja": japanese[code]}) for name, code in sorted(names.items())
            if code in chinese and code in japanese}


def main() -> int:
    table = build()
    rows = ",\n".join(f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(words, ensure_ascii=False)}"
                      for name, words in table.items())
    OUT.write_text('{"source": "Unicode CLDR via Babel (scripts/vocab/build_countries.py)",\n"countries": {\n'
                   + rows + "\n}}\n", encoding="utf-8")
    print(f"{OUT}: {len(table)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
