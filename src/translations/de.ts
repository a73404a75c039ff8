/** German: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Erneut versuchen
Der Shop ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.
Der Shop hat zu lange nicht geantwortet.
Der Shop kann das gerade nicht laden.
Das kann gerade nicht angezeigt werden.
Der Shop ist ausgelastet. Bitte versuche es gleich noch einmal.
Der Shop hat etwas gesendet, das wir nicht lesen können.
Das ist gerade nicht verfügbar.
Artikel ohne Namen
Wird hinzugefügt…
Hinzugefügt
Hier nicht hinzufügbar
---
Erneut kaufen
Karussell
Folie
{index} von {count}
Vorherige Artikel
Nächste Artikel
In den Warenkorb
{name} wurde in den Warenkorb gelegt
{name} konnte nicht in den Warenkorb gelegt werden
{count}-mal gekauft
Einmal gekauft
Nicht mehr erhältlich
Wird geladen…
Deine Artikel werden geladen
Mehr laden
Weitere Artikel werden geladen…
Weitere Artikel konnten nicht geladen werden.
Noch nichts zum erneuten Kaufen. Bestellte Artikel erscheinen hier.
{count} Artikel geladen
1 Artikel geladen
Artikel {first} bis {last} von {count}
---
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
Erneut kaufen
Alle Artikel wurden in den Warenkorb gelegt.
{added} von {total} hinzugefügt. Nicht hinzugefügt: {names}.
Die Artikel konnten nicht in den Warenkorb gelegt werden.
Diese Artikel können hier nicht in den Warenkorb gelegt werden.
Warenkorb geladen.
Warenkörbe werden geladen
kein Preis
{amount} pro Monat`;
