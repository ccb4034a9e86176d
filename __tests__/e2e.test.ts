// End-to-end: the bundled dist/index.js, run as the runner runs it, against the stand-in.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { testBytes } from '../test-support/bytes.mjs'
import { makeRunner, runAction } from '../test-support/run-action.mjs'
import { toolCacheMd5s } from '../test-support/tool-cache-layout.mjs'
import { startStandin, type Standin } from '../test-support/standin.mjs'

const REPO = 'https://github.com/acme/models'
const TOKEN = 'studio-e2e-secret-token-1234'
const weights = testBytes(300_000, 3)
const config = Buffer.from('{"layers": 3}\n')
const readme = Buffer.from('line one\r\nline two\r\n')

let standin: Standin

beforeAll(async () => {
  standin = await startStandin({ token: TOKEN, prefix: '/studio' })
  standin.addVersion({
    repo: REPO,
    name: 'churn',
    version: 'v1.0.0',
    stages: ['prod'],
    files: { 'models/churn/weights.bin': weights, 'models/churn/config.json': config }
  })
  standin.addVersion({
    repo: REPO,
    name: 'churn',
    version: 'v1.2.0',
    stages: ['dev'],
    files: { 'models/churn/weights.bin': Buffer.from('newer weights') }
  })
  standin.addVersion({
    repo: REPO,
    name: 'nlp/sentiment:bert',
    version: 'v0.3.0',
    layout: 'dvc2',
    files: { 'nlp/sentiment/model/README.txt': readme, 'nlp/sentiment/model/w.bin': weights }
  })
})
afterAll(() => standin.stop())

function baseInputs(extra: Record<string, string> = {}): Record<string, string> {
  return { name: 'churn', repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, ...extra }
}

function stdoutWithoutMasks(stdout: string): string {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

function allFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]
  )
}

test('fetches the prod stage into the workspace, sets outputs and a summary, and leaks no secret', async () => {
  const result = await runAction({ inputs: baseInputs({ stage: 'prod' }) })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  const ws = result.runner.workspace
  expect(readFileSync(join(ws, 'models/churn/weights.bin')).equals(weights)).toBe(true)
  expect(readFileSync(join(ws, 'models/churn/config.json')).equals(config)).toBe(true)
  expect(allFiles(ws).sort()).toEqual(['models/churn/config.json', 'models/churn/weights.bin'])

  expect(result.outputs.path).toBe(ws)
  expect(JSON.parse(result.outputs.paths)).toEqual([
    join(ws, 'models/churn/config.json'),
    join(ws, 'models/churn/weights.bin')
  ])
  expect(JSON.parse(result.outputs.files)).toEqual({
    'models/churn/config.json': join(ws, 'models/churn/config.json'),
    'models/churn/weights.bin': join(ws, 'models/churn/weights.bin')
  })
  expect(result.outputs['cache-hit']).toBe('false')
  // The summary: a status line, the model as people say it, the linked repository, the files.
  expect(result.summary.split('\n')[0]).toMatch(
    /^<p>✅ Fetched 2 files, 293 KiB in \S+: 2 downloaded, 0 from the tool cache\.<\/p>$/
  )
  expect(result.summary).toContain('<h3>churn, stage prod</h3>')
  expect(result.summary).toContain(`From <a href="${REPO}">${REPO}</a>, into <code>${ws}</code>.`)
  expect(result.summary).toContain('<code>models/churn/weights.bin</code>')
  expect(result.summary).toMatch(/download \(\d+ms\)/)

  // The token is masked first, and appears nowhere else; no URL query is printed.
  const lines = result.stdout.split('\n')
  expect(lines[0]).toBe(`::add-mask::${TOKEN}`)
  expect(lines.filter((line) => line.includes(TOKEN))).toEqual([`::add-mask::${TOKEN}`])
  expect(stdoutWithoutMasks(result.stdout)).not.toContain(TOKEN)
  expect(stdoutWithoutMasks(result.stdout)).not.toMatch(/X-Amz-Signature|X-Amz-Credential/)
  expect(result.stdout).toContain('::group::Fetching churn (stage prod)')
  // The result line follows the group, so it shows while the group is collapsed; then what caching did.
  const afterGroup = result.stdout.slice(result.stdout.indexOf('::endgroup::'))
  expect(afterGroup).toMatch(
    /^::endgroup::\nFetched churn, stage prod: 2 files, 293 KiB in \S+ \(\S+ \S+\/s\): 2 downloaded, 0 from the tool cache\.\nCaches \(293 KiB model, \d+ms\): 2 files linked into the tool cache \(no copy\)\.\n$/
  )

  // Each URL's query string and signature are masked (command data escapes '%' as '%25').
  const masks = new Set(lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length)))
  const fetched = standin.storageRequests.slice(-2)
  expect(fetched).toHaveLength(2)
  for (const request of fetched) {
    const query = request.url.split('?')[1]
    expect(masks).toContain(query.replace(/%/g, '%25'))
    expect(masks).toContain(/X-Amz-Signature=([0-9a-f]+)/.exec(query)![1])
  }

  // Studio got the token in its own scheme; storage never saw it, nor any Authorization.
  const studioCall = standin.studioRequests.at(-1)!
  expect(studioCall.headers.authorization).toBe(`token ${TOKEN}`)
  expect(studioCall.url).toMatch(/^\/studio\/api\/model-registry\/get-download-uris\?/)
  for (const request of standin.storageRequests) {
    expect(request.headers.authorization).toBeUndefined()
    expect(JSON.stringify(request.headers)).not.toContain(TOKEN)
  }
})

