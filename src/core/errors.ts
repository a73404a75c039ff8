import { errorTexts } from './error-texts.ts';

/** What went wrong, in the terms a host page can act on. */
export type WidgetErrorKind = 'config' | 'network' | 'timeout' | 'http' | 'auth' | 'rate-limited' | 'invalid-response';

export interface WidgetErrorInit {
  status?: number;
  /** The request's URL without its query, for logs. Never carries credentials. */
  url?: string;
  cause?: unknown;
}

/**
 * The one error type every widget, client and source reports. `kind` says what failed,
 * `status` is the HTTP status where there was one, `message` is safe to show and log.
 */
export class WidgetError extends Error {
  override readonly name = 'WidgetError';
  readonly kind: WidgetErrorKind;
  readonly status?: number;
  readonly url?: string;

  constructor(kind: WidgetErrorKind, message: string, init: WidgetErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.url = init.url;
  }

  toJSON(): { kind: WidgetErrorKind; status?: number; message: string } {
    return { kind: this.kind, status: this.status, message: this.message };
  }
}

/**
 * One of our own failures. Its message is a short code, `SW` and a number, then what this failure
 * is about (the attribute, the value given): docs/errors.md, "Error codes", gives each code's full
 * text. Short codes keep every script a shopper downloads free of sentences only a developer reads.
 */
export function coded(kind: WidgetErrorKind, code: number, about = '', init?: WidgetErrorInit): WidgetError {
  return new WidgetError(kind, `SW${code}${about && ` ${about}`}`, init);
}

/** The failure's own message (a vendor's, a thrown error's) where it has one, else our code. */
export function withMessage(
  kind: WidgetErrorKind,
  message: string | null | undefined,
  code: number,
  about = '',
  init?: WidgetErrorInit,
): WidgetError {
  return message ? new WidgetError(kind, message, init) : coded(kind, code, about, init);
}

/** A vendor's message, trimmed, where it is text short enough to show (200 characters); else undefined. */
export function shortMessage(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() && value.length <= 200 ? value.trim() : undefined;
}

/** A config error that names the attribute to fix, and the value given where it was wrong. */
export function configError(attribute: string, code: number, given?: unknown): WidgetError {
  return coded('config', code, `\`${attribute}\`${given === undefined ? '' : ` "${String(given).slice(0, 40)}"`}`);
}

/** The config error for an attribute direct mode needs (the proxy supplies it otherwise). */
export function requiredInDirectMode(attribute: string): WidgetError {
  return configError(attribute, 1);
}

/**
 * A console warning. Development builds (the demo's dev server; the npm package's `development`
 * export condition, which Vite and webpack resolve while developing) add the full text of each
 * code the first argument names, from docs/errors.md; the production files carry the codes alone.
 */
export function warn(...args: unknown[]): void {
  if (import.meta.env.DEV) {
    // Our codes only: a vendor's message in the warning may hold anything.
    const texts = [...new Set(String(args[0]).match(/\bSW\d+\b/g))].flatMap((code) => {
      const text = errorTexts[+code.slice(2)];
      return text ? [`${code}: ${text}`] : [];
    });
    if (texts.length) args.push(`\n${texts.join('\n')}`);
  }
  console.warn(...args);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Wraps anything thrown into a WidgetError, keeping abort errors as they are. */
export function toWidgetError(error: unknown): WidgetError {
  if (error instanceof WidgetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return withMessage('invalid-response', message, 42, '', { cause: error });
}
