<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>ActivityEditor</name>
        <message>
            <source>Title</source>
            <translation>Intitulé</translation>
        </message>
        <message>
            <source>e.g. Awareness campaign on community radio</source>
            <translation>ex. Campagne de sensibilisation à la radio communautaire</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>e.g. PNUD, DCAF</source>
            <translation>ex. PNUD, DCAF</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Men reached</source>
            <translation>Hommes touchés</translation>
        </message>
        <message>
            <source>Women reached</source>
            <translation>Femmes touchées</translation>
        </message>
        <message>
            <source>Young men reached</source>
            <translation>Jeunes hommes touchés</translation>
        </message>
        <message>
            <source>Young women reached</source>
            <translation>Jeunes femmes touchées</translation>
        </message>
        <message>
            <source>Activity</source>
            <translation>Activité</translation>
        </message>
        <message>
            <source>Attachments</source>
            <translation>Pièces jointes</translation>
        </message>
        <message>
            <source>New activity</source>
            <translation>Nouvelle activité</translation>
        </message>
    </context>
    <context>
        <name>AttachmentsPanel</name>
        <message>
            <source>Attach scans or photos</source>
            <translation>Joindre des scans ou des photos</translation>
        </message>
        <message>
            <source>Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
            <translation>Scans et photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Drop scans or photos here (signed attendance sheet, signed and stamped PV, convocation receipts…), or use « Add a file ».</source>
            <translation>Déposez ici les scans ou photos (liste de présence signée, PV signé et cacheté, décharges de convocation…), ou utilisez « Ajouter un fichier ».</translation>
        </message>
        <message>
            <source>Kind:</source>
            <translation>Type :</translation>
        </message>
        <message>
            <source>Add a file…</source>
            <translation>Ajouter un fichier…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Remove the attachment “{name}”?</source>
            <translation>Retirer la pièce jointe « {name} » ?</translation>
        </message>
    </context>
    <context>
        <name>BackupDialog</name>
        <message>
            <source>Back up to USB</source>
            <translation>Sauvegarder sur clé USB</translation>
        </message>
        <message>
            <source>Transmit to the CRSS</source>
            <translation>Transmettre au CRSS</translation>
        </message>
        <message>
            <source>The committee's whole database is written, encrypted, into the folder CCS-Sauvegardes of the USB stick, then read back and checked. Earlier backups on the stick stay intact; the last 10 are kept.</source>
            <translation>Toute la base du comité est écrite, chiffrée, dans le dossier CCS-Sauvegardes de la clé USB, puis relue et vérifiée. Les sauvegardes déjà présentes sur la clé restent intactes ; les 10 dernières sont gardées.</translation>
        </message>
        <message>
            <source>The file for the CRSS is written, encrypted for the CRSS key, into the folder CCS-Sauvegardes of the USB stick. Only the CRSS can open it.</source>
            <translation>Le fichier pour le CRSS est écrit, chiffré pour la clé du CRSS, dans le dossier CCS-Sauvegardes de la clé USB. Seul le CRSS peut l'ouvrir.</translation>
        </message>
        <message>
            <source>1. Where to write</source>
            <translation>1. Où écrire</translation>
        </message>
        <message>
            <source>2. Backup passphrase</source>
            <translation>2. Phrase secrète de sauvegarde</translation>
        </message>
        <message>
            <source>2. What goes to the CRSS</source>
            <translation>2. Ce qui part au CRSS</translation>
        </message>
        <message>
            <source>Trust a CRSS key…</source>
            <translation>Enregistrer la clé du CRSS…</translation>
        </message>
        <message>
            <source>Back up now</source>
            <translation>Sauvegarder maintenant</translation>
        </message>
        <message>
            <source>Write the transmission</source>
            <translation>Écrire la transmission</translation>
        </message>
        <message>
            <source>This backup can also be opened with the CRSS key (fingerprint {fp}). If the passphrase is forgotten, the CRSS can reopen the backup: it is the way back.</source>
            <translation>Cette sauvegarde s'ouvre aussi avec la clé du CRSS (empreinte {fp}). Si la phrase secrète est oubliée, le CRSS peut rouvrir la sauvegarde : c'est le recours.</translation>
        </message>
        <message>
            <source>No CRSS key is trusted yet: if the passphrase is forgotten, nobody can open this backup. Trust the CRSS key (menu Backup) to have a way back.</source>
            <translation>Aucune clé du CRSS n'est encore enregistrée : si la phrase secrète est oubliée, personne ne pourra ouvrir cette sauvegarde. Enregistrez la clé du CRSS (menu Sauvegarde) pour avoir un recours.</translation>
        </message>
        <message>
            <source>meetings, agendas and the PDF of adopted minutes</source>
            <translation>les réunions, les ordres du jour et le PDF des PV adoptés</translation>
        </message>
        <message>
            <source>threats, vulnerabilities, recommendations and their follow-up</source>
            <translation>les menaces, vulnérabilités, recommandations et leur suivi</translation>
        </message>
        <message>
            <source>activities and the people reached</source>
            <translation>les activités et les personnes touchées</translation>
        </message>
        <message>
            <source>members counted by category, sex and youth</source>
            <translation>les membres comptés par catégorie, sexe et jeunesse</translation>
        </message>
        <message>
            <source>phone numbers</source>
            <translation>les numéros de téléphone</translation>
        </message>
        <message>
            <source>restricted notes (DIFFUSION RESTREINTE) and complaints about FDS conduct</source>
            <translation>les notes à diffusion restreinte et les plaintes sur la conduite des FDS</translation>
        </message>
        <message>
            <source>scans and photos attached to records</source>
            <translation>les scans et photos joints aux fiches</translation>
        </message>
        <message>
            <source>people's names (the committee's settings say to share them)</source>
            <translation>les noms des personnes (les réglages du comité prévoient de les partager)</translation>
        </message>
        <message>
            <source>people's names: each person becomes a code such as P-7K2M-Q9XD</source>
            <translation>les noms des personnes : chacune devient un code comme P-7K2M-Q9XD</translation>
        </message>
        <message>
            <source>Goes to the CRSS:</source>
            <translation>Part au CRSS :</translation>
        </message>
        <message>
            <source>Stays on this PC:</source>
            <translation>Reste sur ce PC :</translation>
        </message>
        <message>
            <source>The file will be encrypted for the CRSS key {fp}.</source>
            <translation>Le fichier sera chiffré pour la clé du CRSS {fp}.</translation>
        </message>
        <message>
            <source>No CRSS key is trusted yet. The CRSS gives its public key file (crss.pub); trust it first, after comparing its fingerprint with the CRSS by phone.</source>
            <translation>Aucune clé du CRSS n'est encore enregistrée. Le CRSS remet sa clé publique (fichier crss.pub) : enregistrez-la d'abord, après avoir comparé son empreinte avec le CRSS au téléphone.</translation>
        </message>
        <message>
            <source>Choose a USB stick or a folder.</source>
            <translation>Choisissez une clé USB ou un dossier.</translation>
        </message>
        <message>
            <source>Backup written and checked.</source>
            <translation>Sauvegarde écrite et vérifiée.</translation>
        </message>
        <message>
            <source>Transmission written and checked.</source>
            <translation>Transmission écrite et vérifiée.</translation>
        </message>
        <message>
            <source>File: {name} ({size})</source>
            <translation>Fichier : {name} ({size})</translation>
        </message>
        <message>
            <source>Folder: {folder}</source>
            <translation>Dossier : {folder}</translation>
        </message>
        <message>
            <source>{n} older file(s) removed: the most recent ones are kept.</source>
            <translation>{n} ancien(s) fichier(s) supprimé(s) : les plus récents sont gardés.</translation>
        </message>
        <message>
            <source>Hand the stick to the CRSS (or to whoever carries it).</source>
            <translation>Remettez la clé au CRSS (ou à la personne qui la porte).</translation>
        </message>
        <message>
            <source>You can remove the USB stick.</source>
            <translation>Vous pouvez retirer la clé USB.</translation>
        </message>
        <message>
            <source>You can now copy this file wherever you need it.</source>
            <translation>Vous pouvez maintenant copier ce fichier où il le faut.</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Terminé.</translation>
        </message>
    </context>
    <context>
        <name>Badges</name>
        <message>
            <source>Overdue</source>
            <translation>En retard</translation>
        </message>
    </context>
    <context>
        <name>Columns</name>
        <message>
            <source>Reference</source>
            <translation>Référence</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Threat</source>
            <translation>Menace</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <source>Score</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>Tendance</translation>
        </message>
        <message>
            <source>First reported</source>
            <translation>Signalée le</translation>
        </message>
        <message>
            <source>Vulnerability</source>
            <translation>Vulnérabilité</translation>
        </message>
        <message>
            <source>Kind of place</source>
            <translation>Type de lieu</translation>
        </message>
        <message>
            <source>Recommendation</source>
            <translation>Recommandation</translation>
        </message>
        <message>
            <source>Addressee</source>
            <translation>Destinataire</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Activity</source>
            <translation>Activité</translation>
        </message>
        <message>
            <source>People reached</source>
            <translation>Personnes touchées</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>Partenaire</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Youth</source>
            <translation>Jeune</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Organisation</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Qualité</translation>
        </message>
        <message>
            <source>Committee</source>
            <translation>Comité</translation>
        </message>
    </context>
    <context>
        <name>Commands</name>
        <message>
            <source>Confirm</source>
            <translation>Confirmation</translation>
        </message>
        <message>
            <source>CCS Desktop</source>
            <translation>CCS Desktop</translation>
        </message>
        <message>
            <source>Delete the meeting “{name}”?</source>
            <translation>Supprimer la réunion « {name} » ?</translation>
        </message>
        <message>
            <source>Delete the threat “{name}”?</source>
            <translation>Supprimer la menace « {name} » ?</translation>
        </message>
        <message>
            <source>Delete the vulnerability “{name}”?</source>
            <translation>Supprimer la vulnérabilité « {name} » ?</translation>
        </message>
        <message>
            <source>Delete the recommendation “{name}”?</source>
            <translation>Supprimer la recommandation « {name} » ?</translation>
        </message>
        <message>
            <source>Delete the activity “{name}”?</source>
            <translation>Supprimer l'activité « {name} » ?</translation>
        </message>
        <message>
            <source>Delete “{name}” from the members and guests?</source>
            <translation>Supprimer « {name} » des membres et invités ?</translation>
        </message>
        <message>
            <source>You can undo this with Ctrl+Z.</source>
            <translation>Vous pourrez l'annuler avec Ctrl+Z.</translation>
        </message>
        <message>
            <source>Delete {name}</source>
            <translation>Suppression de {name}</translation>
        </message>
    </context>
    <context>
        <name>CommitteeForm</name>
        <message>
            <source>Places come from the official lists; you may type a place that is not listed.</source>
            <translation>Les lieux viennent des listes officielles ; vous pouvez saisir un lieu qui n'y figure pas.</translation>
        </message>
        <message>
            <source>Committee &amp;level:</source>
            <translation>&amp;Niveau du comité :</translation>
        </message>
        <message>
            <source>&amp;Region:</source>
            <translation>&amp;Région :</translation>
        </message>
        <message>
            <source>C&amp;ercle:</source>
            <translation>C&amp;ercle :</translation>
        </message>
        <message>
            <source>Co&amp;mmune:</source>
            <translation>Co&amp;mmune :</translation>
        </message>
        <message>
            <source>Commune &amp;kind:</source>
            <translation>&amp;Type de commune :</translation>
        </message>
        <message>
            <source>Committee c&amp;ode:</source>
            <translation>&amp;Code du comité :</translation>
        </message>
        <message>
            <source>Committee &amp;name:</source>
            <translation>N&amp;om du comité :</translation>
        </message>
        <message>
            <source>&amp;Chair's title:</source>
            <translation>&amp;Titre du président :</translation>
        </message>
    </context>
    <context>
        <name>CommitteePage</name>
        <message>
            <source>The committee</source>
            <translation>Le comité</translation>
        </message>
        <message>
            <source>Level and place; the code and the name are proposed.</source>
            <translation>Niveau et lieu ; le code et le nom sont proposés.</translation>
        </message>
        <message>
            <source>Region: this field is required.</source>
            <translation>Région : ce champ est obligatoire.</translation>
        </message>
        <message>
            <source>Cercle: this field is required.</source>
            <translation>Cercle : ce champ est obligatoire.</translation>
        </message>
        <message>
            <source>Commune: this field is required for a CCSC.</source>
            <translation>Commune : ce champ est obligatoire pour un CCSC.</translation>
        </message>
        <message>
            <source>The committee's code and name are required.</source>
            <translation>Le code et le nom du comité sont obligatoires.</translation>
        </message>
    </context>
    <context>
        <name>ConflictsPage</name>
        <message>
            <source>Show the settled ones too</source>
            <translation>Afficher aussi les conflits réglés</translation>
        </message>
        <message>
            <source>Keep the CRSS version</source>
            <translation>Garder la version du CRSS</translation>
        </message>
        <message>
            <source>Take the incoming version</source>
            <translation>Prendre la version reçue</translation>
        </message>
        <message>
            <source>Conflicts to settle</source>
            <translation>Conflits à régler</translation>
        </message>
        <message>
            <source>A committee sent a record with the same version number as the one the CRSS holds, but with a different content. Compare both, then keep the CRSS version or take the incoming one.</source>
            <translation>Un comité a envoyé une fiche portant le même numéro de version que celle du CRSS, mais avec un contenu différent. Comparez les deux, puis gardez la version du CRSS ou prenez la version reçue.</translation>
        </message>
        <message>
            <source>{kind} « {title} » from {committee}, version {version}</source>
            <translation>{kind} « {title} » du comité {committee}, version {version}</translation>
        </message>
        <message>
            <source>Conflict settled: the CRSS version was kept.</source>
            <translation>Conflit réglé : la version du CRSS est gardée.</translation>
        </message>
        <message>
            <source>Conflict settled: the incoming version was taken.</source>
            <translation>Conflit réglé : la version reçue est retenue.</translation>
        </message>
    </context>
    <context>
        <name>Crash</name>
        <message>
            <source>Unexpected error</source>
            <translation>Erreur inattendue</translation>
        </message>
        <message>
            <source>An unexpected error occurred. What was saved is safe; the details below help to fix the problem.</source>
            <translation>Une erreur inattendue s'est produite. Ce qui a été enregistré est en sécurité ; les détails ci-dessous aident à corriger le problème.</translation>
        </message>
    </context>
    <context>
        <name>CrssPage</name>
        <message>
            <source>The CRSS: national consolidation</source>
            <translation>Le CRSS : consolidation nationale</translation>
        </message>
        <message>
            <source>This database will gather the records the committees transmit.</source>
            <translation>Cette base rassemblera les données que les comités transmettent.</translation>
        </message>
        <message>
            <source>The register of expected committees is filled from the place lists: one CCSC per commune and one CCSR per region (more can be added). Files are imported from the Backup menu; every list can then be filtered by region, cercle, commune and committee.

