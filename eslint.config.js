// @ts-check
/**
 * Lint for the whole tree: typescript-eslint's recommended rules, the two type-aware rules that catch
 * promises nobody awaited or handed to a callback that ignores them, and the import boundaries that keep
 * the layers apart:
 *   core     → nothing outside core (no adapters, bot, scripts, bench; no telegraf, bolt or openai)
 *   adapters → core (never bot)
 *   scripts  → bot, core, adapters (never bench)
 *   bot, bench, test → anything
 */
import tseslint from "typescript-eslint";

/** Imports a layer may not make, as regular expressions over the import's path. */
const forbid = (...rules) => ["error", { patterns: rules.map(([regex, message]) => ({ regex, message })) }];

const TRANSPORTS = ["^(telegraf|@slack/|openai)(/|$)", "core/ defines ports; transports (telegraf, bolt, openai) live in adapters/."];

export default tseslint.config(
  { ignores: ["node_modules/", "prisma/generated/", "data/", "coverage/", "adapters/console/static/"] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        ["(^|/)(adapters|bot|scripts|bench)/", "core/ imports nothing outside core: adapters, bot, scripts and bench build on core, not the other way round."],
        TRANSPORTS,
      ),
    },
  },
  {
    files: ["adapters/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(["(^|/)(bot|scripts|bench)/", "adapters/ are given their services by bot/ (the composition root); they never import it."]),
    },
  },
  {
    files: ["scripts/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(["(^|/)bench/", "scripts/ are part of the product; bench/ measures it and may import scripts, not the other way round."]),
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
);
