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
    "%1 meeting(s)": "%1 réunion(s)", "%1 threat(s)": "%1 menace(s)",
    "%1 vulnerability(ies)": "%1 vulnérabilité(s)",
    "%1 recommendation(s)": "%1 recommandation(s)", "%1 activity(ies)": "%1 activité(s)",
    "%1 person(s)": "%1 personne(s)",
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
    "Search (accents and case ignored)…": "Rechercher (accents et majuscules ignorés)…",
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
    "Chair: %1": "Président(e) : %1", "Secretary: %1": "Secrétaire : %1",
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
    "Set up the committee…": "Configurer le comité…", "Show": "Afficher",
    "of which %1 high or critical": "dont %1 de niveau élevé ou critique",
    "of whom %1 women": "dont %1 femmes",
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