test('a second run on the same runner is served from the tool cache, and a replaced workspace file does not reach it', async () => {
  const runner = makeRunner()
  const first = await runAction({ inputs: baseInputs({ version: 'v1.0.0' }), runner })
  expect(first.code).toBe(0)
  expect(first.outputs['cache-hit']).toBe('false')
  expect(toolCacheMd5s(runner.toolCache)).toEqual(
    [createHash('md5').update(config).digest('hex'), createHash('md5').update(weights).digest('hex')].sort()
  )
  // A step that writes a new file in its place (a new inode) leaves the cache's link alone. (An
  // edit in place reaches the entry through the link, and the next hit catches it: cache-links.)
  rmSync(join(runner.workspace, 'models/churn/weights.bin'))
  writeFileSync(join(runner.workspace, 'models/churn/weights.bin'), 'tampered')

  const before = standin.storageRequests.length
  const second = await runAction({ inputs: baseInputs({ version: 'v1.0.0' }), runner })
  expect(second.code).toBe(0)
  expect(standin.storageRequests.length).toBe(before)
  expect(second.outputs['cache-hit']).toBe('true')
  expect(readFileSync(join(runner.workspace, 'models/churn/weights.bin')).equals(weights)).toBe(true)
  expect(second.summary).toContain('tool cache')
  // ✓ means this run hashed the bytes and they matched: downloads, and copies from the cache.
  expect(first.summary.match(/<\/code> ✓/g)).toHaveLength(2)
  expect(second.summary.match(/<\/code> ✓/g)).toHaveLength(2)
})

test('cache: false neither reads nor writes the tool cache', async () => {
  // Reads: a runner whose cache holds the model still downloads it.
  const warm = makeRunner()
  await runAction({ inputs: baseInputs({ version: 'v1.0.0' }), runner: warm })
  const before = standin.storageRequests.length
  const noRead = await runAction({ inputs: baseInputs({ version: 'v1.0.0', cache: 'false' }), runner: warm })
  expect(noRead.code).toBe(0)
  expect(standin.storageRequests.length).toBe(before + 2)
  expect(noRead.outputs['cache-hit']).toBe('false')
  expect(noRead.stdout).toMatch(/2 downloaded, 0 from the tool cache/)
  // Writes: a runner with an empty cache keeps it empty.
  const noWrite = await runAction({ inputs: baseInputs({ version: 'v1.0.0', cache: 'false' }), runner: makeRunner() })
  expect(noWrite.code).toBe(0)
  expect(readdirSync(noWrite.runner.toolCache)).toEqual([])
})

