// The synthetic programme feeds the demo, the benchmark and other tests, so
// its promises are checked here: determinism, plausible patterns, valid
// history lines within each pair's life, chunking under the history route's
// cap, and a load through the real API that the server accepts line for line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyLine } from '../../shared/schemas';
import { demoProgramme } from '../../worker/dev/demo';
import {
  generateProgramme,
  loadProgramme,
  programmeToHistoryNdjson,
  type SyntheticHistoryLine,
  type SyntheticProgramme,
} from '../../worker/dev/synthetic-programme';
import { startWorker, type RunningWorker } from '../../worker/dev/wrangler-dev';

const options = { seed: 7, pairs: 60, startDate: '2023-01-01', endDate: '2026-01-01' };
const all = (p: SyntheticProgramme) => [...p.history()];
const DAY = 86_400_000;

/** Fake server ids, so chunking can be checked without a server. */
function fakeIds(p: SyntheticProgramme) {
  return {
    participantIds: Object.fromEntries(p.participants.map((person, i) => [person.email, `person-${i}`])),
    pairIds: p.pairs.map((_, i) => `pair-${i}`),
  };
}

describe('generateProgramme', () => {
  it('is deterministic for a seed and different for another', () => {
    const one = generateProgramme(options);
    const again = generateProgramme(options);
    const other = generateProgramme({ ...options, seed: 8 });
    expect(again.pairs).toEqual(one.pairs);
    expect(again.participants).toEqual(one.participants);
    expect(all(again)).toEqual(all(one));
    expect(all(other)).not.toEqual(all(one));
    // The iterator starts afresh on every call.
    expect(all(one)).toEqual(all(one));
  });

  it('gives no two people the same name while names last (the demo has no two of anyone)', () => {
    const names = (p: SyntheticProgramme) => p.participants.map((person) => person.displayName);
    const sixty = names(generateProgramme(options));
    expect(new Set(sixty).size).toBe(sixty.length);
    const demo = names(demoProgramme());
    expect(new Set(demo).size).toBe(demo.length);
  });

  it('keeps every session inside its pair’s life and before endDate, with valid answers', () => {
    const programme = generateProgramme(options);
    const lines = all(programme);
    expect(lines.length).toBeGreaterThan(programme.pairs.length * 10);
    const ids = fakeIds(programme);
    for (const line of lines) {
      const pair = programme.pairs[line.pair]!;
      expect(Date.parse(line.end)).toBeLessThanOrEqual(Date.parse(options.endDate));
      expect(line.start >= pair.startsOn).toBe(true);
      if (pair.endsOn) expect(line.start.slice(0, 10) <= pair.endsOn).toBe(true);
      const parsed = historyLine.safeParse({
        pairId: ids.pairIds[line.pair],
        eventKey: line.eventKey,
        start: line.start,
        end: line.end,
        responses: line.responses.map(({ side, ...answer }) => ({ participantId: ids.participantIds[pair[side]], ...answer })),
      });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
    expect(new Set(lines.map((l) => `${l.pair}/${l.eventKey}`)).size).toBe(lines.length);
  });

  it('gives each pattern its signature', () => {
    const programme = generateProgramme({ ...options, pairs: 400 });
    const lines = all(programme);
    const byPattern = (pattern: string) => lines.filter((l) => programme.pairs[l.pair]!.pattern === pattern);
    const answers = (ls: SyntheticHistoryLine[]) => ls.flatMap((l) => l.responses);
    const share = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;

    const healthy = answers(byPattern('healthy')).filter((r) => r.happened);
    const guarded = answers(byPattern('guarded')).filter((r) => r.openness !== undefined);
    expect(share(healthy.filter((r) => r.openness !== undefined).map((r) => r.openness!))).toBeGreaterThan(0.8);
    expect(share(guarded.map((r) => r.openness!))).toBeLessThan(0.35);

    const helpline = answers(byPattern('helpline')).filter((r) => r.autonomy);
    expect(share(helpline.map((r) => r.autonomy === 'did_it_for_me'))).toBeGreaterThan(0.6);
    expect(share(healthy.filter((r) => r.autonomy).map((r) => r.autonomy === 'did_it_for_me'))).toBeLessThan(0.35);

    const oneSidedA = answers(byPattern('one_sided')).filter((r) => r.side === 'a' && r.learned !== undefined);
    expect(share(oneSidedA.map((r) => r.learned!))).toBeLessThan(0.25);

    const silentRate = answers(byPattern('silent')).length / (2 * byPattern('silent').length);
    expect(silentRate).toBeLessThan(0.3);

    // Lapsed pairs hold nothing in their last months.
    for (const pair of programme.pairs.filter((p) => p.pattern === 'lapsed')) {
      const held = lines.filter((l) => l.pair === pair.index && l.responses.some((r) => r.happened));
      const last = held.at(-1);
      if (last) expect(Date.parse(last.start)).toBeLessThan(Date.parse(pair.lapsesOn!));
    }
    // Several cohorts, cadences and segments.
    expect(new Set(programme.pairs.map((p) => p.cohort)).size).toBeGreaterThan(2);
    expect(new Set(programme.pairs.map((p) => p.cadenceDays))).toEqual(new Set([7, 14, 21, 28]));
    expect(new Set(programme.participants.map((p) => p.function)).size).toBeGreaterThan(3);
    expect(new Set(programme.participants.map((p) => p.region)).size).toBe(3);
  });

  it('splits the history into NDJSON bodies under the byte cap without losing a line', () => {
    const programme = generateProgramme(options);
    const chunks = [...programmeToHistoryNdjson(programme, fakeIds(programme), 20_000)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk.body)).toBeLessThanOrEqual(20_000);
    const lines = chunks.flatMap((c) => c.body.trimEnd().split('\n'));
    expect(lines.length).toBe(all(programme).length);
    expect(chunks.reduce((n, c) => n + c.responses, 0)).toBe(all(programme).reduce((n, l) => n + l.responses.length, 0));
  });
});

