/** The hostile Algonomy API of `hostile-api.ts`: its scenarios, in the vendor's shapes. */
import { MANY, UNICODE_NAMES, type VendorScenario } from './hostile-data.ts';
import { ALGONOMY_CALLS } from '../../src/sources/algonomy.contract.ts';
import { json } from '../support/fake-fetch.ts';
import { whichCall } from '../support/vendors/calls.ts';
import { ASSET, DEEP_ARRAY, DEEP_OBJECT, jsonWithDeep, VERY_DEEP_OBJECT, wrong, WRONG } from './hostile-json.ts';

export function algonomy(scenario: VendorScenario, url: URL, request: Request): Response {
  if (whichCall(ALGONOMY_CALLS, { url })?.name !== 'productPurchased' || request.method !== 'POST') {
    return json({ status: 'ERROR', message: `No route ${request.method} ${url.pathname}`, data: null }, 404);
  }
  const envelope = (data: Record<string, unknown>) => ({
    status: 'OK',
    message: '',
    data: { customerId: 2056, currentPage: 1, pageSize: 20, data: null, ...data },
  });
  switch (scenario) {
    case 'many':
    case 'many-named':
    case 'lookup-404':
      return json(
        envelope({
          totalCount: MANY,
          totalPages: 1,
          lastKey: null,
          dataList: Array.from({ length: MANY }, (_, i) => ({
            productKey: i,
            productCode: `50123${String(i).padStart(8, '0')}`,
            productName: `B2B product ${i}`,
            productDescription: '',
            productImgUrl: ' ',
            productQty: (i % 40) + 1,
            orderValue: `$${i},000.50`,
            productValue: `$ ${(i % 90) + 1}.9`,
            orderDate: '2024-03-05 10:00:00',
            customerId: 2056,
          })),
        }),
      );
    case 'nested':
      return json(
        jsonWithDeep({
          status: 'OK',
          message: DEEP_OBJECT,
          data: {
            customerId: DEEP_OBJECT,
            totalCount: DEEP_ARRAY,
            currentPage: DEEP_OBJECT,
            pageSize: DEEP_ARRAY,
            totalPages: 2,
            // The pointer to the next page is sent back with it: a runaway one must not crash.
            lastKey: VERY_DEEP_OBJECT,
            dataList: [
              DEEP_ARRAY,
              {
                productCode: DEEP_OBJECT,
                productName: DEEP_ARRAY,
                productValue: DEEP_OBJECT,
                orderDate: DEEP_ARRAY,
                productImgUrl: DEEP_OBJECT,
              },
              {
                productCode: '5012345000018',
                productName: 'OK product',
                productImgUrl: DEEP_OBJECT,
                productQty: DEEP_ARRAY,
                orderValue: DEEP_OBJECT,
                productValue: '$ 55.9',
                orderDate: VERY_DEEP_OBJECT,
              },
              VERY_DEEP_OBJECT,
            ],
            data: DEEP_ARRAY,
          },
        }),
      );
    case 'wrong-types':
      return json({
        status: 'OK',
        message: 42,
        data: {
          customerId: { id: 2056 },
          totalCount: 'lots',
          currentPage: [],
          pageSize: true,
          totalPages: '1',
          lastKey: 7,
          data: 'none',
          dataList: WRONG.map((_, i) => ({
            productKey: wrong(i),
            productCode: i % 4 === 0 ? `code-${i}` : wrong(i, 1),
            productName: wrong(i, 2),
            productDescription: wrong(i, 3),
            productImgUrl: wrong(i, 4),
            productQty: wrong(i, 5),
            orderValue: wrong(i, 6),
            productValue: wrong(i, 7),
            orderDate: wrong(i, 8),
            customerId: wrong(i, 9),
          })).concat(WRONG as never[]),
        },
      });
    case 'wrong-envelope':
      return json({ status: 200, message: { text: 'OK' }, data: [{ productCode: '1' }] });
    case 'unicode':
      return json(
        envelope({
          totalCount: UNICODE_NAMES.length,
          totalPages: 1,
          lastKey: null,
          dataList: UNICODE_NAMES.map((name, i) => ({
            productKey: i,
            productCode: i % 2 ? `كود-${i}-😀` : `code-${i}`,
            productName: name,
            productDescription: name,
            productImgUrl:
              i % 3 === 0 ? `${ASSET}/ünïcödé-${i}.jpg` : i % 3 === 1 ? 'javascript:alert(document.domain)' : ' ',
            productQty: i % 2 ? '٣' : i + 1,
            orderValue: i % 2 ? '١٢٣٫٤٥ ر.س' : '€ 1.234,50',
            productValue: i % 2 ? '$ ١٢' : `$${i}.99`,
            orderDate: i % 2 ? '٢٠٢٤-٠٣-٠٥' : '2024-03-05T10:00:00Z',
            customerId: 2056,
          })),
        }),
      );
  }
}
