"""Test data for the printed documents, built with the ORM (a fictitious Alafia committee)."""

from __future__ import annotations

import datetime as dt

from ccs_desktop.db import models as m

RESTRICTED_TEXT = "Plainte transmise à l'autorité compétente – dossier Tessit"
RESTRICTED_THREAT = "Comportement signalé d'une patrouille"

PEOPLE = [
    # title, given, family, sex, youth, category, organisation, function, phone
    ("", "Bakary", "Traoré", "H", False, "elus", "Mairie d'Alafia", "Maire", "76 00 00 01"),
    ("", "Aminata", "Maïga", "F", False, "femmes", "CAFO", "Présidente", "76 00 00 02"),
    ("El Hadj", "Moussa", "Cissé", "H", False, "religieux", "Grande mosquée", "Imam", ""),
    ("Adjudant-chef", "Œuvré", "Koné", "H", False, "fds", "Gendarmerie", "Commandant de brigade",
     ""),
    ("", "Fatoumata", "Walet Ahmed", "F", True, "jeunes", "CNJ", "Secrétaire", ""),
    ("", "Ibrahim", "Ag Mohamed", "H", True, "traditionnels", "Fraction Kel Ansar", "Chef", ""),
    ("", "Hawa", "Diarra", "F", False, "admin", "Sous-préfecture", "Sous-préfète", ""),
    ("", "Éloïse", "Dembélé", "F", True, "osc", "Radio Naŋa", "Animatrice ɛ ɔ ɲ ŋ", ""),
    ("", "Sékou", "Sanogo", "H", False, "services", "Service de l'agriculture", "Chef", ""),
    ("", "Yehya", "Konta", "H", False, "chasseurs", "Donsos", "Représentant", ""),
]


def make_committee(session, *, is_demo: bool = False) -> m.Committee:
    committee = m.Committee(level="commune", region="Tombouctou", cercle="Goundam",
                            commune="Alafia", commune_kind="rurale", code="CCSC-ALAFIA",
                            name="Comité Consultatif de Sécurité de la Commune d'Alafia",
                            chair_title="Maire de la Commune rurale d'Alafia", is_demo=is_demo)
    session.add(committee)
    session.flush()
    session.add(m.Setting(key="committee_uuid", value=committee.uuid))
    return committee


def add_person(session, committee, title, given, family, sex, youth, category, org, function,
               phone="", *, is_member=True) -> m.Person:
    person = m.Person(committee_id=committee.id, title=title, given_names=given,
                      family_name=family, sex=sex, is_youth=youth, category=category,
                      organisation=org, function=function, phone=phone, is_member=is_member,
                      sort_key=family.lower())
    session.add(person)
    return person


