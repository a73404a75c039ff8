import { cartMessages, listMessages, sharedMessages, type MessageKey } from '../../src/core/messages.ts';

/** Every English table, in the order of a translation's sections (core/translations.ts). */
export const ALL_TABLES = [sharedMessages, listMessages, cartMessages];

/** A translation module's text (core/translations.ts), each key's line from `line`. */
export function translationText(line: (key: MessageKey) => string): string {
  return `\n${ALL_TABLES.map((table) => (Object.keys(table) as MessageKey[]).map(line).join('\n')).join('\n---\n')}`;
}
