/**
 * The purchase-history sources `<buy-again-list>` can read, by the name its `source` attribute
 * takes. Each entry reads its own settings and says whose list it reads; the element holds no
 * vendor logic. A new vendor is one contract, one source and one entry here.
 */
import type { WidgetDefaults } from '../core/config.ts';
import { createAlgonomySource } from './algonomy.ts';
import { CSOMNI_DEFAULT_BASE, createCsomniSource } from './csomni.ts';
import type { PurchaseSource, SourceContext } from './source.ts';

/** The element's settings as a source reads them: the attribute, else the `configure()` default. */
export interface SettingReader {
  /** Text settings; unset ones are undefined. */
  text<K extends keyof WidgetDefaults>(names: K[]): Partial<Record<K, string>>;
  /** A boolean attribute (present, else `true` from `configure()`). */
  flag(name: 'forceRefresh'): boolean;
  /** A number setting as given (the source checks it), else `fallback`. */
  number(name: 'pageSize', fallback: number): number;
}

export interface PurchaseSourceEntry {
  /** The API base in direct mode when `api-base` is not set; none where it is required. */
  defaultBase?: string;
  /**
   * The source for these settings, and whose list it reads in direct mode (the credentials and
   * the customer), for keying what is on screen. Throws a `config` error naming the attribute.
   */
  open(context: SourceContext, read: SettingReader): { source: PurchaseSource; whose: (string | undefined)[] };
}

export const PURCHASE_SOURCES = {
  csomni: {
    defaultBase: CSOMNI_DEFAULT_BASE,
    open(context, read) {
      const options = {
        ...read.text(['siteToken', 'customerToken', 'imageBaseUrl', 'productUrl']),
        forceRefresh: read.flag('forceRefresh'),
      };
      return { source: createCsomniSource(context, options), whose: [options.siteToken, options.customerToken] };
    },
  },
  algonomy: {
    open(context, read) {
      const options = {
        ...read.text(['tenantHash', 'accessToken', 'gcrId', 'email', 'mobileNumber', 'customerCode']),
        pageSize: read.number('pageSize', 20),
      };
      const { tenantHash, gcrId, email, mobileNumber, customerCode } = options;
      return {
        source: createAlgonomySource(context, options),
        whose: [tenantHash, gcrId, email, mobileNumber, customerCode],
      };
    },
  },
} satisfies Record<string, PurchaseSourceEntry>;

export type PurchaseSourceName = keyof typeof PURCHASE_SOURCES;

/** The entry for `name`, or undefined for a name no source has. */
export function purchaseSource(name: string): PurchaseSourceEntry | undefined {
  return Object.hasOwn(PURCHASE_SOURCES, name) ? PURCHASE_SOURCES[name as PurchaseSourceName] : undefined;
}
