/**
 * Logging: one JSON object per request, plus a few events (start-up, token renewal). Entries
 * carry the route pattern, never the path with its identifiers, a query string or a token; every
 * line also passes through a scrubber that blanks any configured secret, should one slip in.
 */

export interface ProxyLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  /** Present on request entries. */
  method?: string;
  /** The matched route pattern (`/csomni/products/:token/full`), or null when none matched. */
  route?: string | null;
  status?: number;
  ms?: number;
  /** `hit`, `miss`, `refresh`, `collapsed`, or absent when the route is not cached. */
  cache?: string;
  /** Status the vendor answered, when it was asked. */
  upstream?: number;
  /** What went wrong, as a fixed code (`timeout`, `network`, `session-expired`, ...). */
  error?: string;
  /** Present on event entries. */
  event?: string;
  [field: string]: unknown;
}

export type LogSink = (entry: ProxyLogEntry) => void;

export const jsonLineSink: LogSink = (entry) => {
  writeLine(JSON.stringify(entry));
};

/**
 * Writes one line to stdout: straight to the stream on Node (console.log formats and checks
 * colours on every call), through the console elsewhere (edge runtimes have no process).
 *
 * On Node the lines of one turn of the event loop go out together, in one write when the turn
 * ends (`setImmediate`): a busy server answers several requests per turn, and each write to
 * stdout is a system call, as costly as the answer's own. No line is dropped or reordered;
 * what is waiting is written before the process exits (`flushLog`, and on `exit`).
 */
const nodeProcess = (
  globalThis as {
    process?: { stdout?: { write(text: string): unknown }; once?(event: 'exit', listener: () => void): unknown };
  }
).process;
const stdout = nodeProcess?.stdout;
let pending = '';
let flushing = false;

/** Writes the lines still waiting for the end of the turn, now. */
export function flushLog(): void {
  flushing = false;
  if (!pending || !stdout) return;
  const text = pending;
  pending = '';
  stdout.write(text);
}

const writeLine: (line: string) => void =
  stdout && typeof setImmediate === 'function'
    ? (line) => {
        pending += `${line}\n`;
        if (flushing) return;
        flushing = true;
        setImmediate(flushLog);
      }
    : stdout
      ? (line) => void stdout.write(`${line}\n`)
      : (line) => console.log(line);
if (stdout && typeof setImmediate === 'function') nodeProcess?.once?.('exit', flushLog);

/** The time as ISO text, worked out once per millisecond. */
let lastMs = NaN;
let lastIso = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

/** The forms a secret could take inside serialized text. */
export function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  return [...forms].filter(Boolean);
}

/** Whether `text` holds any of the secrets (`forms` from {@link secretForms}). */
export function containsSecret(text: string, forms: readonly string[]): boolean {
  for (const form of forms) if (text.includes(form)) return true;
  return false;
}

/**
 * A sink that serializes, blanks secrets, and hands the clean entry on. The line is built once:
 * the JSON-lines sink writes it as it is, another sink gets the entry itself (re-read from the
 * line only when something had to be blanked). The secrets' forms are worked out again only
 * when `secrets()` returns a new list.
 */
export function scrubbingLogger(
  sink: LogSink | false | undefined,
  secrets: () => readonly string[],
): (entry: Omit<ProxyLogEntry, 'time'>) => void {
  if (sink === false) return () => {};
  const target = sink ?? jsonLineSink;
  let known: readonly string[] | undefined;
  let forms: string[] = [];
  return (entry) => {
    const current = secrets();
    if (current !== known) {
      known = current;
      forms = secretForms(current);
    }
    const time = isoNow();
    // `{"time":…,` and the entry's own fields: the same text as stringifying `{ time, ...entry }`.
    const fields = 'time' in entry ? '' : JSON.stringify(entry);
    let line = fields.length > 2 ? `{"time":"${time}",${fields.slice(1)}` : JSON.stringify({ time, ...entry });
    const redacted = containsSecret(line, forms);
    if (redacted) {
      for (const form of forms) line = line.split(form).join('[redacted]');
    }
    try {
      if (target === jsonLineSink) writeLine(line);
      else target(redacted ? (JSON.parse(line) as ProxyLogEntry) : ({ time, ...entry } as ProxyLogEntry));
    } catch {
      // A failing log sink must never fail a request.
    }
  };
}
