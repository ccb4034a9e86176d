// npm run bench: the bundled action against curl on the same signed URLs, on loopback.
// Rounds alternate action and reference; each figure is the median wall time of the whole
// process (Node's start included). Usage: npm run bench [-- --rounds N --big-mib M --link-mibps R]
// Then the two transfers again with storage paced to R MiB/s per connection (default 100), the
// speed a runner sees from cloud storage, where the network, not the CPU, is the limit.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStandin } from '../test-support/standin.mjs'
import { ACTION_ENTRY, freshRunner, makeRunner, runAction, runJob } from '../test-support/run-action.mjs'
import { startCacheService } from '../test-support/cache-service.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : fallback
}
const ROUNDS = option('rounds', 5)
const BIG_MIB = option('big-mib', 768)
const LINK_MIBPS = option('link-mibps', 100)
const REPO = 'https://github.com/acme/bench'
const TOKEN = 'bench-token'
const RSS_HOOK = fileURLToPath(new URL('./bench-rss.mjs', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'bench-'))

function pseudoRandom(size, seed) {
  const b = Buffer.allocUnsafe(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i + 4 <= size; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    b.writeUInt32LE(x >>> 0, i)
  }
  return b
}

function addModels(standin) {
  standin.addVersion({ repo: REPO, name: 'many', version: 'v1.0.0', files: many })
  standin.addVersion({ repo: REPO, name: 'big', version: 'v1.0.0', files: { 'model/big.bin': big } })
}
const many = {}
for (let i = 0; i < 64; i++) many[`model/shards/shard-${String(i).padStart(2, '0')}.bin`] = pseudoRandom(1 << 20, i + 1)
const big = pseudoRandom(BIG_MIB << 20, 99)
let standin = await startStandin({ token: TOKEN })
addModels(standin)

async function signedUrls(name) {
  const url = `${standin.studioUrl}/api/model-registry/get-download-uris?repo=${encodeURIComponent(REPO)}&name=${name}`
  const res = await fetch(url, { headers: { authorization: `token ${TOKEN}` } })
  return res.json()
}

function timed(command, argv, env = process.env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'ignore'], env })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${command} exited with ${code}`))
      else resolve(Number(process.hrtime.bigint() - start) / 1e6)
    })
  })
}

async function timedAction(inputs, runner, env = {}) {
  const start = process.hrtime.bigint()
  const result = await runAction({
    inputs: { repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, ...inputs },
    runner,
    env
  })
  if (result.code !== 0) throw new Error(`action failed:\n${result.stdout}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

