/** Dutch: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Opnieuw proberen
We konden de winkel niet bereiken. Controleer je verbinding en probeer het opnieuw.
De winkel deed er te lang over om te antwoorden.
De winkel kan dit nu niet laden.
Dit kan nu niet worden getoond.
Het is druk in de winkel. Probeer het zo nog eens.
De winkel stuurde iets wat we niet konden lezen.
Dit is nu niet beschikbaar.
Naamloos artikel
Toevoegen…
Toegevoegd
Hier niet toe te voegen
---
Opnieuw kopen
carrousel
dia
{index} van {count}
Vorige artikelen
Volgende artikelen
In winkelwagen
{name} is aan je winkelwagen toegevoegd
{name} kon niet aan de winkelwagen worden toegevoegd
{count} keer gekocht
Eén keer gekocht
Niet meer leverbaar
Laden…
Je artikelen worden geladen
Meer laden
Meer artikelen laden…
Meer artikelen laden is mislukt.
Nog niets om opnieuw te kopen. Artikelen die je bestelt, verschijnen hier.
{count} artikelen geladen
1 artikel geladen
Artikelen {first} tot en met {last} van {count}
---
Je winkelwagen
Winkelwagens
Je winkelwagen is leeg.
Nog geen winkelwagens.
Gekocht
Gekocht op {date}
Bijgewerkt {time}
Artikelen
Kortingen en verzending
Totaal
Maandelijkse abonnementen
{amount} / maand

Verwijderd
Voor winkelwagens in een ruimte zijn geen artikelregels beschikbaar.
Open winkelwagen
{count} winkelwagens
1 winkelwagen
Je winkelwagen wordt geladen
Winkelwagen geladen. Totaal {total}
Opnieuw kopen
Alle artikelen zijn aan je winkelwagen toegevoegd.
{added} van {total} toegevoegd. Niet toegevoegd: {names}.
De artikelen konden niet aan je winkelwagen worden toegevoegd.
Deze artikelen kunnen hier niet aan de winkelwagen worden toegevoegd.
Winkelwagen geladen.
Winkelwagens worden geladen
geen prijs
{amount} per maand`;
