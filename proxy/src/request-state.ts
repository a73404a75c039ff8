import type { SourceId } from './config.ts';
import type { SessionClaims } from './session.ts';

/** What one request learned on its way through the proxy, for its log line. */
export interface RequestState {
  /** The matched route pattern, `preflight`, `/healthz`, or null when none matched. */
  route: string | null;
  source?: SourceId;
  /** `hit`, `miss`, `refresh`, `collapsed`. */
  cache?: string;
  /** The vendor's status, when it was asked. */
  upstream?: number;
  /** What went wrong, as a fixed code. */
  error?: string;
  /** The verified customer session, if the request carried one. */
  session?: SessionClaims;
}
