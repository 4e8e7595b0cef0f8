import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';

/**
 * The library as a user's TypeScript project sees it: `import … from 'dln'` resolved through package.json's
 * exports (node_modules/dln links to this repository, built by npm test), type-checked by tsc against the
 * declarations, run by node; its answers must be the command line's.
 */
const work = mkdtempSync(join(tmpdir(), 'dln-api-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const proof = join(repoRoot, 'proofs', 'lemma-4.1.proof.yaml');
const network = join(repoRoot, 'fixtures', 'h2-diag.json');

const script = `
import { allPassed, checkPoints, deriveEntries, InputError, readDerivation, readNetwork, verifyDerivation, type ProofResult, type StepScope } from 'dln';
declare const console: { log(text: string): void };

const result: ProofResult = verifyDerivation(readDerivation(${JSON.stringify(proof)}), { seed: 3, trials: 6 });
const report = checkPoints(readNetwork(${JSON.stringify(network)}));
let refused = '';
try {
  readDerivation('no-such.proof.yaml');
} catch (e) {
  if (e instanceof InputError) refused = e.message;
}
const entries = deriveEntries({ widths: [1, 1, 1], data: { samples: 2 }, hessian: true });
console.log(JSON.stringify({
  steps: result.steps.map((s) => s.status),
  scopes: result.steps.map((s): StepScope['sizes'] => s.scope.sizes),
  passed: [allPassed(result), allPassed(result, true)],
  points: report.points.map((p) => [p.name, p.classification, p.ok]),
  refused,
  entries,
}));
`;

describe("the library, imported from 'dln' by a TypeScript script", () => {
  it('type-checks against the declarations, verifies a file and checks a network as the CLI does', () => {
    mkdirSync(join(work, 'node_modules'));
    symlinkSync(repoRoot, join(work, 'node_modules', 'dln'), 'dir');
    writeFileSync(join(work, 'script.ts'), script);
    writeFileSync(
      join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: [], outDir: 'out' },
        files: ['script.ts'],
      }),
    );
    writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module' }));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(work, 'tsconfig.json')], { cwd: work, encoding: 'utf8' });
    const out = JSON.parse(execFileSync(process.execPath, [join(work, 'out', 'script.js')], { cwd: work, encoding: 'utf8' }));

    const verify = JSON.parse(runCli(['verify', proof, '--seed', '3', '--trials', '6', '--json']).stdout);
    expect(out.steps).toEqual(verify.proofs[0].steps.map((s: { status: string }) => s.status));
    expect(out.steps.length).toBeGreaterThan(5);
    // the verdicts' scope as the CLI states it, and its exit test with and without --strict
    expect(out.scopes).toEqual(verify.proofs[0].steps.map((s: { scope: { sizes: string } }) => s.scope.sizes));
    expect(out.scopes).toContain('all');
    const strict = runCli(['verify', proof, '--seed', '3', '--trials', '6', '--strict']);
    expect(out.passed).toEqual([verify.ok, strict.status === 0]);
    const check = JSON.parse(runCli(['check', network, '--json']).stdout);
    expect(out.points).toEqual(check.points.map((p: { name: string; classification: string; ok: boolean }) => [p.name, p.classification, p.ok]));
    expect(out.points).toContainEqual(['zero', 'bad-saddle', true]);
    expect(out.refused).toBe('no-such.proof.yaml: no such file');
    const derive = JSON.parse(runCli(['derive', '--widths', '1,1,1', '--samples', '2', '--entries', '--hessian', '--json']).stdout);
    expect(out.entries).toEqual(derive);
    // ½Σ_s (w₂w₁x_s − y_s)²: ∂/∂w₁ = Σ_s (w₂w₁x_s − y_s) w₂x_s, by hand
    expect(out.entries.gradient[0]).toBe('w1r1c1*w2r1c1^2*xr1c1^2 + w1r1c1*w2r1c1^2*xr1c2^2 - w2r1c1*xr1c1*yr1c1 - w2r1c1*xr1c2*yr1c2');
  });
});
