import { expect } from '@open-wc/testing';
import { afterAll, describe, it } from 'vitest';
import {
  closePages,
  expectAccessible,
  expectHostPageResponds,
  expectNoPageErrors,
  expectRenewalRecovers,
  expectRetryRecovers,
  gateId,
  hostilePage,
  listPath,
  requestsTo,
  settled,
  SOURCES,
  widgetMarkup,
  type Source,
  type WidgetState,
} from './harness.ts';

/**
 * Every widget, from the script-tag build, against a server that fails in every ordinary way
 * (`test/support/mocks/faults.ts`, reached through the hostile API's gates). For every case: no uncaught
 * error in the page, the widget ends in `ready`, `empty` or `error`, an error is reported as the
 * right kind with a Retry that recovers once the fault is switched off, the host page's own button
 * still works, and axe finds nothing in the widget as it settled and after Retry. Cases run
 * concurrently (each in its own page): most of their time is the widgets' retry backoff.
 */

interface FaultCase {
  fault: string;
  /** What the widget ends in, per source (default `error`). */
  ends?: Partial<Record<Source, WidgetState>>;
  /** The `widget-error` kinds that are right for this fault. */
  kinds?: string[];
  status?: number;
  /** Requests for the list the widget makes in all: 3 = the first plus two retries. */
  attempts?: number;
  /** At least this many (the browser may replay a request on its own, see `reset`). */
  attemptsAtLeast?: number;
  /** Run alone, not beside the others: its 300 ms budget also covers the healthy answers after Retry. */
  alone?: boolean;
  /** The shortest wait between attempts the server must see (a `Retry-After` honoured), in ms. */
  minGap?: number;
  /** Page-wide settings for this case. */
  configure?: Record<string, unknown>;
  /** Retry cannot help (a refused credential): the page renewing it recovers instead. */
  renewal?: boolean;
}

const CASES: FaultCase[] = [
  { fault: 'http-500', kinds: ['http'], status: 500, attempts: 3 },
  { fault: 'http-502', kinds: ['http'], status: 502, attempts: 3 },
  { fault: 'http-503', kinds: ['http'], status: 503, attempts: 3 },
  { fault: 'http-429', kinds: ['rate-limited'], status: 429, attempts: 3, minGap: 950 },
  { fault: 'http-429-no-retry-after', kinds: ['rate-limited'], status: 429, attempts: 3 },
  { fault: 'http-429-retry-after-long', kinds: ['rate-limited'], status: 429, attempts: 1 },
  { fault: 'http-401', kinds: ['auth'], status: 401, attempts: 1, renewal: true },
  { fault: 'timeout', kinds: ['timeout'], configure: { timeout: 300 }, alone: true },
  // Chromium replays a GET whose reused keep-alive socket is reset, several times when the page
  // has several idle sockets to the host: the widget then sees one slow attempt, not a failure.
  { fault: 'reset', kinds: ['network', 'timeout'], attemptsAtLeast: 3 },
  { fault: 'html-200', kinds: ['invalid-response'] },
  { fault: 'truncated', kinds: ['invalid-response'] },
  { fault: 'broken-json', kinds: ['invalid-response'] },
  { fault: 'empty-body', kinds: ['invalid-response'] },
];

afterAll(() => closePages());

async function run(source: Source, testCase: FaultCase): Promise<void> {
  const expected = testCase.ends?.[source] ?? 'error';
  const gate = gateId(`${source}-${testCase.fault}`);
  const page = await hostilePage({ configure: testCase.configure, body: widgetMarkup(source, gate, testCase.fault) });
  const [el] = page.widgets();

  expect(await settled(page, el)).to.equal(expected);
  expectNoPageErrors(page);
  expectHostPageResponds(page);
  await expectAccessible(page, el);
  if (expected !== 'error') return;

  const reported = page.win.widgetErrors;
  expect(reported.length, 'widget-error was not fired').to.be.greaterThan(0);
  const log = await requestsTo(gate);
  const timeline = log.map((request) => `${request.at - log[0].at} ms ${request.method} ${request.path}`).join('; ');
  if (testCase.kinds)
    expect(testCase.kinds, `the reported kind ${reported[0].kind} (requests: ${timeline})`).to.include(
      reported[0].kind,
    );
  if (testCase.status) expect(reported[0].status).to.equal(testCase.status);

  const attempts = log.filter((request) => !request.healed && listPath(source).test(request.path));
  if (testCase.attempts) expect(attempts.length, 'attempts at the list').to.equal(testCase.attempts);
  if (testCase.attemptsAtLeast)
    expect(attempts.length, 'attempts at the list').to.be.at.least(testCase.attemptsAtLeast);
  if (testCase.minGap) {
    for (let i = 1; i < attempts.length; i++) {
      expect(attempts[i].at - attempts[i - 1].at, `retry ${i} came before Retry-After allowed`).to.be.at.least(
        testCase.minGap,
      );
    }
  }

  // The short timeout that made the fault visible would make the healthy answer race it too.
  if (testCase.configure?.timeout) page.win.StorefrontWidgets!.configure({ timeout: 10_000 });
  if (testCase.renewal) await expectRenewalRecovers(page, el, gate);
  else await expectRetryRecovers(page, el, gate);
  expectNoPageErrors(page);
  expectHostPageResponds(page);
  await expectAccessible(page, el);
}

const title = (source: Source, testCase: FaultCase) => {
  const expected = testCase.ends?.[source] ?? 'error';
  const recovery = testCase.renewal ? ' without Retry, and a renewed credential recovers' : ' and Retry recovers';
  return `${source}: ${testCase.fault} ends in ${expected}${expected === 'error' ? recovery : ''}`;
};

describe.concurrent('hostile server: ordinary faults', () => {
  for (const source of SOURCES) {
    for (const testCase of CASES.filter((each) => !each.alone)) {
      it(title(source, testCase), () => run(source, testCase), 40_000);
    }
  }
});

describe('hostile server: ordinary faults, one at a time', () => {
  for (const source of SOURCES) {
    for (const testCase of CASES.filter((each) => each.alone)) {
      it(title(source, testCase), () => run(source, testCase), 40_000);
    }
  }
});
