/**
 * Gene dropping at X-chromosomal markers (the X twin of `dropMarker`): a male
 * founder draws one allele (one draw from the Balding-Nichols urn when
 * theta > 0), a female two; a son receives one of his mother's two X alleles
 * (female matrix); a daughter one of her mother's (female matrix) and her
 * father's one X (male matrix). A male's allele a is stored as the pair a/a,
 * the form strkin uses for a male X genotype. `segregation` (optional, per
 * person index: 0 or 1) fixes which of the mother's two alleles each child
 * receives, so that markers of one linkage group dropped with the same array
 * travel together (complete linkage within the group); without it each marker
 * draws its own. Not part of the public surface.
 */
import { ModelError } from '../errors/StrkinError.js';
import type { MarkerModel } from '../likelihood/MarkerModel.js';
import type { Random } from './random.js';
import { cumulative, mutate, searchCdf } from './sampling.js';
import type { DropPlan } from './dropGenes.js';

/** Fills `alleles[2i]` and `alleles[2i + 1]` for every person of `plan.order` at an X marker. */
export function dropMarkerX(plan: DropPlan, marker: MarkerModel, random: Random, theta: number, alleles: Int32Array, segregation?: Uint8Array): void {
  const n = marker.alleles.length;
  const cdf = cumulative(marker.frequencies);
  const { order, founderCount, father, mother, sex } = plan;
  for (const i of order) {
    if (sex[i] === 'unknown') {
      throw new ModelError({ code: 'x-sex-unknown', message: `Simulating an X marker needs the sex of every simulated person (marker = ${marker.name}, person = ${String(plan.ids[i])})`, path: ['sex', String(plan.ids[i])] });
    }
  }
  const drawn = new Int32Array(2 * founderCount);
  let count = 0;
  const draw = (): number => {
    let allele: number;
    // The urn: a copy of one of the `count` founder alleles drawn so far with probability count·θ/(1+(count−1)θ).
    if (theta > 0 && count > 0 && random.float() < (count * theta) / (1 + (count - 1) * theta)) allele = drawn[random.int(0, count)] as number;
    else allele = searchCdf(cdf, 0, n, random.float());
    drawn[count++] = allele;
    return allele;
  };
  for (let k = 0; k < founderCount; k++) {
    const i = order[k] as number;
    const a = draw();
    alleles[2 * i] = a;
    alleles[2 * i + 1] = sex[i] === 'male' ? a : draw();
  }
  for (let k = founderCount; k < order.length; k++) {
    const i = order[k] as number;
    const m = mother[i] as number;
    const side = segregation !== undefined ? (segregation[i] as number) : random.float() < 0.5 ? 0 : 1;
    const fromMother = mutate(marker.female, n, alleles[2 * m + side] as number, random);
    alleles[2 * i] = fromMother;
    alleles[2 * i + 1] = sex[i] === 'male' ? fromMother : mutate(marker.male, n, alleles[2 * (father[i] as number)] as number, random);
  }
}
