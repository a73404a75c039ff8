/** French: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Réessayer
Impossible de joindre la boutique. Vérifiez votre connexion et réessayez.
La boutique a mis trop de temps à répondre.
La boutique ne peut pas charger ceci pour le moment.
Impossible d’afficher ceci pour le moment.
La boutique est très sollicitée. Réessayez dans un instant.
La boutique a envoyé une réponse illisible.
Ceci n’est pas disponible pour le moment.
Article sans nom
Ajout…
Ajouté
Ajout impossible ici
---
Acheter à nouveau
carrousel
diapositive
{index} sur {count}
Articles précédents
Articles suivants
Ajouter au panier
{name} ajouté au panier
Impossible d’ajouter {name} au panier
Acheté {count} fois
Acheté une fois
Plus disponible
Chargement…
Chargement de vos articles
Afficher plus
Chargement d’autres articles…
Impossible de charger plus d’articles.
Rien à racheter pour l’instant. Vos articles commandés apparaîtront ici.
{count} articles chargés
1 article chargé
Articles {first} à {last} sur {count}
---
Votre panier
Paniers
Votre panier est vide.
Aucun panier pour l’instant.
Acheté
Acheté le {date}
Mis à jour {time}
Articles
Remises et livraison
Total
Abonnements mensuels
{amount} / mois

Retiré
Le détail des articles n’est pas disponible pour les paniers d’un salon.
Panier en cours
{count} paniers
1 panier
Chargement de votre panier
Panier chargé. Total {total}
Racheter
Tous les articles ont été ajoutés au panier.
{added} sur {total} ajoutés. Non ajoutés : {names}.
Impossible d’ajouter les articles au panier.
Ces articles ne peuvent pas être ajoutés au panier ici.
Panier chargé.
Chargement des paniers
prix non indiqué
{amount} par mois`;
