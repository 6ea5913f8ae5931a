import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The crowdlearn packages the command line runs, whose versions `--version` reports. */
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

/** `crowdlearn <version>`, then every package it runs with the version installed beside it. */
export function versionText(): string {
  const lines = [`crowdlearn ${versionOf(new URL('../package.json', import.meta.url).pathname)}`];
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