test('latest version, a relative destination path, and a monorepo name in dvc.yaml form', async () => {
  const latest = await runAction({ inputs: baseInputs({ path: 'out/model' }) })
  expect(latest.code).toBe(0)
  expect(readFileSync(join(latest.runner.workspace, 'out/model/models/churn/weights.bin'), 'utf8')).toBe(
    'newer weights'
  )
  expect(latest.outputs.path).toBe(join(latest.runner.workspace, 'out/model'))

  const mono = await runAction({ inputs: baseInputs({ name: 'nlp/sentiment/dvc.yaml:bert' }) })
  expect(mono.code).toBe(0)
  expect(new URL(standin.studioRequests.at(-1)!.url, 'http://x').searchParams.get('name')).toBe('nlp/sentiment:bert')
  // DVC 2 layout: the text file's address is the MD5 after CRLF -> LF; the bytes stay as stored.
  expect(readFileSync(join(mono.runner.workspace, 'nlp/sentiment/model/README.txt')).equals(readme)).toBe(true)
})

test('bad inputs fail before any request, with one clear error and exit code 1', async () => {
  const before = standin.studioRequests.length
  const both = await runAction({ inputs: baseInputs({ version: 'v1.0.0', stage: 'prod' }) })
  expect(both.code).toBe(1)
  expect(both.stdout).toMatch(/::error::Inputs 'version' \(v1.0.0\) and 'stage' \(prod\) were both given/)
  const noToken = await runAction({ inputs: baseInputs({ 'studio-token': '' }) })
  expect(noToken.code).toBe(1)
  expect(noToken.stdout).toMatch(/::error::No Studio token.*'studio-token'.*DVC_STUDIO_TOKEN/)
  const badUrl = await runAction({ inputs: baseInputs({ 'studio-url': 'studio.example.com' }) })
  expect(badUrl.stdout).toMatch(/::error::Input 'studio-url' \(studio.example.com\) is not an absolute http\(s\) URL/)
  const noName = await runAction({ inputs: baseInputs({ name: '' }) })
  expect(noName.stdout).toMatch(/::error::Input 'name' is required/)
  expect(standin.studioRequests.length).toBe(before)
  for (const r of [both, noToken, badUrl, noName]) expect(r.stdout).not.toMatch(/\n\s+at /)
})

test('the token may come from DVC_STUDIO_TOKEN and the URL from DVC_STUDIO_URL', async () => {
  const result = await runAction({
    inputs: { name: 'churn', repo: REPO, stage: 'prod' },
    env: { DVC_STUDIO_TOKEN: TOKEN, DVC_STUDIO_URL: `${standin.studioUrl}/` }
  })
  expect(result.code).toBe(0)
  expect(result.stdout.split('\n')[0]).toBe(`::add-mask::${TOKEN}`)
})

test("Studio's refusals are explained, with a hint, and nothing is written", async () => {
  const wrongToken = await runAction({ inputs: baseInputs({ 'studio-token': 'not-the-token' }) })
  expect(wrongToken.code).toBe(1)
  expect(wrongToken.stdout).toMatch(
    /::error::Studio at http:\/\/127\.0\.0\.1:\d+\/studio\/api\/model-registry\/get-download-uris refused to list the files of churn \(latest version\) from https:\/\/github\.com\/acme\/models \(HTTP 401\): "Authentication credentials were not provided or are invalid\." The token is wrong, expired or lacks the Model Registry scope/
  )
  const missing = await runAction({ inputs: baseInputs({ name: 'nope' }) })
  expect(missing.stdout).toMatch(/HTTP 404\): "Model 'nope' not found in .*Check 'repo'/)
  expect(allFiles(missing.runner.workspace)).toEqual([])
})

