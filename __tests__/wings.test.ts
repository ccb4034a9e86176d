import { mkdirSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { checkWings, importsOf } from '../tools/check-wings.mjs'

/** tools/check-wings.mjs (run by `npm run lint`) holds src/'s wings in order and free of cycles. */

function tree(files: Record<string, string>): string {
  const root = path.join(os.tmpdir(), `wings-${Math.random().toString(36).slice(2)}`)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true })
    writeFileSync(path.join(root, name), text)
  }
  return root
}

test('the project itself passes', () => {
  expect(checkWings(path.resolve('src'))).toEqual([])
})

test('reads every form of import', () => {
  const text = [
    "import * as core from '@actions/core'",
    "import { a } from './a.js'",
    "import type { B } from '../common/b.js'",
    "export { c } from './c.js'",
    'import {\n  d,\n  e\n} from "./d.js"',
    'const f = await import(/* webpackMode: "eager" */ \'./f.js\')',
    "import './g.js'"
  ].join('\n')
  expect(importsOf(text)).toEqual(
    ['./a.js', '../common/b.js', './c.js', './d.js', './g.js', './f.js'].sort(
      (x, y) => text.indexOf(x) - text.indexOf(y)
    )
  )
})

test('an import from a higher wing fails', () => {
  const root = tree({
    'common/format.ts': "import { run } from '../action/main.js'\n",
    'action/main.ts': 'export const run = 1\n'
  })
  expect(checkWings(root)).toEqual([expect.stringContaining('common/format.ts imports action/main.ts')])
})

test('sibling wings do not import each other; lower ones and the own wing may be imported', () => {
  const root = tree({
    'caches/tool-cache.ts':
      "import { x } from '../transfer/sink.js'\nimport { y } from '../files/paths.js'\nimport { z } from './cached-copy.js'\n",
    'caches/cached-copy.ts': '',
    'transfer/sink.ts': '',
    'files/paths.ts': ''
  })
  expect(checkWings(root)).toEqual([expect.stringContaining('caches/tool-cache.ts imports transfer/sink.ts')])
})

test('a file outside the wings and an import cycle fail', () => {
  const root = tree({
    'stray.ts': '',
    'files/a.ts': "import type { B } from './b.js'\n",
    'files/b.ts': "import { a } from './a.js'\n"
  })
  const problems = checkWings(root)
  expect(problems).toContainEqual(expect.stringContaining('stray.ts: not in a wing'))
  expect(problems).toContainEqual(expect.stringMatching(/import cycle: files\/a\.ts -> files\/b\.ts -> files\/a\.ts/))
})
