import { setTimeout as sleep } from 'node:timers/promises';
import { integer } from '../args.js';
import type { Command, CommandContext } from '../context.js';
import { display, field, type Column } from '../output.js';

const COLUMNS: Column[] = [field('time'), field('type'), field('resource'), field('actor')];

interface AuditEvent {
  name: string;
  sequence: string;
  time: string;
  [field: string]: unknown;
}

/** The AIP-160 filter of the options, terms joined by AND (the server's own syntax; see docs/api.md). */
function filterOf(ctx: CommandContext, since?: string): string | undefined {
  const v = ctx.values;
  const terms = [
    v.type && `type = ${JSON.stringify(v.type)}`,
    // `:` matches the resource and its children (apiClients/ac_1 finds its credentials' events).
    v.resource && `resource : ${JSON.stringify(v.resource)}`,
    v.actor && `actor = ${JSON.stringify(v.actor)}`,
    (since ?? v.since) && `time >= ${JSON.stringify(since ?? v.since)}`,
    v.filter,
  ].filter(Boolean);
  return terms.length ? terms.join(' AND ') : undefined;
}

const bySequence = (a: AuditEvent, b: AuditEvent) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1);

export const audit: Record<string, Command> = {
  async list(ctx) {
    const pageSize = integer('page-size', ctx.values['page-size']);
    const page = await ctx.remote().call<{ auditEvents: AuditEvent[]; nextPageToken: string }>('GET', '/v1/auditEvents', {
      query: { filter: filterOf(ctx), pageSize, pageToken: ctx.values['page-token'] },
    });
    if (!ctx.values.follow) {
      ctx.out.list(page.auditEvents, COLUMNS, page);
      if (page.nextPageToken && !ctx.out.json) ctx.out.note(`more: --page-token ${page.nextPageToken}`);
      return;
    }
    await follow(ctx, page.auditEvents);
  },
};

/**
 * How far back each poll looks again: writers that only add commit side by side, so an event
 * stamped earlier (and with a lower sequence) can commit after one already printed.
 */
const FOLLOW_LOOKBACK_MS = 30_000;

/**
 * Prints the latest events oldest first, then polls for newer ones until interrupted. Each poll
 * asks for the events since FOLLOW_LOOKBACK_MS before the last one printed; their names tell which
 * were printed already. With --json, one event per line (JSON Lines).
 */
async function follow(ctx: CommandContext, latest: AuditEvent[]): Promise<void> {
  const intervalMs = (integer('interval', ctx.values.interval) ?? 2) * 1000;
  const printed = new Map<string, number>();
  let lastTime: string | undefined = ctx.values.since;
  let header = true;
  const lookback = () => {
    if (lastTime === undefined) return undefined;
    const from = Date.parse(lastTime) - FOLLOW_LOOKBACK_MS;
    // A --since the server understands and Date does not is passed on as it is.
    if (Number.isNaN(from)) return lastTime;
    for (const [id, time] of printed) if (time < from) printed.delete(id);
    return new Date(from).toISOString();
  };
  const print = (events: AuditEvent[]) => {
    for (const event of events.sort(bySequence)) {
      if (printed.has(event.name)) continue;
      printed.set(event.name, Date.parse(event.time));
      if (lastTime === undefined || !(Date.parse(lastTime) >= Date.parse(event.time))) lastTime = event.time;
      if (ctx.out.json) {
        ctx.out.line(JSON.stringify(event));
        continue;
      }
      // Rows cannot be aligned with the ones still to come; the columns are tab-separated.
      if (header) ctx.out.line(COLUMNS.map((c) => c.header).join('\t'));
      header = false;
      ctx.out.line(COLUMNS.map((c) => display(c.value(event))).join('\t'));
    }
  };
  print(latest);
  // Ctrl-C cancels the wait at once, so the command ends without waiting out the interval.
  const stop = new AbortController();
  void ctx.interrupted().then(() => stop.abort());
  while (!stop.signal.aborted) {
    try {
      await sleep(intervalMs, undefined, { signal: stop.signal });
    } catch {
      break;
    }
    const fresh: AuditEvent[] = [];
    for await (const event of ctx.remote().all<AuditEvent>('/v1/auditEvents', 'auditEvents', { filter: filterOf(ctx, lookback()), pageSize: 500 })) fresh.push(event);
    print(fresh);
  }
}
