/** Finnish: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Yritä uudelleen
Kauppaan ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.
Kauppa vastasi liian hitaasti.
Kauppa ei voi ladata tätä juuri nyt.
Tätä ei voi näyttää juuri nyt.
Kaupassa on ruuhkaa. Yritä hetken kuluttua uudelleen.
Kauppa lähetti jotain, mitä emme voineet lukea.
Tämä ei ole juuri nyt saatavilla.
Nimetön tuote
Lisätään…
Lisätty
Ei lisättävissä tässä
---
Osta uudelleen
karuselli
dia
{index}/{count}
Edelliset tuotteet
Seuraavat tuotteet
Lisää ostoskoriin
{name} lisättiin ostoskoriin
Tuotetta {name} ei voitu lisätä ostoskoriin
Ostettu {count} kertaa
Ostettu kerran
Ei enää saatavilla
Ladataan…
Tuotteitasi ladataan
Lataa lisää
Ladataan lisää tuotteita…
Lisää tuotteita ei voitu ladata.
Ei vielä mitään ostettavaa uudelleen. Tilaamasi tuotteet näkyvät täällä.
{count} tuotetta ladattu
1 tuote ladattu
Tuotteet {first}–{last}/{count}
---
Ostoskorisi
Ostoskorit
Ostoskorisi on tyhjä.
Ei vielä ostoskoreja.
Ostettu
Ostettu {date}
Päivitetty {time}
Tuotteet
Alennukset ja toimitus
Yhteensä
Kuukausitilaukset
{amount} / kk

Poistettu
Huoneen ostoskoreille ei ole tuoterivejä.
Avoin ostoskori
{count} ostoskoria
1 ostoskori
Ostoskoriasi ladataan
Ostoskori ladattu. Yhteensä {total}
Osta uudelleen
Kaikki tuotteet lisättiin ostoskoriin.
{added}/{total} lisätty. Lisäämättä: {names}.
Tuotteita ei voitu lisätä ostoskoriin.
Näitä tuotteita ei voi lisätä ostoskoriin tässä.
Ostoskori ladattu.
Ostoskoreja ladataan
ei hintaa
{amount} kuukaudessa`;