test("'repo': owner/name is sent as a URL on this GitHub server, an unexpanded default falls back to this repository, and a value that cannot be a repository fails before any request", async () => {
  const short = await runAction({ inputs: baseInputs({ repo: 'acme/models', stage: 'prod' }) })
  expect(short.code).toBe(0)
  expect(new URL(standin.studioRequests.at(-1)!.url, 'http://x').searchParams.get('repo')).toBe(REPO)
  // The log and the summary show the repo as sent.
  expect(short.stdout).toContain(`::group::Fetching churn (stage prod) from ${REPO}`)
  expect(short.summary).toContain(`href="${REPO}"`)

  // @github/local-action passes action.yml's default as written: it counts as empty.
  const local = await runAction({
    inputs: baseInputs({ repo: '${{ github.server_url }}/${{ github.repository }}', stage: 'prod' }),
    env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/models' }
  })
  expect(local.code).toBe(0)
  expect(new URL(standin.studioRequests.at(-1)!.url, 'http://x').searchParams.get('repo')).toBe(REPO)

  const before = standin.studioRequests.length
  const spaced = await runAction({ inputs: baseInputs({ repo: 'acme models' }) })
  expect(spaced.code).toBe(1)
  expect(spaced.stdout).toMatch(
    /::error::Input 'repo' \(acme models\) is not a Git repository: write it as owner\/name \(sent as https:\/\/github\.com\/owner\/name\)/
  )
  const noOwner = await runAction({ inputs: baseInputs({ repo: '/models' }) })
  expect(noOwner.stdout).toMatch(/::error::Input 'repo' \(\/models\) is not a Git repository/)
  expect(standin.studioRequests.length).toBe(before)
})

test('a hostile path from Studio fails the step and nothing is written', async () => {
  const runner = makeRunner()
  for (const key of ['../escape.bin', '/etc/evil', 'ok/../../up', 'C:/x']) {
    standin.studioAnswers.push({
      status: 200,
      body: {
        'models/fine.bin': standin.sign(standin.pathOf('models/churn/config.json')),
        [key]: standin.sign(standin.pathOf('models/churn/config.json'))
      }
    })
    const result = await runAction({ inputs: baseInputs({ path: 'dest' }), runner })
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('::error::Studio returned the file path')
    expect(allFiles(runner.base).filter((f) => !/^(output|state|summary)-/.test(f))).toEqual([])
  }
  // A symlink in the destination that leads outside is refused too.
  mkdirSync(join(runner.workspace, 'dest'), { recursive: true })
  symlinkSync(runner.temp, join(runner.workspace, 'dest', 'models'))
  const viaLink = await runAction({ inputs: baseInputs({ path: 'dest', stage: 'prod' }), runner })
  expect(viaLink.code).toBe(1)
  expect(viaLink.stdout).toMatch(/symlink that leads outside/)
  expect(readdirSync(runner.temp)).toEqual([])
})

test('a file that cannot be downloaded leaves nothing half-written in the destination or the cache', async () => {
  // config.json (first in key order, and alone at concurrency 1) arrives whole and verified;
  // then weights.bin fails. The cache is written only once the whole model is in place.
  const v1 = standin.models
    .get(REPO)!
    .get('churn')!
    .find((v) => v.version === 'v1.0.0')!
  standin.faults.add(v1.files['models/churn/weights.bin'].path, {
    status: 404,
    body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>files/md5/x</Key></Error>'
  })
  const result = await runAction({ inputs: baseInputs({ version: 'v1.0.0', path: 'dest', concurrency: '1' }) })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(/models\/churn\/config.json: .* downloaded in/)
  expect(result.stdout).toMatch(
    /::error::Storage refused the download \(HTTP 404 from http:\/\/127.0.0.1:\d+\/remote\/files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30}\): "NoSuchKey: The specified key does not exist\." The file is missing from the DVC remote/
  )
  expect(stdoutWithoutMasks(result.stdout)).not.toContain('X-Amz')
  expect(allFiles(result.runner.workspace)).toEqual([])
  expect(allFiles(result.runner.toolCache)).toEqual([])
})

