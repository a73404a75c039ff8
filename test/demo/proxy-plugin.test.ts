import { describe, expect, it } from 'vitest';
import { createDemoProxy, demoProxyPlugin, demoSession } from '../../demo/proxy-plugin.ts';

const DEV = 'http://localhost:5173';

describe('the demo proxy', () => {
  it('mints a one-hour session for a demo customer and refuses unknown ones', async () => {
    const response = await demoSession(new Request(`${DEV}/demo-session?customer=ana`));
    expect(response.status).toBe(200);
    const { token, customer } = await response.json();
    expect(customer).toBe('ana');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      csomni: { customerToken: 'cs_demo_ana' },
      algonomy: { gcrId: 'gcr-1001' },
      giosg: { visitorId: '203dc5c48da911e984bc0242ac14000a' },
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect((await demoSession(new Request(`${DEV}/demo-session?customer=mallory`))).status).toBe(404);
    expect((await demoSession(new Request(`${DEV}/demo-session?customer=__proto__`))).status).toBe(404);
  });

  it('serves the mock CS Omni through /proxy: site list without a session, the customer’s with one', async () => {
    const proxy = createDemoProxy();
    const { token } = await (await demoSession(new Request(`${DEV}/demo-session?customer=ana`))).json();
    const site = await proxy(new Request(`${DEV}/proxy/csomni/frequentlyPurchased`));
    const mine = await proxy(
      new Request(`${DEV}/proxy/csomni/frequentlyPurchased`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(site.status).toBe(200);
    expect(mine.status).toBe(200);
    const siteRows = await site.json();
    const myRows = await mine.json();
    expect(myRows[0]).toMatchObject({ variantToken: 'vrnt_oatmilk1', quantity: 145 });
    expect(siteRows[0].variantToken).not.toBe(myRows[0].variantToken);
    const cart = await proxy(
      new Request(`${DEV}/proxy/csomni/cart`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, origin: DEV },
      }),
    );
    expect(await cart.json()).toEqual({ cartToken: 'cart_cs_demo_ana', status: 'cart retrieved' });
    expect((await proxy(new Request(`${DEV}/csomni/frequentlyPurchased`))).status).toBe(404);
  });

  it('is a Vite plugin that mounts its middlewares on the dev and preview servers', () => {
    const plugin = demoProxyPlugin();
    const used: unknown[] = [];
    const server = { middlewares: { use: (middleware: unknown) => used.push(middleware) } };
    (plugin.configureServer as unknown as (s: typeof server) => void)(server);
    expect(used).toHaveLength(2);
    expect(plugin.configurePreviewServer).toBeTypeOf('function');
  });
});
