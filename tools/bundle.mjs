// Bundles src/index.ts with ncc into dist/ (or `--out <folder>`), with undici replaced by
// tools/undici-proxy-agent-stub.js (tsconfig.json "paths"). The npm tree keeps the real undici, so
// `npm ls`, audit tools and Dependabot see what http-client asks for; only the bundle leaves it out.
//
// The substitution is safe only while undici serves nothing but http-client's proxy dispatcher
// (HttpClient.getAgentDispatcher(), which this action never calls). Before bundling, this script
// parses every production dependency and fails if any of them imports undici for anything else;
// after bundling, it fails if the real undici reached the bundle or the stub did not. It also fails
// if dist/index.js, which every step loads, holds code that only some runs need (see the end).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const stub = 'tools/undici-proxy-agent-stub.js'
const args = process.argv.slice(2)
const outIndex = args.indexOf('--out')
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, 'dist')
const quiet = args.includes('--quiet')

function fail(message) {
  console.error(`::error::${message}`)
  process.exit(1)
}

/** Production packages (what the bundle can contain), from npm's own view of the tree. */
function productionPackages() {
  const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
  if (ls.status !== 0) fail(`npm ls failed: ${ls.stderr}`)
  return ls.stdout
    .split('\n')
    .filter((dir) => dir && dir !== root && !dir.endsWith(`${path.sep}node_modules${path.sep}undici`))
}

function* jsFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) yield* jsFiles(file)
    else if (/\.(c|m)?js$/.test(name)) yield file
  }
}

/** Every way a file can reach undici, with the names it binds and where they are used. */
function undiciUses(file) {
  const text = readFileSync(file, 'utf8')
  if (!text.includes('undici')) return []
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const problems = []
  const bound = new Set()
  const isUndici = (node) => node && ts.isStringLiteralLike(node) && /^undici(\/|$)/.test(node.text)
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && isUndici(node.moduleSpecifier)) {
      const clause = node.importClause
      const named = clause?.namedBindings
      if (!clause || clause.name || !named || !ts.isNamedImports(named) || node.moduleSpecifier.text !== 'undici') {
        problems.push(`imports undici other than as { ProxyAgent }: ${node.getText()}`)
      } else {
        for (const element of named.elements) {
          if ((element.propertyName ?? element.name).text !== 'ProxyAgent') {
            problems.push(`imports ${element.getText()} from undici`)
          }
          bound.add(element.name.text)
        }
      }
    } else if (
      (ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
        isUndici(node.arguments[0])) ||
      (ts.isExportDeclaration(node) && isUndici(node.moduleSpecifier))
    ) {
      problems.push(`loads undici another way: ${node.getText()}`)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  const inProxyDispatcher = (node) => {
    for (let n = node.parent; n; n = n.parent) {
      if (ts.isMethodDeclaration(n) && n.name.getText() === '_getProxyAgentDispatcher') return true
    }
    return false
  }
  const checkUses = (node) => {
    if (ts.isIdentifier(node) && bound.has(node.text) && !ts.isImportSpecifier(node.parent)) {
      if (!inProxyDispatcher(node)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart())
        problems.push(`uses ${node.text} outside _getProxyAgentDispatcher (line ${line + 1})`)
      }
    }
    ts.forEachChild(node, checkUses)
  }
  checkUses(source)
  return problems.map((problem) => `${path.relative(root, file)}: ${problem}`)
}

const problems = []
for (const dir of productionPackages()) for (const file of jsFiles(dir)) problems.push(...undiciUses(file))
if (problems.length > 0) {
  fail(
    `A dependency uses undici for more than http-client's proxy dispatcher, so ${stub} can no longer ` +
      `stand in for it in the bundle. Bundle the real undici (remove "paths" from tsconfig.json) or ` +
      `extend the stub, and measure the start-up cost:\n  ${problems.join('\n  ')}`
  )
}

// ncc overwrites its output but leaves what an earlier build emitted: chunks it no longer emits
// (their numbers change with the code) would stay in dist/ and be committed.
const chunksIn = (dir) => (existsSync(dir) ? readdirSync(dir).filter((name) => /^\d+\.index\.js$/.test(name)) : [])
for (const name of chunksIn(out)) rmSync(path.join(out, name))

const ncc = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    'src/index.ts',
    '-o',
    out,
    '--license',
    'licenses.txt',
    '--target',
    'es2022',
    ...(quiet ? ['--quiet'] : [])
  ],
  { cwd: root, stdio: 'inherit' }
)
if (ncc.status !== 0) process.exit(ncc.status ?? 1)

const bundle = readFileSync(path.join(out, 'index.js'), 'utf8')
const licenses = existsSync(path.join(out, 'licenses.txt')) ? readFileSync(path.join(out, 'licenses.txt'), 'utf8') : ''
if (!bundle.includes('undici is not bundled in this action')) {
  fail(`${stub} is missing from the bundle: is "paths" still in tsconfig.json?`)
}
if (/^undici$/m.test(licenses)) fail('The real undici reached the bundle (licenses.txt lists it).')

// Start-up is paid on every step: dist/index.js (the main and the post step load it) must not hold
// what only some runs need. Each of these is loaded by `import()`, which ncc emits as a chunk; a
// static import somewhere would pull it back in unnoticed.
const chunks = chunksIn(out)
for (const lazy of ['./src/action/main.ts', './node_modules/@actions/cache/lib/cache.js']) {
  const marker = `// CONCATENATED MODULE: ${lazy}\n`
  if (bundle.includes(marker)) fail(`${lazy} is in dist/index.js: load it with import() where it is needed.`)
  if (!chunks.some((name) => readFileSync(path.join(out, name), 'utf8').includes(marker))) {
    fail(`${lazy} is in no chunk of ${path.relative(root, out)}: has ncc's output changed? Update this check.`)
  }
}

// ncc's --license misses many bundled packages: those webpack concatenates as ES modules
// (@actions/core, @actions/http-client, @azure/storage-blob, ...) and CommonJS ones they import
// (tunnel). Each needs its notice: added here from the package's own license file.
const licenseEntries = new Set(licenses.split('\n'))
const concatenated = new Map()
for (const name of ['index.js', ...chunks]) {
  for (const [, file] of readFileSync(path.join(out, name), 'utf8').matchAll(
    /\/\/ (?:CONCATENATED|EXTERNAL) MODULE: \.\/(node_modules\/\S+)/g
  )) {
    const at = file.lastIndexOf('node_modules/') + 'node_modules/'.length
    const parts = file.slice(at).split('/')
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
    concatenated.set(pkg, path.join(root, file.slice(0, at), pkg))
  }
}
const added = []
for (const [pkg, dir] of [...concatenated].sort(([a], [b]) => (a < b ? -1 : 1))) {
  if (licenseEntries.has(pkg)) continue
  const license = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).license
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name))
  if (!license && !file) fail(`${pkg} is bundled but declares no license and ships no license file.`)
  added.push(`${pkg}\n${license ?? ''}\n${file ? readFileSync(path.join(dir, file), 'utf8').trim() : ''}\n`)
}
if (added.length > 0) {
  writeFileSync(path.join(out, 'licenses.txt'), `${licenses.replace(/\n*$/, '\n\n')}${added.join('\n')}`)
}
