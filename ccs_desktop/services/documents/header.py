"""The administrative header of a document, and its frozen form (JSON) for an adopted PV."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from ...domain.places import is_bamako_district
from .words import de


@dataclass(frozen=True)
class HeaderData:
    """Everything the profile gives a document: stored as JSON in Meeting.frozen_header at
    adoption so that later profile or place-list changes do not rewrite the PV."""

    level: str = "commune"
    region: str = ""
    cercle: str = ""
    commune: str = ""
    commune_kind: str = "rurale"
    committee_name: str = ""
    code: str = ""
    chair_title: str = ""
    is_demo: bool = False

    # ------------------------------------------------------------ frozen form
    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> HeaderData:
        raw = json.loads(text)
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in raw.items() if k in known})

    @classmethod
    def from_committee(cls, committee) -> HeaderData:  # noqa: ANN001 (models.Committee)
        return cls(
            level=committee.level or "commune",
            region=(committee.region or "").strip(),
            cercle=(committee.cercle or "").strip(),
            commune=(committee.commune or "").strip(),
            commune_kind=committee.commune_kind or "rurale",
            committee_name=(committee.name or "").strip(),
            code=(committee.code or "").strip(),
            chair_title=(committee.chair_title or "").strip(),
            is_demo=bool(committee.is_demo),
        )

    # ------------------------------------------------------------ wording
    @property
    def in_district(self) -> bool:
        """A committee of the District of Bamako (no cercle; Commune I to VI)."""
        return is_bamako_district(self.region)

    @property
    def commune_label(self) -> str:
        """"Commune rurale d'Alafia"; "Commune III du District de Bamako"."""
        if self.in_district:
            return f"{self.commune} du District de Bamako"
        kind = "urbaine" if self.commune_kind == "urbaine" else "rurale"
        return f"Commune {kind} {de(self.commune)}"

    def chain_lines(self) -> list[str]:
        """Région de ..., Cercle de ..., Commune rurale de ... (down to the committee's level);
        District de Bamako, Commune III in the district."""
        if self.in_district:
            lines = ["District de Bamako"]
            if self.commune and self.level != "region":
                lines.append(self.commune)
            return [line.upper() for line in lines]
        lines = []
        if self.region:
            lines.append(f"Région {de(self.region)}")
        if self.cercle and self.level in ("cercle", "commune"):
            lines.append(f"Cercle {de(self.cercle)}")
        if self.commune and self.level == "commune":
            lines.append(self.commune_label)
        return [line.upper() for line in lines]

    @property
    def place(self) -> str:
        """Where the documents are signed ("Fait à …")."""
        if self.in_district:
            return "Bamako"
        if self.level == "region":
            return self.region or self.cercle or self.commune
        if self.level == "cercle":
            return self.cercle or self.region
        return self.commune or self.cercle or self.region

    @property
    def of_place(self) -> str:
        """"de la commune d'Alafia", "de la région de Tombouctou", "du cercle de Goundam"."""
        if self.in_district:
            if self.level == "region" or not self.commune:
                return "du District de Bamako"
            return f"de la {self.commune} du District de Bamako"
        if self.level == "region":
            return f"de la région {de(self.place)}"
        if self.level == "cercle":
            return f"du cercle {de(self.place)}"
        return f"de la commune {de(self.place)}"

    @property
    def committee_words(self) -> str:
        """"Comité consultatif de sécurité de la commune d'Alafia" (for running text)."""
        return f"Comité consultatif de sécurité {self.of_place}"

    @property
    def title_place(self) -> str:
        """"DE LA COMMUNE D'ALAFIA" for titles."""
        return self.of_place.upper()

    def default_chair_title(self) -> str:
        if self.in_district and self.level == "region":
            return "Gouverneur du District de Bamako"
        if self.level == "region":
            return f"Gouverneur de la Région {de(self.region)}"
        if self.level == "cercle":
            return f"Préfet du Cercle {de(self.cercle)}"
        return f"Maire de la {self.commune_label}"

    @property
    def effective_chair_title(self) -> str:
        return self.chair_title or self.default_chair_title()

    def ampliations(self) -> list[tuple[str, int]]:
        """Who receives a copy (full titles, up the administrative chain; never the chair
        himself) and how many copies: the CRSS, then the archives and the chrono copy."""
        crss = "Commissariat à la Réforme du Secteur de la Sécurité (CRSS)"
        up: list[str] = []
        if self.in_district:
            if self.level != "region":
                up.append("Gouverneur du District de Bamako")
            else:
                up.append("Ministre de l'Administration territoriale et de la Décentralisation")
        elif self.level == "commune":
            if self.cercle:
                up.append(f"Préfet du Cercle {de(self.cercle)}")
            if self.region:
                up.append(f"Gouverneur de la Région {de(self.region)}")
        elif self.level == "cercle":
            if self.region:
                up.append(f"Gouverneur de la Région {de(self.region)}")
        else:
            up.append("Ministre de l'Administration territoriale et de la Décentralisation")
        return [(title, 1) for title in up] + [(crss, 1), ("Archives", 1), ("Chrono", 1)]

