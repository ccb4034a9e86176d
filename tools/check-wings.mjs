// The lint step's check of src/'s layout: folders are wings in the order data flows, and a file
// imports only from its own wing and the wings below it; no import cycle anywhere. Reads the
// import statements (static, `import type`, `export ... from` and `import()`) of every src/ file.
// Usage: node tools/check-wings.mjs [src folder]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

/** @type {Record<string, number>} */
// Highest first. Wings of one rank (caches, transfer) are siblings: neither imports the other.
export const WINGS = { action: 5, registry: 4, fetch: 3, caches: 2, transfer: 2, files: 1, common: 0 }
const ENTRY = 6 // src/index.ts, the bundle's entry, stands above every wing.

/** @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : name.endsWith('.ts') ? [file] : []
  })
}

/** @param {string} text */
export function importsOf(text) {
  const specifiers = []
  const pattern =
    /(?:^|\n)\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*(?:\/\*[^*]*\*\/\s*)?['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g
  for (const match of text.matchAll(pattern)) specifiers.push(match[1] ?? match[2] ?? match[3])
  return specifiers.filter((specifier) => specifier.startsWith('.'))
}

/** @param {string} srcDir */
export function checkWings(srcDir) {
  const problems = []
  const graph = new Map()
  /** @param {string} file */
  const rankOf = (file) => {
    const relative = path.relative(srcDir, file).split(path.sep)
    if (relative.length === 1) return relative[0] === 'index.ts' ? ENTRY : undefined
    return WINGS[relative[0]]
  }
  for (const file of filesUnder(srcDir)) {
    const rank = rankOf(file)
    const name = path.relative(srcDir, file)
    if (rank === undefined) {
      problems.push(`${name}: not in a wing (${Object.keys(WINGS).join(', ')})`)
      continue
    }
    const edges = []
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const target = path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts')
      edges.push(target)
      const targetRank = rankOf(target)
      const sameWing = path.dirname(target) === path.dirname(file)
      if (!sameWing && (targetRank === undefined || targetRank >= rank)) {
        problems.push(
          `${name} imports ${path.relative(srcDir, target)}: a file imports only its own wing and lower ones ` +
            `(${Object.entries(WINGS)
              .map(([wing, r]) => `${wing} ${r}`)
              .join(', ')}); move the thing it needs down`
        )
      }
    }
    graph.set(file, edges)
  }
  // Cycles: depth-first search, reporting each cycle once by the path that closes it.
  const state = new Map()
  /** @type {string[]} */
  const stack = []
  /** @param {string} file */
  const visit = (file) => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next)).concat(next)
        problems.push(`import cycle: ${cycle.map((f) => path.relative(srcDir, f)).join(' -> ')}`)
      } else if (!state.has(next) && graph.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return problems
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const srcDir = path.resolve(process.argv[2] ?? 'src')
  const problems = checkWings(srcDir)
  for (const problem of problems) console.error(`::error::${problem}`)
  if (problems.length > 0) process.exit(1)
  console.log(`src/ wings in order, no import cycle (${filesUnder(srcDir).length} files).`)
}
