import type { CommonOptions } from '@crowdlearn/aggregators';

/** Options every SQL method takes, besides the engine and the labels. */
export interface SqlMethodOptions extends CommonOptions {
  /** Prefix of the tables the run creates (default `cl_`); give runs that share a database different prefixes. */
  tablePrefix?: string;
}
