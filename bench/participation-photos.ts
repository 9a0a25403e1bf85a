// (q) Photo uploads under load (issue 13 § 1, ADR 0045): 50 residents send a photo of 3–4 MB (a
// phone camera's 4032 × 3024 JPEG with EXIF and a GPS position) to their reports at the same time.
// Each upload is read, checked (type, size, pixels), decoded, turned upright, scaled to at most 2048
// px and re-encoded without metadata by sharp (libvips), stored and audited. Measured: wall time,
// answer times p50/p99, 5xx (must be 0), photos stored exactly once, the process's peak RSS — next
// to 50 text-only reports sent at the same time in the same run. Bounded: 100 requests, 127.0.0.1.
import http from 'node:http';
import sharp from 'sharp';
import type { Db } from '../packages/server/src/db/db.ts';
import { solveChallenge } from '../packages/server/src/modules/participation/index.ts';
import { de, mb, printSection, seconds, type Section } from './format.ts';

const UPLOADS = 50;
const BENCH_DIFFICULTY = 8;
const POINT = { lon: 13.4, lat: 52.52 };
const WIDTH = 4032;
const HEIGHT = 3024;

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function send(
  base: string,
  path: string,
  opts: {
    method?: string;
    body?: Buffer | string;
    headers?: Record<string, string>;
    localAddress?: string;
    agent: http.Agent;
  },
): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      base + path,
      {
        method: opts.method ?? 'GET',
        agent: opts.agent,
        localAddress: opts.localAddress,
        headers: opts.headers ?? {},
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - t0 }),
        );
      },
    );
    req.on('error', (e) => resolve({ status: 0, body: String(e), ms: performance.now() - t0 }));
    req.end(opts.body);
  });
}

/** A phone-like photo: 4032 × 3024, gradients with grain (compresses like a real scene), EXIF + GPS. */
export async function phonePhoto(): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 12345;
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed >> 16) & 63;
      const i = (y * WIDTH + x) * 3;
      raw[i] = ((x * 255) / WIDTH + grain) & 255;
      raw[i + 1] = ((y * 255) / HEIGHT + grain) & 255;
      raw[i + 2] = (((x + y) * 128) / WIDTH + grain) & 255;
    }
  return sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 68 })
    .withExif({
      IFD0: { Make: 'Benchkamera', Model: 'Q' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1', GPSLongitudeRef: 'E' },
    })
    .toBuffer();
}

