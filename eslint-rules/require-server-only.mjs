// Local ESLint rule `fm/require-server-only`: a server module's first import is `import 'server-only'`, so a
// client component that reaches it (directly or through another module) fails the Next build instead of
// shipping database, secret or provider code to the browser. eslint.config.mjs decides which files are server
// modules (lib/** minus the isomorphic allow-list) and turns the rule on for them only.
// Outside Next, `server-only` throws unless the `react-server` condition is set: tsx scripts run with
// `tsx --conditions=react-server` (package.json) and vitest aliases it to an empty module (vitest.config.ts).

const SERVER_ONLY = 'server-only'

/** @type {import('eslint').Rule.RuleModule} */
const requireServerOnly = {
  meta: {
    type: 'problem',
    docs: { description: "Server modules start with `import 'server-only'` (before any other import)." },
    fixable: 'code',
    schema: [],
    messages: {
      missing: "Server module: add `import 'server-only'` as its first import (or list it as isomorphic in eslint.config.mjs).",
      notFirst: "`import 'server-only'` must be the first import of the module.",
    },
  },
  create(context) {
    return {
      Program(program) {
        const imports = program.body.filter((n) => n.type === 'ImportDeclaration')
        const marker = imports.find((n) => n.source.value === SERVER_ONLY && n.specifiers.length === 0)
        if (marker && imports[0] === marker) return
        if (marker) {
          context.report({ node: marker, messageId: 'notFirst' })
          return
        }
        // after any directives ('use server'), before the first import or statement; header comments stay on top
        const anchor = imports[0] ?? program.body.find((n) => !(n.type === 'ExpressionStatement' && n.directive))
        context.report({
          node: anchor ?? program,
          messageId: 'missing',
          fix: anchor ? (fixer) => fixer.insertTextBefore(anchor, `import '${SERVER_ONLY}'\n`) : undefined,
        })
      },
    }
  },
}

export const fmPlugin = {
  meta: { name: 'fm-local-rules' },
  rules: { 'require-server-only': requireServerOnly },
}

export default fmPlugin
