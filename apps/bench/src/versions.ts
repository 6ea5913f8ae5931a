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

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/**
 * `<program> <version>` (from the program's own `package.json`), then every
 * crowdlearn package with the version installed: what `crowdlearn
 * --version` and `bench --version` print.
 */
export function versionText(program: string, packageJson: URL): string {
  const lines = [`${program} ${versionOf(packageJson.pathname)}`];
  for (const name of PACKAGES) {
    let version: string;
    try {
      version = versionOf(require.resolve(`${name}/package.json`));
    } catch {
      version = 'not installed';
    }
    lines.push(`  ${name} ${version}`);
  }
  return lines.join('\n') + '\n';
}
