// (m) Supply against need (issue 12 § 3, ADR 0042): GET /api/supply for Kitas over the 542
// Planungsräume of the Berlin demo, cold (the data version moved just before, so the answer is
// computed: directory, population, ratios, gaps, reachability, JSON + gzip) and cached (the prepared
// bytes of the same data version) — each next to GET /api/health measured in the same run.
import http from 'node:http';
import { bumpDataVersion } from '../packages/server/src/http/prepared.ts';
import { de, printSection, type Section } from './format.ts';

const PATH = '/api/supply?serviceType=kita&distance=500';
const COLD = 5;
const WARM = 200;

function get(base: string, path: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(base + path, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

/** Median and mean in ms of n sequential requests (before each: prepare()). */
async function timed(n: number, run: () => Promise<number>, prepare?: () => void) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    prepare?.();
    const t0 = performance.now();
    const status = await run();
    ms.push(performance.now() - t0);
    if (status !== 200) throw new Error(`Antwort ${status}`);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(n / 2)]!, mean: ms.reduce((s, x) => s + x, 0) / n };
}

/** Cold and cached supply answers, with GET /api/health as the baseline of the same run. */
export async function benchSupply(base: string): Promise<Section> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await get(base, PATH, agent); // first answer of the process: catalogue and statements warm
    const cold = await timed(COLD, () => get(base, PATH, agent), bumpDataVersion);
    const cached = await timed(WARM, () => get(base, PATH, agent));
    const health = await timed(WARM, () => get(base, '/api/health', agent));
    const ms = (x: number) => `${de(x, 1)} ms`;
    const section: Section = {
      title: 'm. Versorgung gegen Bedarf: GET /api/supply (Kitas, 542 Planungsräume, PGlite)',
      rows: [
        [
          `kalt (Datenversion gerade verschoben), Median aus ${COLD}`,
          ms(cold.median),
          `GET /api/health: ${ms(health.median)}`,
          `${de(cold.median / health.median, 0)}×`,
        ],
        [
          `vorbereitet (gleiche Datenversion), Median aus ${WARM}`,
          ms(cached.median),
          `GET /api/health: ${ms(health.median)}`,
          `${de(cached.median / health.median, 1)}×`,
        ],
        [
          'kalt ÷ vorbereitet',
          `${de(cold.median / cached.median, 0)}×`,
          'gleiche Anfrage, gleicher Lauf',
          '',
        ],
      ],
      notes: [
        'Nacheinander über eine Keep-Alive-Verbindung, mit Accept-Encoding: gzip wie ein Browser.',
        'Kalt = nach bumpDataVersion (wie nach jedem Import und jedem Schreiben im Angebotsverzeichnis): Verzeichnis und Bevölkerung laden, Quoten, Lücken, Erreichbarkeit, JSON und gzip.',
        'Vorbereitet = dieselben Bytes aus dem PreparedCache (ADR 0042).',
      ],
    };
    printSection(section);
    return section;
  } finally {
    agent.destroy();
  }
}
