import { setTimeout as sleep } from 'node:timers/promises';
import { integer } from '../args.js';
import type { Command, CommandContext } from '../context.js';
import { display, field, type Column } from '../output.js';

const COLUMNS: Column[] = [field('time'), field('type'), field('resource'), field('actor')];

interface AuditEvent {
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
 * Prints the latest events oldest first, then polls for newer ones until interrupted. Events of
 * the same second as the last one seen come again with `time >=`; their sequence, strictly
 * increasing, tells which were printed already. With --json, one event per line (JSON Lines).
 */
async function follow(ctx: CommandContext, latest: AuditEvent[]): Promise<void> {
  const intervalMs = (integer('interval', ctx.values.interval) ?? 2) * 1000;
  let lastSequence = 0n;
  let lastTime: string | undefined = ctx.values.since;
  let header = true;
  const print = (events: AuditEvent[]) => {
    for (const event of events.sort(bySequence)) {
      if (BigInt(event.sequence) <= lastSequence) continue;
      lastSequence = BigInt(event.sequence);
      lastTime = event.time;
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
    for await (const event of ctx.remote().all<AuditEvent>('/v1/auditEvents', 'auditEvents', { filter: filterOf(ctx, lastTime), pageSize: 500 })) fresh.push(event);
    print(fresh);
  }
}
