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

/** A config error that names the attribute to fix. */
export function configError(attribute: string, problem: string): WidgetError {
  return new WidgetError('config', `\`${attribute}\` ${problem}`);
}

/** The config error for an attribute direct mode needs (the proxy supplies it otherwise). */
export function requiredInDirectMode(attribute: string): WidgetError {
  return configError(attribute, 'is required in direct mode (or set `proxy-url`).');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Wraps anything thrown into a WidgetError, keeping abort errors as they are. */
export function toWidgetError(error: unknown): WidgetError {
  if (error instanceof WidgetError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new WidgetError('invalid-response', message || 'Unexpected error', { cause: error });
}
