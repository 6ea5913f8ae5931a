import type { CrowdLabels } from '@crowdlearn/core-matrix';
import { Crowdlayer, type CrowdlayerOptions } from '@crowdlearn/neural';

/** Options of DL-CL (Crowdlayer MW) apart from the crowd's shape. */
export type DlClOptions = Omit<CrowdlayerOptions, 'numClasses' | 'numWorkers' | 'variant'>;

/**
 * DL-CL, CrowdInG's starting point and the baselines' network: Crowdlayer
 * MW for `labels`' shape, with MW starting at 2·I as in the CrowdInG
 * reference code unless `settings` say otherwise.
 */
export function dlCl(labels: CrowdLabels, settings: DlClOptions = {}): Crowdlayer {
  return new Crowdlayer({ mwInitScale: 2, ...settings, numClasses: labels.numClasses, numWorkers: labels.numWorkers, variant: 'MW' });
}
