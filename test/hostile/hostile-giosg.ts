/** The hostile giosg API of `hostile-api.ts`: its scenarios, in the vendor's shapes. */
import { GIOSG_CART, manyLines, UNICODE_NAMES, type VendorScenario } from './hostile-data.ts';
import { GIOSG_CALLS } from '../../src/sources/giosg.contract.ts';
import { json } from '../support/fake-fetch.ts';
import { whichCall } from '../support/vendors/calls.ts';
import { WRONG, jsonWithDeep, DEEP_ARRAY, DEEP_OBJECT, VERY_DEEP_OBJECT, wrong } from './hostile-json.ts';

const cents = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

export function giosg(scenario: VendorScenario, url: URL): Response {
  const call = whichCall(GIOSG_CALLS, { url });
  if (!call) return json({ detail: 'Not found.' }, 404);
  const list = call.name.endsWith('Carts');
  const page = (results: unknown) => ({ next: null, previous: null, results });
  const now = new Date().toISOString();
  const cart = (extra: Record<string, unknown> = {}) => ({
    id: GIOSG_CART,
    currency: 'EUR',
    created_at: now,
    updated_at: now,
    is_locked: false,
    locked_at: null,
    total_value: null,
    total_subscription_value: null,
    visitor_id: 'v1',
    ...extra,
  });
  switch (scenario) {
    case 'many':
    case 'many-named':
    case 'lookup-404':
      if (list) return json(page([cart()]));
      return json(
        page(
          manyLines().map((line, i) => ({
            id: `line-${i}`,
            name: `Line product ${i}`,
            category_name: `Category ${i % 12}`,
            value: cents(line.cents),
            quantity: i % 2 ? String(line.quantity) : line.quantity,
            is_deleted: false,
            deleted_at: null,
            subscription_value: null,
            monthly_quantity: null,
            shopping_cart_id: GIOSG_CART,
          })),
        ),
      );
    case 'nested':
      if (list) {
        return json(
          jsonWithDeep({
            next: null,
            previous: DEEP_OBJECT,
            results: [
              DEEP_ARRAY,
              { id: DEEP_OBJECT, currency: DEEP_ARRAY },
              cart({
                currency: DEEP_OBJECT,
                created_at: DEEP_ARRAY,
                total_value: DEEP_OBJECT,
                is_locked: DEEP_ARRAY,
                visitor_id: VERY_DEEP_OBJECT,
              }),
              VERY_DEEP_OBJECT,
            ],
            extra: VERY_DEEP_OBJECT,
          }),
        );
      }
      return json(
        jsonWithDeep({
          next: null,
          previous: null,
          results: [
            DEEP_ARRAY,
            { id: DEEP_ARRAY, name: DEEP_OBJECT },
            {
              id: 'line-ok',
              name: 'OK line',
              category_name: DEEP_OBJECT,
              value: '2.50',
              quantity: 2,
              is_deleted: DEEP_ARRAY,
              deleted_at: DEEP_OBJECT,
              subscription_value: DEEP_ARRAY,
              monthly_quantity: DEEP_OBJECT,
            },
            VERY_DEEP_OBJECT,
          ],
        }),
      );
    case 'wrong-types':
      if (list) {
        return json(
          page(
            WRONG.map((_, i) => ({
              id: i % 4 === 0 ? (i === 0 ? GIOSG_CART : `cart-${i}`) : wrong(i),
              currency: wrong(i, 1),
              created_at: wrong(i, 2),
              updated_at: wrong(i, 3),
              is_locked: wrong(i, 4),
              locked_at: wrong(i, 5),
              total_value: wrong(i, 6),
              total_subscription_value: wrong(i, 7),
              visitor_id: wrong(i, 8),
            })).concat(WRONG as never[]),
          ),
        );
      }
      return json(
        page(
          WRONG.map((_, i) => ({
            id: i % 3 === 0 ? `line-${i}` : wrong(i),
            name: wrong(i, 1),
            category_name: wrong(i, 2),
            description: wrong(i, 3),
            product_number: wrong(i, 4),
            value: wrong(i, 5),
            quantity: wrong(i, 6),
            subscription_value: wrong(i, 7),
            monthly_quantity: wrong(i, 8),
            is_deleted: wrong(i, 9),
            deleted_at: wrong(i, 10),
            created_at: wrong(i, 11),
            updated_at: wrong(i, 12),
          })).concat(WRONG as never[]),
        ),
      );
    case 'wrong-envelope':
      return json({ next: 42, previous: { cursor: 1 }, results: 'none', count: '5' });
    case 'unicode':
      if (list) return json(page([cart({ currency: '€', total_value: '€ ١٢٫٥٠', visitor_id: '访客-😀' })]));
      return json(
        page(
          UNICODE_NAMES.map((name, i) => ({
            id: `línea-${i}-😀`,
            name,
            category_name: UNICODE_NAMES[(i + 1) % UNICODE_NAMES.length],
            description: name,
            product_number: `№${i}`,
            value: i % 2 ? '١٢٫٥٠' : `${i}.25`,
            quantity: i % 2 ? '٢' : 1,
            is_deleted: false,
            deleted_at: null,
            subscription_value: null,
            monthly_quantity: null,
          })),
        ),
      );
  }
}