function multipartBody(name: string, content: Buffer): { body: Buffer; type: string } {
  const boundary = '----sozialraumbench' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function reportBody(base: string, agent: http.Agent, text: string): Promise<string> {
  const res = await send(base, '/api/participation/challenge', { agent });
  const { challenge } = JSON.parse(res.body) as { challenge: string };
  return JSON.stringify({
    kind: 'hint',
    topic: 'environment',
    text,
    ...POINT,
    pow: { challenge, nonce: solveChallenge(challenge) },
  });
}

const quantile = (values: number[], q: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
};

/** Runs `work` while sampling the process's RSS every 10 ms; returns its result and the peak. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

const json = { 'content-type': 'application/json' };
const count = (answers: Answer[], f: (s: number) => boolean) =>
  answers.filter((a) => f(a.status)).length;

/** Runs section q against a running app on the demo database; returns its table. */
export async function benchPhotoUploads(db: Db, base: string, tenantId: string): Promise<Section> {
  if (!base.startsWith('http://127.0.0.1:')) throw new Error('Lasttests nur gegen 127.0.0.1');
  console.log(`(q) Beteiligung: ${UPLOADS} Foto-Uploads gleichzeitig …`);
  await db.query(
    `INSERT INTO participation_settings (tenant_id, pow_difficulty) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET pow_difficulty = EXCLUDED.pow_difficulty`,
    [tenantId, BENCH_DIFFICULTY],
  );
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const tag = `q${Date.now()}`;
  const photo = await phonePhoto();

  // the reports the photos go to (prepared, not measured): ten per address
  const reports: { id: number; code: string }[] = [];
  for (let i = 0; i < UPLOADS; i++) {
    const body = await reportBody(base, agent, `Lasttest ${tag} Foto Nr. ${i}: Bank umgestürzt.`);
    const res = await send(base, '/api/participation/reports', {
      method: 'POST',
      body,
      headers: json,
      agent,
      localAddress: `127.0.3.${Math.floor(i / 10) + 1}`,
    });
    if (res.status !== 201) throw new Error(`Hinweis für (q): ${res.status} ${res.body}`);
    const r = JSON.parse(res.body) as { report: { id: number }; deleteToken: string };
    reports.push({ id: r.report.id, code: r.deleteToken });
  }
  const textBodies: string[] = [];
  for (let i = 0; i < UPLOADS; i++)
    textBodies.push(await reportBody(base, agent, `Lasttest ${tag} Text Nr. ${i}: ohne Foto.`));

  // baseline: as many text-only reports, all at once, one per address
  const rssBefore = process.memoryUsage.rss();
  const baseStart = performance.now();
  const baseline = await withPeakRss(() =>
    Promise.all(
      textBodies.map((body, i) =>
        send(base, '/api/participation/reports', {
          method: 'POST',
          body,
          headers: json,
          agent,
          localAddress: `127.0.4.${i + 1}`,
        }),
      ),
    ),
  );
  const baseMs = performance.now() - baseStart;

  const uploads = reports.map((r) => ({ r, ...multipartBody('IMG_0001.jpg', photo) }));
  const rssBeforeUploads = process.memoryUsage.rss();
  const start = performance.now();
  const loaded = await withPeakRss(() =>
    Promise.all(
      uploads.map((u, i) =>
        send(base, `/api/participation/reports/${u.r.id}/photos`, {
          method: 'POST',
          body: u.body,
          headers: {
            'content-type': u.type,
            'content-length': String(u.body.length),
            'x-report-code': u.r.code,
          },
          agent,
          localAddress: `127.0.5.${i + 1}`,
        }),
      ),
    ),
  );
  const ms = performance.now() - start;
  agent.destroy();

  const answers = loaded.result;
  const base201 = count(baseline.result, (s) => s === 201);
  const accepted = count(answers, (s) => s === 201);
  const fivexx = count(answers, (s) => s >= 500 || s === 0);
  const [stored] = await db.query<{ n: number; reports: number; max_edge: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT report_id)::int AS reports,
            COALESCE(max(greatest(width, height)), 0)::int AS max_edge
       FROM participation_photo WHERE tenant_id = $1 AND report_id = ANY($2::integer[])`,
    [tenantId, reports.map((r) => r.id)],
  );
  const lat = answers.map((a) => a.ms);
  const baseLat = baseline.result.map((a) => a.ms);
  const p = (v: number[]) => `${seconds(quantile(v, 0.5))} / ${seconds(quantile(v, 0.99))}`;
  const section: Section = {
    title: `q. Beteiligung: ${UPLOADS} Foto-Uploads gleichzeitig (${mb(photo.length)} JPEG, PGlite)`,
    rows: [
      [
        `${UPLOADS} Uploads gleichzeitig (je ${mb(photo.length)}, ${WIDTH} × ${HEIGHT})`,
        seconds(ms),
        `${UPLOADS} Hinweise ohne Foto gleichzeitig: ${seconds(baseMs)}`,
        `${de(ms / baseMs, 1)}×`,
      ],
      [
        'Antwortzeit p50 / p99',
        p(lat),
        `ohne Foto: ${p(baseLat)}`,
        `${de(quantile(lat, 0.99) / quantile(baseLat, 0.99), 1)}× (p99)`,
      ],
      [
        'angenommen (201) / 5xx / andere',
        `${accepted} / ${fivexx} / ${count(answers, (s) => s !== 201 && s < 500 && s !== 0)}`,
        `ohne Foto 201: ${base201}, 5xx: ${count(baseline.result, (s) => s >= 500 || s === 0)}`,
        fivexx === 0 ? '0 × 5xx' : '**5xx**',
      ],
      [
        'gespeichert (Fotos / Hinweise / längste Seite)',
        `${stored!.n} / ${stored!.reports} / ${stored!.max_edge} px`,
        `angenommen: ${accepted}`,
        stored!.n === accepted && stored!.reports === accepted
          ? 'jedes genau einmal'
          : '**Abweichung**',
      ],
      [
        'Spitzen-RSS des Prozesses (Zuwachs)',
        `${mb(loaded.peak)} (+${mb(Math.max(0, loaded.peak - rssBeforeUploads))})`,
        `ohne Foto: ${mb(baseline.peak)} (+${mb(Math.max(0, baseline.peak - rssBefore))})`,
        `${de(loaded.peak / baseline.peak, 2)}×`,
      ],
    ],
    notes: [
      `Foto: ${WIDTH} × ${HEIGHT} Pixel, ${mb(photo.length)}, JPEG mit EXIF und GPS; der Server prüft Typ, Größe und Pixelzahl, dreht, verkleinert auf höchstens 2048 px und kodiert neu (sharp/libvips, ohne Metadaten), speichert Datei und Zeile und protokolliert.`,
      `Client und Server laufen im selben Prozess: die RSS enthält die ${UPLOADS} vorbereiteten Anfragen des Clients (${mb(UPLOADS * photo.length)}). Je ein Upload je Loopback-Adresse; Rechenaufgabe auf ${BENCH_DIFFICULTY} Bit.`,
    ],
  };
  printSection(section);
  return section;
}
