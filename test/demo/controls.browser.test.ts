import { expect, waitUntil } from '@open-wc/testing';
import { afterEach, describe, it } from 'vitest';
import { currentConnection, useConnection } from '../../demo/connection.ts';
import { faultControl } from '../../demo/controls.ts';
import { pageDefault, resetConfiguration } from '../../src/core/config.ts';

/**
 * The demo's fault controls: a fault can only be shown direct (the proxy reaches healthy mocks
 * only), so choosing one switches the page to direct, and going back to the proxy puts the
 * select back to a healthy mock, so it never claims a fault the widgets are not shown.
 */
let label: HTMLElement | undefined;

afterEach(async () => {
  label?.remove();
  await useConnection('direct');
  resetConfiguration();
});

describe('demo fault controls', () => {
  it('switch the page to direct for a fault, and back to the healthy mock on the proxy', async () => {
    await useConnection('proxy');
    const seen: [string, string][] = [];
    label = faultControl('csomni', (apiBase, fault) => seen.push([apiBase, fault]));
    document.body.append(label);
    const select = label.querySelector('select')!;
    expect(select.labels[0].textContent).to.contain('Mock API');

    select.value = 'http-500';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await waitUntil(() => currentConnection() === 'direct', 'a fault left the page on the proxy');
    expect(seen.at(-1)).to.deep.equal(['/mock/faults/http-500/csomni', 'http-500']);

    await useConnection('proxy');
    expect(select.value).to.equal('none');
    expect(seen.at(-1)).to.deep.equal(['/mock/csomni', 'none']);
    await expect(label).to.be.accessible();
  });

  it('a switch to direct made while the proxy session is being fetched wins', async () => {
    const toProxy = useConnection('proxy');
    await useConnection('direct');
    await toProxy;
    expect(currentConnection()).to.equal('direct');
    expect(pageDefault('proxyUrl')).to.equal('');
  });
});
