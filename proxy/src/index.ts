/**
 * `storefront-widgets-proxy`: the server side of `proxy-url`. `createProxy(config)` returns a
 * web-standard fetch handler (`Request -> Promise<Response>`) for Node, any framework that takes
 * a fetch handler, and edge runtimes. It imports nothing from Node or the DOM.
 */
export { createProxy, type Proxy } from './create-proxy.ts';
export { DEFAULT_BASE_URLS, ProxyConfigError, type ProxyConfig, type ProxyHandler, type SourceId } from './config.ts';
export {
  signSession,
  verifySession,
  type SessionClaims,
  type SessionResult,
  type SignSessionOptions,
  type VerifySessionOptions,
} from './session.ts';
export type { ProxyLogEntry } from './log.ts';
