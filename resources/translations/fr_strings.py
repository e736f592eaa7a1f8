"""French for every English source string of the user interface (see update.py).

Keys: the English text, or (context, English text) where the same English needs another
French in one context. A numerus message ("%n page(s)") takes a (singular, plural) pair.
"""

FR: dict = {
    # --- enum labels (must match domain.enums, which the printed documents use) -------------
    "Commune (CCSC)": "Commune (CCSC)", "Region (CCSR)": "Région (CCSR)", "Cercle": "Cercle",
    "Rural commune": "Commune rurale", "Urban commune": "Commune urbaine",
    "Man": "Homme", "Woman": "Femme",
    "Administrative authorities": "Autorités administratives",
    "Elected councillors / Special delegation": "Élus communaux / Délégation spéciale",
    "Defence and Security Forces": "Forces de Défense et de Sécurité",
    "Justice": "Justice", "Technical services": "Services techniques",
    "Traditional authorities": "Autorités traditionnelles",
    "Religious leaders": "Leaders religieux",
    "Women's representatives (CAFO)": "Représentantes des femmes (CAFO)",
    "Youth representatives (CNJ)": "Représentants des jeunes (CNJ)",
    "Civil society organisations": "Organisations de la société civile",
    "Hunters": "Chasseurs", "Others": "Autres",
    "FAMa (army)": "FAMa (armée)", "Gendarmerie": "Gendarmerie",
    "National Guard": "Garde nationale", "Police": "Police",
    "Civil protection": "Protection civile", "Customs": "Douanes",
    "Water and Forests": "Eaux et Forêts",
    "Ordinary": "Ordinaire", "Extraordinary": "Extraordinaire",
    "Planned": "Prévue", "Held": "Tenue", "Not held": "Non tenue",
    "Minutes adopted": "PV adopté",
    "Insecurity": "Insécurité", "Blockade": "Blocus", "Flood": "Crue",
    "No quorum": "Absence de quorum", "Other reason": "Autre",
    "Majority of active members": "Majorité des membres actifs",
    "Two thirds of active members": "Deux tiers des membres actifs",
    "Fixed number of members": "Nombre fixe de membres",
    "Low": "Faible", "Medium": "Moyen", "High": "Élevé", "Critical": "Critique",
    "Rising": "En hausse", "Stable": "Stable", "Falling": "En baisse",
    "Active": "Active", "Watched": "Surveillée", "Resolved": "Résolue",
    "Not addressed": "Non traitée", "Being addressed": "En cours de traitement",
    "Addressed": "Traitée",
    "Village": "Village", "Fraction": "Fraction", "Quarter": "Quartier",
    "Road axis": "Axe routier", "Displaced people's site": "Site de déplacés",
    "Pond / bourgoutière": "Mare / bourgoutière", "Other place": "Autre",
    "Formulated": "Formulée", "Transmitted": "Transmise", "In progress": "En cours",
    "Implemented": "Mise en œuvre", "Partly implemented": "Partiellement mise en œuvre",
    "Not implemented": "Non mise en œuvre", "Abandoned": "Abandonnée",
    "High priority": "Haute", "Normal priority": "Normale", "Low priority": "Basse",
    "Training": "Formation", "Awareness raising": "Sensibilisation",
    "Social cohesion": "Cohésion sociale", "Clean-up day": "Journée de salubrité",
    "Road safety": "Sécurité routière", "Radio programme": "Émission radio",
    "Other activity": "Autre",
    "Yes": "Oui", "No": "Non", "Member": "Membre", "Guest": "Invité(e)",
    "Inactive": "Inactif", ("Pages", "Inactive"): "Inactifs",
    # --- pages, columns, filters ------------------------------------------------------------
    "Home": "Accueil", "Meetings": "Réunions", "Threats": "Menaces",
    "Vulnerabilities": "Vulnérabilités", "Recommendations": "Recommandations",
    "Activities": "Activités", "Members": "Membres", "Settings": "Paramètres",
    "Nothing matches these filters or this search. “Clear filters” shows every row again.":
        "Aucune ligne ne correspond à ces filtres ou à cette recherche. « Effacer les "
        "filtres » les montre toutes de nouveau.",
    "Nothing here yet: the rows arrive with the files the committees send (Backup menu, "
    "“Import files…”).":
        "Rien pour l'instant : les lignes arrivent avec les fichiers envoyés par les comités "
        "(menu Sauvegarde, « Importer des fichiers… »).",
    "Nothing recorded yet. Click “%1” to start.":
        "Rien n'est encore enregistré. Cliquez sur « %1 » pour commencer.",
    "%Ln meeting(s)": ("%Ln réunion", "%Ln réunions"),
    "%Ln threat(s)": ("%Ln menace", "%Ln menaces"),
    "%Ln vulnerability(ies)": ("%Ln vulnérabilité", "%Ln vulnérabilités"),
    "%Ln recommendation(s)": ("%Ln recommandation", "%Ln recommandations"),
    "%Ln activity(ies)": ("%Ln activité", "%Ln activités"),
    "%Ln person(s)": ("%Ln personne", "%Ln personnes"),
    "New meeting": "Nouvelle réunion", "New threat": "Nouvelle menace",
    "New vulnerability": "Nouvelle vulnérabilité",
    "New recommendation": "Nouvelle recommandation", "New activity": "Nouvelle activité",
    "New member": "Nouveau membre",
    "Open (to follow up)": "Ouvertes (à suivre)", "Overdue": "En retard",
    "Active members": "Membres actifs", "Guests": "Invités", "Young people": "Jeunes",
    "Not young": "Non jeunes",
    "Not available yet": "Pas encore disponible",
    "The forms are not available in this version yet.":
        "Les formulaires ne sont pas encore disponibles dans cette version.",
    "Reference": "Référence", "Date": "Date", "Type": "Type", "Status": "Statut",
    "Place": "Lieu", "Threat": "Menace", "Level": "Niveau", "Score": "Score",
    "Trend": "Tendance", "First reported": "Signalée le", "Vulnerability": "Vulnérabilité",
    "Kind of place": "Type de lieu", "Recommendation": "Recommandation",
    "Addressee": "Destinataire", "Deadline": "Échéance", "Priority": "Priorité",
    "Activity": "Activité", "People reached": "Personnes touchées", "Partner": "Partenaire",
    "Name": "Nom", "Sex": "Sexe", "Youth": "Jeune", "Category": "Catégorie",
    "Organisation": "Organisation", "Function": "Fonction", "Membership": "Qualité",
    "All": "Tous", "Year": "Année", "Follow-up": "Suivi",
    "Clear filters": "Effacer les filtres",
    "Search…": "Rechercher…",
    "Accents and capitals are ignored: “securite” finds “Sécurité” (Ctrl+F)":
        "Accents et majuscules ignorés : « securite » trouve « Sécurité » (Ctrl+F)",
    # --- main window --------------------------------------------------------------------------
    "&About CCS Desktop": "À &propos de CCS Desktop", "&Edit": "&Édition",
    "&File": "&Fichier", "&Go": "&Aller à", "&Help": "Ai&de", "&New…": "&Nouveau…",
    "&Quit": "&Quitter", "&Redo": "&Rétablir", "&Save": "&Enregistrer",
    "&Search": "&Rechercher", "&Undo": "&Annuler", "About CCS Desktop": "À propos de CCS Desktop",
    "CCS Desktop": "CCS Desktop",
    "CCS Desktop: the registers of the Comités Consultatifs de Sécurité (CCS) of Mali: meetings, threats, vulnerabilities, recommendations and activities.":
        "CCS Desktop : les registres des Comités Consultatifs de Sécurité (CCS) du Mali : "
        "réunions, menaces, vulnérabilités, recommandations et activités.",
    "DEMO DATA": "DONNÉES FICTIVES",
    "Everything is saved as you type.": "Tout est enregistré au fur et à mesure de la saisie.",
    "No committee configured": "Aucun comité configuré",
    # --- home ---------------------------------------------------------------------------------
    "Chair: %1": "Président : %1", "Chairwoman: %1": "Présidente : %1", "Secretary: %1": "Secrétaire : %1",
    "DEMO DATA: fictitious people and events":
        "DONNÉES FICTIVES : personnes et événements inventés",
    "Follow up": "Suivre",
    "Formulated, transmitted or in progress.": "Formulées, transmises ou en cours.",
    "Held meetings whose minutes are not adopted yet.":
        "Réunions tenues dont le PV n'est pas encore adopté.",
    "Minutes to adopt": "PV à adopter", "Next meeting": "Prochaine réunion",
    "No committee configured yet": "Aucun comité n'est encore configuré",
    "No meeting planned.": "Aucune réunion prévue.",
    "Open and past their deadline.": "Ouvertes et dont l'échéance est passée.",
    "Open recommendations": "Recommandations en suivi",
    "Overdue recommendations": "Recommandations en retard",
    "Run the set-up to enter the committee and its members.":
        "Lancez la configuration pour saisir le comité et ses membres.",
    "No committee is set up yet: click “Set up the committee…” on the Home page. The "
    "language can be chosen now.":
        "Aucun comité n'est encore configuré : cliquez sur « Configurer le comité… » sur la "
        "page Accueil. La langue peut déjà être choisie.",
    "Set up the committee…": "Configurer le comité…", "Show": "Afficher",
    "of which %1 high or critical": "dont %1 de niveau élevé ou critique",
    "of whom %Ln women": ("dont %Ln femme", "dont %Ln femmes"),
    "Active threats": "Menaces actives",
    # --- settings and committee form -----------------------------------------------------------
    "&Chair's title:": "&Titre du président :", "&Region:": "&Région :",
    "C&ercle:": "C&ercle :", "Co&mmune:": "Co&mmune :",
    "Committee &level:": "&Niveau du comité :", "Committee &name:": "N&om du comité :",
    "Committee c&ode:": "&Code du comité :", "Commune &kind:": "&Type de commune :",
    "Places come from the official lists; you may type a place that is not listed.":
        "Les lieux viennent des listes officielles ; vous pouvez saisir un lieu qui n'y "
        "figure pas.",
    "Send members' names to the CRSS (otherwise people are replaced by codes)":
        "Transmettre les noms des membres au CRSS (sinon les personnes sont remplacées par "
        "des codes)",
    "&Language of the application:": "&Langue de l'application :", "&Quorum:": "&Quorum :",
    "&Secretary:": "&Secrétaire :", "(nobody chosen)": "(personne)",
    "C&hair:": "&Président(e) :", "Committee profile": "Profil du comité",
    "Fixed &number of members:": "&Nombre fixe de membres :", "Language": "Langue",
    "Settings saved.": "Paramètres enregistrés.",
    "What goes up to the CRSS": "Ce qui remonte au CRSS",
    # --- wizard -------------------------------------------------------------------------------
    "The committee's code and name are required.":
        "Le code et le nom du comité sont obligatoires.",
    "Cercle: this field is required.": "Cercle : ce champ est obligatoire.",
    "Commune: this field is required for a CCSC.":
        "Commune : ce champ est obligatoire pour un CCSC.",
    "Level and place; the code and the name are proposed.":
        "Niveau et lieu ; le code et le nom sont proposés.",
    "Region: this field is required.": "Région : ce champ est obligatoire.",
    "The committee": "Le comité",
    "You will need the committee's place (region, cercle, commune), the names of the chair and of the secretary, and the list of members (it can be pasted from a spreadsheet).":
        "Il vous faut le lieu du comité (région, cercle, commune), les noms du président et "
        "du secrétaire, et la liste des membres (elle peut être collée depuis un tableur).",
    "Restore a backup instead…": "Restaurer plutôt une sauvegarde…",
    "This computer has no committee yet. Enter your committee once; everything stays editable in the Settings.":
        "Cet ordinateur n'a pas encore de comité. Saisissez votre comité une fois ; tout "
        "reste modifiable dans les Paramètres.",
    "Welcome to CCS Desktop": "Bienvenue dans CCS Desktop",
    "&Paste from the clipboard": "&Coller depuis le presse-papiers",
    "Add &rows": "Ajouter des &lignes", "Categories: %1.": "Catégories : %1.",
    'Type the members or paste them from a spreadsheet: one per line, "Given names FAMILY NAME", sex (H/F), category. You can also add them later.':
        "Saisissez les membres ou collez-les depuis un tableur : un par ligne, « Prénom(s) "
        "NOM », sexe (H/F), catégorie. Vous pourrez aussi les ajouter plus tard.",
    "Given names and FAMILY NAME": "Prénom(s) et NOM", "Line %1: ": "Ligne %1 : ",
    "Sex (H/F)": "Sexe (H/F)", "Youth (yes/no)": "Jeune (oui/non)",
    "sex must be H or F.": "le sexe doit être H ou F.",
    "unknown category « %1 ».": "catégorie inconnue « %1 ».",
    "write the given names then the FAMILY NAME.": "écrivez le(s) prénom(s) puis le NOM.",
    "<b>Chair of the committee</b>": "<b>Président(e) du comité</b>",
    "<b>Secretary</b>": "<b>Secrétaire</b>", "Chair and secretary": "Président et secrétaire",
    "Give both the given names and the family name of the %1 (or leave both empty).":
        "Indiquez le(s) prénom(s) et le nom du %1 (ou laissez les deux vides).",
    "Their names go on the minutes; they are added to the members.":
        "Leurs noms figurent sur les procès-verbaux ; ils sont ajoutés aux membres.",
    "chair": "président", "secretary": "secrétaire",
    "Family name:": "Nom de famille :", "Function:": "Fonction :",
    "Given names:": "Prénom(s) :", "Sex:": "Sexe :",
    "Title (El Hadj, Imam…):": "Titre (El Hadj, Imam…) :",
    "Set up the committee": "Configuration du comité",
    # --- badges --------------------------------------------------------------------------------
    ("Badges", "Overdue"): "En retard",
}

