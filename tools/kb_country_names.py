"""Add to ``src/habar/resources/kb/countries.tsv`` the Kazakh country names Babel (Unicode CLDR) ships, where they
differ from the names there, and the form ``X Республикасы`` of each name (``Беларусь Республикасы`` is
Беларусь: docs/annotation.md, Canonical entities) where no other country has that name. Idempotent; the
names were checked against ``../shared/data/lexicons/countries_kk.tsv`` (the source of the file, which Babel
agrees with for all but four countries: those four get Babel's name as an alias).

    .venv/bin/python tools/kb_country_names.py
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale

PATH = Path(__file__).resolve().parent.parent / "src" / "habar" / "resources" / "kb" / "countries.tsv"
EXTRA = {  # official long forms as Kazakh news writes them (the countries' own Kazakh-language usage)
    "IR": ["Иран Ислам Республикасы"],
    "GB": ["Ұлыбритания және Солтүстік Ирландия Құрама Корольдігі", "Біріккен Корольдік"],
    "KP": ["Корея Халықтық Демократиялық Республикасы", "КХДР"],
    "TJ": ["Тәжікстан Республикасы"],
    "AF": ["Ауғанстан Ислам Әмірлігі"],
    "AE": ["БАӘ"],
    "BY": ["Белоруссия"],
    "TM": ["Түрікменстан Республикасы"],
    "MN": ["Моңғолия Республикасы"],
}


def main() -> None:
    lines = PATH.read_text(encoding="utf-8").splitlines()
    head = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if line and not line.startswith("#")]
    columns = body[0].split("\t")
    rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in body[1:]]
    taken = {n.lower() for r in rows for n in [r["name"], *filter(None, r["aliases"].split("|"))]}
    kk = Locale("kk").territories
    for row in rows:
        aliases = [a for a in row["aliases"].split("|") if a]
        names = [row["name"], *aliases]
        new = [kk[row["id"]]] if row["id"] in kk else []
        new += EXTRA.get(row["id"], [])
        new += [f"{n} Республикасы" for n in names
                if " " not in n and not n.isupper() and not n.endswith("Республикасы")]
        for name in new:
            if name.lower() not in taken:
                aliases.append(name)
                taken.add(name.lower())
        row["aliases"] = "|".join(aliases)
    out = head + ["\t".join(columns)] + ["\t".join(r[c] for c in columns) for r in rows]
    PATH.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
