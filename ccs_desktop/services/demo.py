"""Demo data: committees with fictitious people and realistic French records.

Every person here is invented (the real Alafia committee has real members); documents made from
a demo database say "DONNÉES FICTIVES". No text pairs a community or ethnic group with a crime.
Rows are written with bulk inserts so that the national scale (800 committees × 10 years,
about 100,000 meetings and two million attendance rows) takes minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, text

from ..db import models as m
from ..db import search, settings
from ..db.base import new_uuid, utcnow
from ..db.engine import Database
from ..domain import enums, scoring
from ..domain.french import de
from ..domain.places import commune_kind_of
from ..domain.text import sort_key
from .committee import committee_code, committee_name, place_list
from .errors import UserError
from ..domain.agenda import ALL_STANDING_ITEMS, standing_items
from .meetings import reference
from .records import own_committee

GIVEN_MEN = ["Mahamadou", "Oumar", "Hamidou", "Boubacar", "Moussa", "Abdoulaye", "Ibrahim",
             "Sidi", "Alassane", "Baba", "Yehya", "Mohamed", "Souleymane", "Amadou", "Issa",
             "Hamadoun", "Aboubacrine", "Alhousseyni", "Daouda", "Ousmane", "Seydou", "Bakary"]
GIVEN_WOMEN = ["Aminata", "Fatoumata", "Aïssata", "Mariam", "Kadidia", "Hawa", "Oumou",
               "Fadimata", "Zeinabou", "Rokia", "Safiatou", "Tata", "Djénéba", "Assétou"]
FAMILY = ["Maïga", "Touré", "Cissé", "Traoré", "Koné", "Sidibé", "Dicko", "Diarra", "Haïdara",
          "Konaté", "Sangaré", "Bocoum", "Tamboura", "Guindo", "Keïta", "Coulibaly", "Sow",
          "Kanouté", "Dembélé", "Yattara", "Baby"]
# particles kept as written: Ag / Ould for a son, Walet for a daughter
PARTICLE_FAMILY = {"H": ["Ag Mohamed", "Ould Sidi", "Ag Alhassane"], "F": ["Walet Ahmed",
                                                                           "Walet Mohamed"]}
VILLAGES = ["Koriomé", "Hamabangou", "Toya", "Kabara", "Bellafarandi", "Abaradjou", "Sareïkeina",
            "Hondo Bomo", "Kessou", "Tassakane", "Goundam-Tassakane", "Bagadadji"]
AXES = ["axe Tombouctou–Goundam", "axe Tombouctou–Niafunké", "piste de Toya", "axe Kabara–Tombouctou"]

# (category, corps, function, organisation, sex weight for women, youth chance)
ROLES: list[tuple[str, str | None, str, str, float, float]] = [
    ("admin", None, "Sous-préfet", "Sous-préfecture", 0.1, 0.0),
    ("admin", None, "Secrétaire général de la mairie", "Mairie", 0.3, 0.1),
    ("elus", None, "Maire", "Conseil communal", 0.1, 0.0),
    ("elus", None, "Premier adjoint au maire", "Conseil communal", 0.2, 0.0),
    ("elus", None, "Conseiller communal", "Conseil communal", 0.4, 0.3),
    ("fds", "gendarmerie", "Commandant de brigade", "Brigade de gendarmerie", 0.0, 0.0),
    ("fds", "garde", "Chef de poste", "Garde nationale", 0.0, 0.1),
    ("fds", "police", "Commissaire", "Commissariat de police", 0.1, 0.0),
    ("fds", "fama", "Officier de liaison", "FAMa", 0.0, 0.1),
    ("justice", None, "Juge de paix", "Justice de paix", 0.2, 0.0),
    ("services", None, "Chef du service de l'agriculture", "Services techniques", 0.2, 0.1),
    ("services", None, "Infirmier chef de poste", "CSCOM", 0.4, 0.2),
    ("traditionnels", None, "Chef de village", "Chefferie", 0.0, 0.0),
    ("traditionnels", None, "Chef de village", "Chefferie", 0.0, 0.0),
    ("traditionnels", None, "Chef de fraction", "Chefferie", 0.0, 0.0),
    ("traditionnels", None, "Chef de quartier", "Chefferie", 0.0, 0.0),
    ("religieux", None, "Imam", "Mosquée", 0.0, 0.0),
    ("religieux", None, "Leader religieux", "Association islamique", 0.0, 0.1),
    ("femmes", None, "Présidente", "CAFO", 1.0, 0.2),
    ("femmes", None, "Membre", "CAFO", 1.0, 0.5),
    ("jeunes", None, "Président", "Conseil communal de la jeunesse", 0.3, 1.0),
    ("jeunes", None, "Secrétaire", "Conseil communal de la jeunesse", 0.5, 1.0),
    ("osc", None, "Coordinateur", "Radio communautaire", 0.3, 0.4),
    ("chasseurs", None, "Représentant", "Association des chasseurs", 0.0, 0.1),
]
# a woman's function as she signs it
FEMININE = {"Sous-préfet": "Sous-préfète", "Secrétaire général de la mairie":
            "Secrétaire générale de la mairie", "Premier adjoint au maire":
            "Première adjointe au maire", "Conseiller communal": "Conseillère communale",
            "Président": "Présidente", "Coordinateur": "Coordinatrice",
            "Infirmier chef de poste": "Infirmière cheffe de poste",
            "Chef du service de l'agriculture": "Cheffe du service de l'agriculture",
            "Représentant": "Représentante", "Leader religieux": "Leader religieuse"}
TITLES = {"Imam": "Imam", "Commandant de brigade": "Adjudant-chef", "Chef de poste": "Sergent-chef",
          "Commissaire": "Commissaire", "Officier de liaison": "Lieutenant"}

THREATS = [
    ("CRI.BAN", "Braquages de forains sur l'{axe}", "axe",
     "Des individus armés non identifiés interceptent les forains les jours de foire."),
    ("CRI.BET", "Vols de bétail autour de {village}", "village",
     "Des troupeaux sont enlevés la nuit ; les éleveurs signalent plusieurs cas par mois."),
    ("COM.AGE", "Tensions entre agriculteurs et éleveurs à {village}", "village",
     "Les dégâts champêtres provoquent des disputes au retour des troupeaux."),
    ("EEI.MIN", "Engins explosifs signalés sur l'{axe}", "axe",
     "Des engins suspects ont été signalés ; la circulation est déconseillée la nuit."),
    ("EXT.ZAK", "Prélèvements forcés auprès des éleveurs de {village}", "fraction",
     "Des hommes armés exigent des prélèvements sur le bétail."),
    ("CRI.MOT", "Vols de motos au marché de {village}", "village",
     "Plusieurs motos volées les jours de marché."),
    ("NAT.INO", "Risque d'inondation à {village}", "village",
     "La crue du fleuve menace les habitations basses et les rizières."),
    ("GOU.ETA", "Faible présence des services de l'État à {village}", "village",
     "Les services sociaux de base fonctionnent par intermittence."),
    ("COM.FON", "Conflit foncier autour de la mare de {village}", "mare",
     "Deux villages revendiquent l'exploitation de la bourgoutière."),
    ("PAI.INI", "Initiative locale de paix à {village}", "village",
     "Les chefs de village organisent des rencontres de dialogue intercommunautaire."),
]
VULNS = [
    ("Absence d'éclairage public au marché de {village}", "village"),
    ("Poste de gendarmerie éloigné de {village}", "village"),
    ("Route non surveillée sur l'{axe}", "axe"),
    ("Absence de réseau téléphonique à {village}", "village"),
    ("Site de déplacés sans clôture ni éclairage à {village}", "site_deplaces"),
    ("Berges non protégées à {village}", "village"),
]
RECS = [
    ("Renforcer les patrouilles mixtes sur l'{axe} les jours de foire", "Commandant de brigade",
     "Brigade de gendarmerie"),
    ("Installer des lampadaires solaires au marché de {village}", "Maire", "Mairie"),
    ("Organiser une rencontre de médiation entre agriculteurs et éleveurs à {village}",
     "Sous-préfet", "Commission foncière"),
    ("Sensibiliser les jeunes de {village} sur les risques de recrutement",
     "Président du Conseil communal de la jeunesse", "Conseil communal de la jeunesse"),
    ("Baliser les couloirs de passage des animaux autour de {village}", "Chef du service de "
     "l'agriculture", "Services techniques"),
    ("Demander l'installation d'un poste avancé de la Garde nationale à {village}", "Préfet",
     "Sous-préfecture"),
    ("Mettre en place un comité de vigilance villageois à {village}", "Chef de village",
     "Chefferie"),
]
# What is said under each agenda item belongs to that item.
DISCUSSIONS = {
    "adoption": [
        "Le secrétaire a donné lecture du procès-verbal de la réunion précédente. Les membres "
        "ont demandé de préciser la date de la mission prévue à {village}.",
        "Lecture a été faite du procès-verbal de la réunion précédente ; aucune observation "
        "n'a été formulée.",
    ],
    "security": [
        "Le Commandant de brigade a présenté la situation sécuritaire du mois. Les membres ont "
        "relevé une baisse des incidents sur l'{axe}, mais des inquiétudes demeurent à "
        "{village}.",
        "Le chef de village de {village} a rapporté des tensions liées au retour des "
        "troupeaux ; une médiation est en cours avec l'appui des leaders religieux.",
        "Les représentantes des femmes ont souligné les difficultés d'accès au marché de "
        "{village} après la tombée de la nuit.",
    ],
    "followup": [
        "Le Maire a fait le point sur l'exécution des recommandations : plusieurs sont en "
        "cours, d'autres attendent une réponse de la préfecture.",
        "Le secrétaire a présenté le tableau de suivi des recommandations ; celle relative à "
        "l'éclairage du marché de {village} reste sans suite.",
    ],
    "theme": [
        "Les services techniques ont présenté le calendrier ; les membres ont insisté sur la "
        "sécurité des producteurs sur l'{axe}.",
        "Les membres ont examiné les mesures à prendre avec les chefs de village de "
        "{village} et les forces de défense et de sécurité.",
    ],
    "misc": [
        "Le représentant des jeunes a rappelé l'importance des activités de sensibilisation "
        "à la radio communautaire.",
        "La présidente de la CAFO a annoncé une causerie-débat avec les femmes de {village}.",
    ],
    "urgent": [
        "Le Président a exposé les faits survenus à {village} et les premières mesures prises "
        "par les forces de défense et de sécurité.",
        "Les membres ont arrêté les mesures d'urgence : renforcement des patrouilles sur "
        "l'{axe} et information de la population par la radio communautaire.",
    ],
}
EXTRAORDINARY_ITEMS = [("Examen de la situation consécutive à l'incident de {village}",
                        "urgent"), ("Mesures d'urgence à proposer aux autorités", "urgent"),
                       ("Divers", "misc")]
DECISIONS = [
    "Le comité décide de saisir le Préfet par écrit.",
    "Une mission de terrain sera conduite à {village} avant la prochaine réunion.",
    "Le secrétaire transmettra les recommandations dans un délai de dix jours.",
    "Le comité maintient la menace sous surveillance.",
]
ACTIVITIES = [
    ("training", "Formation des membres sur le rôle du CCS", "PNUD"),
    ("awareness", "Émission à la radio communautaire sur la coproduction de la sécurité", "DCAF"),
    ("social_cohesion", "Journée de cohésion sociale à {village}", "PNUD"),
    ("cleanup", "Journée de salubrité au marché de {village}", ""),
    ("road_safety", "Sensibilisation à la sécurité routière sur l'{axe}", "EUCAP Sahel"),
    ("awareness", "Causerie-débat avec les femmes de {village}", "DCAF"),
]
DEMO_LEVEL = "commune"  # the demo's committees (their standing items follow the level)
STANDING_ITEMS = standing_items(DEMO_LEVEL)
EXTRAORDINARY_REASON = ("à la demande du Maire, en raison de la dégradation de la situation "
                        "sécuritaire")
POSTPONED_DAYS = 14  # a meeting not held is put off by two weeks
NOT_HELD = [("insecurite", "Attaque signalée sur l'axe la veille de la réunion."),
            ("crue", "Routes coupées par la crue."),
            ("quorum", "Moins de la moitié des membres présents."),
            ("blocus", "Blocus des axes d'accès à la commune.")]


@dataclass
class _Ids:
    """Explicit integer keys so that rows can be inserted in bulk and linked at once."""

    counters: dict[str, int] = field(default_factory=dict)

    def next(self, table: str) -> int:
        self.counters[table] = self.counters.get(table, 0) + 1
        return self.counters[table]


@dataclass
class _Rows:
    tables: dict[Any, list[dict[str, Any]]] = field(default_factory=dict)
    # rows that point at rows inserted after them: set once everything is in
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def later(self, sql: str, params: dict[str, Any]) -> None:
        self.updates.setdefault(sql, []).append(params)

    def add(self, table: Any, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)

    def size(self) -> int:
        return sum(len(v) for v in self.tables.values())


ORDER = [m.Committee.__table__, m.Person.__table__, m.Meeting.__table__,
         m.AgendaItem.__table__, m.Attendance.__table__, m.Threat.__table__,
         m.ThreatAssessment.__table__, m.Vulnerability.__table__, m.meeting_threats,
         m.meeting_vulnerabilities, m.Recommendation.__table__, m.recommendation_threats,
         m.recommendation_vulnerabilities, m.RecommendationFollowup.__table__,
         m.Activity.__table__, m.RestrictedNote.__table__]


class _Generator:
    def __init__(self, rnd: random.Random, ids: _Ids, years: int, end: dt.date) -> None:
        self.rnd = rnd
        self.ids = ids
        self.years = years
        self.end = end
        self.now = utcnow()

    def sync(self, table: str, cid: int | None, version: int = 1) -> dict[str, Any]:
        row = {"id": self.ids.next(table), "uuid": new_uuid(), "created_at": self.now,
               "updated_at": self.now, "version": version, "generation": 0, "deleted_at": None}
        if cid is not None:
            row["committee_id"] = cid
        return row

    def fill(self, text: str, village: str, axe: str) -> str:
        return text.format(village=village, axe=axe)

    def person(self, cid: int, given: str, family: str, sex: str, **fields: Any) -> dict[str, Any]:
        return self.sync("people", cid) | {
            "given_names": given, "family_name": family, "sex": sex,
            "sort_key": sort_key(family, given)} | fields

    def meeting(self, cid: int, code: str, number: int, day: dt.date, **fields: Any
                ) -> dict[str, Any]:
        """A meeting row; `fields` override the defaults of a planned ordinary meeting."""
        return self.sync("meetings", cid) | {
            "number": number, "year": day.year, "reference": reference(number, day.year, code),
            "kind": "ordinary", "status": "planned", "not_held_reason": None,
            "not_held_reason_text": "", "date": day, "start_time": dt.time(10, 0),
            "end_time": None, "place": "", "chair_id": None, "secretary_id": None,
            "convened_by": "Maire", "convocation_date": None, "notes": "",
            "adopted_by_meeting_id": None, "adopted_on": None,
            "adopted_with_amendments": False, "frozen_header": "",
            "extraordinary_reason": None, "postponed_to": None} | fields

    def committee(self, rows: _Rows, place: tuple[str, str, str], demo: bool) -> int:
        rnd = self.rnd
        region, cercle, commune = place
        base = self.sync("committees", None)
        cid = base["id"]
        people: list[dict[str, Any]] = []
        for category, corps, function, org, women, youth in ROLES:
            sex = "F" if rnd.random() < women else "H"
            given = rnd.choice(GIVEN_WOMEN if sex == "F" else GIVEN_MEN)
            family = (rnd.choice(PARTICLE_FAMILY[sex]) if rnd.random() < 0.12
                      else rnd.choice(FAMILY))
            if rnd.random() < 0.15 and len(people) > 4:
                inactive = True
            else:
                inactive = False
            title = TITLES.get(function, "El Hadj" if rnd.random() < 0.1 and sex == "H" else "")
            people.append(self.person(
                cid, given, family, sex, title=title, is_youth=rnd.random() < youth,
                category=category, fds_corps=corps,
                organisation=f"{org} {de(commune or cercle or region)}" if org else "",
                function=FEMININE.get(function, function) if sex == "F" else function,
                phone=f"+223 {rnd.randint(60, 99)} {rnd.randint(10, 99)} "
                      f"{rnd.randint(10, 99)} {rnd.randint(10, 99)}",
                is_member=True, is_active=not inactive))
        guests = []
        for function, org in (("Chef de mission", "ONG partenaire"),
                              ("Chargé de programme", "PNUD")):
            sex = rnd.choice("HF")
            given = rnd.choice(GIVEN_WOMEN if sex == "F" else GIVEN_MEN)
            family = rnd.choice(FAMILY)
            guests.append(self.person(
                cid, given, family, sex, title="", is_youth=False, category="autres",
                fds_corps=None, organisation=org, function=function, phone="",
                is_member=False, is_active=True))
        chair = next(p for p in people if p["function"] == "Maire")
        secretary = next(p for p in people if p["function"] in (
            "Secrétaire général de la mairie", "Secrétaire générale de la mairie"))
        kind = commune_kind_of(region, cercle, commune)  # from the place list, never drawn

        rows.add(m.Committee.__table__, base | {
            "level": DEMO_LEVEL, "region": region, "cercle": cercle, "commune": commune,
            "commune_kind": kind, "code": committee_code("commune", region, cercle, commune),
            "name": committee_name("commune", region, cercle, commune),
            "chair_title": f"Maire de la Commune {kind} {de(commune)}",
            "chair_id": None, "secretary_id": None, "quorum_rule": "majority",
            "quorum_value": None,
            "installed_on": dt.date(self.end.year - self.years, rnd.randint(1, 12), 15),
            "creation_decision": f"Décision n°{rnd.randint(10, 99)}/P-CC du préfet",
            "is_demo": True, "share_names": False, "restore_generation": 0,
        })
        for p in people + guests:
            rows.add(m.Person.__table__, p)
        self._records(rows, cid, commune, people, guests, chair, secretary,
                      committee_code("commune", region, cercle, commune))
        # chair and secretary are set once the people rows exist (see _flush)
        rows.later("UPDATE committees SET chair_id = :chair, secretary_id = :secretary "
                   "WHERE id = :cid", {"cid": cid, "chair": chair["id"],
                                       "secretary": secretary["id"]})
        return cid

    def _records(self, rows: _Rows, cid: int, commune: str, people: list[dict[str, Any]],
                 guests: list[dict[str, Any]], chair: dict[str, Any],
                 secretary: dict[str, Any], code: str) -> None:
        rnd = self.rnd
        villages = rnd.sample(VILLAGES, 6)
        axes = rnd.sample(AXES, 2)
        start = dt.date(self.end.year - self.years + 1, 1, 1)
        # threats and vulnerabilities appear over time
        threats = []
        for tcode, title, place_kind, desc in rnd.sample(THREATS, rnd.randint(6, 9)):
            village, axe = rnd.choice(villages), rnd.choice(axes)
            lk, im = rnd.randint(2, 5), rnd.randint(2, 5)
            first = start + dt.timedelta(days=rnd.randint(0, 365 * self.years - 60))
            t = self.sync("threats", cid) | {
                "title": self.fill(title, village, axe)[:300],
                "description": self.fill(desc, village, axe), "type_code": tcode,
                "place_kind": place_kind, "place_name": axe if place_kind == "axe" else village,
                "first_reported": first, "likelihood": lk, "impact": im,
                "score": lk * im, "level": scoring.level(lk, im).value, "trend": "stable",
                "status": "active", "source_category": rnd.choice(list(enums.SourceCategory)).value,
                "is_restricted": False}
            threats.append(t)
        vulns = []
        for title, place_kind in rnd.sample(VULNS, rnd.randint(3, 5)):
            village, axe = rnd.choice(villages), rnd.choice(axes)
            v = self.sync("vulnerabilities", cid) | {
                "title": self.fill(title, village, axe), "description":
                "Relevée lors de l'évaluation sécuritaire de la commune.",
                "place_kind": place_kind, "place_name": axe if place_kind == "axe" else village,
                "first_reported": start + dt.timedelta(days=rnd.randint(0, 365 * self.years - 60)),
                "status": rnd.choice(["open", "open", "in_progress", "addressed"])}
            vulns.append(v)
        members = [p for p in people if p["is_member"]]
        place_name = "Salle de réunion de la mairie " + de(commune)
        meetings: list[dict[str, Any]] = []
        numbers: dict[int, int] = {}
        recs: list[tuple[dict[str, Any], dt.date]] = []
        month = dt.date(start.year, start.month, 1)
        while month <= self.end:
            held_day = month + dt.timedelta(days=rnd.randint(8, 20))
            kinds = ["ordinary"] + (["extraordinary"] if rnd.random() < 0.06 else [])
            for kind in kinds:
                day = held_day if kind == "ordinary" else held_day + dt.timedelta(days=5)
                numbers[day.year] = numbers.get(day.year, 0) + 1
                number = numbers[day.year]
                future = day > self.end - dt.timedelta(days=3)
                not_held = (not future) and rnd.random() < 0.07
                status = "planned" if future else "not_held" if not_held else "held"
                reason, reason_text = rnd.choice(NOT_HELD) if not_held else (None, "")
                mt = self.meeting(
                    cid, code, number, day, kind=kind, status=status, not_held_reason=reason,
                    not_held_reason_text=reason_text,
                    start_time=dt.time(10, 0) if status != "not_held" else None,
                    end_time=dt.time(rnd.choice([12, 13]), rnd.choice([0, 15, 30, 45]))
                    if status == "held" else None,
                    place=place_name, chair_id=chair["id"], secretary_id=secretary["id"],
                    convocation_date=day - dt.timedelta(days=7),
                    extraordinary_reason=EXTRAORDINARY_REASON if kind == "extraordinary"
                    else None,
                    postponed_to=day + dt.timedelta(days=POSTPONED_DAYS) if not_held else None)
                rows.add(m.Meeting.__table__, mt)
                meetings.append(mt)
                if status != "held":
                    continue
                self._meeting_content(rows, cid, mt, members, guests, threats, vulns, villages,
                                      axes, recs)
            month = (month.replace(day=28) + dt.timedelta(days=5)).replace(day=1)
        if not meetings or meetings[-1]["status"] != "planned":  # the next statutory meeting
            day = self.end + dt.timedelta(days=rnd.randint(7, 25))
            numbers[day.year] = numbers.get(day.year, 0) + 1
            mt = self.meeting(cid, code, numbers[day.year], day, place=place_name,
                              chair_id=chair["id"], secretary_id=secretary["id"])
            rows.add(m.Meeting.__table__, mt)
            meetings.append(mt)
        # adoption: each held meeting adopted by the next held one
        held = [mt for mt in meetings if mt["status"] == "held"]
        for prev, nxt in zip(held, held[1:]):
            prev["status"] = "adopted"
            rows.later("UPDATE meetings SET adopted_by_meeting_id = :by WHERE id = :id",
                       {"by": nxt["id"], "id": prev["id"]})
            prev["adopted_on"] = nxt["date"]
            prev["version"] = 2
        for t in threats:
            rows.add(m.Threat.__table__, t)
        for v in vulns:
            rows.add(m.Vulnerability.__table__, v)
        # follow-up of recommendations
        for rec, made in recs:
            age = (self.end - made).days
            if age > 10:
                sent = made + dt.timedelta(days=rnd.randint(3, 10))
                rows.add(m.RecommendationFollowup.__table__, self.sync("followups", cid) | {
                    "recommendation_id": rec["id"], "meeting_id": None, "date": sent,
                    "status": "transmitted", "note": "",
                    "letter_number": f"{rnd.randint(1, 150):03d}/{code}",
                    "sent_to": rnd.choice(["Préfet du cercle", "Gouverneur de la région",
                                           "Commandant de brigade", "Maire"])})
                rec["status"], rec["status_date"], rec["version"] = "transmitted", sent, 2
            if age > 60:
                outcome = rnd.choice(["in_progress", "implemented", "partial", "not_implemented",
                                      "implemented", "abandoned"])
                when = made + dt.timedelta(days=rnd.randint(30, min(age, 300)))
                rows.add(m.RecommendationFollowup.__table__, self.sync("followups", cid) | {
                    "recommendation_id": rec["id"], "meeting_id": None, "date": when,
                    "status": outcome, "note": "Point fait en réunion.", "letter_number": "",
                    "sent_to": ""})
                rec["status"], rec["status_date"], rec["version"] = outcome, when, 3
            rows.add(m.Recommendation.__table__, rec)
        # activities, about one every two months
        for _ in range(self.years * 6):
            kind, title, partner = rnd.choice(ACTIVITIES)
            village, axe = rnd.choice(villages), rnd.choice(axes)
            men, women = rnd.randint(5, 80), rnd.randint(5, 80)
            rows.add(m.Activity.__table__, self.sync("activities", cid) | {
                "date": start + dt.timedelta(days=rnd.randint(0, 365 * self.years - 1)),
                "kind": kind, "title": self.fill(title, village, axe),
                "description": "Activité menée par les membres du comité avec l'appui des "
                               "autorités locales.",
                "place": village, "reached_men": men, "reached_women": women,
                "reached_young_men": rnd.randint(0, men), "reached_young_women":
                rnd.randint(0, women), "partner": partner})

    def _discussion(self, theme: str, said: set[str]) -> str:
        fresh = [d for d in DISCUSSIONS[theme] if d not in said] or DISCUSSIONS[theme]
        text = self.rnd.choice(fresh)
        said.add(text)
        return text

    def _meeting_content(self, rows: _Rows, cid: int, mt: dict[str, Any],
                         members: list[dict[str, Any]], guests: list[dict[str, Any]],
                         threats: list[dict[str, Any]], vulns: list[dict[str, Any]],
                         villages: list[str], axes: list[str],
                         recs: list[tuple[dict[str, Any], dt.date]]) -> None:
        rnd = self.rnd
        day = mt["date"]
        themes = {STANDING_ITEMS[0]: "adoption", STANDING_ITEMS[1]: "security",
                  STANDING_ITEMS[2]: "followup", STANDING_ITEMS[3]: "misc"}
        village, axe = rnd.choice(villages), rnd.choice(axes)
        if mt["kind"] == "extraordinary":  # its own agenda, on what called it
            items = [(self.fill(t, village, axe), theme) for t, theme in EXTRAORDINARY_ITEMS]
            mt["notes"] = self.fill("Réunion extraordinaire convoquée à la suite de l'incident "
                                    "survenu à {village}.", village, axe)
            mt["extraordinary_reason"] = self.fill(
                "à la demande du Maire, à la suite de l'incident survenu à {village}",
                village, axe)
        else:
            items = [(t, themes[t]) for t in STANDING_ITEMS[:3]]
            if rnd.random() < 0.5:
                items.append((rnd.choice(["Préparation de la campagne agricole",
                                          "Sécurisation des foires hebdomadaires",
                                          "Retour des personnes déplacées",
                                          "Préparation de la saison des pluies"]), "theme"))
            items.append((STANDING_ITEMS[3], "misc"))
        said: set[str] = set()  # a paragraph is said under one point only
        for pos, (title, theme) in enumerate(items, start=1):
            village, axe = rnd.choice(villages), rnd.choice(axes)
            decisions = (self.fill(rnd.choice(DECISIONS), village, axe)
                         if theme not in ("adoption", "misc") else "")
            if theme == "adoption":
                decisions = "Le procès-verbal de la réunion précédente est adopté."
            rows.add(m.AgendaItem.__table__, self.sync("agenda_items", cid) | {
                "meeting_id": mt["id"], "position": pos, "title": title,
                "discussion": self.fill(self._discussion(theme, said), village, axe),
                "decisions": decisions,
                "is_standing": title in ALL_STANDING_ITEMS})
        marks = []
        for p in members:
            if not p["is_active"]:
                continue
            r = rnd.random()
            marks.append([p, "present" if r < 0.78 else "excused" if r < 0.9 else "absent"])
        for mark in marks:  # a held meeting has its quorum (a majority of the members)
            if sum(st == "present" for _p, st in marks) * 2 > len(marks):
                break
            mark[1] = "present"
        for p, status in marks:
            rows.add(m.Attendance.__table__, self.sync("attendance", cid) | {
                "meeting_id": mt["id"], "person_id": p["id"], "status": status,
                "is_guest": False})
        if rnd.random() < 0.2:
            g = rnd.choice(guests)
            rows.add(m.Attendance.__table__, self.sync("attendance", cid) | {
                "meeting_id": mt["id"], "person_id": g["id"], "status": "present",
                "is_guest": True})
        known = [t for t in threats if t["first_reported"] <= day]
        for t in rnd.sample(known, min(len(known), rnd.randint(1, 3))):
            lk = max(1, min(5, t["likelihood"] + rnd.choice([-1, 0, 0, 1])))
            im = max(1, min(5, t["impact"] + rnd.choice([0, 0, 1, -1])))
            old = t["likelihood"] * t["impact"]
            trend = "up" if lk * im > old else "down" if lk * im < old else "stable"
            rows.add(m.ThreatAssessment.__table__, self.sync("assessments", cid) | {
                "threat_id": t["id"], "meeting_id": mt["id"], "date": day, "likelihood": lk,
                "impact": im, "score": lk * im, "trend": trend,
                "note": "Réévaluée en séance."})
            t.update(likelihood=lk, impact=im, score=lk * im,
                     level=scoring.level(lk, im).value, trend=trend,
                     version=t["version"] + 1)
            rows.add(m.meeting_threats, {"meeting_id": mt["id"], "threat_id": t["id"]})
        known_v = [v for v in vulns if v["first_reported"] <= day]
        if known_v and rnd.random() < 0.4:
            v = rnd.choice(known_v)
            rows.add(m.meeting_vulnerabilities, {"meeting_id": mt["id"],
                                                 "vulnerability_id": v["id"]})
        for _ in range(rnd.randint(1, 3)):
            text, responsible, addressee = rnd.choice(RECS)
            village, axe = rnd.choice(villages), rnd.choice(axes)
            rec = self.sync("recommendations", cid) | {
                "text": self.fill(text, village, axe), "meeting_id": mt["id"],
                "addressee": addressee, "responsible": responsible,
                "deadline": day + dt.timedelta(days=rnd.choice([30, 45, 60, 90])),
                "priority": rnd.choice(["high", "normal", "normal", "low"]),
                "status": "formulated", "status_date": day}
            recs.append((rec, day))
            if known and rnd.random() < 0.6:
                rows.add(m.recommendation_threats, {"recommendation_id": rec["id"],
                                                    "threat_id": rnd.choice(known)["id"]})
            elif known_v and rnd.random() < 0.5:
                rows.add(m.recommendation_vulnerabilities, {
                    "recommendation_id": rec["id"], "vulnerability_id": rnd.choice(known_v)["id"]})
        if rnd.random() < 0.08:
            rows.add(m.RestrictedNote.__table__, self.sync("restricted_notes", cid) | {
                "meeting_id": mt["id"], "agenda_item_id": None, "threat_id": None,
                "text": "Plainte transmise à l'autorité compétente (catégorie de source : "
                        "population)."})


def _flush(db_session: Any, rows: _Rows) -> None:
    for table in ORDER:
        batch = rows.tables.get(table)
        if batch:
            db_session.execute(insert(table), batch)
    for sql, params in rows.updates.items():
        db_session.execute(text(sql), params)
    rows.tables.clear()
    rows.updates.clear()


def generate_demo(db: Database, seed: int = 1, committees: int = 1, years: int = 2,
                  end: dt.date | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[int]:
    """Fill an empty database with demo committees; the first becomes the own committee.

    With committees=1 it is the commune of Alafia (Tombouctou); more committees take other
    communes of the place lists. Returns the committee ids.
    """
    if years < 1 or committees < 1:
        raise UserError("Il faut au moins un comité et une année.")
    rnd = random.Random(seed)
    end = end or dt.date.today()
    with db.session() as s:
        if own_committee(s) is not None or s.scalar(select(m.Committee.id).limit(1)):
            raise UserError("Cette base contient déjà un comité : les données de démonstration "
                            "vont dans un dossier vide.")
        ids = _Ids()
        for table in ("committees", "people", "meetings", "agenda_items", "attendance",
                      "threats", "assessments", "vulnerabilities", "recommendations",
                      "followups", "activities", "restricted_notes"):
            ids.counters[table] = 0
        places = [(p.region, p.cercle, p.commune) for p in place_list() if p.commune]
        alafia = ("Tombouctou", "Tombouctou", "Alafia")
        others = [p for p in places if p != alafia]
        rnd.shuffle(others)
        chosen = [alafia] + others[: committees - 1]
        while len(chosen) < committees:  # more committees than communes: reuse places
            chosen.append(rnd.choice(places))
        gen = _Generator(rnd, ids, years, end)
        rows = _Rows()
        conn = s.connection()
        # at scale, secondary indexes are built once at the end rather than row by row
        deferred_indexes = []
        if committees * years >= 100:
            deferred_indexes = [sql for (sql,) in conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' "
                "AND sql IS NOT NULL")]
            for sql in deferred_indexes:
                name = sql.split("INDEX", 1)[1].split(" ON ")[0].strip()
                conn.exec_driver_sql(f"DROP INDEX {name}")
        s.info["skip_search_index"] = True
        created: list[int] = []
        for n, place in enumerate(chosen, start=1):
            created.append(gen.committee(rows, place, demo=n == 1))
            if rows.size() > 50_000:
                _flush(s, rows)
            if progress:
                progress(n, committees)
        _flush(s, rows)
        for sql in deferred_indexes:
            conn.exec_driver_sql(sql)
        first = s.get(m.Committee, created[0])
        settings.write(s, settings.OWN_COMMITTEE, first.uuid)
        settings.write(s, settings.MODE, settings.COMMITTEE_MODE)
        settings.write(s, settings.DEMO, True)
        s.flush()
        search.rebuild(s)
    db.invalidate_cache()
    return created


# The demonstration's accounts (its people are fictitious): all with this password unless
# one is given (--password-file, CCS_PASSWORD_FILE); the README says it.
DEMO_ACCOUNTS = ("admin", "secretaire", "lecteur")
DEMO_PASSWORD = "ccs-demo"
DEMO_WORKING_ACCOUNT = "secretaire"


def create_demo_database(data_dir: Any, fill: Callable[[Any], None] | None = None, *,
                         seed: int = 1) -> Any:
    """A new demonstration database (atomic, like any new one) with the accounts
    DEMO_ACCOUNTS and their roles; `fill` writes its records (default: one committee,
    `seed`). It is returned open as DEMO_WORKING_ACCOUNT."""
    from ..db import unlock
    from ..db.engine import create_database

    given = unlock.Credentials.given(default_user=DEMO_ACCOUNTS[0], session=False)
    password = given.password if given is not None else DEMO_PASSWORD
    admin = unlock.Credentials(DEMO_ACCOUNTS[0], password)
    db = create_database(data_dir, fill=fill or (lambda b: generate_demo(b, seed=seed)),
                         credentials=admin)
    unlock.add_accounts(db.data_dir, DEMO_ACCOUNTS[1:], password, db.key)
    from . import roles

    roles.sync_from_keys(db)  # admin administrateur, secretaire and lecteur by their names
    # `ccs-desktop --demo` works as the secretary (issue 13): what a committee's PC does
    db.credentials = unlock.Credentials(DEMO_WORKING_ACCOUNT, password)
    return db
