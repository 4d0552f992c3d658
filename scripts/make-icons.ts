/**
 * Draws Backstory's toolbar icon (a page with lines of text, one of them highlighted) as PNGs
 * at the sizes browsers ask for, into public/icon/. Run with `npx tsx scripts/make-icons.ts`.
 * Plain zlib, no image library: the shapes are rectangles.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const PAGE: RGBA = [255, 255, 255, 255];
const INK: RGBA = [28, 25, 23, 255];
const MARK: RGBA = [245, 180, 20, 255];
const FRAME: RGBA = [29, 78, 216, 255];

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => RGBA): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The icon in unit coordinates (0..1): a blue-framed page, three text lines, the middle one highlighted. */
function icon(u: number, v: number): RGBA {
  const inside = (x0: number, y0: number, x1: number, y1: number) => u >= x0 && u < x1 && v >= y0 && v < y1;
  if (!inside(0.06, 0.02, 0.94, 0.98)) return [0, 0, 0, 0];
  if (!inside(0.14, 0.1, 0.86, 0.9)) return FRAME;
  if (inside(0.22, 0.48, 0.78, 0.62)) return MARK;
  if (inside(0.22, 0.24, 0.78, 0.32) || inside(0.22, 0.52, 0.66, 0.58) || inside(0.22, 0.72, 0.62, 0.8)) return INK;
  return PAGE;
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) {
  // 4×4 supersampling keeps the small sizes crisp without blurring the lines away.
  const image = png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        const c = icon((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size);
        for (let k = 0; k < 4; k++) acc[k]! += c[k]! * (k < 3 ? c[3] / 255 : 1);
      }
    const a = acc[3]! / 16;
    return a === 0 ? [0, 0, 0, 0] : [acc[0]! / 16 / (a / 255), acc[1]! / 16 / (a / 255), acc[2]! / 16 / (a / 255), a].map(Math.round) as RGBA;
  });
  writeFileSync(`public/icon/${size}.png`, image);
}
console.log('icons written to public/icon/');
