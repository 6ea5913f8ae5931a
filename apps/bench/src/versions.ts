import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The crowdlearn packages the command line and the bench run, whose versions `--version` reports. */
const PACKAGES = [
  '@crowdlearn/core-matrix',
  '@crowdlearn/aggregators',
  '@crowdlearn/aggregators-sql',
  '@crowdlearn/datasets',
  '@crowdlearn/neural',
  '@crowdlearn/tllc',
  '@crowdlearn/mmlc',
  '@crowdlearn/dasc',
  '@crowdlearn/crowding',
  '@crowdlearn/crowdmeta',
];

const require = createRequire(import.meta.url);

/** The `version` of a package.json file. */
export function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** Every crowdlearn package the bench runs, with the version installed (or `not installed`). */
export function crowdlearnVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      versions[name] = versionOf(require.resolve(`${name}/package.json`));
    } catch {
      versions[name] = 'not installed';
    }
  }
  return versions;
}

/**
 * `<program> <version>` (from the program's own `package.json`), then every
 * crowdlearn package with the version installed: what `crowdlearn
 * --version` and `bench --version` print.
 */
export function versionText(program: string, packageJson: URL): string {
  const lines = [`${program} ${versionOf(packageJson.pathname)}`];
  for (const [name, version] of Object.entries(crowdlearnVersions())) lines.push(`  ${name} ${version}`);
  return lines.join('\n') + '\n';
}
