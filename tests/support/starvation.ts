/**
 * Issue 18's starvation scenario against a running server: eight clients send the heaviest query
 * the cost limit admits, each again as soon as it is answered, while one client sends a cheap query
 * after another and times each answer. Percentiles come from those requests, nothing else.
 */

/** Two aliases of the largest path search with a small selection: 19,802 of the 20,000 the cost limit admits. */
export const HEAVIEST_ADMITTED = `{ ${[0, 1]
  .map(
    (i) =>
      `a${i}: paths(from: "turkey", to: "daesh", maxHops: 6, first: 50) { hops actors { id name kind } relations { id kind since until } }`,
  )
  .join(' ')} }`;

export const CHEAP = '{ actor(id: "daesh") { id name kind } }';

export interface StarvationResult {
  cheap: { count: number; p50: number; p99: number; max: number };
  heavy: { answered: number; busy: number; other: string[] };
  seconds: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function post(url: string, query: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Runs the scenario: the heavy clients start; once two heavy answers have come back (the server is
 * loaded), the cheap client sends `samples` queries one after another (or stops at `maxMs`); then
 * the heavy clients stop after their current request.
 */
export async function starve(
  url: string,
  options: { heavyClients?: number; samples?: number; maxMs?: number } = {},
): Promise<StarvationResult> {
  const { heavyClients = 8, samples = 300, maxMs = 12_000 } = options;
  const started = performance.now();
  let stop = false;
  const heavy = { answered: 0, busy: 0, other: [] as string[] };
  let loaded!: () => void;
  const loadedOnce = new Promise<void>((resolve) => (loaded = resolve));
  const heavyLoop = async () => {
    while (!stop) {
      const { status, body } = await post(url, HEAVIEST_ADMITTED);
      if (status === 200 && body.startsWith('{"data"') && !body.includes('"errors"')) heavy.answered++;
      else if (status === 503 && body.includes('"expensive-queue"')) heavy.busy++;
      else heavy.other.push(`${status} ${body.slice(0, 200)}`);
      if (heavy.answered + heavy.busy >= 2) loaded();
    }
  };
  const heavyDone = Promise.all(Array.from({ length: heavyClients }, heavyLoop));
  await Promise.race([loadedOnce, heavyDone]);
  const latencies: number[] = [];
  const cheapUntil = performance.now() + maxMs;
  while (latencies.length < samples && performance.now() < cheapUntil) {
    const t = performance.now();
    const { status, body } = await post(url, CHEAP);
    latencies.push(performance.now() - t);
    if (status !== 200 || !body.includes('"daesh"')) heavy.other.push(`cheap: ${status} ${body.slice(0, 200)}`);
  }
  stop = true;
  await heavyDone;
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    cheap: {
      count: sorted.length,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1) ?? NaN),
    },
    heavy,
    seconds: round((performance.now() - started) / 1_000),
  };
}