FR.update({
    "Unexpected error": "Erreur inattendue",
    "An unexpected error occurred. What was saved is safe; the details below help to fix the problem.":
        "Une erreur inattendue s'est produite. Ce qui a été enregistré est en sécurité ; les "
        "détails ci-dessous aident à corriger le problème.",
})

# --- strings of the forms (ui/editors, ui/commands) and of the documents view ------------------
FR.update({
    "The preview needs Qt's PDF module (PySide6_Pdf). You can still save or print the document.":
        "L'aperçu a besoin du module PDF de Qt (PySide6_Pdf). Vous pouvez quand même "
        "enregistrer ou imprimer le document.",
    "Tick for a complaint about the conduct of the FDS: the threat is then recorded only as « plainte transmise à l'autorité compétente », kept out of the PV and of what goes to the CRSS.":
        "Cochez pour une plainte sur la conduite des FDS : la menace est alors enregistrée "
        "seulement comme « plainte transmise à l'autorité compétente », hors du PV et de ce "
        "qui remonte au CRSS.",
    " at the meeting of {date}": " en séance du {date}",
    " — re-assessed at this meeting": " — réévaluée à cette réunion",
    "%n page(s)": ("%n page", "%n pages"),
    "(none)": "(aucune)", "Absent": "Absent",
    "Active (an inactive member is kept for history)":
        "Actif (un membre inactif est gardé pour l'historique)",
    ("PersonEditor", "Active"): "Actif",
    "Add a file…": "Ajouter un fichier…", "Add as present guest": "Ajouter comme invité présent",
    "Add the amendment": "Ajouter le rectificatif", "Add": "Ajouter",
    "Addressed to": "Destinataire", "Adopted at the meeting of": "Adopté en séance du",
    "Adopted with amendments": "Adopté avec amendements",
    "Adopted with amendments.": "Adopté avec amendements.", "Adoption": "Adoption",
    "Agenda": "Ordre du jour",
    "Amendments (corrections to the adopted PV)": "Rectificatifs (corrections du PV adopté)",
    "An unsaved draft was found (written on {when}). Restore what was typed?":
        "Un brouillon non enregistré a été trouvé (écrit le {when}). Restaurer ce qui avait "
        "été saisi ?",
    "Assessment history": "Historique des évaluations", "Attachments": "Pièces jointes",
    "Attendance sheet": "Liste de présence", "Attendance": "Présences",
    "Cannot read the scan: {error}": "Impossible de lire le scan : {error}",
    "Careful: a person with a similar name is already recorded: {names}. Check that this is not the same person (you can still save).":
        "Attention : une personne au nom proche est déjà enregistrée : {names}. Vérifiez "
        "qu'il ne s'agit pas de la même personne (vous pouvez quand même enregistrer).",
    "Chair": "Président(e)", "Chairman of the meeting": "Président de séance",
    "Chairwoman of the meeting": "Présidente de séance",
    "Changes not saved yet": "Modifications pas encore enregistrées", "Choose…": "Choisir…",
    "Close": "Fermer", "Confirm": "Confirmer", "Convened by": "Convoquée par",
    "Convocation dated": "Convocation datée du",
    "Convocations and receipt list": "Convocations et liste de décharge",
    "Corps (FDS)": "Corps (FDS)", "Correction": "Correction",
    "Could not write %1: %2": "Impossible d'écrire %1 : %2",
    "DIFFUSION RESTREINTE": "DIFFUSION RESTREINTE", "Decisions": "Décisions",
    "Delete the activity “{name}”?": "Supprimer l'activité « {name} » ?",
    "Delete the meeting “{name}”?": "Supprimer la réunion « {name} » ?",
    "Delete the recommendation “{name}”?": "Supprimer la recommandation « {name} » ?",
    "Delete the threat “{name}”?": "Supprimer la menace « {name} » ?",
    "Delete the vulnerability “{name}”?": "Supprimer la vulnérabilité « {name} » ?",
    "Delete {name}": "Supprimer {name}",
    "Delete “{name}” from the members and guests?":
        "Supprimer « {name} » des membres et invités ?",
    "Delete…": "Supprimer…", "Description": "Description", "Details": "Détails",
    "Discard it": "L'abandonner", "Discussion": "Débats", "Document ready.": "Document prêt.",
    "Drop scans or photos here (signed attendance sheet, signed and stamped PV, convocation receipts…), or use « Add a file ».":
        "Déposez ici les scans ou photos (liste de présence signée, PV signé et cacheté, "
        "décharges de convocation…), ou utilisez « Ajouter un fichier ».",
    "End time": "Heure de fin", "Excused": "Excusé", "Family name": "Nom de famille",
    "General": "Général", "Given names": "Prénom(s)", "Guest:": "Invité :",
    "Kind of meeting": "Type de réunion", "Kind": "Type", "Kind:": "Type :",
    "Letter date": "Date de la lettre", "Letter number": "Numéro de la lettre",
    "Likelihood": "Probabilité", "Link to this meeting": "Lier à cette réunion",
    "Made at the meeting {ref}, whose PV is adopted: its wording no longer changes; its follow-up does.":
        "Formulée à la réunion {ref}, dont le PV est adopté : son texte ne change plus ; son "
        "suivi, si.",
    "Mark as held": "Marquer comme tenue", "Mark as not held…": "Marquer comme non tenue…",
    "Meeting secretary": "Secrétaire de séance",
    "Meeting {ref} of {date}": "Réunion {ref} du {date}",
    "Member of the committee (otherwise a guest)": "Membre du comité (sinon invité)",
    "Men reached": "Hommes touchés", "Minutes (procès-verbal)": "Procès-verbal",
    "Move down": "Descendre", "Move up": "Monter",
    "Never printed in the PV nor sent to the CRSS: a separate annex kept on this computer. Never write the name of a source or of a suspect.":
        "Jamais imprimé dans le PV ni envoyé au CRSS : une annexe séparée gardée sur cet "
        "ordinateur. N'écrivez jamais le nom d'une source ou d'un suspect.",
    "New guest…": "Nouvel invité…", "New member or guest": "Nouveau membre ou invité",
    "New recommendation…": "Nouvelle recommandation…", "New threat…": "Nouvelle menace…",
    "New vulnerability…": "Nouvelle vulnérabilité…",
    "No meeting selected.": "Aucune réunion choisie.",
    "Not saved: correct the fields in red (what you typed is kept).":
        "Non enregistré : corrigez les champs en rouge (ce que vous avez saisi est gardé).",
    "Note": "Note", "Number in the year": "Numéro dans l'année",
    "On documents: {name}": "Sur les documents : {name}",
    "Only the PV of a held meeting can be adopted: mark the meeting as held first (General tab).":
        "Seul le PV d'une réunion tenue peut être adopté : marquez d'abord la réunion comme "
        "tenue (onglet Général).",
    "Only the category of the source: never write the name of a source or of a suspect.":
        "Seulement la catégorie de la source : n'écrivez jamais le nom d'une source ou d'un "
        "suspect.",
    "Open": "Ouvrir", "Organisation / structure": "Organisation / structure",
    "PDF documents (*.pdf)": "Documents PDF (*.pdf)",
    "PV adopted on {date}{by}: read only. A correction is an amendment (Adoption tab).":
        "PV adopté le {date}{by} : lecture seule. Une correction se fait par rectificatif "
        "(onglet Adoption).",
    "Phone": "Téléphone", "Preparing the document…": "Préparation du document…",
    "Present by category: {list}": "Présents par catégorie : {list}", "Present": "Présent",
    "Preview / print the PV": "Aperçu / impression du PV", "Print…": "Imprimer…",
    "Quorum NOT reached: {present} members present, {needed} required ({active} active members). Women: {share} % of those present.":
        "Quorum NON atteint : {present} membres présents, {needed} requis ({active} membres "
        "actifs). Femmes : {share} % des présents.",
    "Quorum reached: {present} members present, {needed} required ({active} active members). Women: {share} % of those present.":
        "Quorum atteint : {present} membres présents, {needed} requis ({active} membres "
        "actifs). Femmes : {share} % des présents.",
    "Re-assess at this meeting": "Réévaluer à cette réunion",
    "Reason not held": "Motif de non-tenue", "Reason": "Motif",
    "Recommendations made at this meeting (double-click to open, link threats and vulnerabilities, record the transmission):":
        "Recommandations formulées à cette réunion (double-clic pour ouvrir, lier menaces et "
        "vulnérabilités, enregistrer la transmission) :",
    "Record the adoption of this PV": "Enregistrer l'adoption de ce PV",
    "Record the adoption": "Enregistrer l'adoption",
    "Record the transmission": "Enregistrer la transmission",
    "Record this status": "Enregistrer ce statut", "Redo": "Rétablir",
    "Remove the agenda item “{title}”": "Retirer le point « {title} » de l'ordre du jour",
    "Remove the attachment “{name}”?": "Retirer la pièce jointe « {name} » ?",
    "Remove the item “{title}” from the agenda?":
        "Retirer le point « {title} » de l'ordre du jour ?",
    "Remove": "Retirer", "Remove…": "Retirer…",
    "Responsible for follow-up": "Responsable du suivi",
    "Restore the draft": "Restaurer le brouillon", "Restricted annex": "Annexe restreinte",
    "Restricted": "Restreint", "Resulting level:": "Niveau obtenu :",
    "Save (Ctrl+S)": "Enregistrer (Ctrl+S)", "Save as…": "Enregistrer sous…",
    "Save the General tab first: attendance, agenda, threats and recommendations open once the meeting exists.":
        "Enregistrez d'abord l'onglet Général : présences, ordre du jour, menaces et "
        "recommandations s'ouvrent une fois la réunion créée.",
    "Save the document": "Enregistrer le document",
    "Save the recommendation to record its transmission.":
        "Enregistrez la recommandation pour noter sa transmission.",
    "Save": "Enregistrer", "Saved at {time}": "Enregistré à {time}",
    "Saved: %1": "Enregistré : %1", "Secretary of the meeting": "Secrétaire de séance",
    "Secretary": "Secrétaire",
    "Sensitive information: goes only into the restricted annex":
        "Informations sensibles : vont uniquement dans l'annexe restreinte",
    "Sent to": "Envoyée à", "Severity": "Gravité",
    "Shown in capitals on documents; particles such as Ag, Ould, Walet are kept.":
        "Écrit en capitales sur les documents ; les particules comme Ag, Ould, Walet sont "
        "gardées.",
    "Signed and stamped PV (scan or photo)": "PV signé et cacheté (scan ou photo)",
    "Signed scan": "Scan signé", "Source (category)": "Source (catégorie)",
    "Start time": "Heure de début", "Status: {status}": "Statut : {status}",
    "Stays on this computer: never sent to the CRSS.":
        "Reste sur cet ordinateur : jamais envoyé au CRSS.",
    "Sub-type": "Sous-type",
    "The PV preview could not open: {error}": "L'aperçu du PV n'a pas pu s'ouvrir : {error}",
    "This PV awaits adoption at a later meeting (standing item « Lecture et adoption du procès-verbal de la réunion précédente »).":
        "Ce PV attend son adoption à une prochaine réunion (point permanent « Lecture et "
        "adoption du procès-verbal de la réunion précédente »).",
    "Threats and vulnerabilities": "Menaces et vulnérabilités",
    "Threats discussed at this meeting": "Menaces examinées à cette réunion",
    "Threats it answers": "Menaces auxquelles elle répond",
    "Title of a new item": "Intitulé d'un nouveau point", "Title of the item": "Intitulé du point",
    "Title or rank": "Titre ou grade", "Title": "Intitulé", "Undo": "Annuler",
    "Vulnerabilities it answers": "Vulnérabilités auxquelles elle répond",
    "Vulnerabilities raised at this meeting": "Vulnérabilités relevées à cette réunion",
    "Warning: the PDF of the adopted PV could not be archived now ({error}); the adoption itself is saved.":
        "Attention : le PDF du PV adopté n'a pas pu être archivé maintenant ({error}) ; "
        "l'adoption elle-même est enregistrée.",
    "What changed since the last assessment (no names)":
        "Ce qui a changé depuis la dernière évaluation (sans noms)",
    "What the committee recommends, to whom, by when":
        "Ce que le comité recommande, à qui, pour quand",
    "What was decided (kept apart from the discussion in the PV)":
        "Ce qui a été décidé (séparé des débats dans le PV)",
    "What was said (the deliberations)": "Ce qui a été dit (les délibérations)",
    "With phone numbers": "Avec les numéros de téléphone", "Women reached": "Femmes touchées",
    "You can undo this with Ctrl+Z.": "Vous pouvez l'annuler avec Ctrl+Z.",
    "Young men reached": "Jeunes hommes touchés",
    "Young person (counted across all categories)":
        "Jeune (compté dans toutes les catégories)",
    "Young women reached": "Jeunes femmes touchées",
    "e.g. 012/CCSC-ALAFIA": "ex. 012/CCSC-ALAFIA", "e.g. 10 h 00": "ex. 10 h 00",
    "e.g. 13 h 15": "ex. 13 h 15",
    "e.g. Awareness campaign on community radio":
        "ex. Campagne de sensibilisation à la radio communautaire",
    "e.g. Cattle theft around Toya": "ex. Vols de bétail autour de Toya",
    "e.g. El Hadj, Imam, Adjudant-chef": "ex. El Hadj, Imam, Adjudant-chef",
    "e.g. Monsieur le Préfet du cercle de Tombouctou":
        "ex. Monsieur le Préfet du cercle de Tombouctou",
    "e.g. No street lighting at the market": "ex. Pas d'éclairage public au marché",
    "e.g. PNUD, DCAF": "ex. PNUD, DCAF",
    "e.g. Préfet, commandant de brigade, maire": "ex. Préfet, commandant de brigade, maire",
    "e.g. le Maire de la commune": "ex. le Maire de la commune",
    "letter no. {n}": "lettre n° {n}", "to {who}": "à {who}",
    "village, fraction, quartier, road axis…": "village, fraction, quartier, axe routier…",
    "{date}: {likelihood} × {impact} = {score} ({level}), trend {trend}":
        "{date} : {likelihood} × {impact} = {score} ({level}), tendance {trend}",
    "— choose —": "— choisir —", "— not specified —": "— non précisé —",
    "— whole type —": "— tout le type —",
    "New activity": "Nouvelle activité",
})