test('a destination that cannot be created is a clear error, not a crash', async () => {
  const runner = makeRunner()
  writeFileSync(join(runner.workspace, 'occupied'), 'a file, not a folder')
  const result = await runAction({ inputs: baseInputs({ stage: 'prod', path: 'occupied/model' }), runner })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(
    /::error::Could not create the folder .*occupied\/model\/models\/churn \(ENOTDIR: not a directory\)\. Part of that path is a file where a folder must go: remove the file, or choose another 'path'\.$/m
  )
  expect(result.stdout).not.toContain('Unexpected error')
  expect(readdirSync(runner.workspace)).toEqual(['occupied'])
})

test("storage's refusal shows its Code and Message, never the parts of the signed query it echoes", async () => {
  standin.inject('models/churn/config.json', {
    status: 403,
    body: '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message><AWSAccessKeyId>AKIASTANDIN</AWSAccessKeyId><CanonicalRequest>GET /remote X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Credential=AKIASTANDIN%2F20261128</CanonicalRequest></Error>'
  })
  const result = await runAction({ inputs: baseInputs({ version: 'v1.0.0' }) })
  expect(result.code).toBe(1)
  expect(result.stdout).toMatch(
    /::error::Storage refused the download \(HTTP 403 from \S+\): "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided\." The signed URL was refused/
  )
  expect(stdoutWithoutMasks(result.stdout)).not.toMatch(/AKIASTANDIN|X-Amz-Credential/)
})

test('https:// to a port that speaks http: Studio and storage alike fail at once, said in words on one line', async () => {
  const studioUrl = standin.studioUrl.replace(/^http:/, 'https:')
  const studio = await runAction({ inputs: baseInputs({ 'studio-url': studioUrl, version: 'v1.0.0' }) })
  expect(studio.code).toBe(1)
  expect(studio.stdout).not.toContain('Retrying')
  const errors = studio.stdout.split('\n').filter((l) => l.startsWith('::error::'))
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(
    /^::error::The TLS connection to Studio at https:\/\/127\.0\.0\.1:\d+\/studio\/api\/model-registry\/get-download-uris failed \([^)]*\): the server at https:\/\/127\.0\.0\.1:\d+\/studio\/api\/model-registry\/get-download-uris does not speak TLS on that port: use http:\/\/ or the right port in input 'studio-url' \(or DVC_STUDIO_URL\)\.$/
  )
  expect(studio.stdout).not.toMatch(/%0A|ssl3_record|deps\/openssl/)

  const signed = standin.sign(standin.pathOf('models/churn/config.json'))
  standin.studioAnswers.push({ status: 200, body: { 'models/churn/config.json': signed.replace(/^http:/, 'https:') } })
  const storage = await runAction({ inputs: baseInputs({ version: 'v1.0.0', path: 'dest' }) })
  expect(storage.code).toBe(1)
  expect(storage.stdout).not.toContain('Retrying')
  expect(storage.stdout).toMatch(
    /^::error::The TLS connection to storage at https:\/\/127\.0\.0\.1:\d+\/remote\/files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30} failed \([^)]*\): the server at https:\/\/127\.0\.0\.1:\d+\/remote\/files\/md5\/[0-9a-f]{2}\/[0-9a-f]{30} does not speak TLS on that port: use http:\/\/ or the right port\.$/m
  )
  expect(stdoutWithoutMasks(storage.stdout)).not.toMatch(/X-Amz|%0A|ssl3_record/)
  expect(allFiles(storage.runner.workspace)).toEqual([])
})
