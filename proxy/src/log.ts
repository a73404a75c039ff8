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
  writeLine(JSON.stringify(entry), 'event' in entry);
};

/**
 * Writes one line to stdout: straight to the stream on Node (console.log formats and checks
 * colours on every call), through the console elsewhere (edge runtimes have no process).
 *
 * On Node the lines are gathered as bytes and go out together, in one write when
 * {@link LOG_BUFFER_BYTES} are waiting or {@link LOG_FLUSH_MS} after the first of them, whichever
 * comes first: each write to stdout is a system call, as costly as a whole cached answer, and
 * lines kept as bytes (not strings) cost the garbage collector nothing while they wait. An
 * event's line (start-up, Redis state, token renewal, a warning: `now`) is written at once,
 * with the lines before it. No line is dropped or reordered; what is waiting is written before
 * the process exits (`flushLog`, and on `exit`).
 */
const nodeProcess = (
  globalThis as {
    process?: {
      stdout?: { write(text: string | Uint8Array): unknown };
      once?(event: 'exit', listener: () => void): unknown;
    };
  }
).process;
const stdout = nodeProcess?.stdout;
/** Bytes of log lines gathered before they are written. */
export const LOG_BUFFER_BYTES = 32 * 1024;
/** Longest a line waits to be written, in milliseconds. */
export const LOG_FLUSH_MS = 100;
let waiting: Buffer | undefined;
let used = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Writes the lines still waiting, now. */
export function flushLog(): void {
  if (timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
  }
  if (used === 0 || !waiting || !stdout) return;
  // The bytes are handed over, never written into again: a stream may hold them a while.
  const bytes = waiting.subarray(0, used);
  waiting = undefined;
  used = 0;
  stdout.write(bytes);
}

const writeLine: (line: string, now?: boolean) => void =
  stdout && typeof Buffer === 'function' && typeof setTimeout === 'function'
    ? (line, now) => {
        // UTF-8 takes at most 3 bytes per UTF-16 unit; one more for the newline.
        const most = line.length * 3 + 1;
        if (waiting && used + most > waiting.length) flushLog();
        if (most > LOG_BUFFER_BYTES) {
          stdout.write(`${line}\n`);
          return;
        }
        waiting ??= Buffer.allocUnsafe(LOG_BUFFER_BYTES);
        used += waiting.write(line, used);
        waiting[used++] = 0x0a;
        if (now) flushLog();
        else if (timer === undefined) {
          timer = setTimeout(flushLog, LOG_FLUSH_MS);
          (timer as { unref?(): unknown }).unref?.();
        }
      }
    : stdout
      ? (line) => void stdout.write(`${line}\n`)
      : (line) => console.log(line);
if (stdout) nodeProcess?.once?.('exit', flushLog);

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
 * What {@link scrubbingLogger} returns: the log for an entry, and, when the entries become JSON
 * lines (`jsonLineSink`, or no log at all), `fields` for an entry already serialized.
 */
export interface ProxyLog {
  (entry: Omit<ProxyLogEntry, 'time'>): void;
  /**
   * Logs the entry whose `JSON.stringify` is `{` + `fields`: the same line as logging that entry
   * (the time put first, secrets blanked), without building or serializing an object. Present
   * only where lines are JSON text, so the caller keeps the entry for other sinks.
   */
  fields?(fields: string): void;
}

/**
 * A sink that serializes, blanks secrets, and hands the clean entry on. The line is built once:
 * the JSON-lines sink writes it as it is, another sink gets the entry itself (re-read from the
 * line only when something had to be blanked). The secrets' forms are worked out again only
 * when `secrets()` returns a new list.
 */
export function scrubbingLogger(sink: LogSink | false | undefined, secrets: () => readonly string[]): ProxyLog {
  if (sink === false) return Object.assign(() => {}, { fields: () => {} });
  const target = sink ?? jsonLineSink;
  let known: readonly string[] | undefined;
  let forms: string[] = [];
  /** `line` with every secret blanked: the same string when it holds none. */
  const scrub = (line: string): string => {
    const current = secrets();
    if (current !== known) {
      known = current;
      forms = secretForms(current);
    }
    if (containsSecret(line, forms)) {
      for (const form of forms) line = line.split(form).join('[redacted]');
    }
    return line;
  };
  const log: ProxyLog = (entry) => {
    const time = isoNow();
    // `{"time":…,` and the entry's own fields: the same text as stringifying `{ time, ...entry }`.
    const fields = 'time' in entry ? '' : JSON.stringify(entry);
    const built = fields.length > 2 ? `{"time":"${time}",${fields.slice(1)}` : JSON.stringify({ time, ...entry });
    const line = scrub(built);
    try {
      if (target === jsonLineSink) writeLine(line, 'event' in entry);
      else target(line !== built ? (JSON.parse(line) as ProxyLogEntry) : ({ time, ...entry } as ProxyLogEntry));
    } catch {
      // A failing log sink must never fail a request.
    }
  };
  if (target === jsonLineSink) {
    log.fields = (fields) => {
      const line = scrub(`{"time":"${isoNow()}",${fields}`);
      try {
        writeLine(line);
      } catch {
        // As above: never fail a request.
      }
    };
  }
  return log;
}