FR.update({
    "Attach scans or photos": "Joindre des scans ou des photos",
    "Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)":
        "Scans et photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tous les fichiers (*)",
    "guest": "invité(e)",
    # --- lead: list deletion, drafts at start --------------------------------------------------
    "Delete": "Supprimer",
    "Delete the selected row (Del); Ctrl+Z undoes it":
        "Supprimer la ligne choisie (Suppr) ; Ctrl+Z l'annule",
    "Text typed before the program was closed unexpectedly (power cut?) was kept:\n\n{lines}"
    "\n\nReopen these forms to finish them?":
        "Du texte saisi avant une fermeture inattendue du programme (coupure de courant ?) "
        "a été conservé :\n\n{lines}\n\nRouvrir ces formulaires pour les terminer ?",
})

# --- CRSS workspace: wizard choice, place filters, "Comité" column, CRSS home, settings -------
FR.update({
    "Committee": "Comité",
    "Region": "Région",
    "Commune": "Commune",
    "All regions": "Toutes", "All cercles": "Tous", "All communes": "Toutes",
    "All committees": "Tous",
    "The CRSS: national consolidation": "Le CRSS : consolidation nationale",
    "This database will gather the records the committees transmit.":
        "Cette base rassemblera les données que les comités transmettent.",
    "The register of expected committees is filled from the place lists: one CCSC per commune "
    "and one CCSR per region (more can be added). Files are imported from the Backup menu; "
    "every list can then be filtered by region, cercle, commune and committee.\n\nThe "
    "committees encrypt their transmissions for the CRSS's public key: generate the key pair "
    "now, give the public key (crss.pub) to the committees and keep the private key (crss.key) "
    "and its passphrase safe, with a copy on a second USB stick.":
        "Le registre des comités attendus est rempli à partir des listes de lieux : un CCSC par "
        "commune et un CCSR par région (d'autres peuvent être ajoutés). Les fichiers s'importent "
        "par le menu Sauvegarde ; chaque liste peut ensuite être filtrée par région, cercle, "
        "commune et comité.\n\nLes comités chiffrent leurs transmissions pour la clé publique "
        "du CRSS : générez maintenant la paire de clés, remettez la clé publique (crss.pub) aux "
        "comités et gardez en lieu sûr la clé privée (crss.key) et sa phrase secrète, avec une "
        "copie sur une seconde clé USB.",
    "&Generate the CRSS key pair when I click Finish":
        "&Générer la paire de clés du CRSS en cliquant sur Terminer",
    "CRSS: national consolidation": "CRSS : consolidation nationale",
    "Committees in the register": "Comités inscrits au registre",
    "Register": "Registre",
    "Import log": "Journal des imports",
    "Committees that sent a file": "Comités ayant envoyé un fichier",
    "Never sent anything": "N'ont jamais rien envoyé",
    "Last import": "Dernier import",
    "Open conflicts": "Conflits à régler",
    "Settle": "Régler",
    "Commissariat à la Réforme du Secteur de la Sécurité · %1 committee(s) in the consolidated "
    "database":
        "Commissariat à la Réforme du Secteur de la Sécurité · %1 comité(s) dans la base "
        "consolidée",
    "Expected committees: %1 regional (CCSR), %2 commune (CCSC) or added by hand.":
        "Comités attendus : %1 régionaux (CCSR), %2 communaux (CCSC) ou ajoutés à la main.",
    "At least one file received and imported.": "Au moins un fichier reçu et importé.",
    "Expected committees from which no file has arrived yet.":
        "Comités attendus dont aucun fichier n'est encore arrivé.",
    "No file imported yet.": "Aucun fichier importé pour l'instant.",
    "%1 file(s) refused in all": "%1 fichier(s) refusé(s) au total",
    "Rows received twice with different content: a person chooses.":
        "Lignes reçues deux fois avec un contenu différent : une personne tranche.",
    "of which %1 held (minutes adopted or not), all committees":
        "dont %1 tenues (PV adopté ou non), tous comités confondus",
    "%1 threat(s) recorded in all": "%1 menace(s) enregistrée(s) au total",
    "of %1 recommendation(s) in all": "sur %1 recommandation(s) au total",
    "<b>Who uses this computer?</b>": "<b>Qui utilise cet ordinateur ?</b>",
    "A &committee (CCSC / CCSR)": "Un &comité (CCSC / CCSR)",
    "The C&RSS (national consolidation)": "Le C&RSS (consolidation nationale)",
    "The CRSS gathers the files the committees send it; it has no committee profile and no "
    "members of its own.":
        "Le CRSS rassemble les fichiers que les comités lui envoient ; il n'a ni profil de "
        "comité ni membres propres.",
    "This computer is the CRSS's: it gathers the files of the committees (menu Backup). It "
    "has no committee profile of its own.":
        "Cet ordinateur est celui du CRSS : il rassemble les fichiers des comités (menu "
        "Sauvegarde). Il n'a pas de profil de comité propre.",
    "This database already has a committee: the CRSS needs a database of its own (another "
    "data folder).":
        "Cette base a déjà un comité : le CRSS a besoin d'une base à lui (un autre dossier de "
        "données).",
})
