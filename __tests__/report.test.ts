// What people see after the run: the result line and a job summary of bounded size.
import { describeModel, fetchedModel, resultLine, summaryHtml, SUMMARY_MAX_BYTES } from '../src/action/report.js'
import type { FetchedFile } from '../src/caches/cached-copy.js'

const REPO = 'https://github.com/acme/models'

function file(key: string, size: number, source: FetchedFile['source'] = 'download'): FetchedFile {
  const md5 = 'ab'.repeat(16)
  return {
    key,
    target: `/ws/${key}`,
    size,
    md5,
    address: { md5 } as FetchedFile['address'],
    verified: true,
    source,
    durationMs: 120
  }
}

test('the model is described as people say it', () => {
  expect(describeModel({ repo: REPO, name: 'churn', stage: 'prod', resolvedVersion: 'v1.2.0' })).toBe(
    'churn, stage prod (v1.2.0)'
  )
  expect(describeModel({ repo: REPO, name: 'churn', stage: 'prod' })).toBe('churn, stage prod')
  expect(describeModel({ repo: REPO, name: 'churn', version: 'v2.0.0' })).toBe('churn, version v2.0.0')
  expect(describeModel({ repo: REPO, name: 'churn' })).toBe('churn, latest version')
  expect(describeModel({ repo: REPO, name: 'churn', resolvedVersion: 'v3.0.0' })).toBe('churn, latest version (v3.0.0)')
})

test('the result line says what, how much, how fast and from where', () => {
  const files = [file('a.bin', 2 * 1024 * 1024), file('b.txt', 10, 'tool-cache'), file('c.txt', 14, 'tool-cache')]
  expect(resultLine(files, 226, { repo: REPO, name: 'churn', stage: 'prod', resolvedVersion: 'v1.2.0' })).toBe(
    'Fetched churn, stage prod (v1.2.0): 3 files, 2.0 MiB in 226ms (8.8 MiB/s): 1 downloaded, 2 from the tool cache.'
  )
})

test('a small model: status line first, heading, linked repository, every file, totals', () => {
  const html = summaryHtml(
    '/ws',
    { repo: REPO, name: 'churn', stage: 'prod', resolvedVersion: 'v1.2.0' },
    [file('models/small.json', 14), file('models/model.pkl', 300_000, 'tool-cache')],
    1500
  )
  const lines = html.split('\n')
  expect(lines[0]).toBe('<p>✅ Fetched 2 files, 293 KiB in 1.5s: 1 downloaded, 1 from the tool cache.</p>')
  expect(lines[1]).toBe('<h3>churn, stage prod (v1.2.0)</h3>')
  expect(lines[2]).toBe(`<p>From <a href="${REPO}">${REPO}</a>, into <code>/ws</code>.</p>`)
  // Largest first.
  expect(html.indexOf('models/model.pkl')).toBeLessThan(html.indexOf('models/small.json'))
  expect(html).toContain('<td>tool cache</td>')
  expect(html).toContain('<td>download (120ms)</td>')
  expect(html).not.toContain('more</em>')
  expect(html).toContain('<strong>total: 2 files</strong>')
})

test('an ssh repository is shown, not linked; names are escaped', () => {
  const html = summaryHtml('/ws', { repo: 'git@github.com:acme/models.git', name: '<b>x</b>' }, [file('a&b', 1)], 5)
  expect(html).toContain('From <code>git@github.com:acme/models.git</code>')
  expect(html).not.toContain('<a href')
  expect(html).toContain('&#60;b&#62;x&#60;/b&#62;, latest version')
  expect(html).toContain('<code>a&#38;b</code>')
})

test('8,000 files: the largest ones, "and N more", totals, and well under 64 KiB', () => {
  const files = Array.from({ length: 8000 }, (_, i) =>
    file(`data/images/img-${String(i).padStart(5, '0')}.png`, 1000 + i)
  )
  const html = summaryHtml('/ws', { repo: REPO, name: 'images', version: 'v1.0.0' }, files, 60_000)
  expect(Buffer.byteLength(html)).toBeLessThan(SUMMARY_MAX_BYTES)
  expect(html).toContain('img-07999.png') // the largest
  expect(html).not.toContain('img-00000.png') // the smallest
  const shown = html.match(/<code>data\/images\//g)!.length
  expect(shown).toBeGreaterThan(10)
  expect(html).toContain(`<em>and ${8000 - shown} more files</em>`)
  expect(html).toContain('<strong>total: 8000 files</strong>')
})

test('very long or non-ASCII names cannot push the summary past the limit', () => {
  const files = Array.from({ length: 3000 }, (_, i) => file(`${'模型/'.repeat(2000)}${i}&<>.bin`, i))
  const html = summaryHtml('/ws/' + 'd'.repeat(5000), { repo: REPO + '/' + 'r'.repeat(5000), name: 'm' }, files, 1)
  expect(Buffer.byteLength(html)).toBeLessThan(SUMMARY_MAX_BYTES)
  expect(html).toContain('more files</em>')
})

test('files from the Actions cache are counted, and named in the summary', () => {
  const files = [file('a.bin', 1), file('b.bin', 5, 'actions-cache')]
  expect(resultLine(files, 10)).toMatch(/: 1 downloaded, 0 from the tool cache, 1 from the Actions cache\.$/)
  const html = summaryHtml('/ws', { repo: REPO, name: 'm' }, files, 10)
  expect(html).toContain('<td>Actions cache</td>')
  expect(html.split('\n')[0]).toContain('1 downloaded, 0 from the tool cache, 1 from the Actions cache.')
})

test('a stage resolved to a version is worded as asked, with the version in parentheses', () => {
  expect(describeModel(fetchedModel({ repo: REPO, name: 'churn', version: 'v1.0.0' }, 'prod'))).toBe(
    'churn, stage prod (v1.0.0)'
  )
  expect(describeModel(fetchedModel({ repo: REPO, name: 'churn', version: 'v1.0.0' }, ''))).toBe(
    'churn, version v1.0.0'
  )
  expect(describeModel(fetchedModel({ repo: REPO, name: 'churn', stage: 'prod' }, 'prod'))).toBe('churn, stage prod')
})

test('the summary marks an MD5 as verified only when this run hashed the bytes and they matched', () => {
  const checked = file('checked.bin', 10)
  const unchecked = { ...file('unchecked.bin', 10), verified: false }
  const html = summaryHtml('/ws', { repo: REPO, name: 'churn' }, [checked, unchecked], 10)
  const row = (key: string): string => html.split('<tr>').find((r) => r.includes(`<code>${key}</code>`)) ?? ''
  expect(row('checked.bin')).toContain('✓')
  expect(row('unchecked.bin')).not.toContain('✓')
})
