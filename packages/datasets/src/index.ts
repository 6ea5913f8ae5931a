/**
 * `@crowdlearn/datasets`: the field's file formats, real crowdsourced
 * datasets bundled in compact form, and a crowd simulator. This is the Node
 * entry: everything of `@crowdlearn/datasets/browser` (parsers, writers,
 * simulator), plus file reading, atomic writes and the bundled datasets.
 *
 * @packageDocumentation
 */
export * from './browser.js';
export { readLongLabelsFile } from './formats/long-format-file.js';
export { readJsonLinesFile } from './formats/json-lines-file.js';
export { readRodriguesMatrixFile } from './formats/rodrigues-file.js';
export { forEachTextChunk, readTextFile } from './text/text-file.js';
export type { TextFileOptions } from './text/text-file.js';
export { writeLongCsvFile } from './formats/long-writer-file.js';
export { writeCekaFiles } from './formats/ceka-files.js';
export { writeFileAtomic } from './formats/atomic-write.js';
export type { FileContent } from './formats/atomic-write.js';
export { FOLDER_MANIFEST, writeFolderAtomic } from './formats/atomic-folder.js';
export type { FolderFile, WriteFolderOptions } from './formats/atomic-folder.js';
export { listDatasets, loadDataset } from './bundled/registry.js';
export type { DataFolderOptions } from './bundled/registry.js';
export { encodeDataset, decodeDataset, COMPACT_FORMAT_VERSION } from './bundled/compact-format.js';
export type { CompactFiles } from './bundled/compact-format.js';