The committees encrypt their transmissions for the CRSS's public key: generate the key pair now, give the public key (crss.pub) to the committees and keep the private key (crss.key) and its passphrase safe, with a copy on a second USB stick.</source>
            <translation>Le registre des comités attendus est rempli à partir des listes de lieux : un CCSC par commune et un CCSR par région (d'autres peuvent être ajoutés). Les fichiers s'importent par le menu Sauvegarde ; chaque liste peut ensuite être filtrée par région, cercle, commune et comité.

Les comités chiffrent leurs transmissions pour la clé publique du CRSS : générez maintenant la paire de clés, remettez la clé publique (crss.pub) aux comités et gardez en lieu sûr la clé privée (crss.key) et sa phrase secrète, avec une copie sur une seconde clé USB.</translation>
        </message>
        <message>
            <source>&amp;Generate the CRSS key pair when I click Finish</source>
            <translation>&amp;Générer la paire de clés du CRSS en cliquant sur Terminer</translation>
        </message>
    </context>
    <context>
        <name>DocumentsView</name>
        <message>
            <source>Minutes (procès-verbal)</source>
            <translation>Procès-verbal</translation>
        </message>
        <message>
            <source>Restricted annex</source>
            <translation>Annexe restreinte</translation>
        </message>
        <message>
            <source>Convocations and receipt list</source>
            <translation>Convocations et liste de décharge</translation>
        </message>
        <message>
            <source>Attendance sheet</source>
            <translation>Liste de présence</translation>
        </message>
        <message>
            <source>With phone numbers</source>
            <translation>Avec les numéros de téléphone</translation>
        </message>
        <message>
            <source>Print…</source>
            <translation>Imprimer…</translation>
        </message>
        <message>
            <source>Save as…</source>
            <translation>Enregistrer sous…</translation>
        </message>
        <message>
            <source>The preview needs Qt's PDF module (PySide6_Pdf). You can still save or print the document.</source>
            <translation>L'aperçu a besoin du module PDF de Qt (PySide6_Pdf). Vous pouvez quand même enregistrer ou imprimer le document.</translation>
        </message>
        <message>
            <source>No meeting selected.</source>
            <translation>Aucune réunion choisie.</translation>
        </message>
        <message>
            <source>Preparing the document…</source>
            <translation>Préparation du document…</translation>
        </message>
        <message numerus="yes">
            <source>%n page(s)</source>
            <translation>
                <numerusform>%n page</numerusform>
                <numerusform>%n pages</numerusform>
            </translation>
        </message>
        <message>
            <source>Document ready.</source>
            <translation>Document prêt.</translation>
        </message>
        <message>
            <source>Save the document</source>
            <translation>Enregistrer le document</translation>
        </message>
        <message>
            <source>PDF documents (*.pdf)</source>
            <translation>Documents PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Could not write %1: %2</source>
            <translation>Impossible d'écrire %1 : %2</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>Enregistré : %1</translation>
        </message>
    </context>
    <context>
        <name>ExchangeCommon</name>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Choose a folder…</source>
            <translation>Choisir un dossier…</translation>
        </message>
        <message>
            <source>USB stick {label} ({path}), {free} free</source>
            <translation>Clé USB {label} ({path}), {free} libres</translation>
        </message>
        <message>
            <source>Folder {path}</source>
            <translation>Dossier {path}</translation>
        </message>
        <message>
            <source>Plug in the USB stick, then choose it in the list.</source>
            <translation>Branchez la clé USB, puis choisissez-la dans la liste.</translation>
        </message>
        <message>
            <source>No USB stick found. Plug one in and click « Refresh », or choose a folder.</source>
            <translation>Aucune clé USB trouvée. Branchez-en une et cliquez sur « Actualiser », ou choisissez un dossier.</translation>
        </message>
        <message>
            <source>Choose a folder</source>
            <translation>Choisir un dossier</translation>
        </message>
        <message>
            <source>At least 12 characters, no other rule. A short sentence is easiest to remember, for example « le marché de Ber ouvre le lundi ».</source>
            <translation>Au moins 12 caractères, aucune autre règle. Une petite phrase se retient le mieux, par exemple « le marché de Ber ouvre le lundi ».</translation>
        </message>
        <message>
            <source>Show what I type</source>
            <translation>Afficher ce que je tape</translation>
        </message>
        <message>
            <source>Remember it until the application closes (never written to disk)</source>
            <translation>La retenir jusqu'à la fermeture de l'application (jamais écrite sur le disque)</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase secrète :</translation>
        </message>
        <message>
            <source>Type it again:</source>
            <translation>Retapez-la :</translation>
        </message>
        <message>
            <source>The passphrase must have at least 12 characters (it has {n}).</source>
            <translation>La phrase secrète doit compter au moins 12 caractères (elle en a {n}).</translation>
        </message>
        <message>
            <source>The two passphrases differ: type them again.</source>
            <translation>Les deux saisies diffèrent : retapez-les.</translation>
        </message>
        <message>
            <source>crss.key file</source>
            <translation>fichier crss.key</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>Keep the key unlocked until the application closes</source>
            <translation>Garder la clé ouverte jusqu'à la fermeture de l'application</translation>
        </message>
        <message>
            <source>CRSS private key:</source>
            <translation>Clé privée du CRSS :</translation>
        </message>
        <message>
            <source>Its passphrase:</source>
            <translation>Sa phrase secrète :</translation>
        </message>
        <message>
            <source>The key is unlocked for this session.</source>
            <translation>La clé est ouverte pour cette session.</translation>
        </message>
        <message>
            <source>Choose the CRSS private key</source>
            <translation>Choisir la clé privée du CRSS</translation>
        </message>
        <message>
            <source>CRSS private key (crss.key);;All files (*)</source>
            <translation>Clé privée du CRSS (crss.key);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Choose the CRSS private key (crss.key).</source>
            <translation>Choisissez la clé privée du CRSS (crss.key).</translation>
        </message>
        <message>
            <source>Type the passphrase of the CRSS key.</source>
            <translation>Tapez la phrase secrète de la clé du CRSS.</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Generating the keys…</source>
            <translation>Création des clés…</translation>
        </message>
    </context>
    <context>
        <name>ExchangeCounts</name>
        <message>
            <source>people</source>
            <translation>personnes</translation>
        </message>
        <message>
            <source>meetings</source>
            <translation>réunions</translation>
        </message>
        <message>
            <source>threats</source>
            <translation>menaces</translation>
        </message>
        <message>
            <source>vulnerabilities</source>
            <translation>vulnérabilités</translation>
        </message>
        <message>
            <source>recommendations</source>
            <translation>recommandations</translation>
        </message>
        <message>
            <source>activities</source>
            <translation>activités</translation>
        </message>
        <message>
            <source>archived minutes</source>
            <translation>PV archivés</translation>
        </message>
        <message>
            <source>Content: {parts}</source>
            <translation>Contenu : {parts}</translation>
        </message>
        <message>
            <source>backup</source>
            <translation>sauvegarde</translation>
        </message>
        <message>
            <source>transmission for the CRSS</source>
            <translation>transmission pour le CRSS</translation>
        </message>
        <message>
            <source>Committee: {name} ({code})</source>
            <translation>Comité : {name} ({code})</translation>
        </message>
        <message>
            <source>(CRSS database)</source>
            <translation>(base du CRSS)</translation>
        </message>
        <message>
            <source>Kind: {kind}</source>
            <translation>Type : {kind}</translation>
        </message>
        <message>
            <source>Made on: {date}</source>
            <translation>Fait le : {date}</translation>
        </message>
    </context>
    <context>
        <name>ExchangeMenu</name>
        <message>
            <source>Committee register</source>
            <translation>Registre des comités</translation>
        </message>
        <message>
            <source>Import log</source>
            <translation>Journal des imports</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflits</translation>
        </message>
        <message>
            <source>&amp;Backup</source>
            <translation>&amp;Sauvegarde</translation>
        </message>
        <message>
            <source>Back up to USB…</source>
            <translation>Sauvegarder sur clé USB…</translation>
        </message>
        <message>
            <source>Transmit to the CRSS…</source>
            <translation>Transmettre au CRSS…</translation>
        </message>
        <message>
            <source>Restore a backup…</source>
            <translation>Restaurer une sauvegarde…</translation>
        </message>
        <message>
            <source>Trust a CRSS key…</source>
            <translation>Enregistrer la clé du CRSS…</translation>
        </message>
        <message>
            <source>Import files…</source>
            <translation>Importer des fichiers…</translation>
        </message>
        <message>
            <source>Import a whole stick or folder…</source>
            <translation>Importer toute une clé ou un dossier…</translation>
        </message>
        <message>
            <source>Generate the CRSS key pair…</source>
            <translation>Créer la paire de clés du CRSS…</translation>
        </message>
        <message>
            <source>Export the public key…</source>
            <translation>Exporter la clé publique…</translation>
        </message>
    </context>
    <context>
        <name>ExchangeTables</name>
        <message>
            <source>never sent</source>
            <translation>jamais reçu</translation>
        </message>
        <message>
            <source>commune under two committees</source>
            <translation>commune sous deux comités</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Région</translation>
        </message>
        <message>
            <source>Cercle</source>
            <translation>Cercle</translation>
        </message>
        <message>
            <source>Commune</source>
            <translation>Commune</translation>
        </message>
        <message>
            <source>Committee</source>
            <translation>Comité</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Last file received</source>
            <translation>Dernier fichier reçu</translation>
        </message>
        <message>
            <source>Received on</source>
            <translation>Reçu le</translation>
        </message>
        <message>
            <source>Data as of</source>
            <translation>Données du</translation>
        </message>
        <message>
            <source>Warning</source>
            <translation>Alerte</translation>
        </message>
        <message>
            <source>This commune appears under two committee ids: check which one is the real committee.</source>
            <translation>Cette commune apparaît sous deux identifiants de comité : vérifiez lequel est le vrai comité.</translation>
        </message>
        <message>
            <source>imported</source>
            <translation>importé</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>refusé</translation>
        </message>
        <message>
            <source>Imported on</source>
            <translation>Importé le</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveaux</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Mis à jour</translation>
        </message>
        <message>
            <source>Unchanged</source>
            <translation>Inchangés</translation>
        </message>
        <message>
            <source>Deleted</source>
            <translation>Supprimés</translation>
        </message>
        <message>
            <source>Refused</source>
            <translation>Refusés</translation>
        </message>
        <message>
            <source>Conflicts</source>
            <translation>Conflits</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>Kind of record</source>
            <translation>Type de fiche</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>Fiche</translation>
        </message>
        <message>
            <source>What differs</source>
            <translation>Ce qui diffère</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>Décision</translation>
        </message>
        <message>
            <source>to settle</source>
            <translation>à régler</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Inconnu</translation>
        </message>
        <message>
            <source>Installed</source>
            <translation>Installé</translation>
        </message>
        <message>
            <source>Working</source>
            <translation>Fonctionnel</translation>
        </message>
        <message>
            <source>Not working</source>
            <translation>Non fonctionnel</translation>
        </message>
        <message>
            <source>Unlocking the CRSS key…</source>
            <translation>Ouverture de la clé du CRSS…</translation>
        </message>
    </context>
    <context>
        <name>ExportPublicKeyDialog</name>
        <message>
            <source>Export the public key</source>
            <translation>Exporter la clé publique</translation>
        </message>
        <message>
            <source>Writes the public key file crss.pub for the committees. They read its fingerprint aloud with you before trusting it.</source>
            <translation>Écrit le fichier de clé publique crss.pub pour les comités. Ils lisent son empreinte à voix haute avec vous avant de l'enregistrer.</translation>
        </message>
        <message>
            <source>1. The CRSS private key</source>
            <translation>1. La clé privée du CRSS</translation>
        </message>
        <message>
            <source>2. Where to write crss.pub</source>
            <translation>2. Où écrire crss.pub</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <source>Choose a USB stick or a folder.</source>
            <translation>Choisissez une clé USB ou un dossier.</translation>
        </message>
        <message>
            <source>Public key written: {path}</source>
            <translation>Clé publique écrite : {path}</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Terminé.</translation>
        </message>
    </context>
    <context>
        <name>Filters</name>
        <message>
            <source>All</source>
            <translation>Tous</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Année</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Kind of place</source>
            <translation>Type de lieu</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>Suivi</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Addressee</source>
            <translation>Destinataire</translation>
        </message>
        <message>
            <source>Membership</source>
            <translation>Qualité</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>Youth</source>
            <translation>Jeune</translation>
        </message>
        <message>
            <source>Region</source>
            <translation>Région</translation>
        </message>
        <message>
            <source>Cercle</source>
            <translation>Cercle</translation>
        </message>
        <message>
            <source>Commune</source>
            <translation>Commune</translation>
        </message>
        <message>
            <source>Committee</source>
            <translation>Comité</translation>
        </message>
        <message>
            <source>All regions</source>
            <extracomment>filter keys the place filters set, from the widest to the narrowest</extracomment>
            <translation>Toutes</translation>
        </message>
        <message>
            <source>All cercles</source>
            <translation>Tous</translation>
        </message>
        <message>
            <source>All communes</source>
            <translation>Toutes</translation>
        </message>
        <message>
            <source>All committees</source>
            <translation>Tous</translation>
        </message>
    </context>
    <context>
        <name>HomePage</name>
        <message>
            <source>DEMO DATA: fictitious people and events</source>
            <extracomment>(page kind, filters to apply or {})</extracomment>
            <translation>DONNÉES FICTIVES : personnes et événements inventés</translation>
        </message>
        <message>
            <source>Set up the committee…</source>
            <translation>Configurer le comité…</translation>
        </message>
        <message>
            <source>Next meeting</source>
            <translation>Prochaine réunion</translation>
        </message>
        <message>
            <source>Meetings</source>
            <translation>Réunions</translation>
        </message>
        <message>
            <source>Minutes to adopt</source>
            <translation>PV à adopter</translation>
        </message>
        <message>
            <source>Show</source>
            <translation>Afficher</translation>
        </message>
        <message>
            <source>Open recommendations</source>
            <translation>Recommandations en suivi</translation>
        </message>
        <message>
            <source>Follow up</source>
            <translation>Suivre</translation>
        </message>
        <message>
            <source>Overdue recommendations</source>
            <translation>Recommandations en retard</translation>
        </message>
        <message>
            <source>Active threats</source>
            <translation>Menaces actives</translation>
        </message>
        <message>
            <source>Threats</source>
            <translation>Menaces</translation>
        </message>
        <message>
            <source>Active members</source>
            <translation>Membres actifs</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>CRSS: national consolidation</source>
            <translation>CRSS : consolidation nationale</translation>
        </message>
        <message>
            <source>Committees in the register</source>
            <translation>Comités inscrits au registre</translation>
        </message>
        <message>
            <source>Register</source>
            <translation>Registre</translation>
        </message>
        <message>
            <source>Committees that sent a file</source>
            <translation>Comités ayant envoyé un fichier</translation>
        </message>
        <message>
            <source>Import log</source>
            <translation>Journal des imports</translation>
        </message>
        <message>
            <source>Never sent anything</source>
            <translation>N'ont jamais rien envoyé</translation>
        </message>
        <message>
            <source>Last import</source>
            <translation>Dernier import</translation>
        </message>
        <message>
            <source>Open conflicts</source>
            <translation>Conflits à régler</translation>
        </message>
        <message>
            <source>Settle</source>
            <translation>Régler</translation>
        </message>
        <message>
            <source>Recommendations</source>
            <translation>Recommandations</translation>
        </message>
        <message>
            <source>Commissariat à la Réforme du Secteur de la Sécurité · %1 committee(s) in the consolidated database</source>
            <translation>Commissariat à la Réforme du Secteur de la Sécurité · %1 comité(s) dans la base consolidée</translation>
        </message>
        <message>
            <source>Expected committees: %1 regional (CCSR), %2 commune (CCSC) or added by hand.</source>
            <translation>Comités attendus : %1 régionaux (CCSR), %2 communaux (CCSC) ou ajoutés à la main.</translation>
        </message>
        <message>
            <source>At least one file received and imported.</source>
            <translation>Au moins un fichier reçu et importé.</translation>
        </message>
        <message>
            <source>Expected committees from which no file has arrived yet.</source>
            <translation>Comités attendus dont aucun fichier n'est encore arrivé.</translation>
        </message>
        <message>
            <source>No file imported yet.</source>
            <translation>Aucun fichier importé pour l'instant.</translation>
        </message>
        <message>
            <source>%1 file(s) refused in all</source>
            <translation>%1 fichier(s) refusé(s) au total</translation>
        </message>
        <message>
            <source>Rows received twice with different content: a person chooses.</source>
            <translation>Lignes reçues deux fois avec un contenu différent : une personne tranche.</translation>
        </message>
        <message>
            <source>of which %1 held (minutes adopted or not), all committees</source>
            <translation>dont %1 tenues (PV adopté ou non), tous comités confondus</translation>
        </message>
        <message>
            <source>%1 threat(s) recorded in all</source>
            <translation>%1 menace(s) enregistrée(s) au total</translation>
        </message>
        <message>
            <source>of %1 recommendation(s) in all</source>
            <translation>sur %1 recommandation(s) au total</translation>
        </message>
        <message>
            <source>No committee configured yet</source>
            <translation>Aucun comité n'est encore configuré</translation>
        </message>
        <message>
            <source>Run the set-up to enter the committee and its members.</source>
            <translation>Lancez la configuration pour saisir le comité et ses membres.</translation>
        </message>
        <message>
            <source>Chairwoman: %1</source>
            <translation>Présidente : %1</translation>
        </message>
        <message>
            <source>Chair: %1</source>
            <translation>Président : %1</translation>
        </message>
        <message>
            <source>Secretary: %1</source>
            <translation>Secrétaire : %1</translation>
        </message>
        <message>
            <source>No meeting planned.</source>
            <translation>Aucune réunion prévue.</translation>
        </message>
        <message>
            <source>Held meetings whose minutes are not adopted yet.</source>
            <translation>Réunions tenues dont le PV n'est pas encore adopté.</translation>
        </message>
        <message>
            <source>Formulated, transmitted or in progress.</source>
            <translation>Formulées, transmises ou en cours.</translation>
        </message>
        <message>
            <source>Open and past their deadline.</source>
            <translation>Ouvertes et dont l'échéance est passée.</translation>
        </message>
        <message>
            <source>of which %1 high or critical</source>
            <translation>dont %1 de niveau élevé ou critique</translation>
        </message>
        <message numerus="yes">
            <source>of whom %Ln women</source>
            <translation>
                <numerusform>dont %Ln femme</numerusform>
                <numerusform>dont %Ln femmes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Import a whole stick or folder</source>
            <translation>Importer toute une clé ou un dossier</translation>
        </message>
        <message>
            <source>Import files</source>
            <translation>Importer des fichiers</translation>
        </message>
        <message>
            <source>The committees' files (.ccsbak) are checked and merged into the CRSS database, row by row, by version number. Importing the same file twice changes nothing; a damaged or foreign file is refused and logged.</source>
            <translation>Les fichiers des comités (.ccsbak) sont vérifiés puis fusionnés dans la base du CRSS, fiche par fiche, selon leur numéro de version. Importer deux fois le même fichier ne change rien ; un fichier endommagé ou étranger est refusé et noté au journal.</translation>
        </message>
        <message>
            <source>1. What to import</source>
            <translation>1. Ce qu'il faut importer</translation>
        </message>
        <message>
            <source>Choose files…</source>
            <translation>Choisir des fichiers…</translation>
        </message>
        <message>
            <source>2. The CRSS private key</source>
            <translation>2. La clé privée du CRSS</translation>
        </message>
        <message>
            <source>Import</source>
            <translation>Importer</translation>
        </message>
        <message>
            <source>Choose the files to import</source>
            <translation>Choisir les fichiers à importer</translation>
        </message>
        <message>
            <source>CCS files (*.ccsbak);;All files (*)</source>
            <translation>Fichiers CCS (*.ccsbak);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Choose a stick or a folder.</source>
            <translation>Choisissez une clé ou un dossier.</translation>
        </message>
        <message>
            <source>Choose the files to import.</source>
            <translation>Choisissez les fichiers à importer.</translation>
        </message>
        <message>
            <source>No .ccsbak file was found there.</source>
            <translation>Aucun fichier .ccsbak n'a été trouvé à cet endroit.</translation>
        </message>
        <message>
            <source>{ok} file(s) imported, {refused} refused.</source>
            <translation>{ok} fichier(s) importé(s), {refused} refusé(s).</translation>
        </message>
        <message>
            <source>{n} conflict(s) to settle (page Conflicts).</source>
            <translation>{n} conflit(s) à régler (page Conflits).</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Terminé.</translation>
        </message>
    </context>
    <context>
        <name>ImportLogPage</name>
        <message>
            <source>Import log</source>
            <translation>Journal des imports</translation>
        </message>
        <message>
            <source>{n} files shown, {refused} refused.</source>
            <translation>{n} fichiers affichés, {refused} refusés.</translation>
        </message>
    </context>
    <context>
        <name>IntroPage</name>
        <message>
            <source>Welcome to CCS Desktop</source>
            <translation>Bienvenue dans CCS Desktop</translation>
        </message>
        <message>
            <source>This computer has no committee yet. Enter your committee once; everything stays editable in the Settings.</source>
            <translation>Cet ordinateur n'a pas encore de comité. Saisissez votre comité une fois ; tout reste modifiable dans les Paramètres.</translation>
        </message>
        <message>
            <source>You will need the committee's place (region, cercle, commune), the names of the chair and of the secretary, and the list of members (it can be pasted from a spreadsheet).</source>
            <translation>Il vous faut le lieu du comité (région, cercle, commune), les noms du président et du secrétaire, et la liste des membres (elle peut être collée depuis un tableur).</translation>
        </message>
        <message>
            <source>&lt;b&gt;Who uses this computer?&lt;/b&gt;</source>
            <translation>&lt;b&gt;Qui utilise cet ordinateur ?&lt;/b&gt;</translation>
        </message>
        <message>
            <source>A &amp;committee (CCSC / CCSR)</source>
            <translation>Un &amp;comité (CCSC / CCSR)</translation>
        </message>
        <message>
            <source>The C&amp;RSS (national consolidation)</source>
            <translation>Le C&amp;RSS (consolidation nationale)</translation>
        </message>
        <message>
            <source>The CRSS gathers the files the committees send it; it has no committee profile and no members of its own.</source>
            <translation>Le CRSS rassemble les fichiers que les comités lui envoient ; il n'a ni profil de comité ni membres propres.</translation>
        </message>
        <message>
            <source>Restore a backup instead…</source>
            <translation>Restaurer plutôt une sauvegarde…</translation>
        </message>
    </context>
    <context>
        <name>KeygenDialog</name>
        <message>
            <source>Generate the CRSS key pair</source>
            <translation>Créer la paire de clés du CRSS</translation>
        </message>
        <message>
            <source>The CRSS key pair has two files. crss.pub (public) is given to every committee: their transmissions are encrypted for it. crss.key (private, protected by a passphrase) opens them: keep it secret, and keep a copy on a second USB stick in a safe place. Without it, no transmission can be read.</source>
            <translation>La paire de clés du CRSS tient en deux fichiers. crss.pub (publique) est remise à chaque comité : leurs transmissions sont chiffrées pour elle. crss.key (privée, protégée par une phrase secrète) les ouvre : gardez-la secrète, avec une copie sur une seconde clé USB en lieu sûr. Sans elle, aucune transmission ne peut être lue.</translation>
        </message>
        <message>
            <source>1. Where to write the two files</source>
            <translation>1. Où écrire les deux fichiers</translation>
        </message>
        <message>
            <source>2. Passphrase of the private key</source>
            <translation>2. Phrase secrète de la clé privée</translation>
        </message>
        <message>
            <source>Generate the keys</source>
            <translation>Créer les clés</translation>
        </message>
        <message>
            <source>Copy the private key to a second stick…</source>
            <translation>Copier la clé privée sur une seconde clé…</translation>
        </message>
        <message>
            <source>Choose a USB stick or a folder.</source>
            <translation>Choisissez une clé USB ou un dossier.</translation>
        </message>
        <message>
            <source>The key pair was created.</source>
            <translation>La paire de clés a été créée.</translation>
        </message>
        <message>
            <source>Public key (give it to the committees): {path}</source>
            <translation>Clé publique (à remettre aux comités) : {path}</translation>
        </message>
        <message>
            <source>Private key (secret, protected): {path}</source>
            <translation>Clé privée (secrète, protégée) : {path}</translation>
        </message>
        <message>
            <source>Fingerprint (above): the committees read it aloud with you before trusting the key.</source>
            <translation>Empreinte (ci-dessus) : les comités la lisent à voix haute avec vous avant d'enregistrer la clé.</translation>
        </message>
        <message>
            <source>Now copy the private key to a second USB stick.</source>
            <translation>Copiez maintenant la clé privée sur une seconde clé USB.</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Terminé.</translation>
        </message>
        <message>
            <source>Choose the second USB stick</source>
            <translation>Choisir la seconde clé USB</translation>
        </message>
        <message>
            <source>The private key was copied and checked: {path}. Keep this stick in a safe place.</source>
            <translation>La clé privée a été copiée et vérifiée : {path}. Gardez cette clé USB en lieu sûr.</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>Commune (CCSC)</source>
            <translation>Commune (CCSC)</translation>
        </message>
        <message>
            <source>Region (CCSR)</source>
            <translation>Région (CCSR)</translation>
        </message>
        <message>
            <source>Cercle</source>
            <translation>Cercle</translation>
        </message>
        <message>
            <source>Rural commune</source>
            <translation>Commune rurale</translation>
        </message>
        <message>
            <source>Urban commune</source>
            <translation>Commune urbaine</translation>
        </message>
        <message>
            <source>Man</source>
            <translation>Homme</translation>
        </message>
        <message>
            <source>Woman</source>
            <translation>Femme</translation>
        </message>
        <message>
            <source>Administrative authorities</source>
            <translation>Autorités administratives</translation>
        </message>
        <message>
            <source>Elected councillors / Special delegation</source>
            <translation>Élus communaux / Délégation spéciale</translation>
        </message>
        <message>
            <source>Defence and Security Forces</source>
            <translation>Forces de Défense et de Sécurité</translation>
        </message>
        <message>
            <source>Justice</source>
            <translation>Justice</translation>
        </message>
        <message>
            <source>Technical services</source>
            <translation>Services techniques</translation>
        </message>
        <message>
            <source>Traditional authorities</source>
            <translation>Autorités traditionnelles</translation>
        </message>
        <message>
            <source>Religious leaders</source>
            <translation>Leaders religieux</translation>
        </message>
        <message>
            <source>Women's representatives (CAFO)</source>
            <translation>Représentantes des femmes (CAFO)</translation>
        </message>
        <message>
            <source>Youth representatives (CNJ)</source>
            <translation>Représentants des jeunes (CNJ)</translation>
        </message>
        <message>
            <source>Civil society organisations</source>
            <translation>Organisations de la société civile</translation>
        </message>
        <message>
            <source>Hunters</source>
            <translation>Chasseurs</translation>
        </message>
        <message>
            <source>Others</source>
            <translation>Autres</translation>
        </message>
        <message>
            <source>FAMa (army)</source>
            <translation>FAMa (armée)</translation>
        </message>
        <message>
            <source>Gendarmerie</source>
            <translation>Gendarmerie</translation>
        </message>
        <message>
            <source>National Guard</source>
            <translation>Garde nationale</translation>
        </message>
        <message>
            <source>Police</source>
            <translation>Police</translation>
        </message>
        <message>
            <source>Civil protection</source>
            <translation>Protection civile</translation>
        </message>
        <message>
            <source>Customs</source>
            <translation>Douanes</translation>
        </message>
        <message>
            <source>Water and Forests</source>
            <translation>Eaux et Forêts</translation>
        </message>
        <message>
            <source>Ordinary</source>
            <translation>Ordinaire</translation>
        </message>
        <message>
            <source>Extraordinary</source>
            <translation>Extraordinaire</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Prévue</translation>
        </message>
        <message>
            <source>Held</source>
            <translation>Tenue</translation>
        </message>
        <message>
            <source>Not held</source>
            <translation>Non tenue</translation>
        </message>
        <message>
            <source>Minutes adopted</source>
            <translation>PV adopté</translation>
        </message>
        <message>
            <source>Insecurity</source>
            <translation>Insécurité</translation>
        </message>
        <message>
            <source>Blockade</source>
            <translation>Blocus</translation>
        </message>
        <message>
            <source>Flood</source>
            <translation>Crue</translation>
        </message>
        <message>
            <source>No quorum</source>
            <translation>Absence de quorum</translation>
        </message>
        <message>
            <source>Other reason</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Majority of active members</source>
            <translation>Majorité des membres actifs</translation>
        </message>
        <message>
            <source>Two thirds of active members</source>
            <translation>Deux tiers des membres actifs</translation>
        </message>
        <message>
            <source>Fixed number of members</source>
            <translation>Nombre fixe de membres</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Faible</translation>
        </message>
        <message>
            <source>Medium</source>
            <translation>Moyen</translation>
        </message>
        <message>
            <source>High</source>
            <translation>Élevé</translation>
        </message>
        <message>
            <source>Critical</source>
            <translation>Critique</translation>
        </message>
        <message>
            <source>Rising</source>
            <translation>En hausse</translation>
        </message>
        <message>
            <source>Stable</source>
            <translation>Stable</translation>
        </message>
        <message>
            <source>Falling</source>
            <translation>En baisse</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message>
            <source>Watched</source>
            <translation>Surveillée</translation>
        </message>
        <message>
            <source>Resolved</source>
            <translation>Résolue</translation>
        </message>
        <message>
            <source>Not addressed</source>
            <translation>Non traitée</translation>
        </message>
        <message>
            <source>Being addressed</source>
            <translation>En cours de traitement</translation>
        </message>
        <message>
            <source>Addressed</source>
            <translation>Traitée</translation>
        </message>
        <message>
            <source>Village</source>
            <translation>Village</translation>
        </message>
        <message>
            <source>Fraction</source>
            <translation>Fraction</translation>
        </message>
        <message>
            <source>Quarter</source>
            <translation>Quartier</translation>
        </message>
        <message>
            <source>Road axis</source>
            <translation>Axe routier</translation>
        </message>
        <message>
            <source>Displaced people's site</source>
            <translation>Site de déplacés</translation>
        </message>
        <message>
            <source>Pond / bourgoutière</source>
            <translation>Mare / bourgoutière</translation>
        </message>
        <message>
            <source>Other place</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Formulated</source>
            <translation>Formulée</translation>
        </message>
        <message>
            <source>Transmitted</source>
            <translation>Transmise</translation>
        </message>
        <message>
            <source>In progress</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Implemented</source>
            <translation>Mise en œuvre</translation>
        </message>
        <message>
            <source>Partly implemented</source>
            <translation>Partiellement mise en œuvre</translation>
        </message>
        <message>
            <source>Not implemented</source>
            <translation>Non mise en œuvre</translation>
        </message>
        <message>
            <source>Abandoned</source>
            <translation>Abandonnée</translation>
        </message>
        <message>
            <source>High priority</source>
            <translation>Haute</translation>
        </message>
        <message>
            <source>Normal priority</source>
            <translation>Normale</translation>
        </message>
        <message>
            <source>Low priority</source>
            <translation>Basse</translation>
        </message>
        <message>
            <source>Training</source>
            <translation>Formation</translation>
        </message>
        <message>
            <source>Awareness raising</source>
            <translation>Sensibilisation</translation>
        </message>
        <message>
            <source>Social cohesion</source>
            <translation>Cohésion sociale</translation>
        </message>
        <message>
            <source>Clean-up day</source>
            <translation>Journée de salubrité</translation>
        </message>
        <message>
            <source>Road safety</source>
            <translation>Sécurité routière</translation>
        </message>
        <message>
            <source>Radio programme</source>
            <translation>Émission radio</translation>
        </message>
        <message>
            <source>Other activity</source>
            <translation>Autre</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Oui</translation>
        </message>
        <message>
            <source>No</source>
            <translation>Non</translation>
        </message>
        <message>
            <source>Member</source>
            <translation>Membre</translation>
        </message>
        <message>
            <source>Guest</source>
            <translation>Invité(e)</translation>
        </message>
        <message>
            <source>Inactive</source>
            <translation>Inactif</translation>
        </message>
    </context>
    <context>
        <name>ListPage</name>
        <message>
            <source>Delete</source>
            <extracomment>one choice of a filter: its text and the ListQuery filters it sets ({} = no filter) emitted with (kind, record id or None) when a record is to be opened the user asked to delete the selected record (kind, id) the CRSS reads the committees' records: no new record, no delete column layout saved apart when the columns differ (the CRSS's "Comité" column)</extracomment>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Delete the selected row (Del); Ctrl+Z undoes it</source>
            <translation>Supprimer la ligne choisie (Suppr) ; Ctrl+Z l'annule</translation>
        </message>
        <message>
            <source>Search…</source>
            <translation>Rechercher…</translation>
        </message>
        <message>
            <source>Accents and capitals are ignored: “securite” finds “Sécurité” (Ctrl+F)</source>
            <translation>Accents et majuscules ignorés : « securite » trouve « Sécurité » (Ctrl+F)</translation>
        </message>
        <message>
            <source>Clear filters</source>
            <translation>Effacer les filtres</translation>
        </message>
        <message>
            <source>Nothing matches these filters or this search. “Clear filters” shows every row again.</source>
            <translation>Aucune ligne ne correspond à ces filtres ou à cette recherche. « Effacer les filtres » les montre toutes de nouveau.</translation>
        </message>
        <message>
            <source>Nothing here yet: the rows arrive with the files the committees send (Backup menu, “Import files…”).</source>
            <translation>Rien pour l'instant : les lignes arrivent avec les fichiers envoyés par les comités (menu Sauvegarde, « Importer des fichiers… »).</translation>
        </message>
        <message>
            <source>Nothing recorded yet. Click “%1” to start.</source>
            <translation>Rien n'est encore enregistré. Cliquez sur « %1 » pour commencer.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>CCS Desktop</source>
            <translation>CCS Desktop</translation>
        </message>
        <message>
            <source>&amp;New…</source>
            <translation>&amp;Nouveau…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>&amp;Search</source>
            <translation>&amp;Rechercher</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Annuler</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Rétablir</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Édition</translation>
        </message>
        <message>
            <source>&amp;Go</source>
            <translation>&amp;Aller à</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Ai&amp;de</translation>
        </message>
        <message>
            <source>&amp;About CCS Desktop</source>
            <translation>À &amp;propos de CCS Desktop</translation>
        </message>
        <message>
            <source>CRSS: national consolidation</source>
            <translation>CRSS : consolidation nationale</translation>
        </message>
        <message>
            <source>No committee configured</source>
            <translation>Aucun comité configuré</translation>
        </message>
        <message>
            <source>DEMO DATA</source>
            <translation>DONNÉES FICTIVES</translation>
        </message>
        <message>
            <source>Everything is saved as you type.</source>
            <translation>Tout est enregistré au fur et à mesure de la saisie.</translation>
        </message>
        <message>
            <source>About CCS Desktop</source>
            <translation>À propos de CCS Desktop</translation>
        </message>
        <message>
            <source>CCS Desktop: the registers of the Comités Consultatifs de Sécurité (CCS) of Mali: meetings, threats, vulnerabilities, recommendations and activities.</source>
            <translation>CCS Desktop : les registres des Comités Consultatifs de Sécurité (CCS) du Mali : réunions, menaces, vulnérabilités, recommandations et activités.</translation>
        </message>
    </context>
    <context>
        <name>MeetingEditor</name>
        <message>
            <source>Attachments</source>
            <translation>Pièces jointes</translation>
        </message>
        <message>
            <source>Documents to print…</source>
            <translation>Documents à imprimer…</translation>
        </message>
        <message>
            <source>Preview, print or save the PV, the restricted annex, the convocations and the attendance sheet</source>
            <translation>Aperçu, impression ou enregistrement du PV, de l'annexe restreinte, des convocations et de la liste de présence</translation>
        </message>
        <message>
            <source>Save the General tab first: attendance, agenda, threats and recommendations open once the meeting exists.</source>
            <translation>Enregistrez d'abord l'onglet Général : présences, ordre du jour, menaces et recommandations s'ouvrent une fois la réunion créée.</translation>
        </message>
        <message>
            <source>Number in the year</source>
            <translation>Numéro dans l'année</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Kind of meeting</source>
            <translation>Type de réunion</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Start time</source>
            <translation>Heure de début</translation>
        </message>
        <message>
            <source>e.g. 10 h 00</source>
            <translation>ex. 10 h 00</translation>
        </message>
        <message>
            <source>End time</source>
            <translation>Heure de fin</translation>
        </message>
        <message>
            <source>e.g. 13 h 15</source>
            <translation>ex. 13 h 15</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>Chair</source>
            <translation>Président(e) de séance</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>Secretary</source>
            <translation>Secrétaire de séance</translation>
        </message>
        <message>
            <source>Convened by</source>
            <translation>Convoquée par</translation>
        </message>
        <message>
            <source>e.g. le Maire de la commune</source>
            <translation>ex. le Maire de la commune</translation>
        </message>
        <message>
            <source>Convocation dated</source>
            <translation>Convocation en date du</translation>
        </message>
        <message>
            <source>Reason not held</source>
            <translation>Motif de non-tenue</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>Précisions</translation>
        </message>
        <message>
            <source>Mark as not held…</source>
            <translation>Marquer non tenue…</translation>
        </message>
        <message>
            <source>Mark as held</source>
            <translation>Marquer tenue</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Guest:</source>
            <translation>Invité :</translation>
        </message>
        <message>
            <source>Add as present guest</source>
            <translation>Ajouter comme invité présent</translation>
        </message>
        <message>
            <source>New guest…</source>
            <translation>Nouvel invité…</translation>
        </message>
        <message>
            <source>Attendance</source>
            <translation>Présences</translation>
        </message>
        <message>
            <source>Title of a new item</source>
            <translation>Intitulé d'un nouveau point</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Remove…</source>
            <translation>Retirer…</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Monter</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Descendre</translation>
        </message>
        <message>
            <source>What was said (the deliberations)</source>
            <translation>Ce qui a été dit (les délibérations)</translation>
        </message>
        <message>
            <source>What was decided (kept apart from the discussion in the PV)</source>
            <translation>Ce qui a été décidé (séparé des débats dans le PV)</translation>
        </message>
        <message>
            <source>Sensitive information: goes only into the restricted annex</source>
            <translation>Informations sensibles : uniquement dans l'annexe restreinte</translation>
        </message>
        <message>
            <source>Adopt it at this meeting</source>
            <translation>L'adopter en cette séance</translation>
        </message>
        <message>
            <source>Title of the item</source>
            <translation>Intitulé du point</translation>
        </message>
        <message>
            <source>Discussion</source>
            <translation>Débats</translation>
        </message>
        <message>
            <source>Decisions</source>
            <translation>Décisions</translation>
        </message>
        <message>
            <source>DIFFUSION RESTREINTE</source>
            <translation>DIFFUSION RESTREINTE</translation>
        </message>
        <message>
            <source>Never printed in the PV nor sent to the CRSS: a separate annex kept on this computer. Never write the name of a source or of a suspect.</source>
            <translation>Jamais imprimé dans le PV ni transmis au CRSS : une annexe à part, gardée sur cet ordinateur. N'écrivez jamais le nom d'une source ni d'un suspect.</translation>
        </message>
        <message>
            <source>Agenda</source>
            <translation>Ordre du jour</translation>
        </message>
        <message>
            <source>Threats discussed at this meeting</source>
            <translation>Menaces examinées lors de cette réunion</translation>
        </message>
        <message>
            <source>What changed since the last assessment (no names)</source>
            <translation>Ce qui a changé depuis la dernière évaluation (sans noms)</translation>
        </message>
        <message>
            <source>Threat</source>
            <translation>Menace</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>Probabilité</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Gravité</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>Tendance</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>Re-assess at this meeting</source>
            <translation>Réévaluer lors de cette réunion</translation>
        </message>
        <message>
            <source>New threat…</source>
            <translation>Nouvelle menace…</translation>
        </message>
        <message>
            <source>Vulnerabilities raised at this meeting</source>
            <translation>Vulnérabilités relevées lors de cette réunion</translation>
        </message>
        <message>
            <source>Link to this meeting</source>
            <translation>Rattacher à cette réunion</translation>
        </message>
        <message>
            <source>New vulnerability…</source>
            <translation>Nouvelle vulnérabilité…</translation>
        </message>
        <message>
            <source>Threats and vulnerabilities</source>
            <translation>Menaces et vulnérabilités</translation>
        </message>
        <message>
            <source>Recommendations made at this meeting (double-click to open, link threats and vulnerabilities, record the transmission):</source>
            <translation>Recommandations formulées lors de cette réunion (double-clic pour ouvrir, lier menaces et vulnérabilités, noter la transmission) :</translation>
        </message>
        <message>
            <source>New recommendation…</source>
            <translation>Nouvelle recommandation…</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Ouvrir</translation>
        </message>
        <message>
            <source>Recommendations</source>
            <translation>Recommandations</translation>
        </message>
        <message>
            <source>Record the adoption of this PV</source>
            <translation>Enregistrer l'adoption de ce PV</translation>
        </message>
        <message>
            <source>Adopted at the meeting of</source>
            <translation>Adopté en séance du</translation>
        </message>
        <message>
            <source>Adopted with amendments</source>
            <translation>Adopté avec amendements</translation>
        </message>
        <message>
            <source>Signed and stamped PV (scan or photo)</source>
            <translation>PV signé et cacheté (scan ou photo)</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>Choisir…</translation>
        </message>
        <message>
            <source>Signed scan</source>
            <translation>Scan signé</translation>
        </message>
        <message>
            <source>Record the adoption</source>
            <translation>Enregistrer l'adoption</translation>
        </message>
        <message>
            <source>Amendments (corrections to the adopted PV)</source>
            <translation>Rectificatifs (corrections du PV adopté)</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>Motif</translation>
        </message>
        <message>
            <source>Correction</source>
            <translation>Correction</translation>
        </message>
        <message>
            <source>Add the amendment</source>
            <translation>Ajouter le rectificatif</translation>
        </message>
        <message>
            <source>Preview / print the PV</source>
            <translation>Aperçu / Imprimer le PV</translation>
        </message>
        <message>
            <source>Adoption</source>
            <translation>Adoption</translation>
        </message>
        <message>
            <source> at the meeting of {date}</source>
            <translation> en séance du {date}</translation>
        </message>
        <message>
            <source>PV adopted on {date}{by}: read only. A correction is an amendment (Adoption tab).</source>
            <translation>PV adopté le {date}{by} : lecture seule. Une correction se fait par un rectificatif (onglet Adoption).</translation>
        </message>
        <message>
            <source>New meeting</source>
            <translation>Nouvelle réunion</translation>
        </message>
        <message>
            <source>Meeting {ref} of {date}</source>
            <translation>Réunion {ref} du {date}</translation>
        </message>
        <message>
            <source>Chairwoman of the meeting</source>
            <translation>La Présidente de séance</translation>
        </message>
        <message>
            <source>Chairman of the meeting</source>
            <translation>Le Président de séance</translation>
        </message>
        <message>
            <source>Secretary of the meeting</source>
            <translation>La Secrétaire de séance</translation>
        </message>
        <message>
            <source>Meeting secretary</source>
            <translation>Le Secrétaire de séance</translation>
        </message>
        <message>
            <source>Present</source>
            <translation>Présent</translation>
        </message>
        <message>
            <source>Absent</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>Excused</source>
            <translation>Excusé</translation>
        </message>
        <message>
            <source>guest</source>
            <translation>invité</translation>
        </message>
        <message>
            <source>Members present: {present} (women: {women}, men: {men}, young people: {youth}) · guests: {guests} · absent: {absent} · excused: {excused}</source>
            <translation>Membres présents : {present} (femmes : {women}, hommes : {men}, jeunes : {youth}) · invités : {guests} · absents : {absent} · excusés : {excused}</translation>
        </message>
        <message>
            <source>Quorum reached: {present} members present, {needed} required ({active} active members). Women: {share} % of the members present.</source>
            <translation>Quorum atteint : {present} membres présents, {needed} requis ({active} membres actifs). Femmes : {share} % des membres présents.</translation>
        </message>
        <message>
            <source>Quorum NOT reached: {present} members present, {needed} required ({active} active members). Women: {share} % of the members present.</source>
            <translation>Quorum NON atteint : {present} membres présents, {needed} requis ({active} membres actifs). Femmes : {share} % des membres présents.</translation>
        </message>
        <message>
            <source>Present by category: {list}</source>
            <translation>Présents par catégorie : {list}</translation>
        </message>
        <message>
            <source>The PV {ref} of {date} awaits adoption.</source>
            <translation>Le PV {ref} du {date} attend son adoption.</translation>
        </message>
        <message>
            <source>The minutes of the meeting of {date} are adopted without amendment.</source>
            <translation>Le procès-verbal de la réunion du {date} est adopté sans amendement.</translation>
        </message>
        <message>
            <source>Changes not saved yet</source>
            <translation>Modifications pas encore enregistrées</translation>
        </message>
        <message>
            <source>Saved at {time}</source>
            <translation>Enregistré à {time}</translation>
        </message>
        <message>
            <source>Remove the item “{title}” from the agenda?</source>
            <translation>Retirer le point « {title} » de l'ordre du jour ?</translation>
        </message>
        <message>
            <source>Remove the agenda item “{title}”</source>
            <translation>Retirer le point « {title} »</translation>
        </message>
        <message>
            <source> — re-assessed at this meeting</source>
            <translation> — réévaluée lors de cette réunion</translation>
        </message>
        <message>
            <source>Adopted with amendments.</source>
            <translation>Adopté avec amendements.</translation>
        </message>
        <message>
            <source>This PV awaits adoption at a later meeting (standing item « Lecture et adoption du procès-verbal de la réunion précédente »).</source>
            <translation>Ce PV attend son adoption lors d'une réunion suivante (point permanent « Lecture et adoption du procès-verbal de la réunion précédente »).</translation>
        </message>
        <message>
            <source>Only the PV of a held meeting can be adopted: mark the meeting as held first (General tab).</source>
            <translation>Seul le PV d'une réunion tenue peut être adopté : marquez d'abord la réunion comme tenue (onglet Général).</translation>
        </message>
        <message>
            <source>Cannot read the scan: {error}</source>
            <translation>Impossible de lire le scan : {error}</translation>
        </message>
        <message>
            <source>The PV preview could not open: {error}</source>
            <translation>L'aperçu du PV n'a pas pu s'ouvrir : {error}</translation>
        </message>
        <message>
            <source>Warning: the PDF of the adopted PV could not be archived now ({error}); the adoption itself is saved.</source>
            <translation>Attention : le PDF du PV adopté n'a pas pu être archivé maintenant ({error}) ; l'adoption elle-même est enregistrée.</translation>
        </message>
    </context>
    <context>
        <name>MembersPage</name>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Type the members or paste them from a spreadsheet: one per line, "Given names FAMILY NAME", sex (H/F), category. You can also add them later.</source>
            <translation>Saisissez les membres ou collez-les depuis un tableur : un par ligne, « Prénom(s) NOM », sexe (H/F), catégorie. Vous pourrez aussi les ajouter plus tard.</translation>
        </message>
        <message>
            <source>&amp;Paste from the clipboard</source>
            <translation>&amp;Coller depuis le presse-papiers</translation>
        </message>
        <message>
            <source>Add &amp;rows</source>
            <translation>Ajouter des &amp;lignes</translation>
        </message>
        <message>
            <source>Categories: %1.</source>
            <translation>Catégories : %1.</translation>
        </message>
    </context>
    <context>
        <name>MembersTable</name>
        <message>
            <source>Given names and FAMILY NAME</source>
            <translation>Prénom(s) et NOM</translation>
        </message>
        <message>
            <source>Sex (H/F)</source>
            <translation>Sexe (H/F)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Youth (yes/no)</source>
            <translation>Jeune (oui/non)</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Line %1: </source>
            <translation>Ligne %1 : </translation>
        </message>
        <message>
            <source>write the given names then the FAMILY NAME.</source>
            <translation>écrivez le(s) prénom(s) puis le NOM.</translation>
        </message>
        <message>
            <source>sex must be H or F.</source>
            <translation>le sexe doit être H ou F.</translation>
        </message>
        <message>
            <source>unknown category « %1 ».</source>
            <translation>catégorie inconnue « %1 ».</translation>
        </message>
    </context>
    <context>
        <name>OfficersPage</name>
        <message>
            <source>Chair and secretary</source>
            <translation>Président et secrétaire</translation>
        </message>
        <message>
            <source>Their names go on the minutes; they are added to the members.</source>
            <translation>Leurs noms figurent sur les procès-verbaux ; ils sont ajoutés aux membres.</translation>
        </message>
        <message>
            <source>&lt;b&gt;Chair of the committee&lt;/b&gt;</source>
            <translation>&lt;b&gt;Président(e) du comité&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;b&gt;Secretary&lt;/b&gt;</source>
            <translation>&lt;b&gt;Secrétaire&lt;/b&gt;</translation>
        </message>
        <message>
            <source>chair</source>
            <translation>président</translation>
        </message>
        <message>
            <source>secretary</source>
            <translation>secrétaire</translation>
        </message>
        <message>
            <source>Give both the given names and the family name of the %1 (or leave both empty).</source>
            <translation>Indiquez le(s) prénom(s) et le nom du %1 (ou laissez les deux vides).</translation>
        </message>
    </context>
    <context>
        <name>Opening</name>
        <message>
            <source>Not available yet</source>
            <translation>Pas encore disponible</translation>
        </message>
        <message>
            <source>The forms are not available in this version yet.</source>
            <translation>Les formulaires ne sont pas encore disponibles dans cette version.</translation>
        </message>
    </context>
    <context>
        <name>PageCounts</name>
        <message numerus="yes">
            <source>%Ln meeting(s)</source>
            <translation>
                <numerusform>%Ln réunion</numerusform>
                <numerusform>%Ln réunions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln threat(s)</source>
            <translation>
                <numerusform>%Ln menace</numerusform>
                <numerusform>%Ln menaces</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln vulnerability(ies)</source>
            <translation>
                <numerusform>%Ln vulnérabilité</numerusform>
                <numerusform>%Ln vulnérabilités</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln recommendation(s)</source>
            <translation>
                <numerusform>%Ln recommandation</numerusform>
                <numerusform>%Ln recommandations</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln activity(ies)</source>
            <translation>
                <numerusform>%Ln activité</numerusform>
                <numerusform>%Ln activités</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%Ln person(s)</source>
            <translation>
                <numerusform>%Ln personne</numerusform>
                <numerusform>%Ln personnes</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Pages</name>
        <message>
            <source>Home</source>
            <translation>Accueil</translation>
        </message>
        <message>
            <source>Meetings</source>
            <translation>Réunions</translation>
        </message>
        <message>
            <source>Threats</source>
            <translation>Menaces</translation>
        </message>
        <message>
            <source>Vulnerabilities</source>
            <translation>Vulnérabilités</translation>
        </message>
        <message>
            <source>Recommendations</source>
            <translation>Recommandations</translation>
        </message>
        <message>
            <source>Activities</source>
            <translation>Activités</translation>
        </message>
        <message>
            <source>Members</source>
            <translation>Membres</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>New meeting</source>
            <translation>Nouvelle réunion</translation>
        </message>
        <message>
            <source>New threat</source>
            <translation>Nouvelle menace</translation>
        </message>
        <message>
            <source>New vulnerability</source>
            <translation>Nouvelle vulnérabilité</translation>
        </message>
        <message>
            <source>New recommendation</source>
            <translation>Nouvelle recommandation</translation>
        </message>
        <message>
            <source>New activity</source>
            <translation>Nouvelle activité</translation>
        </message>
        <message>
            <source>New member</source>
            <translation>Nouveau membre</translation>
        </message>
        <message>
            <source>Open (to follow up)</source>
            <translation>Ouvertes (à suivre)</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>En retard</translation>
        </message>
        <message>
            <source>Active members</source>
            <translation>Membres actifs</translation>
        </message>
        <message>
            <source>Guests</source>
            <translation>Invités</translation>
        </message>
        <message>
            <source>Inactive</source>
            <translation>Inactifs</translation>
        </message>
        <message>
            <source>Young people</source>
            <translation>Jeunes</translation>
        </message>
        <message>
            <source>Not young</source>
            <translation>Non jeunes</translation>
        </message>
    </context>
    <context>
        <name>PersonEditor</name>
        <message>
            <source>Title or rank</source>
            <translation>Titre ou grade</translation>
        </message>
        <message>
            <source>e.g. El Hadj, Imam, Adjudant-chef</source>
            <translation>ex. El Hadj, Imam, Adjudant-chef</translation>
        </message>
        <message>
            <source>Given names</source>
            <translation>Prénom(s)</translation>
        </message>
        <message>
            <source>Family name</source>
            <translation>Nom de famille</translation>
        </message>
        <message>
            <source>Shown in capitals on documents; particles such as Ag, Ould, Walet are kept.</source>
            <translation>Écrit en capitales sur les documents ; les particules Ag, Ould, Walet sont conservées.</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>Sexe</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>Youth</source>
            <translation>Jeune</translation>
        </message>
        <message>
            <source>Young person (counted across all categories)</source>
            <translation>Jeune (compté dans toutes les catégories)</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>Catégorie</translation>
        </message>
        <message>
            <source>Corps (FDS)</source>
            <translation>Corps (FDS)</translation>
        </message>
        <message>
            <source>— not specified —</source>
            <translation>— non précisé —</translation>
        </message>
        <message>
            <source>Organisation / structure</source>
            <translation>Structure</translation>
        </message>
        <message>
            <source>Function</source>
            <translation>Fonction</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>Stays on this computer: never sent to the CRSS.</source>
            <translation>Reste sur cet ordinateur : jamais transmis au CRSS.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Qualité</translation>
        </message>
        <message>
            <source>Member of the committee (otherwise a guest)</source>
            <translation>Membre du comité (sinon invité)</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Actif</translation>
        </message>
        <message>
            <source>Active (an inactive member is kept for history)</source>
            <translation>Actif (un membre inactif est gardé pour l'historique)</translation>
        </message>
        <message>
            <source>New member or guest</source>
            <translation>Nouveau membre ou invité</translation>
        </message>
        <message>
            <source>On documents: {name}</source>
            <translation>Sur les documents : {name}</translation>
        </message>
        <message>
            <source>Careful: a person with a similar name is already recorded: {names}. Check that this is not the same person (you can still save).</source>
            <translation>Attention : une personne au nom proche est déjà enregistrée : {names}. Vérifiez qu'il ne s'agit pas de la même personne (l'enregistrement reste possible).</translation>
        </message>
    </context>
    <context>
        <name>PersonFields</name>
        <message>
            <source>Title (El Hadj, Imam…):</source>
            <translation>Titre (El Hadj, Imam…) :</translation>
        </message>
        <message>
            <source>Given names:</source>
            <translation>Prénom(s) :</translation>
        </message>
        <message>
            <source>Family name:</source>
            <translation>Nom de famille :</translation>
        </message>
        <message>
            <source>Sex:</source>
            <translation>Sexe :</translation>
        </message>
        <message>
            <source>Function:</source>
            <translation>Fonction :</translation>
        </message>
    </context>
    <context>
        <name>PlaceFilter</name>
        <message>
            <source>code or name</source>
            <translation>code ou nom</translation>
        </message>
        <message>
            <source>Region:</source>
            <translation>Région :</translation>
        </message>
        <message>
            <source>Cercle:</source>
            <translation>Cercle :</translation>
        </message>
        <message>
            <source>Commune:</source>
            <translation>Commune :</translation>
        </message>
        <message>
            <source>Committee:</source>
            <translation>Comité :</translation>
        </message>
        <message>
            <source>All</source>
            <translation>Toutes</translation>
        </message>
    </context>
    <context>
        <name>RecommendationEditor</name>
        <message>
            <source>Recommendation</source>
            <translation>Recommandation</translation>
        </message>
        <message>
            <source>What the committee recommends, to whom, by when</source>
            <translation>Ce que le comité recommande, à qui, pour quand</translation>
        </message>
        <message>
            <source>Addressed to</source>
            <translation>Destinataire</translation>
        </message>
        <message>
            <source>e.g. Préfet, commandant de brigade, maire</source>
            <translation>ex. Préfet, commandant de brigade, maire</translation>
        </message>
        <message>
            <source>Responsible for follow-up</source>
            <translation>Responsable du suivi</translation>
        </message>
        <message>
            <source>Deadline</source>
            <translation>Échéance</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Threats it answers</source>
            <translation>Menaces concernées</translation>
        </message>
        <message>
            <source>Vulnerabilities it answers</source>
            <translation>Vulnérabilités concernées</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>Suivi</translation>
        </message>
        <message>
            <source>e.g. 012/CCSC-ALAFIA</source>
            <translation>ex. 012/CCSC-ALAFIA</translation>
        </message>
        <message>
            <source>e.g. Monsieur le Préfet du cercle de Tombouctou</source>
            <translation>ex. Monsieur le Préfet du cercle de Tombouctou</translation>
        </message>
        <message>
            <source>Letter date</source>
            <translation>Date de la lettre</translation>
        </message>
        <message>
            <source>Letter number</source>
            <translation>Lettre n°</translation>
        </message>
        <message>
            <source>Sent to</source>
            <translation>Transmise à</translation>
        </message>
        <message>
            <source>Record the transmission</source>
            <translation>Enregistrer la transmission</translation>
        </message>
        <message>
            <source>Record this status</source>
            <translation>Enregistrer ce statut</translation>
        </message>
        <message>
            <source>Save the recommendation to record its transmission.</source>
            <translation>Enregistrez la recommandation pour noter sa transmission.</translation>
        </message>
        <message>
            <source>Made at the meeting {ref}, whose PV is adopted: its wording no longer changes; its follow-up does.</source>
            <translation>Formulée lors de la réunion {ref}, dont le PV est adopté : son texte ne change plus ; son suivi, si.</translation>
        </message>
        <message>
            <source>Status: {status}</source>
            <translation>Statut : {status}</translation>
        </message>
        <message>
            <source>letter no. {n}</source>
            <translation>lettre n° {n}</translation>
        </message>
        <message>
            <source>to {who}</source>
            <translation>à {who}</translation>
        </message>
        <message>
            <source>New recommendation</source>
            <translation>Nouvelle recommandation</translation>
        </message>
    </context>
    <context>
        <name>RecordEditor</name>
        <message>
            <source>(none)</source>
            <translation>(non renseignée)</translation>
        </message>
        <message>
            <source>Restore the draft</source>
            <translation>Reprendre le brouillon</translation>
        </message>
        <message>
            <source>Discard it</source>
            <translation>L'ignorer</translation>
        </message>
        <message>
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Save (Ctrl+S)</source>
            <translation>Enregistrer (Ctrl+S)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Rétablir</translation>
        </message>
        <message>
            <source>CRSS consolidation: records are read-only here; they change at the committee that owns them and come back with its next transmission.</source>
            <translation>Consolidation du CRSS : les enregistrements sont en lecture seule ici ; ils changent au comité qui les tient et reviennent avec sa prochaine transmission.</translation>
        </message>
        <message>
            <source>An unsaved draft was found (written on {when}). Restore what was typed?</source>
            <translation>Un brouillon non enregistré a été retrouvé (écrit le {when}). Reprendre ce qui avait été saisi ?</translation>
        </message>
        <message>
            <source>Changes not saved yet</source>
            <translation>Modifications pas encore enregistrées</translation>
        </message>
        <message>
            <source>Not saved: correct the fields in red (what you typed is kept).</source>
            <translation>Non enregistré : corrigez les champs en rouge (votre saisie est conservée).</translation>
        </message>
        <message>
            <source>Saved at {time}</source>
            <translation>Enregistré à {time}</translation>
        </message>
    </context>
    <context>
        <name>RegisterEntryDialog</name>
        <message>
            <source>Expected committee: {place}</source>
            <translation>Comité attendu : {place}</translation>
        </message>
        <message>
            <source>not known</source>
            <translation>inconnue</translation>
        </message>
        <message>
            <source>e.g. Décision n°2021-045/CT</source>
            <translation>ex. Décision n°2021-045/CT</translation>
        </message>
        <message>
            <source>Installed on:</source>
            <translation>Installé le :</translation>
        </message>
        <message>
            <source>Creation decision:</source>
            <translation>Décision de création :</translation>
        </message>
        <message>
            <source>Supporting partner:</source>
            <translation>Partenaire d'appui :</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Statut :</translation>
        </message>
        <message>
            <source>Notes:</source>
            <translation>Remarques :</translation>
        </message>
    </context>
    <context>
        <name>RegisterPage</name>
        <message>
            <source>All</source>
            <translation>Tous</translation>
        </message>
        <message>
            <source>Never sent only</source>
            <translation>Jamais reçus seulement</translation>
        </message>
        <message>
            <source>Communes under two committees only</source>
            <translation>Communes sous deux comités seulement</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>Modifier…</translation>
        </message>
        <message>
            <source>Installation date, creation decision, partner, status</source>
            <translation>Date d'installation, décision de création, partenaire, statut</translation>
        </message>
        <message>
            <source>Status:</source>
            <translation>Statut :</translation>
        </message>
        <message>
            <source>Register of the committees</source>
            <translation>Registre des comités</translation>
        </message>
        <message>
            <source>{n} expected committees shown: {sent} sent a file, {never} never did, {dup} flagged.</source>
            <translation>{n} comités attendus affichés : {sent} ont envoyé un fichier, {never} jamais, {dup} signalés.</translation>
        </message>
    </context>
    <context>
        <name>RestoreDialog</name>
        <message>
            <source>Restore a backup</source>
            <translation>Restaurer une sauvegarde</translation>
        </message>
        <message>
            <source>Restoring replaces the committee's database by the content of a backup, for example after a disk failure or on a new PC. The current database is copied aside first, never deleted.</source>
            <translation>La restauration remplace la base du comité par le contenu d'une sauvegarde, par exemple après une panne de disque ou sur un nouveau PC. La base actuelle est d'abord mise de côté, jamais effacée.</translation>
        </message>
        <message>
            <source>1. The backup file</source>
            <translation>1. Le fichier de sauvegarde</translation>
        </message>
        <message>
            <source>a .ccsbak file, usually in CCS-Sauvegardes on the USB stick</source>
            <translation>un fichier .ccsbak, en général dans CCS-Sauvegardes sur la clé USB</translation>
        </message>
        <message>
            <source>Choose the file…</source>
            <translation>Choisir le fichier…</translation>
        </message>
        <message>
            <source>Copies on this PC…</source>
            <translation>Copies de ce PC…</translation>
        </message>
        <message>
            <source>Automatic copies made on this PC when the application closes and every day</source>
            <translation>Copies automatiques faites sur ce PC à la fermeture de l'application et chaque jour</translation>
        </message>
        <message>
            <source>2. Open it with</source>
            <translation>2. L'ouvrir avec</translation>
        </message>
        <message>
            <source>The backup passphrase</source>
            <translation>La phrase secrète de sauvegarde</translation>
        </message>
        <message>
            <source>The CRSS key (when the passphrase is forgotten)</source>
            <translation>La clé du CRSS (si la phrase secrète est oubliée)</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Phrase secrète :</translation>
        </message>
        <message>
            <source>3. What the file holds</source>
            <translation>3. Ce que contient le fichier</translation>
        </message>
        <message>
            <source>Open the file to see what it holds.</source>
            <translation>Ouvrez le fichier pour voir ce qu'il contient.</translation>
        </message>
        <message>
            <source>The current database will be copied aside (ccs.avant-restauration-….sqlite3 in the data folder) before it is replaced.</source>
            <translation>La base actuelle sera mise de côté (ccs.avant-restauration-….sqlite3 dans le dossier de données) avant d'être remplacée.</translation>
        </message>
        <message>
            <source>Open and check</source>
            <translation>Ouvrir et vérifier</translation>
        </message>
        <message>
            <source>Restore this backup</source>
            <translation>Restaurer cette sauvegarde</translation>
        </message>
        <message>
            <source>Choose the backup</source>
            <translation>Choisir la sauvegarde</translation>
        </message>
        <message>
            <source>CCS backups (*.ccsbak);;All files (*)</source>
            <translation>Sauvegardes CCS (*.ccsbak);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Choose an automatic copy</source>
            <translation>Choisir une copie automatique</translation>
        </message>
        <message>
            <source>Automatic copies (*.sqlite3);;All files (*)</source>
            <translation>Copies automatiques (*.sqlite3);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Type the backup passphrase.</source>
            <translation>Tapez la phrase secrète de sauvegarde.</translation>
        </message>
        <message>
            <source>File checked: complete, authentic and readable.</source>
            <translation>Fichier vérifié : complet, authentique et lisible.</translation>
        </message>
        <message>
            <source>This file is a transmission for the CRSS (reduced data, without names or phone numbers): it cannot restore a committee. Choose a backup.</source>
            <translation>Ce fichier est une transmission pour le CRSS (données réduites, sans noms ni téléphones) : il ne peut pas restaurer un comité. Choisissez une sauvegarde.</translation>
        </message>
        <message>
            <source>The file is complete and readable. Check the committee and the date above, then restore.</source>
            <translation>Le fichier est complet et lisible. Vérifiez le comité et la date ci-dessus, puis restaurez.</translation>
        </message>
        <message>
            <source>Replace the current database by this backup?

The current database will be copied aside first; what was typed since this backup is only in that copy.</source>
            <translation>Remplacer la base actuelle par cette sauvegarde ?

La base actuelle sera d'abord mise de côté ; ce qui a été saisi depuis cette sauvegarde ne se trouve que dans cette copie.</translation>
        </message>
        <message>
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
        <message>
            <source>The backup was restored.</source>
            <translation>La sauvegarde a été restaurée.</translation>
        </message>
        <message>
            <source>Committee: {name} ({code})</source>
            <translation>Comité : {name} ({code})</translation>
        </message>
        <message>
            <source>Backup of: {date}</source>
            <translation>Sauvegarde du : {date}</translation>
        </message>
        <message>
            <source>The previous database was copied aside: {path}</source>
            <translation>L'ancienne base a été mise de côté : {path}</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>Terminé.</translation>
        </message>
        <message>
            <source>The current database was not changed.</source>
            <translation>La base actuelle n'a pas été modifiée.</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <source>C&amp;hair:</source>
            <translation>&amp;Président(e) :</translation>
        </message>
        <message>
            <source>&amp;Secretary:</source>
            <translation>&amp;Secrétaire :</translation>
        </message>
        <message>
            <source>&amp;Quorum:</source>
            <translation>&amp;Quorum :</translation>
        </message>
        <message>
            <source>Fixed &amp;number of members:</source>
            <translation>&amp;Nombre fixe de membres :</translation>
        </message>
        <message>
            <source>Committee profile</source>
            <translation>Profil du comité</translation>
        </message>
        <message>
            <source>Send members' names to the CRSS (otherwise people are replaced by codes)</source>
            <translation>Transmettre les noms des membres au CRSS (sinon les personnes sont remplacées par des codes)</translation>
        </message>
        <message>
            <source>What goes up to the CRSS</source>
            <translation>Ce qui remonte au CRSS</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>&amp;Language of the application:</source>
            <translation>&amp;Langue de l'application :</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Enregistrer</translation>
        </message>
        <message>
            <source>This computer is the CRSS's: it gathers the files of the committees (menu Backup). It has no committee profile of its own.</source>
            <translation>Cet ordinateur est celui du CRSS : il rassemble les fichiers des comités (menu Sauvegarde). Il n'a pas de profil de comité propre.</translation>
        </message>
        <message>
            <source>No committee is set up yet: click “Set up the committee…” on the Home page. The language can be chosen now.</source>
            <translation>Aucun comité n'est encore configuré : cliquez sur « Configurer le comité… » sur la page Accueil. La langue peut déjà être choisie.</translation>
        </message>
        <message>
            <source>(nobody chosen)</source>
            <translation>(personne)</translation>
        </message>
        <message>
            <source>Settings saved.</source>
            <translation>Paramètres enregistrés.</translation>
        </message>
    </context>
    <context>
        <name>SetupWizard</name>
        <message>
            <source>Set up the committee</source>
            <translation>Configuration du comité</translation>
        </message>
        <message>
            <source>This database already has a committee: the CRSS needs a database of its own (another data folder).</source>
            <translation>Cette base a déjà un comité : le CRSS a besoin d'une base à lui (un autre dossier de données).</translation>
        </message>
    </context>
    <context>
        <name>Start</name>
        <message>
            <source>Text typed before the program was closed unexpectedly (power cut?) was kept:

{lines}

Reopen these forms to finish them?</source>
            <translation>Du texte saisi avant une fermeture inattendue du programme (coupure de courant ?) a été conservé :

{lines}

Rouvrir ces formulaires pour les terminer ?</translation>
        </message>
    </context>
    <context>
        <name>ThreatEditor</name>
        <message>
            <source>Title</source>
            <translation>Intitulé</translation>
        </message>
        <message>
            <source>e.g. Cattle theft around Toya</source>
            <translation>ex. Vols de bétail autour de Toya</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>— choose —</source>
            <translation>— choisir —</translation>
        </message>
        <message>
            <source>Sub-type</source>
            <translation>Sous-type</translation>
        </message>
        <message>
            <source>— whole type —</source>
            <translation>— tout le type —</translation>
        </message>
        <message>
            <source>Likelihood</source>
            <translation>Probabilité</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Gravité</translation>
        </message>
        <message>
            <source>Resulting level:</source>
            <translation>Niveau obtenu :</translation>
        </message>
        <message>
            <source>Kind of place</source>
            <translation>Type de lieu</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>village, fraction, quartier, road axis…</source>
            <translation>village, fraction, quartier, axe routier…</translation>
        </message>
        <message>
            <source>First reported</source>
            <translation>Signalée le</translation>
        </message>
        <message>
            <source>Trend</source>
            <translation>Tendance</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>Source (category)</source>
            <translation>Source (catégorie)</translation>
        </message>
        <message>
            <source>Only the category of the source: never write the name of a source or of a suspect.</source>
            <translation>Seulement la catégorie de la source : n'écrivez jamais le nom d'une source ni d'un suspect.</translation>
        </message>
        <message>
            <source>Restricted</source>
            <translation>Accès restreint</translation>
        </message>
        <message>
            <source>DIFFUSION RESTREINTE</source>
            <translation>DIFFUSION RESTREINTE</translation>
        </message>
        <message>
            <source>Tick for a complaint about the conduct of the FDS: the threat is then recorded only as « plainte transmise à l'autorité compétente », kept out of the PV and of what goes to the CRSS.</source>
            <translation>À cocher pour une plainte sur la conduite des FDS : la menace est alors notée seulement « plainte transmise à l'autorité compétente », hors du PV et de ce qui part au CRSS.</translation>
        </message>
        <message>
            <source>Assessment history</source>
            <translation>Historique des évaluations</translation>
        </message>
        <message>
            <source>{date}: {likelihood} × {impact} = {score} ({level}), trend {trend}</source>
            <translation>{date} : {likelihood} × {impact} = {score} ({level}), tendance {trend}</translation>
        </message>
        <message>
            <source>New threat</source>
            <translation>Nouvelle menace</translation>
        </message>
    </context>
    <context>
        <name>TrustKeyDialog</name>
        <message>
            <source>Trust a CRSS key</source>
            <translation>Enregistrer la clé du CRSS</translation>
        </message>
        <message>
            <source>The CRSS gives its public key as a file named crss.pub. Once trusted, the transmissions are encrypted for the CRSS, and your backups can also be reopened by the CRSS if the passphrase is forgotten.</source>
            <translation>Le CRSS remet sa clé publique dans un fichier nommé crss.pub. Une fois enregistrée, les transmissions sont chiffrées pour le CRSS, et vos sauvegardes peuvent aussi être rouvertes par le CRSS si la phrase secrète est oubliée.</translation>
        </message>
        <message>
            <source>Key trusted now: {fp}</source>
            <translation>Clé enregistrée actuellement : {fp}</translation>
        </message>
        <message>
            <source>No CRSS key is trusted yet.</source>
            <translation>Aucune clé du CRSS n'est encore enregistrée.</translation>
        </message>
        <message>
            <source>Choose the crss.pub file…</source>
            <translation>Choisir le fichier crss.pub…</translation>
        </message>
        <message>
            <source>Call the CRSS and read this fingerprint aloud, group by group. The CRSS reads its own: every letter and digit must be the same. If one differs, do not trust this file.</source>
            <translation>Appelez le CRSS et lisez cette empreinte à voix haute, groupe par groupe. Le CRSS lit la sienne : chaque lettre et chaque chiffre doivent être identiques. Si un seul diffère, n'enregistrez pas ce fichier.</translation>
        </message>
        <message>
            <source>The CRSS read me exactly the same fingerprint</source>
            <translation>Le CRSS m'a lu exactement la même empreinte</translation>
        </message>
        <message>
            <source>Trust this key</source>
            <translation>Enregistrer cette clé</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <source>Choose the CRSS public key</source>
            <translation>Choisir la clé publique du CRSS</translation>
        </message>
        <message>
            <source>CRSS public key (*.pub);;All files (*)</source>
            <translation>Clé publique du CRSS (*.pub);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>File: {path}</source>
            <translation>Fichier : {path}</translation>
        </message>
        <message>
            <source>The CRSS key is trusted. Transmissions are encrypted for it, and the next backups can also be reopened by the CRSS.</source>
            <translation>La clé du CRSS est enregistrée. Les transmissions sont chiffrées pour elle, et les prochaines sauvegardes pourront aussi être rouvertes par le CRSS.</translation>
        </message>
    </context>
    <context>
        <name>VulnerabilityEditor</name>
        <message>
            <source>Title</source>
            <translation>Intitulé</translation>
        </message>
        <message>
            <source>e.g. No street lighting at the market</source>
            <translation>ex. Pas d'éclairage public au marché</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Kind of place</source>
            <translation>Type de lieu</translation>
        </message>
        <message>
            <source>Place</source>
            <translation>Lieu</translation>
        </message>
        <message>
            <source>First reported</source>
            <translation>Signalée le</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Statut</translation>
        </message>
        <message>
            <source>New vulnerability</source>
            <translation>Nouvelle vulnérabilité</translation>
        </message>
    </context>
</TS>
