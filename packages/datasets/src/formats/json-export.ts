import { CrowdError, type ExternalId } from '@crowdlearn/core-matrix';
import { addJsonRecord, type JsonLinesOptions } from './json-lines.js';
import { LabelRecordSink, type LabelRecordsData } from './label-records.js';

/** A Label Studio annotation's author: an id, or a user object. */
function annotator(completedBy: unknown): ExternalId | undefined {
  if (typeof completedBy === 'string' || typeof completedBy === 'number') return completedBy;
  if (typeof completedBy === 'object' && completedBy !== null) {
    const user = completedBy as Record<string, unknown>;
    const id = user.email ?? user.id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return undefined;
}

/** The single choice of a Label Studio annotation's results (`"type": "choices"`), or undefined when it has none. */
function choice(result: unknown, where: { source: string; line: number }): string | undefined {
  if (!Array.isArray(result)) return undefined;
  const choices = result.flatMap((r: { type?: unknown; value?: { choices?: unknown } }) => (r?.type === 'choices' && Array.isArray(r.value?.choices) ? (r.value.choices as unknown[]) : []));
  if (choices.length === 0) return undefined;
  if (choices.length > 1) throw new CrowdError('UNSUPPORTED', 'an annotation with several choices', { ...where, expected: 'one choice per annotation (single-label classification)', found: JSON.stringify(choices) });
  return String(choices[0]);
}

/**
 * Reads a JSON export that is an array: Label Studio's JSON export (tasks
 * with `annotations`, each `completed_by` a worker whose `choices` result is
 * the label; cancelled annotations and those without a choice are left out
 * with a count), or an array of flat records as in JSON Lines. Errors name
 * the position in the array (as "line", 1-based).
 */
export function readJsonExport(text: string, options: JsonLinesOptions = {}): LabelRecordsData {
  const source = options.source ?? 'labels.json';
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CrowdError('PARSE_ERROR', 'not valid JSON', { source, cause: err, found: String((err as Error).message) });
  }
  if (!Array.isArray(data)) throw new CrowdError('PARSE_ERROR', 'a JSON export is an array', { source, expected: 'an array of tasks or of label records', found: typeof data });
  const sink = new LabelRecordSink(options, source);
  data.forEach((entry: unknown, j) => {
    const line = j + 1;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new CrowdError('PARSE_ERROR', 'an entry must be a JSON object', { source, line });
    const task = entry as Record<string, unknown>;
    if (!Array.isArray(task.annotations)) return addJsonRecord(sink, task, line, options, source);
    const item = task.id;
    if (typeof item !== 'string' && typeof item !== 'number') throw new CrowdError('PARSE_ERROR', 'a Label Studio task without an id', { source, line, expected: '"id": a number or string' });
    for (const a of task.annotations as Record<string, unknown>[]) {
      if (a?.was_cancelled === true) {
        sink.skip('of cancelled annotations');
        continue;
      }
      const worker = annotator(a?.completed_by);
      if (worker === undefined) throw new CrowdError('PARSE_ERROR', 'an annotation without its annotator', { source, line, expected: '"completed_by": a user id or object' });
      const label = choice(a?.result, { source, line });
      if (label === undefined) {
        sink.skip('of annotations without a choice');
        continue;
      }
      sink.add(item, worker, label, line);
    }
  });
  return sink.finish();
}
