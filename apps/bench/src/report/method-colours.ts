/**
 * One colour per method in every report: a method's colour comes from its
 * name alone (its place in the packages' catalogues, else a hash of the
 * name), never from its position in one report, so `ds` has the same colour
 * in the aggregators report as in the perf report.
 */
import { AGGREGATORS } from '@crowdlearn/aggregators';
import { BASE_MODELS } from '@crowdlearn/neural';

/** Tableau 10 then its lighter and darker companions: distinct on white and in greyscale print. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79'];

/** The catalogues' method names in their fixed order: the first twenty get distinct colours. */
const CATALOGUE_ORDER = [...AGGREGATORS.map((e) => e.name), ...BASE_MODELS.map((e) => e.name)];

/** FNV-1a of a string, for names outside the catalogues. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The colour of a method, by name: its catalogue place, else a hash of the whole name (`dasc+crowdlayer`, `ds (crowd-kit)`). */
export function methodColour(method: string): string {
  const j = CATALOGUE_ORDER.indexOf(method);
  return PALETTE[(j >= 0 ? j : hash(method)) % PALETTE.length] as string;
}
