import { defaultMessages, type MessageKey, type Messages } from './messages.ts';

/**
 * Built-in translations, chosen by the widget's locale (its language subtag). Each language is
 * one message per line, in the order of `defaultMessages` (messages.ts), the first line being
 * `buyAgainHeading`: a table of keys would repeat every key in every language for every shopper. An
 * empty line falls back to English (`quantityTimes` is a formula, the same everywhere);
 * `configure({ messages })` overrides any string in every language. test/core/translations.test.ts
 * checks that every table has one line per key and the same placeholders as English.
 */
export const translationTables: Record<string, string> = {
  de: `
Erneut kaufen
Karussell
Folie
{index} von {count}
Vorherige Artikel
Nächste Artikel
In den Warenkorb
Wird hinzugefügt…
Hinzugefügt
{name} wurde in den Warenkorb gelegt
{name} konnte nicht in den Warenkorb gelegt werden
{count}-mal gekauft
Einmal gekauft
Nicht mehr erhältlich
Artikel ohne Namen
Wird geladen…
Deine Artikel werden geladen
Mehr laden
Weitere Artikel werden geladen…
Weitere Artikel konnten nicht geladen werden.
Noch nichts zum erneuten Kaufen. Bestellte Artikel erscheinen hier.
Erneut versuchen
Der Shop ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.
Der Shop hat zu lange nicht geantwortet.
Der Shop kann das gerade nicht laden.
Das kann gerade nicht angezeigt werden.
Der Shop ist ausgelastet. Bitte versuche es gleich noch einmal.
Der Shop hat etwas gesendet, das wir nicht lesen können.
Das ist gerade nicht verfügbar.
{count} Artikel geladen
Dein Warenkorb
Warenkörbe
Dein Warenkorb ist leer.
Noch keine Warenkörbe.
Gekauft
Gekauft am {date}
Aktualisiert {time}
Artikel
Rabatte und Versand
Gesamt
Monatliche Abos
{amount} / Monat

Entfernt
Für Warenkörbe in einem Raum gibt es keine Einzelposten.
Offener Warenkorb
{count} Warenkörbe
1 Warenkorb
Dein Warenkorb wird geladen
Warenkorb geladen. Gesamt {total}
1 Artikel geladen
Hier nicht hinzufügbar
{name} kann hier nicht in den Warenkorb gelegt werden.
Erneut kaufen
Alle Artikel wurden in den Warenkorb gelegt.
{added} von {total} hinzugefügt. Nicht hinzugefügt: {names}.
Die Artikel konnten nicht in den Warenkorb gelegt werden.
Diese Artikel können hier nicht in den Warenkorb gelegt werden.`,
  fr: `
Acheter à nouveau
carrousel
diapositive
{index} sur {count}
Articles précédents
Articles suivants
Ajouter au panier
Ajout…
Ajouté
{name} ajouté au panier
Impossible d’ajouter {name} au panier
Acheté {count} fois
Acheté une fois
Plus disponible
Article sans nom
Chargement…
Chargement de vos articles
Afficher plus
Chargement d’autres articles…
Impossible de charger plus d’articles.
Rien à racheter pour l’instant. Vos articles commandés apparaîtront ici.
Réessayer
Impossible de joindre la boutique. Vérifiez votre connexion et réessayez.
La boutique a mis trop de temps à répondre.
La boutique ne peut pas charger ceci pour le moment.
Impossible d’afficher ceci pour le moment.
La boutique est très sollicitée. Réessayez dans un instant.
La boutique a envoyé une réponse illisible.
Ceci n’est pas disponible pour le moment.
{count} articles chargés
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
1 article chargé
Ajout impossible ici
Impossible d’ajouter {name} au panier ici.
Racheter
Tous les articles ont été ajoutés au panier.
{added} sur {total} ajoutés. Non ajoutés : {names}.
Impossible d’ajouter les articles au panier.
Ces articles ne peuvent pas être ajoutés au panier ici.`,
  es: `
Volver a comprar
carrusel
diapositiva
{index} de {count}
Artículos anteriores
Artículos siguientes
Añadir a la cesta
Añadiendo…
Añadido
{name} añadido a la cesta
No se pudo añadir {name} a la cesta
Comprado {count} veces
Comprado una vez
Ya no está disponible
Artículo sin nombre
Cargando…
Cargando tus artículos
Cargar más
Cargando más artículos…
No se pudieron cargar más artículos.
Todavía no hay nada que volver a comprar. Tus pedidos aparecerán aquí.
Reintentar
No pudimos conectar con la tienda. Revisa tu conexión e inténtalo de nuevo.
La tienda tardó demasiado en responder.
La tienda no puede cargar esto ahora mismo.
No se puede mostrar esto en este momento.
La tienda está saturada. Inténtalo de nuevo en un momento.
La tienda envió algo que no pudimos leer.
Esto no está disponible en este momento.
{count} artículos cargados
Tu cesta
Cestas
Tu cesta está vacía.
Todavía no hay cestas.
Comprado
Comprado el {date}
Actualizado {time}
Artículos
Descuentos y envío
Total
Suscripciones mensuales
{amount} / mes

Eliminado
El detalle de artículos no está disponible para las cestas de una sala.
Cesta abierta
{count} cestas
1 cesta
Cargando tu cesta
Cesta cargada. Total {total}
1 artículo cargado
No se puede añadir aquí
{name} no se puede añadir al carrito aquí.
Volver a comprar
Se añadieron todos los artículos a la cesta.
{added} de {total} añadidos. Sin añadir: {names}.
No se pudieron añadir los artículos a la cesta.
Estos artículos no se pueden añadir a la cesta aquí.`,
  nl: `
Opnieuw kopen
carrousel
dia
{index} van {count}
Vorige artikelen
Volgende artikelen
In winkelwagen
Toevoegen…
Toegevoegd
{name} is aan je winkelwagen toegevoegd
{name} kon niet aan de winkelwagen worden toegevoegd
{count} keer gekocht
Eén keer gekocht
Niet meer leverbaar
Naamloos artikel
Laden…
Je artikelen worden geladen
Meer laden
Meer artikelen laden…
Meer artikelen laden is mislukt.
Nog niets om opnieuw te kopen. Artikelen die je bestelt, verschijnen hier.
Opnieuw proberen
We konden de winkel niet bereiken. Controleer je verbinding en probeer het opnieuw.
De winkel deed er te lang over om te antwoorden.
De winkel kan dit nu niet laden.
Dit kan nu niet worden getoond.
Het is druk in de winkel. Probeer het zo nog eens.
De winkel stuurde iets wat we niet konden lezen.
Dit is nu niet beschikbaar.
{count} artikelen geladen
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
1 artikel geladen
Hier niet toe te voegen
{name} kan hier niet aan de winkelwagen worden toegevoegd.
Opnieuw kopen
Alle artikelen zijn aan je winkelwagen toegevoegd.
{added} van {total} toegevoegd. Niet toegevoegd: {names}.
De artikelen konden niet aan je winkelwagen worden toegevoegd.
Deze artikelen kunnen hier niet aan de winkelwagen worden toegevoegd.`,
  sv: `
Köp igen
karusell
bild
{index} av {count}
Föregående artiklar
Nästa artiklar
Lägg i varukorgen
Lägger till…
Tillagd
{name} har lagts i varukorgen
Det gick inte att lägga {name} i varukorgen
Köpt {count} gånger
Köpt en gång
Finns inte längre
Namnlös artikel
Laddar…
Dina artiklar laddas
Visa fler
Laddar fler artiklar…
Det gick inte att ladda fler artiklar.
Inget att köpa igen än. Artiklar du beställer visas här.
Försök igen
Vi nådde inte butiken. Kontrollera anslutningen och försök igen.
Butiken svarade inte i tid.
Butiken kan inte ladda detta just nu.
Det här kan inte visas just nu.
Butiken har mycket att göra. Försök igen om en stund.
Butiken skickade något vi inte kunde läsa.
Det här är inte tillgängligt just nu.
{count} artiklar laddade
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
1 artikel laddad
Kan inte läggas till här
{name} kan inte läggas i varukorgen här.
Köp igen
Alla artiklar har lagts i varukorgen.
{added} av {total} tillagda. Inte tillagda: {names}.
Det gick inte att lägga artiklarna i varukorgen.
De här artiklarna kan inte läggas i varukorgen här.`,
  fi: `
Osta uudelleen
karuselli
dia
{index}/{count}
Edelliset tuotteet
Seuraavat tuotteet
Lisää ostoskoriin
Lisätään…
Lisätty
{name} lisättiin ostoskoriin
Tuotetta {name} ei voitu lisätä ostoskoriin
Ostettu {count} kertaa
Ostettu kerran
Ei enää saatavilla
Nimetön tuote
Ladataan…
Tuotteitasi ladataan
Lataa lisää
Ladataan lisää tuotteita…
Lisää tuotteita ei voitu ladata.
Ei vielä mitään ostettavaa uudelleen. Tilaamasi tuotteet näkyvät täällä.
Yritä uudelleen
Kauppaan ei saatu yhteyttä. Tarkista yhteys ja yritä uudelleen.
Kauppa vastasi liian hitaasti.
Kauppa ei voi ladata tätä juuri nyt.
Tätä ei voi näyttää juuri nyt.
Kaupassa on ruuhkaa. Yritä hetken kuluttua uudelleen.
Kauppa lähetti jotain, mitä emme voineet lukea.
Tämä ei ole juuri nyt saatavilla.
{count} tuotetta ladattu
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
1 tuote ladattu
Ei lisättävissä tässä
Tuotetta {name} ei voi lisätä ostoskoriin tässä.
Osta uudelleen
Kaikki tuotteet lisättiin ostoskoriin.
{added}/{total} lisätty. Lisäämättä: {names}.
Tuotteita ei voitu lisätä ostoskoriin.
Näitä tuotteita ei voi lisätä ostoskoriin tässä.`,
  ar: `
اشترِ مرة أخرى
عرض دوّار
شريحة
{index} من {count}
المنتجات السابقة
المنتجات التالية
أضف إلى السلة
جارٍ الإضافة…
تمت الإضافة
تمت إضافة {name} إلى السلة
تعذّرت إضافة {name} إلى السلة
تم الشراء {count} مرات
تم الشراء مرة واحدة
لم يعد متوفرًا
منتج بلا اسم
جارٍ التحميل…
جارٍ تحميل منتجاتك
تحميل المزيد
جارٍ تحميل المزيد من المنتجات…
تعذّر تحميل المزيد من المنتجات.
لا يوجد ما تعيد شراءه بعد. ستظهر هنا المنتجات التي تطلبها.
إعادة المحاولة
تعذّر الوصول إلى المتجر. تحقّق من اتصالك وحاول مرة أخرى.
استغرق المتجر وقتًا طويلًا للرد.
لا يستطيع المتجر تحميل هذا الآن.
لا يمكن عرض هذا الآن.
المتجر مشغول. يُرجى المحاولة بعد قليل.
أرسل المتجر بيانات لا يمكننا قراءتها.
هذا غير متاح الآن.
تم تحميل {count} منتجات
سلتك
السلال
سلتك فارغة.
لا توجد سلال بعد.
تم الشراء
تم الشراء في {date}
تم التحديث {time}
المنتجات
الخصومات والتوصيل
الإجمالي
الاشتراكات الشهرية
{amount} / شهريًا

تمت الإزالة
تفاصيل المنتجات غير متاحة لسلال الغرف.
سلة مفتوحة
{count} سلال
سلة واحدة
جارٍ تحميل سلتك
تم تحميل السلة. الإجمالي {total}
تم تحميل منتج واحد
لا يمكن الإضافة هنا
لا يمكن إضافة {name} إلى السلة هنا.
اشترِ مرة أخرى
تمت إضافة كل المنتجات إلى السلة.
تمت إضافة {added} من {total}. لم تتم إضافة: {names}.
تعذّرت إضافة المنتجات إلى السلة.
لا يمكن إضافة هذه المنتجات إلى السلة هنا.`,
  he: `
לקנות שוב
קרוסלה
שקופית
{index} מתוך {count}
הפריטים הקודמים
הפריטים הבאים
הוספה לסל
מוסיף…
נוסף
{name} נוסף לסל
לא ניתן היה להוסיף את {name} לסל
נקנה {count} פעמים
נקנה פעם אחת
כבר לא זמין
פריט ללא שם
טוען…
הפריטים שלך נטענים
טעינת עוד
טוען פריטים נוספים…
לא ניתן היה לטעון פריטים נוספים.
עדיין אין מה לקנות שוב. פריטים שתזמינו יופיעו כאן.
ניסיון חוזר
לא הצלחנו להתחבר לחנות. בדקו את החיבור ונסו שוב.
החנות לא ענתה בזמן.
החנות לא יכולה לטעון את זה כרגע.
לא ניתן להציג את זה כרגע.
החנות עמוסה. נסו שוב בעוד רגע.
החנות שלחה משהו שלא הצלחנו לקרוא.
זה לא זמין כרגע.
{count} פריטים נטענו
הסל שלך
סלים
הסל שלך ריק.
עדיין אין סלים.
נקנה
נקנה ב־{date}
עודכן {time}
פריטים
הנחות ומשלוח
סה״כ
מינויים חודשיים
{amount} / חודש

הוסר
פירוט הפריטים אינו זמין לסלים בחדר.
סל פתוח
{count} סלים
סל אחד
הסל שלך נטען
הסל נטען. סה״כ {total}
פריט אחד נטען
לא ניתן להוסיף כאן
לא ניתן להוסיף את {name} לסל כאן.
לקנות שוב
כל הפריטים נוספו לסל.
{added} מתוך {total} נוספו. לא נוספו: {names}.
לא ניתן היה להוסיף את הפריטים לסל.
לא ניתן להוסיף את הפריטים האלה לסל כאן.`,
};

const parsed = new Map<string, Partial<Messages>>();

/** The built-in messages of a language subtag (`de`), or undefined for one we do not ship. */
export function translation(language: string): Partial<Messages> | undefined {
  if (!Object.hasOwn(translationTables, language)) return undefined;
  let messages = parsed.get(language);
  if (!messages) {
    const lines = translationTables[language].split('\n').slice(1);
    const keys = Object.keys(defaultMessages) as MessageKey[];
    messages = Object.fromEntries(keys.flatMap((key, index) => (lines[index] ? [[key, lines[index]]] : [])));
    parsed.set(language, messages);
  }
  return messages;
}
