// Dossier's data flows one way: files → passages → index → answers → rendering. Each rule names a layer and the
// layers after it, which it must never import; `npm run deps` fails on any of them and on any import cycle.
const CORE = ['text', 'corpus', 'search', 'answer', 'summary', 'store'];
const FRONT_ENDS = '^(src/(discord|cli|bot\\.ts|deployCommands\\.ts)|commands/)';

/** `src/<layer>` must not import the core layers after it, nor anything Discord or the front ends. */
function layerRule(layer, index) {
  const later = CORE.slice(index + 1);
  return {
    name: `${layer}-imports-downstream`,
    comment: `src/${layer} comes before ${later.join(', ') || 'the front ends'} in the flow`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: [`^src/(${[...later, 'postgres'].join('|')})/`, FRONT_ENDS] },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'two modules that import each other, directly or through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...CORE.map(layerRule),
    {
      name: 'core-imports-discord',
      comment: 'the core answers questions; only src/discord and commands/ know Discord',
      severity: 'error',
      from: { path: `^src/(${CORE.join('|')})/` },
      to: { path: '^node_modules/(discord\\.js|@discordjs|discord-api-types)/' },
    },
    {
      name: 'cli-imports-discord',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: ['^src/discord/', '^commands/', '^node_modules/(discord\\.js|@discordjs)/'] },
    },
    {
      name: 'runtime-imports-commands',
      comment: 'the commands are wired in by the entry points (src/bot.ts, src/deployCommands.ts)',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(bot|deployCommands)\\.ts$' },
      to: { path: '^commands/' },
    },
    {
      name: 'product-imports-tests',
      comment: 'what ships never imports test, bench or support code',
      severity: 'error',
      from: { path: '^(src|commands)/' },
      to: { path: '^(tests|bench|support|scripts)/' },
    },
    {
      name: 'shared-support-imports-tests',
      comment: 'support/ is shared by the tests and the bench; the bench never reaches into tests/',
      severity: 'error',
      from: { path: '^(support|bench)/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|corpus|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