def build_sample(db, *, discussion_extra: str = "", status: str = "held",
                 n_attendees: int = 0) -> dict:
    """A committee, its members and meeting N°3/2024 with everything a PV shows.
    Returns ids: committee_id, meeting_id, meeting_uuid."""
    with db.session() as s:
        committee = make_committee(s)
        people = [add_person(s, committee, *row) for row in PEOPLE]
        guest = add_person(s, committee, "", "Oumar", "Touré", "H", False, "autres",
                           "ONG Paix", "Observateur", is_member=False)
        extra = [add_person(s, committee, "", f"Membre{i}", f"Famille{i:03d}",
                            "F" if i % 3 == 0 else "H", i % 4 == 0, "autres",
                            "Village", "Délégué") for i in range(n_attendees)]
        s.flush()
        committee.chair_id = people[0].id
        committee.secretary_id = people[1].id
        previous = m.Meeting(committee_id=committee.id, number=2, year=2024,
                             date=dt.date(2024, 3, 8), status="adopted", place="la mairie")
        s.add(previous)
        meeting = m.Meeting(
            committee_id=committee.id, number=3, year=2024, kind="ordinary", status=status,
            date=dt.date(2024, 4, 12), start_time=dt.time(10, 0), end_time=dt.time(13, 15),
            place="la salle de réunion de la mairie d'Alafia", convened_by="Maire",
            convocation_date=dt.date(2024, 4, 5), chair_id=people[0].id,
            secretary_id=people[1].id)
        s.add(meeting)
        s.flush()
        titles = ["Lecture et adoption du procès-verbal de la réunion précédente",
                  "Situation sécuritaire de la commune",
                  "Suivi des recommandations",
                  "Divers"]
        items = []
        for i, title in enumerate(titles):
            item = m.AgendaItem(committee_id=committee.id, meeting_id=meeting.id, position=i,
                                title=title,
                                discussion=("Les membres ont échangé sur la sécurité de l'axe "
                                            "Tombouctou–Goundam « très fréquenté ».\n"
                                            "Le représentant de la Gendarmerie a présenté la "
                                            "situation."),
                                decisions=f"Décision n°{i + 1} : renforcer la sensibilisation.")
            s.add(item)
            items.append(item)
        if discussion_extra:
            items[1].discussion += "\n" + discussion_extra
        for i, person in enumerate(people):
            status_ = "present" if i < 8 else ("absent" if i == 8 else "excused")
            s.add(m.Attendance(committee_id=committee.id, meeting_id=meeting.id,
                               person_id=person.id, status=status_))
        s.add(m.Attendance(committee_id=committee.id, meeting_id=meeting.id,
                           person_id=guest.id, status="present", is_guest=True))
        for person in extra:
            s.add(m.Attendance(committee_id=committee.id, meeting_id=meeting.id,
                               person_id=person.id, status="present"))
        threat = m.Threat(committee_id=committee.id, title="Vols de bétail à Tin-Aicha",
                          type_code="CRI.BET", place_kind="village", place_name="Tin-Aicha",
                          likelihood=4, impact=3, trend="up",
                          description="Troupeaux > 10 têtes & <nuit>")
        threat.rescore()
        hidden = m.Threat(committee_id=committee.id, title=RESTRICTED_THREAT,
                          type_code="GOU", place_kind="village", place_name="Tessit",
                          likelihood=2, impact=2, is_restricted=True)
        hidden.rescore()
        vuln = m.Vulnerability(committee_id=committee.id, title="Absence d'éclairage public",
                               place_kind="quartier", place_name="Alafia-centre",
                               description="Le marché n'est pas éclairé la nuit.")
        s.add_all([threat, hidden, vuln])
        s.flush()
        meeting.threats.extend([threat, hidden])
        meeting.vulnerabilities.append(vuln)
        for i in range(3):
            s.add(m.Recommendation(
                committee_id=committee.id, meeting_id=meeting.id,
                text=f"Recommandation {i + 1} : installer l'éclairage solaire au marché",
                addressee="Mairie d'Alafia", responsible="Commission sécurité",
                deadline=dt.date(2024, 6, 30)))
        s.add(m.RestrictedNote(committee_id=committee.id, meeting_id=meeting.id,
                               agenda_item_id=items[1].id, text=RESTRICTED_TEXT))
        s.flush()
        return {"committee_id": committee.id, "meeting_id": meeting.id,
                "meeting_uuid": meeting.uuid, "previous_id": previous.id}


LONG_DISCUSSION = (
    "Le représentant de la Gendarmerie a présenté la situation de l'axe Tombouctou–Goundam : "
    "trois incidents signalés, dont un vol de motos ; la population demande des patrouilles ! "
    "M. le Maire a rappelé les consignes « de vigilance » pour la foire de 10 h 00. ") * 3


def add_long_items(db, ids: dict, count: int = 8) -> None:
    """Long agenda items (each two long paragraphs) after the sample's four: 12 in all."""
    with db.session() as s:
        meeting = s.get(m.Meeting, ids["meeting_id"])
        for i in range(count):
            s.add(m.AgendaItem(
                committee_id=meeting.committee_id, meeting_id=meeting.id, position=10 + i,
                title=(f"Point supplémentaire {i + 1} : examen détaillé de la situation des "
                       "villages de la zone nord et des axes routiers"),
                discussion=LONG_DISCUSSION + "\n" + LONG_DISCUSSION,
                decisions="Le comité recommande : renforcer les patrouilles ; informer."))
