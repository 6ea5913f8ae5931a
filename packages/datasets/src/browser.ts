/**
 * `@crowdlearn/datasets/browser`: what runs anywhere, without Node's file
 * system: the parsers (they take strings or bytes), the writers (they return
 * text), the crowd simulator, and the license terms. The Node entry
 * (`@crowdlearn/datasets`) adds file reading, atomic file writing and the
 * bundled datasets.
 *
 * @packageDocumentation
 */
export { DelimitedParser, parseDelimited } from './formats/delimited-parser.js';
export type { Delimiter, DelimitedRecord, RecordHandler } from './formats/delimited-parser.js';
export { KNOWN_COLUMN_NAMES } from './formats/columns.js';
export type { ColumnMapping, ColumnRole } from './formats/columns.js';
export { readLongLabels, readLongGold } from './formats/long-format.js';
export type { LongFormatData, LongFormatOptions, LongGoldOptions } from './formats/long-format.js';
export { readNumericGoldText, readNumericLabelsText } from './formats/numeric-long-format.js';
export type { NumericLabelsData, NumericLabelsTextOptions } from './formats/numeric-long-format.js';
export { readPairwiseText } from './formats/pairwise-file.js';
export { readMultiLabelText } from './formats/multi-label-file.js';
export type { MultiLabelTextOptions } from './formats/multi-label-file.js';
export { writeLongCsv } from './formats/long-writer.js';
export type { LongWriterOptions } from './formats/long-writer.js';
export { csvField, delimitedTable, jsonLinesTable } from './formats/table-writer.js';
export { licenseTerms } from './bundled/license-terms.js';
export { decodeCompactDataset } from './bundled/compact-decode.js';
export type { Dataset, DatasetMeta, DatasetSplits, DuplicateResolution, HeldOutSplit, LicenseTerms } from './bundled/dataset.js';
export { simulateCrowd } from './simulate/simulate-crowd.js';
export type { SimulateCrowdOptions, SimulatedCrowd } from './simulate/simulate-crowd.js';
export { SIMULATION_PRESETS } from './simulate/presets.js';
export type { SimulationPreset } from './simulate/presets.js';
export { WORKER_TYPES } from './simulate/worker-types.js';
export type { WorkerType } from './simulate/worker-types.js';
export { readNpy, writeNpy, npyToFeatures } from './formats/npy.js';
export { alignFeatureRows, readFeatureTableText } from './formats/feature-table.js';
export type { FeatureTable, FeatureTableOptions } from './formats/feature-table.js';
export type { NpyArray, NpyDtype } from './formats/npy.js';
export { readArff } from './formats/arff.js';
export type { ArffAttribute, ArffData, ArffOptions } from './formats/arff.js';
export { cekaRespLayout, readCeka, writeCekaResp, writeCekaGold } from './formats/ceka.js';
export type { CekaData, CekaFiles, CekaOptions } from './formats/ceka.js';
export { readRodriguesMatrix } from './formats/rodrigues.js';
export type { RodriguesData, RodriguesOptions } from './formats/rodrigues.js';
export { KNOWN_JSON_KEYS, readJsonLines, writeJsonLines } from './formats/json-lines.js';
export type { JsonLinesData, JsonLinesOptions } from './formats/json-lines.js';
export { LabelRecordSink, similarClassNames } from './formats/label-records.js';
export type { LabelRecordOptions, LabelRecordsData } from './formats/label-records.js';
export { platformLayout } from './formats/platform-exports.js';
export type { PlatformLayout, StatusFilter } from './formats/platform-exports.js';
export { readJsonExport } from './formats/json-export.js';
export { readWideMatrix } from './formats/wide-matrix.js';
export { detectLabelFormat, LABEL_FORMATS, readLabelsText, wideDelimiter } from './formats/label-file-format.js';
export type { LabelFormat, ReadLabelsOptions } from './formats/label-file-format.js';
export { readGoldText } from './formats/gold-file.js';
export type { GoldTextOptions } from './formats/gold-file.js';
export type { WideMatrixOptions } from './formats/wide-matrix.js';
export { decodeText, firstInvalidUtf8, TextChunkDecoder, TEXT_ENCODINGS } from './text/text-decoder.js';
export type { TextEncoding } from './text/text-decoder.js';
