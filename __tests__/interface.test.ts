// The public interface stays in step: every input the code reads and every output it sets
// is declared in action.yml with a description, and documented in the README's tables.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Inputs, Outputs } from '../src/common/constants.js'

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..')
const actionYml = readFileSync(join(root, 'action.yml'), 'utf8')
const readme = readFileSync(join(root, 'README.md'), 'utf8')
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'src', f), 'utf8'))
  .join('\n')

/** Keys declared under a top-level section of action.yml, each with its description. */
function declared(section: string): Map<string, string> {
  const block = new RegExp(`^${section}:\\n((?:  .*\\n|\\n)*)`, 'm').exec(actionYml)?.[1] ?? ''
  const entries = new Map<string, string>()
  for (const m of block.matchAll(/^ {2}([\w-]+):\n((?: {4}.*\n)*)/gm)) {
    entries.set(m[1], /description: (.+)/.exec(m[2])?.[1] ?? '')
  }
  return entries
}

test('action.yml runs the bundle on node24, with branding', () => {
  expect(actionYml).toMatch(/^runs:\n {2}using: 'node24'\n {2}main: 'dist\/index.js'/m)
  expect(actionYml).toMatch(/^branding:\n {2}icon: '[\w-]+'\n {2}color: '\w+'/m)
})

test('every input the code reads is declared and documented, and nothing else is', () => {
  // The code names inputs only through the constants, and reads every one of them.
  expect(sources).not.toMatch(/(?:getInput|readBoolean|readInteger)\('/)
  for (const key of Object.keys(Inputs)) expect(sources).toContain(`Inputs.${key}`)
  const inputs = declared('inputs')
  expect([...inputs.keys()].sort()).toEqual(Object.values(Inputs).sort())
  for (const [name, description] of inputs) {
    expect(description.length).toBeGreaterThan(10)
    expect(readme).toContain(`| \`${name}\``)
  }
})

test('every output the code sets is declared and documented', () => {
  expect(sources).not.toMatch(/setOutput\('/)
  for (const key of Object.keys(Outputs)) expect(sources).toContain(`setOutput(Outputs.${key}`)
  const outputs = declared('outputs')
  expect([...outputs.keys()].sort()).toEqual(Object.values(Outputs).sort())
  for (const [name, description] of outputs) {
    expect(description.length).toBeGreaterThan(5)
    expect(readme).toContain(`| \`${name}\``)
  }
})
