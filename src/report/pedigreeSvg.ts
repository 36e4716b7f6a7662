/**
 * A small pedigree drawing for reports: inline SVG, drawn by strkin's own code
 * (no layout library), so that a report page needs nothing but itself.
 */
import type { Pedigree, Person } from '../pedigree/Pedigree.js';
import { escapeHtml } from '../util/html.js';

/** Options of {@link pedigreeSvg}. */
export interface PedigreeSvgOptions {
  /** People with a DNA profile: drawn shaded. Default none. */
  readonly typed?: readonly string[];
  /** Missing people (the child under test stands in their place): drawn with a dashed outline and a `?`. Default none. */
  readonly missing?: readonly string[];
  /** A second line under a person's id (a sample name, a role). Default none. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Accessible title of the drawing. Default `Pedigree`. */
  readonly title?: string;
}

const NODE = 30;
const COLUMN = 120;
const ROW = 100;
const MARGIN = 20;
const TEXT_CHARS = 18;

const clip = (text: string): string => (text.length > TEXT_CHARS ? `${text.slice(0, TEXT_CHARS - 1)}…` : text);
/** The drawing's own style, so that the SVG is complete on its own. */
const SVG_STYLE = '.couple,.descent{stroke:#333;stroke-width:1.5;fill:none}.person{fill:#fff;stroke:#222;stroke-width:1.5}.typed{fill:#9a9a9a}.missing{stroke-dasharray:4 3}text{font:11px sans-serif;fill:#111}.sub{fill:#555}.mark{font-weight:bold;font-size:15px}';
const num = (x: number): string => (Math.round(x * 10) / 10).toString();

/** Generation of each person: founders above their first child, others one below their lower parent. */
function generations(persons: readonly Person[]): Map<string, number> {
  const byId = new Map(persons.map((p) => [p.id, p]));
  const gen = new Map<string, number>();
  const visit = (id: string, seen: Set<string>): number => {
    const known = gen.get(id);
    if (known !== undefined) return known;
    const p = byId.get(id);
    if (p === undefined || p.father === null || p.mother === null || seen.has(id)) return 0;
    seen.add(id);
    const g = Math.max(visit(p.father, seen), visit(p.mother, seen)) + 1;
    gen.set(id, g);
    return g;
  };
  for (const p of persons) gen.set(p.id, visit(p.id, new Set()));
  // A founder who married in is drawn one generation above their children and beside their
  // partners, and descendants below both parents: raise generations until nothing moves (they only grow).
  for (let round = 0, changed = true; changed && round <= persons.length; round++) {
    changed = false;
    for (const p of persons) {
      const g = gen.get(p.id) as number;
      let target = g;
      if (p.father === null && p.mother === null) {
        const kids = persons.filter((c) => c.father === p.id || c.mother === p.id).map((c) => gen.get(c.id) as number);
        if (kids.length > 0) target = Math.min(...kids) - 1;
        for (const c of persons) {
          const partner = c.father === p.id ? c.mother : c.mother === p.id ? c.father : null;
          if (partner !== null) target = Math.max(target, gen.get(partner) ?? 0);
        }
      } else target = Math.max(gen.get(p.father ?? '') ?? 0, gen.get(p.mother ?? '') ?? 0) + 1;
      if (target > g) {
        gen.set(p.id, target);
        changed = true;
      }
    }
  }
  return gen;
}

/**
 * Draws `pedigree` as inline SVG: one row per generation, squares for men,
 * circles for women, diamonds for unknown sex; typed people shaded; missing
 * people dashed with a `?`; a line joins each couple and drops to their
 * children. Every name is escaped ({@link escapeHtml}). The drawing is meant
 * for small family pedigrees (a few generations): people of a row are ordered
 * under their parents, couples side by side, without crossing minimisation.
 *
 * Cost: O(people²).
 *
 * @example
 * ```ts
 * const svg = pedigreeSvg({ persons: [
 *   { id: 'MO', sex: 'female', father: null, mother: null }, { id: 'FA', sex: 'male', father: null, mother: null },
 *   { id: 'C', sex: 'male', father: 'FA', mother: 'MO' } ] }, { typed: ['MO'], missing: ['C'] });
 * svg.startsWith('<svg'); // => true
 * svg.includes('<circle'); // => true
 * ```
 */
