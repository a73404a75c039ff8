/** Spanish: one message per line, in sections split by `---` (see core/translations.ts). */
export default `
Reintentar
No pudimos conectar con la tienda. Revisa tu conexión e inténtalo de nuevo.
La tienda tardó demasiado en responder.
La tienda no puede cargar esto ahora mismo.
No se puede mostrar esto en este momento.
La tienda está saturada. Inténtalo de nuevo en un momento.
La tienda envió algo que no pudimos leer.
Esto no está disponible en este momento.
Artículo sin nombre
Añadiendo…
Añadido
No se puede añadir aquí
---
Volver a comprar
carrusel
diapositiva
{index} de {count}
Artículos anteriores
Artículos siguientes
Añadir a la cesta
{name} añadido a la cesta
No se pudo añadir {name} a la cesta
Comprado {count} veces
Comprado una vez
Ya no está disponible
Cargando…
Cargando tus artículos
Cargar más
Cargando más artículos…
No se pudieron cargar más artículos.
Todavía no hay nada que volver a comprar. Tus pedidos aparecerán aquí.
{count} artículos cargados
1 artículo cargado
Artículos {first} a {last} de {count}
---
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
Volver a comprar
Se añadieron todos los artículos a la cesta.
{added} de {total} añadidos. Sin añadir: {names}.
No se pudieron añadir los artículos a la cesta.
Estos artículos no se pueden añadir a la cesta aquí.
Cesta cargada.
Cargando cestas
sin precio
{amount} al mes`;
