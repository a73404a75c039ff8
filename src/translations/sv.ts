/** Swedish: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Försök igen
Vi nådde inte butiken. Kontrollera anslutningen och försök igen.
Butiken svarade inte i tid.
Butiken kan inte ladda detta just nu.
Det här kan inte visas just nu.
Butiken har mycket att göra. Försök igen om en stund.
Butiken skickade något vi inte kunde läsa.
Det här är inte tillgängligt just nu.
Namnlös artikel
Lägger till…
Tillagd
Kan inte läggas till här
---
Köp igen
karusell
bild
{index} av {count}
Föregående artiklar
Nästa artiklar
Lägg i varukorgen
{name} har lagts i varukorgen
Det gick inte att lägga {name} i varukorgen
Köpt {count} gånger
Köpt en gång
Finns inte längre
Laddar…
Dina artiklar laddas
Visa fler
Laddar fler artiklar…
Det gick inte att ladda fler artiklar.
Inget att köpa igen än. Artiklar du beställer visas här.
{count} artiklar laddade
1 artikel laddad
Artiklar {first} till {last} av {count}
---
Din varukorg
Varukorgar
Din varukorg är tom.
Inga varukorgar än.
Köpt
Köpt {date}
Uppdaterad {time}
Artiklar
Rabatter och frakt
Totalt
Månadsabonnemang
{amount} / månad

Borttagen
Artikelrader finns inte för varukorgar i ett rum.
Öppen varukorg
{count} varukorgar
1 varukorg
Din varukorg laddas
Varukorgen har laddats. Totalt {total}
Köp igen
Alla artiklar har lagts i varukorgen.
{added} av {total} tillagda. Inte tillagda: {names}.
Det gick inte att lägga artiklarna i varukorgen.
De här artiklarna kan inte läggas i varukorgen här.
Varukorgen har laddats.
Varukorgarna laddas
inget pris
{amount} per månad`;
