/**
 * What a user sees of the package before running it: the tarball carries the Apache-2.0 LICENSE,
 * package.json says where the project lives, the README's links work on the npm registry page
 * (absolute, not relative to a repository the registry does not have), and every documentation
 * link in the README and the CLI help names a file and heading that exist.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { USAGE } from '../../src/server/node/cli.js';
import { PROXY_USAGE } from '../../src/server/node/proxy-command.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REPOSITORY = 'https://github.com/appconfig-react/appconfig-react';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** md5 of https://www.apache.org/licenses/LICENSE-2.0.txt. */
const APACHE_2_MD5 = '3b83ef96387f14655fc854ddc3c6bd57';

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      heading!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replaceAll(' ', '-'),
    );
  }
  return anchors;
}

describe('package hygiene', () => {
  it('says where the project lives', () => {
    expect(pkg.license).toBe('Apache-2.0');
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git` });
    expect(pkg.homepage).toBe(`${REPOSITORY}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPOSITORY}/issues` });
  });

  it('ships the Apache-2.0 LICENSE in the tarball', async () => {
    const license = readFileSync(join(ROOT, 'LICENSE'));
    expect(createHash('md5').update(license).digest('hex')).toBe(APACHE_2_MD5);
    // --ignore-scripts: the file list only, without prepack's build.
    const { stdout } = await promisify(execFile)(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      {
        cwd: ROOT,
      },
    );
    const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const files = packed.files.map((f) => f.path);
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files.filter((f) => f.startsWith('data/sample/'))).not.toEqual([]);
    expect(files.filter((f) => /^(src|test|docs|playground|bench)\//.test(f))).toEqual([]);
  });

  it('has no relative links in the README (they break on the registry page)', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !/^(https?:\/\/|#)/.test(link))).toEqual([]);
  });

  it('points the README and the CLI help at documentation that exists', () => {
    const texts = { 'README.md': readme, USAGE, PROXY_USAGE };
    const checked: string[] = [];
    for (const [where, text] of Object.entries(texts)) {
      for (const [url, path, anchor] of text.matchAll(
        new RegExp(`${REPOSITORY}/blob/main/([\\w./-]+)(?:#([\\w-]+))?`, 'g'),
      )) {
        const file = join(ROOT, path!);
        expect(existsSync(file), `${where}: ${url} names a missing file`).toBe(true);
        if (anchor)
          expect(
            anchorsOf(readFileSync(file, 'utf8')),
            `${where}: ${url} names a missing heading`,
          ).toContain(anchor);
        checked.push(url);
      }
    }
    expect(checked.some((url) => url.includes('emulator.md#the-command-line'))).toBe(true);
    expect(checked.some((url) => url.includes('proxy.md#cli'))).toBe(true);
  });

  it("records the decision about esbuild's install script", () => {
    expect(pkg.allowScripts).toEqual({ esbuild: false });
    expect(readme).toContain('"allowScripts": { "esbuild": false }');
  });
});