async function peakRss(inputs, runner) {
  const rssFile = join(work, 'rss')
  const result = await runAction({
    inputs: { repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, ...inputs },
    runner,
    env: { NODE_OPTIONS: `--import=${RSS_HOOK}`, BENCH_RSS_FILE: rssFile }
  })
  if (result.code !== 0) throw new Error(`action failed:\n${result.stdout}`)
  return Number(readFileSync(rssFile, 'utf8'))
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fresh = (name) => {
  const dir = join(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Sub-second scenarios get three times the rounds: their medians are noisier. */
async function compare(label, action, reference, rounds = ROUNDS) {
  const a = []
  const r = []
  await action() // warm-up: page cache, server
  await reference()
  for (let i = 0; i < rounds; i++) {
    a.push(await action())
    r.push(await reference())
  }
  const row = { label, action: median(a), reference: median(r) }
  console.log(
    `${label.padEnd(44)} action ${row.action.toFixed(0).padStart(6)} ms   reference ${row.reference.toFixed(0).padStart(6)} ms   ratio ${(row.action / row.reference).toFixed(2)}x`
  )
  return row
}

/** curl --parallel over a model's URLs into a fresh folder; `then` runs after it in the same shell. */
function curlParallel(uris, then = '') {
  const dir = fresh('c-many')
  const config = join(work, 'many.curl')
  writeFileSync(
    config,
    Object.entries(uris)
      .map(([key, url]) => `url = "${url}"\noutput = "${join(dir, key)}"\n`)
      .join('')
  )
  const args = ['-sS', '--fail', '--create-dirs', '--parallel', '--parallel-max', '8', '-K', config]
  if (!then) return timed('curl', args)
  return timed('sh', ['-c', `curl ${args.slice(0, -2).join(' ')} -K "$1" && ${then}`, 'sh', config, dir])
}

console.log(`Benchmark: ${ROUNDS} rounds, median; Node ${process.version}; ${BIG_MIB} MiB big file; loopback.`)
const rows = []

// 1. 64 files of 1 MiB: the action (8 transfers at once) vs curl --parallel --parallel-max 8.
const manyUrls = await signedUrls('many')
rows.push(
  await compare(
    '64 x 1 MiB, action vs curl --parallel 8',
    () => timedAction({ name: 'many', cache: 'false', concurrency: '8' }, makeRunner(fresh('a-many'))),
    () => curlParallel(manyUrls),
    3 * ROUNDS
  )
)

rows.push(
  await compare(
    '64 x 1 MiB, action vs curl --parallel 8 && md5sum',
    () => timedAction({ name: 'many', cache: 'false', concurrency: '8' }, makeRunner(fresh('a-many'))),
    () => curlParallel(manyUrls, 'find "$2" -type f -exec md5sum {} + >/dev/null'),
    3 * ROUNDS
  )
)

// 2. One big file: the action vs curl -o (and curl -o followed by md5sum, the same check).
const bigUrl = (await signedUrls('big'))['model/big.bin']
rows.push(
  await compare(
    `1 x ${BIG_MIB} MiB, action vs curl -o`,
    () => timedAction({ name: 'big', cache: 'false' }, makeRunner(fresh('a-big'))),
    () => timed('curl', ['-sS', '--fail', '-o', join(fresh('c-big'), 'big.bin'), bigUrl])
  )
)
rows.push(
  await compare(
    `1 x ${BIG_MIB} MiB, action vs curl -o && md5sum`,
    () => timedAction({ name: 'big', cache: 'false' }, makeRunner(fresh('a-big'))),
    () =>
      timed('sh', [
        '-c',
        `curl -sS --fail -o "$1/big.bin" "$2" && md5sum "$1/big.bin" >/dev/null`,
        'sh',
        fresh('c-big'),
        bigUrl
      ])
  )
)

// 3. Tool-cache hit of the 64 files vs one curl of the API plus cp -r of the cached files.
const cacheRunner = makeRunner(fresh('cache-runner'))
await timedAction({ name: 'many' }, cacheRunner)
const apiUrl = `${standin.studioUrl}/api/model-registry/get-download-uris?repo=${encodeURIComponent(REPO)}&name=many`
rows.push(
  await compare(
    '64 x 1 MiB tool-cache hit vs curl API + cp -r',
    () => {
      rmSync(join(cacheRunner.workspace, 'model'), { recursive: true, force: true })
      return timedAction({ name: 'many' }, cacheRunner)
    },
    () =>
      timed('sh', [
        '-c',
        'curl -sS --fail -H "Authorization: token $1" -o /dev/null "$2" && cp -r "$3" "$4"',
        'sh',
        TOKEN,
        apiUrl,
        join(cacheRunner.toolCache, 'dvc-studio-model-files'),
        fresh('c-cache')
      ]),
    3 * ROUNDS
  )
)

// 4. A job on a fresh hosted runner: the model restored from the Actions cache (the stand-in
// of the service, archives in Azurite, all on loopback) vs the same job downloading it from
// storage. The download keeps the files in the tool cache, as by default; the restore does not (on a
// hosted runner with the Actions cache on, the tool cache is not filled).
const service = await startCacheService()
for (const name of ['many', 'big']) {
  const seedRunner = makeRunner(fresh(`actions-${name}`))
  const seeded = await runJob({
    inputs: { name, repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl },
    runner: seedRunner,
    env: service.env()
  })
  if (seeded.post?.code !== 0 || !/Actions cache: saved/.test(seeded.post.stdout)) {
    throw new Error(`seeding the Actions cache failed:\n${seeded.main.stdout}\n${seeded.post?.stdout}`)
  }
  const size = name === 'many' ? '64 x 1 MiB' : `1 x ${BIG_MIB} MiB`
  rows.push(
    await compare(
      `${size} Actions cache restore vs download`,
      () => timedAction({ name }, freshRunner(seedRunner), service.env()),
      () => timedAction({ name, 'actions-cache': 'false' }, freshRunner(seedRunner), service.env()),
      name === 'many' ? 3 * ROUNDS : ROUNDS
    )
  )
}
await service.stop()

// 5. The transfers again on a paced link: what a runner sees from cloud storage.
await standin.stop()
standin = await startStandin({ token: TOKEN, bytesPerSecond: LINK_MIBPS * 2 ** 20 })
addModels(standin)
const pacedMany = await signedUrls('many')
rows.push(
  await compare(
    `64 x 1 MiB at ${LINK_MIBPS} MiB/s per connection, vs curl`,
    () => timedAction({ name: 'many', cache: 'false', concurrency: '8' }, makeRunner(fresh('a-many'))),
    () => curlParallel(pacedMany)
  )
)
const pacedBig = (await signedUrls('big'))['model/big.bin']
rows.push(
  await compare(
    `1 x ${BIG_MIB} MiB at ${LINK_MIBPS} MiB/s, vs curl -o`,
    () => timedAction({ name: 'big', cache: 'false' }, makeRunner(fresh('a-big'))),
    () => timed('curl', ['-sS', '--fail', '-o', join(fresh('c-big'), 'big.bin'), pacedBig])
  )
)

const rssBig = await peakRss({ name: 'big', cache: 'true' }, makeRunner(fresh('rss-big')))
const rssMany = await peakRss({ name: 'many', cache: 'false' }, makeRunner(fresh('rss-many')))
console.log(
  `peak RSS of the action: ${(rssBig / 2 ** 20).toFixed(0)} MiB (1 x ${BIG_MIB} MiB, cache on), ${(rssMany / 2 ** 20).toFixed(0)} MiB (64 x 1 MiB)`
)
console.log(`(action entry: ${ACTION_ENTRY})`)

await standin.stop()
rmSync(work, { recursive: true, force: true })
