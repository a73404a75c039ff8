/**
 * The proxy as a Cloudflare Worker (module syntax), for the workerd test and as the README's
 * example: `createProxy` from the package, as a Worker bundler resolves it (the `workerd` export
 * condition: dist/edge.js), configured from the Worker's bindings on its first request.
 */
import { createProxy } from 'storefront-widgets-proxy';

type Env = Record<string, string | undefined>;
let proxy: ((request: Request, env?: unknown) => Promise<Response>) | undefined;

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    proxy ??= createProxy({
      allowedOrigins: env.ALLOWED_ORIGINS,
      sessionSecret: env.SESSION_SECRET,
      csomniBaseUrl: env.CSOMNI_BASE_URL,
      csomniSiteToken: env.CSOMNI_SITE_TOKEN,
      giosgBaseUrl: env.GIOSG_BASE_URL,
      giosgApiToken: env.GIOSG_API_TOKEN,
      // Workers know the client's address from Cloudflare's header, not a socket.
      clientIp: (incoming) => incoming.headers.get('cf-connecting-ip') ?? undefined,
    });
    return proxy(request, env);
  },
};
