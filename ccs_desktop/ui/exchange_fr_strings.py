"""French for every user-visible string of the exchange screens (ccs_desktop/ui/exchange):
{Qt translation context: {English source: French}}.

The source strings are English (lupdate extracts `self.tr()` and `translate("Context", ...)`);
this dict is what the translation tooling injects into resources/translations/ccs_desktop_fr.ts.
tests/ui/test_exchange_ui.py fails when a string of the exchange screens lacks its French.
"""

_DONE = {"Done.": "Terminé."}
_CHOOSE_DEST = {"Choose a USB stick or a folder.": "Choisissez une clé USB ou un dossier."}

FR: dict[str, dict[str, str]] = {
    "ExchangeMenu": {
        "&Backup": "&Sauvegarde",
        "Back up to USB…": "Sauvegarder sur clé USB…",
        "Transmit to the CRSS…": "Transmettre au CRSS…",
        "Restore a backup…": "Restaurer une sauvegarde…",
        "Trust a CRSS key…": "Enregistrer la clé du CRSS…",
        "Import files…": "Importer des fichiers…",
        "Import a whole stick or folder…": "Importer toute une clé ou un dossier…",
        "Generate the CRSS key pair…": "Créer la paire de clés du CRSS…",
        "Export the public key…": "Exporter la clé publique…",
        "Committee register": "Registre des comités",
        "Import log": "Journal des imports",
        "Conflicts": "Conflits",
    },
    "ExchangeCommon": {
        "Refresh": "Actualiser",
        "Choose a folder…": "Choisir un dossier…",
        "USB stick {label} ({path}), {free} free": "Clé USB {label} ({path}), {free} libres",
        "Folder {path}": "Dossier {path}",
        "Plug in the USB stick, then choose it in the list.":
            "Branchez la clé USB, puis choisissez-la dans la liste.",
        "No USB stick found. Plug one in and click « Refresh », or choose a folder.":
            "Aucune clé USB trouvée. Branchez-en une et cliquez sur « Actualiser », ou "
            "choisissez un dossier.",
        "Choose a folder": "Choisir un dossier",
        "At least 12 characters, no other rule. A short sentence is easiest to remember, "
        "for example « le marché de Ber ouvre le lundi ».":
            "Au moins 12 caractères, aucune autre règle. Une petite phrase se retient le "
            "mieux, par exemple « le marché de Ber ouvre le lundi ».",
        "Show what I type": "Afficher ce que je tape",
        "Remember it until the application closes (never written to disk)":
            "La retenir jusqu'à la fermeture de l'application (jamais écrite sur le disque)",
        "Passphrase:": "Phrase secrète :",
        "Type it again:": "Retapez-la :",
        "The passphrase must have at least 12 characters (it has {n}).":
            "La phrase secrète doit compter au moins 12 caractères (elle en a {n}).",
        "The two passphrases differ: type them again.":
            "Les deux saisies diffèrent : retapez-les.",
        "crss.key file": "fichier crss.key",
        "Choose…": "Choisir…",
        "Keep the key unlocked until the application closes":
            "Garder la clé ouverte jusqu'à la fermeture de l'application",
        "CRSS private key:": "Clé privée du CRSS :",
        "Its passphrase:": "Sa phrase secrète :",
        "The key is unlocked for this session.": "La clé est ouverte pour cette session.",
        "Choose the CRSS private key": "Choisir la clé privée du CRSS",
        "CRSS private key (crss.key);;All files (*)":
            "Clé privée du CRSS (crss.key);;Tous les fichiers (*)",
        "Choose the CRSS private key (crss.key).": "Choisissez la clé privée du CRSS (crss.key).",
        "Type the passphrase of the CRSS key.": "Tapez la phrase secrète de la clé du CRSS.",
        "Close": "Fermer",
        "Generating the keys…": "Création des clés…",
    },
    "ExchangeTables": {
        "never sent": "jamais reçu",
        "commune under two committees": "commune sous deux comités",
        "Level": "Niveau",
        "Region": "Région",
        "Cercle": "Cercle",
        "Commune": "Commune",
        "Committee": "Comité",
        "Status": "Statut",
        "Last file received": "Dernier fichier reçu",
        "Received on": "Reçu le",
        "Data as of": "Données du",
        "Warning": "Alerte",
        "This commune appears under two committee ids: check which one is the real committee.":
            "Cette commune apparaît sous deux identifiants de comité : vérifiez lequel est "
            "le vrai comité.",
        "imported": "importé",
        "refused": "refusé",
        "Imported on": "Importé le",
        "File": "Fichier",
        "Result": "Résultat",
        "New": "Nouveaux",
        "Updated": "Mis à jour",
        "Unchanged": "Inchangés",
        "Deleted": "Supprimés",
        "Refused": "Refusés",
        "Conflicts": "Conflits",
        "Message": "Message",
        "Kind of record": "Type de fiche",
        "Record": "Fiche",
        "What differs": "Ce qui diffère",
        "Decision": "Décision",
        "to settle": "à régler",
        "Unknown": "Inconnu",
        "Installed": "Installé",
        "Working": "Fonctionnel",
        "Not working": "Non fonctionnel",
        "Unlocking the CRSS key…": "Ouverture de la clé du CRSS…",
    },
    "PlaceFilter": {
        "code or name": "code ou nom",
        "Region:": "Région :",
        "Cercle:": "Cercle :",
        "Commune:": "Commune :",
        "Committee:": "Comité :",
        "All": "Toutes",
    },
    "RegisterPage": {
        "All": "Tous",
        "Never sent only": "Jamais reçus seulement",
        "Communes under two committees only": "Communes sous deux comités seulement",
        "Edit…": "Modifier…",
        "Installation date, creation decision, partner, status":
            "Date d'installation, décision de création, partenaire, statut",
        "Status:": "Statut :",
        "Register of the committees": "Registre des comités",
        "{n} expected committees shown: {sent} sent a file, {never} never did, {dup} flagged.":
            "{n} comités attendus affichés : {sent} ont envoyé un fichier, {never} jamais, "
            "{dup} signalés.",
    },
    "RegisterEntryDialog": {
        "Expected committee: {place}": "Comité attendu : {place}",
        "not known": "inconnue",
        "e.g. Décision n°2021-045/CT": "ex. Décision n°2021-045/CT",
        "Installed on:": "Installé le :",
        "Creation decision:": "Décision de création :",
        "Supporting partner:": "Partenaire d'appui :",
        "Status:": "Statut :",
        "Notes:": "Remarques :",
    },
    "ImportLogPage": {
        "Import log": "Journal des imports",
        "{n} files shown, {refused} refused.": "{n} fichiers affichés, {refused} refusés.",
    },
    "ConflictsPage": {
        "Show the settled ones too": "Afficher aussi les conflits réglés",
        "Keep the CRSS version": "Garder la version du CRSS",
        "Take the incoming version": "Prendre la version reçue",
        "Conflicts to settle": "Conflits à régler",
        "A committee sent a record with the same version number as the one the CRSS holds, "
        "but with a different content. Compare both, then keep the CRSS version or take the "
        "incoming one.":
            "Un comité a envoyé une fiche portant le même numéro de version que celle du "
            "CRSS, mais avec un contenu différent. Comparez les deux, puis gardez la version "
            "du CRSS ou prenez la version reçue.",
        "No conflict to settle.": "Aucun conflit à régler.",
        "{kind} « {title} » from {committee}, version {version}":
            "{kind} « {title} » du comité {committee}, version {version}",
        "Field": "Champ",
        "CRSS version": "Version du CRSS",
        "Incoming version": "Version reçue",
        "Conflict settled: the CRSS version was kept.":
            "Conflit réglé : la version du CRSS est gardée.",
        "Conflict settled: the incoming version was taken.":
            "Conflit réglé : la version reçue est retenue.",
    },
    "ImportDialog": {
        "Import a whole stick or folder": "Importer toute une clé ou un dossier",
        "Import files": "Importer des fichiers",
        "The committees' files (.ccsbak) are checked and merged into the CRSS database, row "
        "by row, by version number. Importing the same file twice changes nothing; a damaged "
        "or foreign file is refused and logged.":
            "Les fichiers des comités (.ccsbak) sont vérifiés puis fusionnés dans la base du "
            "CRSS, fiche par fiche, selon leur numéro de version. Importer deux fois le même "
            "fichier ne change rien ; un fichier endommagé ou étranger est refusé et noté au "
            "journal.",
        "1. What to import": "1. Ce qu'il faut importer",
        "Choose files…": "Choisir des fichiers…",
        "2. The CRSS private key": "2. La clé privée du CRSS",
        "Import": "Importer",
        "Choose the files to import": "Choisir les fichiers à importer",
        "CCS files (*.ccsbak);;All files (*)": "Fichiers CCS (*.ccsbak);;Tous les fichiers (*)",
        "Choose a stick or a folder.": "Choisissez une clé ou un dossier.",
        "Choose the files to import.": "Choisissez les fichiers à importer.",
        "No .ccsbak file was found there.": "Aucun fichier .ccsbak n'a été trouvé à cet endroit.",
        "{ok} file(s) imported, {refused} refused.":
            "{ok} fichier(s) importé(s), {refused} refusé(s).",
        "{n} conflict(s) to settle (page Conflicts).":
            "{n} conflit(s) à régler (page Conflits).",
        **_DONE,
    },
    "BackupDialog": {
        "Back up to USB": "Sauvegarder sur clé USB",
        "Transmit to the CRSS": "Transmettre au CRSS",
        "The committee's whole database is written, encrypted, into the folder "
        "CCS-Sauvegardes of the USB stick, then read back and checked. Earlier backups on "
        "the stick stay intact; the last 10 are kept.":
            "Toute la base du comité est écrite, chiffrée, dans le dossier CCS-Sauvegardes "
            "de la clé USB, puis relue et vérifiée. Les sauvegardes déjà présentes sur la clé "
            "restent intactes ; les 10 dernières sont gardées.",
        "The file for the CRSS is written, encrypted for the CRSS key, into the folder "
        "CCS-Sauvegardes of the USB stick. Only the CRSS can open it.":
            "Le fichier pour le CRSS est écrit, chiffré pour la clé du CRSS, dans le dossier "
            "CCS-Sauvegardes de la clé USB. Seul le CRSS peut l'ouvrir.",
        "1. Where to write": "1. Où écrire",
        "2. Backup passphrase": "2. Phrase secrète de sauvegarde",
        "2. What goes to the CRSS": "2. Ce qui part au CRSS",
        "Trust a CRSS key…": "Enregistrer la clé du CRSS…",
        "Back up now": "Sauvegarder maintenant",
        "Write the transmission": "Écrire la transmission",
        "This backup can also be opened with the CRSS key (fingerprint {fp}). If the "
        "passphrase is forgotten, the CRSS can reopen the backup: it is the way back.":
            "Cette sauvegarde s'ouvre aussi avec la clé du CRSS (empreinte {fp}). Si la "
            "phrase secrète est oubliée, le CRSS peut rouvrir la sauvegarde : c'est le "
            "recours.",
        "No CRSS key is trusted yet: if the passphrase is forgotten, nobody can open this "
        "backup. Trust the CRSS key (menu Backup) to have a way back.":
            "Aucune clé du CRSS n'est encore enregistrée : si la phrase secrète est oubliée, "
            "personne ne pourra ouvrir cette sauvegarde. Enregistrez la clé du CRSS (menu "
            "Sauvegarde) pour avoir un recours.",
        "meetings, agendas and the PDF of adopted minutes":
            "les réunions, les ordres du jour et le PDF des PV adoptés",
        "threats, vulnerabilities, recommendations and their follow-up":
            "les menaces, vulnérabilités, recommandations et leur suivi",
        "activities and the people reached": "les activités et les personnes touchées",
        "members counted by category, sex and youth":
            "les membres comptés par catégorie, sexe et jeunesse",
        "phone numbers": "les numéros de téléphone",
        "restricted notes (DIFFUSION RESTREINTE) and complaints about FDS conduct":
            "les notes à diffusion restreinte et les plaintes sur la conduite des FDS",
        "scans and photos attached to records": "les scans et photos joints aux fiches",
        "people's names (the committee's settings say to share them)":
            "les noms des personnes (les réglages du comité prévoient de les partager)",
        "people's names: each person becomes a code such as P-7K2M-Q9XD":
            "les noms des personnes : chacune devient un code comme P-7K2M-Q9XD",
        "Goes to the CRSS:": "Part au CRSS :",
        "Stays on this PC:": "Reste sur ce PC :",
        "The file will be encrypted for the CRSS key {fp}.":
            "Le fichier sera chiffré pour la clé du CRSS {fp}.",
        "No CRSS key is trusted yet. The CRSS gives its public key file (crss.pub); trust it "
        "first, after comparing its fingerprint with the CRSS by phone.":
            "Aucune clé du CRSS n'est encore enregistrée. Le CRSS remet sa clé publique "
            "(fichier crss.pub) : enregistrez-la d'abord, après avoir comparé son empreinte "
            "avec le CRSS au téléphone.",
        **_CHOOSE_DEST,
        "Backup written and checked.": "Sauvegarde écrite et vérifiée.",
        "Transmission written and checked.": "Transmission écrite et vérifiée.",
        "File: {name} ({size})": "Fichier : {name} ({size})",
        "Folder: {folder}": "Dossier : {folder}",
        "{n} older file(s) removed: the most recent ones are kept.":
            "{n} ancien(s) fichier(s) supprimé(s) : les plus récents sont gardés.",
        "Hand the stick to the CRSS (or to whoever carries it).":
            "Remettez la clé au CRSS (ou à la personne qui la porte).",
        "You can remove the USB stick.": "Vous pouvez retirer la clé USB.",
        "You can now copy this file wherever you need it.":
            "Vous pouvez maintenant copier ce fichier où il le faut.",
        **_DONE,
    },
    "TrustKeyDialog": {
        "Trust a CRSS key": "Enregistrer la clé du CRSS",
        "The CRSS gives its public key as a file named crss.pub. Once trusted, the "
        "transmissions are encrypted for the CRSS, and your backups can also be reopened by "
        "the CRSS if the passphrase is forgotten.":
            "Le CRSS remet sa clé publique dans un fichier nommé crss.pub. Une fois "
            "enregistrée, les transmissions sont chiffrées pour le CRSS, et vos sauvegardes "
            "peuvent aussi être rouvertes par le CRSS si la phrase secrète est oubliée.",
        "Key trusted now: {fp}": "Clé enregistrée actuellement : {fp}",
        "No CRSS key is trusted yet.": "Aucune clé du CRSS n'est encore enregistrée.",
        "Choose the crss.pub file…": "Choisir le fichier crss.pub…",
        "Call the CRSS and read this fingerprint aloud, group by group. The CRSS reads its "
        "own: every letter and digit must be the same. If one differs, do not trust this "
        "file.":
            "Appelez le CRSS et lisez cette empreinte à voix haute, groupe par groupe. Le "
            "CRSS lit la sienne : chaque lettre et chaque chiffre doivent être identiques. "
            "Si un seul diffère, n'enregistrez pas ce fichier.",
        "The CRSS read me exactly the same fingerprint":
            "Le CRSS m'a lu exactement la même empreinte",
        "Trust this key": "Enregistrer cette clé",
        "Close": "Fermer",
        "Choose the CRSS public key": "Choisir la clé publique du CRSS",
        "CRSS public key (*.pub);;All files (*)":
            "Clé publique du CRSS (*.pub);;Tous les fichiers (*)",
        "File: {path}": "Fichier : {path}",
        "The CRSS key is trusted. Transmissions are encrypted for it, and the next backups "
        "can also be reopened by the CRSS.":
            "La clé du CRSS est enregistrée. Les transmissions sont chiffrées pour elle, et "
            "les prochaines sauvegardes pourront aussi être rouvertes par le CRSS.",
    },
    "RestoreDialog": {
        "Restore a backup": "Restaurer une sauvegarde",
        "Restoring replaces the committee's database by the content of a backup, for example "
        "after a disk failure or on a new PC. The current database is copied aside first, "
        "never deleted.":
            "La restauration remplace la base du comité par le contenu d'une sauvegarde, par "
            "exemple après une panne de disque ou sur un nouveau PC. La base actuelle est "
            "d'abord mise de côté, jamais effacée.",
        "1. The backup file": "1. Le fichier de sauvegarde",
        "a .ccsbak file, usually in CCS-Sauvegardes on the USB stick":
            "un fichier .ccsbak, en général dans CCS-Sauvegardes sur la clé USB",
        "Choose the file…": "Choisir le fichier…",
        "Copies on this PC…": "Copies de ce PC…",
        "Automatic copies made on this PC when the application closes and every day":
            "Copies automatiques faites sur ce PC à la fermeture de l'application et chaque "
            "jour",
        "2. Open it with": "2. L'ouvrir avec",
        "The backup passphrase": "La phrase secrète de sauvegarde",
        "The CRSS key (when the passphrase is forgotten)":
            "La clé du CRSS (si la phrase secrète est oubliée)",
        "Passphrase:": "Phrase secrète :",
        "3. What the file holds": "3. Ce que contient le fichier",
        "Open the file to see what it holds.": "Ouvrez le fichier pour voir ce qu'il contient.",
        "The current database will be copied aside (ccs.avant-restauration-….sqlite3 in the "
        "data folder) before it is replaced.":
            "La base actuelle sera mise de côté (ccs.avant-restauration-….sqlite3 dans le "
            "dossier de données) avant d'être remplacée.",
        "Open and check": "Ouvrir et vérifier",
        "Restore this backup": "Restaurer cette sauvegarde",
        "Choose the backup": "Choisir la sauvegarde",
        "CCS backups (*.ccsbak);;All files (*)":
            "Sauvegardes CCS (*.ccsbak);;Tous les fichiers (*)",
        "Choose an automatic copy": "Choisir une copie automatique",
        "Automatic copies (*.sqlite3);;All files (*)":
            "Copies automatiques (*.sqlite3);;Tous les fichiers (*)",
        "Type the backup passphrase.": "Tapez la phrase secrète de sauvegarde.",
        "File checked: complete, authentic and readable.":
            "Fichier vérifié : complet, authentique et lisible.",
        "This file is a transmission for the CRSS (reduced data, without names or phone "
        "numbers): it cannot restore a committee. Choose a backup.":
            "Ce fichier est une transmission pour le CRSS (données réduites, sans noms ni "
            "téléphones) : il ne peut pas restaurer un comité. Choisissez une sauvegarde.",
        "The file is complete and readable. Check the committee and the date above, then "
        "restore.":
            "Le fichier est complet et lisible. Vérifiez le comité et la date ci-dessus, "
            "puis restaurez.",
        "Replace the current database by this backup?\n\nThe current database will be "
        "copied aside first; what was typed since this backup is only in that copy.":
            "Remplacer la base actuelle par cette sauvegarde ?\n\nLa base actuelle sera "
            "d'abord mise de côté ; ce qui a été saisi depuis cette sauvegarde ne se trouve "
            "que dans cette copie.",
        "Restore": "Restaurer",
        "The backup was restored.": "La sauvegarde a été restaurée.",
        "Committee: {name} ({code})": "Comité : {name} ({code})",
        "Backup of: {date}": "Sauvegarde du : {date}",
        "The previous database was copied aside: {path}":
            "L'ancienne base a été mise de côté : {path}",
        "The current database was not changed.": "La base actuelle n'a pas été modifiée.",
        **_DONE,
    },
    "ExchangeCounts": {
        "people": "personnes",
        "meetings": "réunions",
        "threats": "menaces",
        "vulnerabilities": "vulnérabilités",
        "recommendations": "recommandations",
        "activities": "activités",
        "archived minutes": "PV archivés",
        "Content: {parts}": "Contenu : {parts}",
        "backup": "sauvegarde",
        "transmission for the CRSS": "transmission pour le CRSS",
        "Committee: {name} ({code})": "Comité : {name} ({code})",
        "(CRSS database)": "(base du CRSS)",
        "Kind: {kind}": "Type : {kind}",
        "Made on: {date}": "Fait le : {date}",
    },
    "KeygenDialog": {
        "Generate the CRSS key pair": "Créer la paire de clés du CRSS",
        "The CRSS key pair has two files. crss.pub (public) is given to every committee: "
        "their transmissions are encrypted for it. crss.key (private, protected by a "
        "passphrase) opens them: keep it secret, and keep a copy on a second USB stick in a "
        "safe place. Without it, no transmission can be read.":
            "La paire de clés du CRSS tient en deux fichiers. crss.pub (publique) est remise "
            "à chaque comité : leurs transmissions sont chiffrées pour elle. crss.key (privée, "
            "protégée par une phrase secrète) les ouvre : gardez-la secrète, avec une copie "
            "sur une seconde clé USB en lieu sûr. Sans elle, aucune transmission ne peut être "
            "lue.",
        "1. Where to write the two files": "1. Où écrire les deux fichiers",
        "2. Passphrase of the private key": "2. Phrase secrète de la clé privée",
        "Generate the keys": "Créer les clés",
        "Copy the private key to a second stick…": "Copier la clé privée sur une seconde clé…",
        **_CHOOSE_DEST,
        "The key pair was created.": "La paire de clés a été créée.",
        "Public key (give it to the committees): {path}":
            "Clé publique (à remettre aux comités) : {path}",
        "Private key (secret, protected): {path}": "Clé privée (secrète, protégée) : {path}",
        "Fingerprint (above): the committees read it aloud with you before trusting the key.":
            "Empreinte (ci-dessus) : les comités la lisent à voix haute avec vous avant "
            "d'enregistrer la clé.",
        "Now copy the private key to a second USB stick.":
            "Copiez maintenant la clé privée sur une seconde clé USB.",
        "Choose the second USB stick": "Choisir la seconde clé USB",
        "The private key was copied and checked: {path}. Keep this stick in a safe place.":
            "La clé privée a été copiée et vérifiée : {path}. Gardez cette clé USB en lieu "
            "sûr.",
        **_DONE,
    },
    "ExportPublicKeyDialog": {
        "Export the public key": "Exporter la clé publique",
        "Writes the public key file crss.pub for the committees. They read its fingerprint "
        "aloud with you before trusting it.":
            "Écrit le fichier de clé publique crss.pub pour les comités. Ils lisent son "
            "empreinte à voix haute avec vous avant de l'enregistrer.",
        "1. The CRSS private key": "1. La clé privée du CRSS",
        "2. Where to write crss.pub": "2. Où écrire crss.pub",
        "Export": "Exporter",
        **_CHOOSE_DEST,
        "Public key written: {path}": "Clé publique écrite : {path}",
        **_DONE,
    },
}
