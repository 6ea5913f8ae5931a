import { CrowdError } from './errors.js';
import { Features } from './features.js';

/** A numeric feature column. */
export interface NumericColumn {
  /** Discriminant. */
  kind: 'numeric';
  /** Column name. */
  name: string;
  /** One finite value per row. */
  values: ArrayLike<number>;
}

/** A nominal (categorical) feature column, one-hot encoded by {@link encodeFeatures}. */
export interface NominalColumn {
  /** Discriminant. */
  kind: 'nominal';
  /** Column name; the encoded columns are named `name=category`. */
  name: string;
  /** One category per row. */
  values: readonly string[];
  /** The categories in encoding order; default: the values seen, sorted. A value outside the list is an error. */
  categories?: readonly string[];
}

/** A raw feature column. */
export type FeatureColumn = NumericColumn | NominalColumn;

/**
 * Builds {@link Features} from raw columns: numeric columns are copied (a
 * non-finite value is an error naming the row and column), nominal columns
 * become one 0/1 column per category, named `name=category`.
 */
export function encodeFeatures(columns: readonly FeatureColumn[], source = 'features'): Features {
  const n = columns.length === 0 ? 0 : (columns[0] as FeatureColumn).values.length;
  const names: string[] = [];
  const plans: { col: FeatureColumn; categories?: Map<string, number> }[] = [];
  for (const col of columns) {
    if (col.values.length !== n) {
      throw new CrowdError('SHAPE_MISMATCH', `feature column ${JSON.stringify(col.name)} has a different length`, {
        source,
        expected: `${n} values`,
        found: `${col.values.length}`,
      });
    }
    if (col.kind === 'numeric') {
      names.push(col.name);
      plans.push({ col });
    } else {
      const cats = col.categories ?? [...new Set(col.values)].sort();
      const index = new Map<string, number>();
      cats.forEach((c, k) => index.set(c, k));
      for (const c of cats) names.push(`${col.name}=${c}`);
      plans.push({ col, categories: index });
    }
  }
  const d = names.length;
  const data = new Float32Array(n * d);
  let offset = 0;
  for (const { col, categories } of plans) {
    if (col.kind === 'numeric') {
      for (let i = 0; i < n; i++) {
        const v = col.values[i] as number;
        if (!Number.isFinite(v)) {
          throw new CrowdError('PARSE_ERROR', `non-finite value in feature ${JSON.stringify(col.name)} at row ${i}`, {
            source,
            expected: 'a finite number',
            found: String(v),
          });
        }
        data[i * d + offset] = v;
      }
      offset += 1;
    } else {
      const index = categories as Map<string, number>;
      for (let i = 0; i < n; i++) {
        const k = index.get(col.values[i] as string);
        if (k === undefined) {
          throw new CrowdError('UNKNOWN_CLASS', `unknown category in feature ${JSON.stringify(col.name)} at row ${i}`, {
            source,
            expected: `one of ${[...index.keys()].join(', ')}`,
            found: JSON.stringify(col.values[i]),
          });
        }
        data[i * d + offset + k] = 1;
      }
      offset += index.size;
    }
  }
  return new Features(data, n, d, names);
}