describe('the demo programme', () => {
  it('stages thriving and at-risk stories over several years, ending today', () => {
    const today = Date.parse('2026-11-23T12:00:00Z');
    const demo = demoProgramme(today);
    expect(demo.pairs).toHaveLength(12);
    expect(new Set(demo.pairs.map((p) => p.pattern))).toEqual(
      new Set(['healthy', 'lapsed', 'one_sided', 'helpline', 'guarded', 'diverging']),
    );
    const lines = all(demo);
    const years = new Set(lines.map((l) => l.start.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(3);
    // The default 90-day dashboard window has recent sessions.
    expect(lines.some((l) => Date.parse(l.start) > today - 14 * DAY)).toBe(true);
    expect(lines.every((l) => Date.parse(l.end) <= today)).toBe(true);
    expect(new Set(demo.pairs.map((p) => p.cohort)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(demo.participants.map((p) => p.function)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(demo.participants.map((p) => p.region)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('loadProgramme against the real Worker', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ vars: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('creates people and pairs and posts every history line, in several chunks', async () => {
    const programme = generateProgramme({ ...options, pairs: 12 });
    const lines = all(programme);
    const loaded = await loadProgramme(fetch, worker.url, worker.adminToken, programme, { maxBytes: 16_000 });
    expect(loaded.pairIds).toHaveLength(12);
    expect(new Set(loaded.pairIds).size).toBe(12);
    expect(Object.keys(loaded.participantIds).sort()).toEqual(programme.participants.map((p) => p.email).sort());
    expect(loaded.history.rejected).toEqual([]);
    expect(loaded.history.sessions).toBe(lines.length);
    expect(loaded.history.responses).toBe(lines.reduce((n, l) => n + l.responses.length, 0));
  });
});

describe('the demo on the coordinator dashboard', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ vars: { RATE_LIMIT_PER_MINUTE: '100000' } });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  // The demo is generated relative to the day it is loaded, so check its stories on several days.
  it.each(['2026-11-23T12:00:00Z', '2027-02-14T08:00:00Z', '2027-07-01T18:00:00Z'])(
    'shows thriving pairs and each at-risk story when loaded on %s',
    async (today) => {
      const loaded = await loadProgramme(fetch, worker.url, worker.adminToken, demoProgramme(Date.parse(today)));
      expect(loaded.history.rejected).toEqual([]);
      const response = await fetch(`${worker.url}/api/v1/programmes/${loaded.programmeId}/dashboard?asOf=${today.slice(0, 10)}`, {
        headers: { authorization: `Bearer ${loaded.coordinatorToken}` },
      });
      expect(response.status).toBe(200);
      const dashboard = (await response.json()) as { pairs: Array<{ status: string; flags: Array<{ flag: string }> }> };
      const flags = new Set(dashboard.pairs.flatMap((pair) => pair.flags.map((f) => f.flag)));
      for (const story of ['lapsed', 'one_sided', 'helpline', 'guarded', 'diverging']) expect(flags, story).toContain(story);
      expect(dashboard.pairs.filter((pair) => pair.status === 'thriving').length).toBeGreaterThanOrEqual(2);
      expect(dashboard.pairs.filter((pair) => pair.status === 'at_risk').length).toBeGreaterThanOrEqual(4);
    },
  );
});
