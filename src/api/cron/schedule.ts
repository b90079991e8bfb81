/*
 * Why croner: of the cron libraries on npm that were evaluated (cron-parser, croner,
 * cron-schedule), croner is the one that takes IANA zones (through Intl, no tz database of its
 * own), knows every macro robfig/cron does (cron-parser lacks `@midnight`, cron-schedule has no
 * zones at all), has no dependencies, and computes a next time from a date it is given
 * (`nextRun(date)`), so virtual time goes in explicitly. It also evaluates wall-clock times the way
 * robfig/cron does across DST changes, for the patterns it calls "interval" ones: a time in the
 * spring-forward gap does not exist and is skipped, a time in the fall-back hour happens twice.
 * robfig treats every pattern that way; croner treats single-valued patterns (`0 2 * * *`) as
 * "fixed-time" (moved out of the gap, run once in the overlap), so the pattern handed to croner
 * writes its seconds as the range `0-0/1`, which is 0 but not single-valued.
 */
import { Cron } from 'croner';
import type { CronField, ParsedSchedule, SpecSchedule } from './parser.ts';
import { parseStandard } from './parser.ts';

/**
 * robfig's SpecSchedule.Next gives up (returns the zero time) past the fifth year after the one
 * it starts in (that year read in UTC here, in the schedule's zone there).
 */
const YEAR_LIMIT = 5;

/** Memoised answers per schedule: the controller asks about the same few instants repeatedly. */
const MEMO_SIZE = 64;

/**
 * A parsed schedule: `next(ms)` is robfig's Schedule.Next, the first activation strictly after
 * `ms` (epoch milliseconds), or undefined when there is none (a 31st of February).
 */
export class CronSchedule {
  private readonly cron: Cron | undefined;
  private readonly memo = new Map<number, number | undefined>();

  constructor(readonly parsed: ParsedSchedule) {
    this.cron = parsed.kind === 'spec' ? toCroner(parsed) : undefined;
  }

  next(ms: number): number | undefined {
    if (this.memo.has(ms)) return this.memo.get(ms);
    const result = this.compute(ms);
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(ms, result);
    return result;
  }

  private compute(ms: number): number | undefined {
    const second = Math.floor(ms / 1000) * 1000;
    if (this.parsed.kind === 'every') return second + this.parsed.delayMs;
    if (!this.cron) return undefined;
    const next = this.cron.nextRun(new Date(ms));
    const limit = Date.UTC(new Date(second + 1000).getUTCFullYear() + YEAR_LIMIT + 1, 0, 1);
    if (!next || next.getTime() >= limit) return undefined;
    return next.getTime();
  }
}

/** A field as croner reads it: `*` for robfig's star, else the values listed. */
function field(f: CronField, all: number): string {
  return f.star || f.values.length === all ? '*' : f.values.join(',');
}

/**
 * The croner pattern (seconds first) and options for a robfig schedule. Day-of-month and
 * day-of-week: croner ORs them unless one is `*`, as robfig does with its star bit. A field with
 * no value at all (robfig accepts `,`) never matches.
 */
function toCroner(s: SpecSchedule): Cron | undefined {
  if ([s.minute, s.hour, s.dom, s.month, s.dow].some((f) => f.values.length === 0)) return undefined;
  const dom = s.dom.star ? '*' : s.dom.values.join(',');
  const dow = s.dow.star ? '*' : s.dow.values.join(',');
  const pattern = `0-0/1 ${field(s.minute, 60)} ${field(s.hour, 24)} ${dom} ${field(s.month, 12)} ${dow}`;
  const zone = s.location.utc ? { utcOffset: 0 } : { timezone: s.location.name };
  return new Cron(pattern, { ...zone, paused: true, domAndDow: false, mode: '6-part' });
}

const parsedCache = new Map<string, CronSchedule>();

/**
 * cron.ParseStandard, cached by text: the schedule, or a CronParseError with robfig's message.
 * The same few schedules are parsed on every sync.
 */
export function parseSchedule(text: string): CronSchedule {
  let schedule = parsedCache.get(text);
  if (!schedule) {
    schedule = new CronSchedule(parseStandard(text));
    if (parsedCache.size > 1024) parsedCache.clear();
    parsedCache.set(text, schedule);
  }
  return schedule;
}
