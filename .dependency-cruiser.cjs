/**
 * Parley's layers, one way only (README "Code map"):
 *   shared ← stages ← jobs ← pipeline ← runtime ← workers | server | cli ← main.ts
 * A module may import from its own layer and the layers to its left, never to its right; the three
 * programs (workers, server, cli) do not import each other; only pipeline/stages.ts knows the jobs.
 */
const LAYERS = ['shared', 'stages', 'jobs', 'pipeline', 'runtime'];
const PROGRAMS = ['workers', 'server', 'cli'];
const above = (i) => [...LAYERS.slice(i + 1), ...PROGRAMS, 'main\\.ts'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes two modules one; break it by moving the shared part down a layer.',
      from: {},
      to: { circular: true },
    },
    ...LAYERS.map((layer, i) => ({
      name: `${layer}-imports-nothing-above`,
      severity: 'error',
      comment: `src/${layer}/ may import only from its own layer and those below it.`,
      from: { path: `^src/${layer}/` },
      to: { path: `^src/(${above(i).join('|')})` },
    })),
    ...PROGRAMS.map((program) => ({
      name: `${program}-imports-no-other-program`,
      severity: 'error',
      comment: 'workers, server and cli are programs on the runtime; main.ts alone composes them.',
      from: { path: `^src/${program}/` },
      to: { path: `^src/(${PROGRAMS.filter((p) => p !== program).join('|')}|main\\.ts)` },
    })),
    {
      name: 'no-job-imports-a-job',
      severity: 'error',
      comment: 'A job says what it takes and gives; the order of the jobs is pipeline/stages.ts alone.',
      from: { path: '^src/jobs/' },
      to: { path: '^src/jobs/.+-job\\.ts$' },
    },
    {
      name: 'only-stages-knows-the-jobs',
      severity: 'error',
      comment: "Everything else asks pipeline/stages.ts for a stage's job (JOBS), so the order lives in one place.",
      from: { path: '^src/', pathNot: '^src/pipeline/stages\\.ts$' },
      to: { path: '^src/jobs/.+-job\\.ts$' },
    },
    {
      name: 'src-imports-no-tests-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