export function pedigreeSvg(pedigree: Pedigree, options: PedigreeSvgOptions = {}): string {
  const persons = pedigree.persons;
  const typed = new Set(options.typed ?? []);
  const missing = new Set(options.missing ?? []);
  const gen = generations(persons);
  const rows = Math.max(0, ...[...gen.values()].map((g) => g + 1));
  const x = new Map<string, number>();
  const order: string[][] = [];
  const partnersOf = (id: string): string[] => {
    const out: string[] = [];
    for (const c of persons) {
      if (c.father === id && c.mother !== null && !out.includes(c.mother)) out.push(c.mother);
      if (c.mother === id && c.father !== null && !out.includes(c.father)) out.push(c.father);
    }
    return out;
  };
  for (let r = 0; r < rows; r++) {
    const members = persons.filter((p) => gen.get(p.id) === r);
    const key = (p: Person): number => {
      const xs = [p.father, p.mother].map((q) => (q === null ? undefined : x.get(q))).filter((v): v is number => v !== undefined);
      return xs.length > 0 ? xs.reduce((s, v) => s + v, 0) / xs.length : Number.POSITIVE_INFINITY;
    };
    const placedByParents = members.filter((p) => Number.isFinite(key(p))).sort((a, b) => key(a) - key(b));
    const row = placedByParents.map((p) => p.id);
    for (const p of members) {
      if (row.includes(p.id)) continue;
      const partner = partnersOf(p.id).find((q) => row.includes(q));
      if (partner === undefined) row.push(p.id);
      else row.splice(row.indexOf(partner) + 1, 0, p.id);
    }
    order.push(row);
    row.forEach((id, i) => x.set(id, i)); // provisional, re-centred below
  }
  const widest = Math.max(1, ...order.map((r) => r.length));
  const width = widest * COLUMN + 2 * MARGIN;
  const height = rows === 0 ? 2 * MARGIN : (rows - 1) * ROW + NODE + 2 * MARGIN + 24; // the last row's two label lines
  order.forEach((row) => {
    const offset = MARGIN + ((widest - row.length) * COLUMN) / 2 + COLUMN / 2;
    row.forEach((id, i) => x.set(id, offset + i * COLUMN));
  });
  const y = (id: string): number => MARGIN + NODE / 2 + (gen.get(id) as number) * ROW;
  const byId = new Map(persons.map((p) => [p.id, p]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="pedigree" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(options.title ?? 'Pedigree')}">`);
  out.push(`<title>${escapeHtml(options.title ?? 'Pedigree')}</title>`);
  out.push(`<style>${SVG_STYLE}</style>`);
  // Couples and their children.
  const couples = new Map<string, { father: string; mother: string; children: string[] }>();
  for (const c of persons) {
    if (c.father === null || c.mother === null || !byId.has(c.father) || !byId.has(c.mother)) continue;
    const k = `${c.father}\u0000${c.mother}`;
    const couple = couples.get(k) ?? { father: c.father, mother: c.mother, children: [] };
    couple.children.push(c.id);
    couples.set(k, couple);
  }
  let coupleIndex = 0;
  for (const { father, mother, children } of couples.values()) {
    const fx = x.get(father) as number;
    const mx = x.get(mother) as number;
    const fy = y(father);
    const my = y(mother);
    out.push(`<line class="couple" x1="${num(fx)}" y1="${num(fy)}" x2="${num(mx)}" y2="${num(my)}"/>`);
    const midX = (fx + mx) / 2;
    const midY = (fy + my) / 2;
    const childY = Math.min(...children.map(y));
    const barY = childY - NODE / 2 - 14 - (coupleIndex % 3) * 6;
    const xs = children.map((c) => x.get(c) as number);
    out.push(`<path class="descent" d="M${num(midX)} ${num(midY)} V${num(barY)} M${num(Math.min(midX, ...xs))} ${num(barY)} H${num(Math.max(midX, ...xs))}${xs.map((cx, i) => ` M${num(cx)} ${num(barY)} V${num(y(children[i] as string) - NODE / 2)}`).join('')}"/>`);
    coupleIndex++;
  }
  for (const p of persons) {
    const cx = x.get(p.id) as number;
    const cy = y(p.id);
    const cls = missing.has(p.id) ? 'person missing' : typed.has(p.id) ? 'person typed' : 'person';
    const h = NODE / 2;
    if (p.sex === 'male') out.push(`<rect class="${cls}" x="${num(cx - h)}" y="${num(cy - h)}" width="${NODE}" height="${NODE}"/>`);
    else if (p.sex === 'female') out.push(`<circle class="${cls}" cx="${num(cx)}" cy="${num(cy)}" r="${h}"/>`);
    else out.push(`<polygon class="${cls}" points="${num(cx)},${num(cy - h)} ${num(cx + h)},${num(cy)} ${num(cx)},${num(cy + h)} ${num(cx - h)},${num(cy)}"/>`);
    if (missing.has(p.id)) out.push(`<text class="mark" x="${num(cx)}" y="${num(cy + 5)}" text-anchor="middle">?</text>`);
    out.push(`<text x="${num(cx)}" y="${num(cy + h + 14)}" text-anchor="middle">${escapeHtml(clip(p.id))}</text>`);
    const label = options.labels?.[p.id];
    if (label !== undefined) out.push(`<text class="sub" x="${num(cx)}" y="${num(cy + h + 27)}" text-anchor="middle">${escapeHtml(clip(label))}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
