"""French for every user-visible string of the editors, the commands and the drafts banner:
{Qt translation context: {English source: French}}.

The source strings are English (lupdate extracts them from `self.tr()` and
`QCoreApplication.translate()`); this dict is what the translation tooling injects into
resources/translations/ccs_desktop_fr.ts. `DictTranslator` (in translator.py) serves it directly
until the compiled .qm carries it. tests/ui/test_editors_i18n.py fails when a string is missing.
"""

FR: dict[str, dict[str, str]] = {
    "AttachmentsPanel": {
        "Attach scans or photos": "Joindre des scans ou des photos",
        "Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)":
            "Scans et photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tous les fichiers (*)",
        "Drop scans or photos here (signed attendance sheet, signed and stamped PV, "
        "convocation receipts…), or use « Add a file ».":
            "Déposez ici les scans ou photos (liste de présence signée, PV signé et cacheté, "
            "décharges de convocation…), ou utilisez « Ajouter un fichier ».",
        "Kind:": "Type :",
        "Add a file…": "Ajouter un fichier…",
        "Open": "Ouvrir",
        "Remove": "Retirer",
        "Remove the attachment “{name}”?": "Retirer la pièce jointe « {name} » ?",
    },
    "RecordEditor": {
        "CRSS consolidation: records are read-only here; they change at the committee that "
        "owns them and come back with its next transmission.":
            "Consolidation du CRSS : les enregistrements sont en lecture seule ici ; ils "
            "changent au comité qui les tient et reviennent avec sa prochaine transmission.",
        "(none)": "(non renseignée)",
        "Restore the draft": "Reprendre le brouillon",
        "Discard it": "L'ignorer",
        "Delete…": "Supprimer…",
        "Save": "Enregistrer",
        "Save (Ctrl+S)": "Enregistrer (Ctrl+S)",
        "Close": "Fermer",
        "Undo": "Annuler",
        "Redo": "Rétablir",
        "An unsaved draft was found (written on {when}). Restore what was typed?":
            "Un brouillon non enregistré a été retrouvé (écrit le {when}). Reprendre ce qui "
            "avait été saisi ?",
        "Changes not saved yet": "Modifications pas encore enregistrées",
        "Not saved: correct the fields in red (what you typed is kept).":
            "Non enregistré : corrigez les champs en rouge (votre saisie est conservée).",
        "Saved at {time}": "Enregistré à {time}",
    },
    "MeetingEditor": {
        "Attachments": "Pièces jointes",
        "Save the General tab first: attendance, agenda, threats and recommendations open "
        "once the meeting exists.":
            "Enregistrez d'abord l'onglet Général : présences, ordre du jour, menaces et "
            "recommandations s'ouvrent une fois la réunion créée.",
        "Number in the year": "Numéro dans l'année",
        "Date": "Date",
        "Kind of meeting": "Type de réunion",
        "Status": "Statut",
        "Start time": "Heure de début",
        "e.g. 10 h 00": "ex. 10 h 00",
        "End time": "Heure de fin",
        "e.g. 13 h 15": "ex. 13 h 15",
        "Place": "Lieu",
        "Chair": "Président(e) de séance",
        "— choose —": "— choisir —",
        "Secretary": "Secrétaire de séance",
        "Convened by": "Convoquée par",
        "e.g. le Maire de la commune": "ex. le Maire de la commune",
        "Convocation dated": "Convocation en date du",
        "Reason not held": "Motif de non-tenue",
        "Details": "Précisions",
        "Mark as not held…": "Marquer non tenue…",
        "Mark as held": "Marquer tenue",
        "General": "Général",
        "Guest:": "Invité :",
        "Add as present guest": "Ajouter comme invité présent",
        "New guest…": "Nouvel invité…",
        "Attendance": "Présences",
        "Title of a new item": "Intitulé d'un nouveau point",
        "Add": "Ajouter",
        "Remove…": "Retirer…",
        "Move up": "Monter",
        "Move down": "Descendre",
        "What was said (the deliberations)": "Ce qui a été dit (les délibérations)",
        "What was decided (kept apart from the discussion in the PV)":
            "Ce qui a été décidé (séparé des débats dans le PV)",
        "Sensitive information: goes only into the restricted annex":
            "Informations sensibles : uniquement dans l'annexe restreinte",
        "Title of the item": "Intitulé du point",
        "Discussion": "Débats",
        "Decisions": "Décisions",
        "DIFFUSION RESTREINTE": "DIFFUSION RESTREINTE",
        "Never printed in the PV nor sent to the CRSS: a separate annex kept on this computer. "
        "Never write the name of a source or of a suspect.":
            "Jamais imprimé dans le PV ni transmis au CRSS : une annexe à part, gardée sur cet "
            "ordinateur. N'écrivez jamais le nom d'une source ni d'un suspect.",
        "Agenda": "Ordre du jour",
        "Threats discussed at this meeting": "Menaces examinées lors de cette réunion",
        "What changed since the last assessment (no names)":
            "Ce qui a changé depuis la dernière évaluation (sans noms)",
        "Threat": "Menace",
        "Likelihood": "Probabilité",
        "Severity": "Gravité",
        "Trend": "Tendance",
        "Note": "Note",
        "Re-assess at this meeting": "Réévaluer lors de cette réunion",
        "New threat…": "Nouvelle menace…",
        "Vulnerabilities raised at this meeting": "Vulnérabilités relevées lors de cette réunion",
        "Link to this meeting": "Rattacher à cette réunion",
        "New vulnerability…": "Nouvelle vulnérabilité…",
        "Threats and vulnerabilities": "Menaces et vulnérabilités",
        "Recommendations made at this meeting (double-click to open, link threats and "
        "vulnerabilities, record the transmission):":
            "Recommandations formulées lors de cette réunion (double-clic pour ouvrir, lier "
            "menaces et vulnérabilités, noter la transmission) :",
        "New recommendation…": "Nouvelle recommandation…",
        "Open": "Ouvrir",
        "Recommendations": "Recommandations",
        "Record the adoption of this PV": "Enregistrer l'adoption de ce PV",
        "Adopted at the meeting of": "Adopté en séance du",
        "Adopted with amendments": "Adopté avec amendements",
        "Signed and stamped PV (scan or photo)": "PV signé et cacheté (scan ou photo)",
        "Choose…": "Choisir…",
        "Signed scan": "Scan signé",
        "Record the adoption": "Enregistrer l'adoption",
        "Amendments (corrections to the adopted PV)":
            "Rectificatifs (corrections du PV adopté)",
        "Reason": "Motif",
        "Correction": "Correction",
        "Add the amendment": "Ajouter le rectificatif",
        "Preview / print the PV": "Aperçu / Imprimer le PV",
        "Adoption": "Adoption",
        " at the meeting of {date}": " en séance du {date}",
        "PV adopted on {date}{by}: read only. A correction is an amendment (Adoption tab).":
            "PV adopté le {date}{by} : lecture seule. Une correction se fait par un "
            "rectificatif (onglet Adoption).",
        "New meeting": "Nouvelle réunion",
        "Meeting {ref} of {date}": "Réunion {ref} du {date}",
        "Chairwoman of the meeting": "La Présidente de séance",
        "Chairman of the meeting": "Le Président de séance",
        "Secretary of the meeting": "La Secrétaire de séance",
        "Meeting secretary": "Le Secrétaire de séance",
        "Present": "Présent",
        "Absent": "Absent",
        "Excused": "Excusé",
        "guest": "invité",
        "Documents to print…": "Documents à imprimer…",
        "Preview, print or save the PV, the restricted annex, the convocations and the "
        "attendance sheet": "Aperçu, impression ou enregistrement du PV, de l'annexe "
        "restreinte, des convocations et de la liste de présence",
        # "label : number" everywhere: no "1 jeunes" when a single young person is present
        "Members present: {present} (women: {women}, men: {men}, young people: {youth}) "
        "· guests: {guests} · absent: {absent} · excused: {excused}":
            "Membres présents : {present} (femmes : {women}, hommes : {men}, jeunes : {youth}) "
            "· invités : {guests} · absents : {absent} · excusés : {excused}",
        "Quorum reached: {present} members present, {needed} required ({active} active "
        "members). Women: {share} % of the members present.":
            "Quorum atteint : {present} membres présents, {needed} requis ({active} membres "
            "actifs). Femmes : {share} % des membres présents.",
        "Quorum NOT reached: {present} members present, {needed} required ({active} active "
        "members). Women: {share} % of the members present.":
            "Quorum NON atteint : {present} membres présents, {needed} requis ({active} "
            "membres actifs). Femmes : {share} % des membres présents.",
        "Present by category: {list}": "Présents par catégorie : {list}",
        "Changes not saved yet": "Modifications pas encore enregistrées",
        "Saved at {time}": "Enregistré à {time}",
        "Remove the item “{title}” from the agenda?":
            "Retirer le point « {title} » de l'ordre du jour ?",
        "Remove the agenda item “{title}”": "Retirer le point « {title} »",
        " — re-assessed at this meeting": " — réévaluée lors de cette réunion",
        "Adopted with amendments.": "Adopté avec amendements.",
        "This PV awaits adoption at a later meeting (standing item « Lecture et adoption du "
        "procès-verbal de la réunion précédente »).":
            "Ce PV attend son adoption lors d'une réunion suivante (point permanent « Lecture "
            "et adoption du procès-verbal de la réunion précédente »).",
        "Only the PV of a held meeting can be adopted: mark the meeting as held first "
        "(General tab).":
            "Seul le PV d'une réunion tenue peut être adopté : marquez d'abord la réunion "
            "comme tenue (onglet Général).",
        "Cannot read the scan: {error}": "Impossible de lire le scan : {error}",
        "Adopt it at this meeting": "L'adopter en cette séance",
        "The PV {ref} of {date} awaits adoption.": "Le PV {ref} du {date} attend son adoption.",
        "The minutes of the meeting of {date} are adopted without amendment.":
            "Le procès-verbal de la réunion du {date} est adopté sans amendement.",
        "The PV preview could not open: {error}": "L'aperçu du PV n'a pas pu s'ouvrir : {error}",
        "Warning: the PDF of the adopted PV could not be archived now ({error}); the adoption "
        "itself is saved.":
            "Attention : le PDF du PV adopté n'a pas pu être archivé maintenant ({error}) ; "
            "l'adoption elle-même est enregistrée.",
    },
    "PersonEditor": {
        "Title or rank": "Titre ou grade",
        "e.g. El Hadj, Imam, Adjudant-chef": "ex. El Hadj, Imam, Adjudant-chef",
        "Given names": "Prénom(s)",
        "Family name": "Nom de famille",
        "Shown in capitals on documents; particles such as Ag, Ould, Walet are kept.":
            "Écrit en capitales sur les documents ; les particules Ag, Ould, Walet sont "
            "conservées.",
        "Sex": "Sexe",
        "— choose —": "— choisir —",
        "Youth": "Jeune",
        "Young person (counted across all categories)":
            "Jeune (compté dans toutes les catégories)",
        "Category": "Catégorie",
        "Corps (FDS)": "Corps (FDS)",
        "— not specified —": "— non précisé —",
        "Organisation / structure": "Structure",
        "Function": "Fonction",
        "Phone": "Téléphone",
        "Stays on this computer: never sent to the CRSS.":
            "Reste sur cet ordinateur : jamais transmis au CRSS.",
        "Status": "Qualité",
        "Member of the committee (otherwise a guest)": "Membre du comité (sinon invité)",
        "Active": "Actif",
        "Active (an inactive member is kept for history)":
            "Actif (un membre inactif est gardé pour l'historique)",
        "New member or guest": "Nouveau membre ou invité",
        "On documents: {name}": "Sur les documents : {name}",
        "Careful: a person with a similar name is already recorded: {names}. Check that this "
        "is not the same person (you can still save).":
            "Attention : une personne au nom proche est déjà enregistrée : {names}. Vérifiez "
            "qu'il ne s'agit pas de la même personne (l'enregistrement reste possible).",
    },
    "RecommendationEditor": {
        "Recommendation": "Recommandation",
        "What the committee recommends, to whom, by when":
            "Ce que le comité recommande, à qui, pour quand",
        "Addressed to": "Destinataire",
        "e.g. Préfet, commandant de brigade, maire": "ex. Préfet, commandant de brigade, maire",
        "Responsible for follow-up": "Responsable du suivi",
        "Deadline": "Échéance",
        "Priority": "Priorité",
        "Threats it answers": "Menaces concernées",
        "Vulnerabilities it answers": "Vulnérabilités concernées",
        "Follow-up": "Suivi",
        "e.g. 012/CCSC-ALAFIA": "ex. 012/CCSC-ALAFIA",
        "e.g. Monsieur le Préfet du cercle de Tombouctou":
            "ex. Monsieur le Préfet du cercle de Tombouctou",
        "Letter date": "Date de la lettre",
        "Letter number": "Lettre n°",
        "Sent to": "Transmise à",
        "Record the transmission": "Enregistrer la transmission",
        "Record this status": "Enregistrer ce statut",
        "Save the recommendation to record its transmission.":
            "Enregistrez la recommandation pour noter sa transmission.",
        "Made at the meeting {ref}, whose PV is adopted: its wording no longer changes; its "
        "follow-up does.":
            "Formulée lors de la réunion {ref}, dont le PV est adopté : son texte ne change "
            "plus ; son suivi, si.",
        "Status: {status}": "Statut : {status}",
        "letter no. {n}": "lettre n° {n}",
        "to {who}": "à {who}",
        "New recommendation": "Nouvelle recommandation",
    },
    "ActivityEditor": {
        "Title": "Intitulé",
        "e.g. Awareness campaign on community radio":
            "ex. Campagne de sensibilisation à la radio communautaire",
        "Date": "Date",
        "Kind": "Type",
        "Place": "Lieu",
        "Partner": "Partenaire",
        "e.g. PNUD, DCAF": "ex. PNUD, DCAF",
        "Description": "Description",
        "Men reached": "Hommes touchés",
        "Women reached": "Femmes touchées",
        "Young men reached": "Jeunes hommes touchés",
        "Young women reached": "Jeunes femmes touchées",
        "Activity": "Activité",
        "Attachments": "Pièces jointes",
        "New activity": "Nouvelle activité",
    },
    "ThreatEditor": {
        "Title": "Intitulé",
        "e.g. Cattle theft around Toya": "ex. Vols de bétail autour de Toya",
        "Description": "Description",
        "Type": "Type",
        "— choose —": "— choisir —",
        "Sub-type": "Sous-type",
        "— whole type —": "— tout le type —",
        "Likelihood": "Probabilité",
        "Severity": "Gravité",
        "Resulting level:": "Niveau obtenu :",
        "Kind of place": "Type de lieu",
        "Place": "Lieu",
        "village, fraction, quartier, road axis…": "village, fraction, quartier, axe routier…",
        "First reported": "Signalée le",
        "Trend": "Tendance",
        "Status": "Statut",
        "Source (category)": "Source (catégorie)",
        "Only the category of the source: never write the name of a source or of a suspect.":
            "Seulement la catégorie de la source : n'écrivez jamais le nom d'une source ni "
            "d'un suspect.",
        "Restricted": "Accès restreint",
        "DIFFUSION RESTREINTE": "DIFFUSION RESTREINTE",
        "Tick for a complaint about the conduct of the FDS: the threat is then recorded only "
        "as « plainte transmise à l'autorité compétente », kept out of the PV and of what goes "
        "to the CRSS.":
            "À cocher pour une plainte sur la conduite des FDS : la menace est alors notée "
            "seulement « plainte transmise à l'autorité compétente », hors du PV et de ce qui "
            "part au CRSS.",
        "Assessment history": "Historique des évaluations",
        "{date}: {likelihood} × {impact} = {score} ({level}), trend {trend}":
            "{date} : {likelihood} × {impact} = {score} ({level}), tendance {trend}",
        "New threat": "Nouvelle menace",
    },
    "VulnerabilityEditor": {
        "Title": "Intitulé",
        "e.g. No street lighting at the market": "ex. Pas d'éclairage public au marché",
        "Description": "Description",
        "Kind of place": "Type de lieu",
        "Place": "Lieu",
        "First reported": "Signalée le",
        "Status": "Statut",
        "New vulnerability": "Nouvelle vulnérabilité",
    },
    "Commands": {
        "Confirm": "Confirmation",
        "CCS Desktop": "CCS Desktop",
        "Delete the meeting “{name}”?": "Supprimer la réunion « {name} » ?",
        "Delete the threat “{name}”?": "Supprimer la menace « {name} » ?",
        "Delete the vulnerability “{name}”?": "Supprimer la vulnérabilité « {name} » ?",
        "Delete the recommendation “{name}”?": "Supprimer la recommandation « {name} » ?",
        "Delete the activity “{name}”?": "Supprimer l'activité « {name} » ?",
        "Delete “{name}” from the members and guests?":
            "Supprimer « {name} » des membres et invités ?",
        "You can undo this with Ctrl+Z.": "Vous pourrez l'annuler avec Ctrl+Z.",
        "Delete {name}": "Suppression de {name}",
    },
}
