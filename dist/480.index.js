export const id = 480;
export const ids = [480];
export const modules = {

/***/ 8480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/common/http-pool.ts
var http_pool = __webpack_require__(728);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/common/constants.ts
var constants = __webpack_require__(8952);
// EXTERNAL MODULE: ./src/common/errors.ts
var errors = __webpack_require__(1922);
;// CONCATENATED MODULE: ./src/registry/gto-tags.ts
/**
 * The model registry's git tags (GTO): the tag grammar, the event each tag records, and
 * GTO's rules for what a stage holds and which version is the latest. Pure functions.
 * Grammar and rules follow iterative/gto's gto/constants.py, gto/tag.py and gto/base.py.
 */
// gto/constants.py, spelled for JavaScript (a '-' after a range is literal in both).
const DIRNAME = String.raw `[a-zA-Z0-9\-_./]+`;
const NAME = String.raw `[a-zA-Z0-9](?:[a-zA-Z0-9\-/_]*[a-zA-Z0-9])?`;
const SEMVER = String.raw `(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)` +
    String.raw `(?:-(?:(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?` +
    String.raw `(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?`;
/** gto's tag_re: `<dir>=<name>` then `#stage[!]`, `@v<semver>[!]`, `@deprecated` or `@created`, then `#<counter>`. */
const TAG_RE = new RegExp(`^(?<artifact>(?:${DIRNAME}=)?${NAME})` +
    `(?:(?:#(?<stage>${NAME})|@(?<version>v${SEMVER}))(?<cancel>!?)|@(?:(?<deprecated>deprecated)|(?<created>created)))` +
    `(?:#(?<counter>[0-9]+))?$`);
/** Parses a tag name with GTO's grammar; anything else (`v1.0`, `release-1`) is undefined. */
function parseGtoTag(tag) {
    const m = TAG_RE.exec(tag);
    if (!m?.groups)
        return undefined;
    const g = m.groups;
    const cancelled = g.cancel === '!';
    const parsed = { tag, name: tagToName(g.artifact), event: 'creation' };
    if (g.version) {
        parsed.version = g.version;
        parsed.event = cancelled ? 'deregistration' : 'registration';
    }
    else if (g.stage) {
        parsed.stage = g.stage;
        parsed.event = cancelled ? 'unassignment' : 'assignment';
    }
    else if (g.deprecated) {
        parsed.event = 'deprecation';
    }
    if (g.counter !== undefined)
        parsed.counter = Number(g.counter);
    return parsed;
}
/** `refs/tags/<tag>` -> `<tag>`; any other ref -> undefined. */
function tagOfRef(ref) {
    return ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}
/** The GTO tag a ref names, if it names one. */
function gtoTagOfRef(ref) {
    const tag = tagOfRef(ref);
    return tag === undefined ? undefined : parseGtoTag(tag);
}
/** Model names hold `:` between folder and name; tags hold `=` (git refs cannot hold `:`). */
function nameToTag(name) {
    return name.replace(/:/g, '=');
}
function tagToName(tag) {
    return tag.replace(/=/g, ':');
}
/**
 * SemVer 2.0.0 precedence of two `v`-prefixed versions (GTO compares with python-semver):
 * numeric major.minor.patch, a pre-release sorts before its release, pre-release identifiers
 * compare numerically when both are numbers, numbers before words, a longer list wins a tie,
 * and build metadata is ignored.
 */
function compareSemver(a, b) {
    const [coreA, preA] = splitSemver(a);
    const [coreB, preB] = splitSemver(b);
    for (let i = 0; i < 3; i++) {
        if (coreA[i] !== coreB[i])
            return coreA[i] < coreB[i] ? -1 : 1;
    }
    if (!preA.length || !preB.length)
        return preA.length === preB.length ? 0 : preA.length ? -1 : 1;
    for (let i = 0; i < Math.min(preA.length, preB.length); i++) {
        const x = preA[i];
        const y = preB[i];
        if (x === y)
            continue;
        const xn = /^\d+$/.test(x);
        const yn = /^\d+$/.test(y);
        if (xn && yn)
            return BigInt(x) < BigInt(y) ? -1 : 1;
        if (xn !== yn)
            return xn ? -1 : 1;
        return x < y ? -1 : 1;
    }
    return Math.sign(preA.length - preB.length);
}
function splitSemver(version) {
    const withoutBuild = version.replace(/^v/, '').split('+')[0];
    const dash = withoutBuild.indexOf('-');
    const core = dash < 0 ? withoutBuild : withoutBuild.slice(0, dash);
    const pre = dash < 0 ? [] : withoutBuild.slice(dash + 1).split('.');
    return [core.split('.').map((n) => BigInt(n)), pre];
}
/** Sorted by tag time; ties keep the given order, as Python's stable sort does in GTO. */
function byTime(tags) {
    return [...tags].sort((a, b) => a.time - b.time);
}
/**
 * The registered versions of a model that are not deregistered: a version is active while
 * its newest registration or deregistration tag is a registration (gto/base.py Version.is_active).
 */
function activeVersions(tags, name) {
    const last = new Map();
    for (const t of byTime(tags)) {
        if (t.name === name && t.version && (t.event === 'registration' || t.event === 'deregistration')) {
            last.set(t.version, t);
        }
    }
    return new Map([...last].filter(([, t]) => t.event === 'registration'));
}
/** The versions registered (and not deregistered) at a commit: GTO's version for a stage tag there. */
function versionsAtCommit(tags, name, commit) {
    return [...activeVersions(tags, name).values()].filter((t) => t.commit === commit).map((t) => t.version);
}
/** GTO's latest: the highest SemVer among registered versions that are not deregistered. */
function latestVersion(tags, name) {
    return [...activeVersions(tags, name).values()].sort((a, b) => compareSemver(b.version, a.version))[0];
}
/**
 * What a stage holds, by GTO's rules (gto/base.py, `gto show`'s timestamp order): each stage
 * tag belongs to the version registered at its commit; a version holds the stage while its
 * newest assignment or unassignment of that stage is an assignment; of the versions holding
 * it (deregistered ones excluded), the one assigned most recently wins.
 */
function resolveStage(tags, name, stage) {
    const active = activeVersions(tags, name);
    const registered = (commit) => tags.some((v) => v.name === name && v.event === 'registration' && v.commit === commit);
    // Keyed by the version at the commit, or the commit itself where none is registered (GTO does the same).
    const holders = new Map();
    for (const t of byTime(tags)) {
        if (t.name !== name || t.stage !== stage)
            continue;
        const versions = [...active.values()].filter((v) => v.commit === t.commit).map((v) => v.version);
        // A deregistered version no longer holds any stage.
        if (!versions.length && registered(t.commit))
            continue;
        const key = versions.length === 1 ? `v:${versions[0]}` : `c:${t.commit}`;
        const holder = holders.get(key) ?? { last: t, versions };
        holder.last = t;
        if (t.event === 'assignment')
            holder.assigned = t;
        holders.set(key, holder);
    }
    let winner;
    for (const holder of holders.values()) {
        if (holder.last.event !== 'assignment')
            continue;
        if (!winner || holder.assigned.time >= winner.assigned.time)
            winner = holder;
    }
    if (!winner)
        return { kind: 'none' };
    const assignment = winner.assigned;
    if (winner.versions.length === 1)
        return { kind: 'version', version: winner.versions[0], assignment };
    return { kind: winner.versions.length ? 'ambiguous' : 'unversioned', versions: winner.versions, assignment };
}
/**
 * The model a run names without input `name`: the one in a registry tag given as `version`,
 * else (with neither `version` nor `stage`) the one in the registry tag that triggered it.
 */
function modelNamedByTags(ref, version, stage) {
    if (version)
        return parseGtoTag(version.replace(/^refs\/tags\//, ''))?.name;
    return stage ? undefined : gtoTagOfRef(ref)?.name;
}

;// CONCATENATED MODULE: ./src/action/inputs.ts





const DEFAULT_STUDIO_URL = 'https://studio.datachain.ai';
/** The token comes first and is masked at once, before any check can print anything. */
function readToken(env = process.env) {
    const token = core/* getInput */.V4(constants/* Inputs */.G.StudioToken) || env.DVC_STUDIO_TOKEN?.trim() || env.STUDIO_TOKEN?.trim() || '';
    if (token)
        core/* setSecret */.Pq(token);
    return token;
}
/** All inputs; `token` is what readToken returned, read (and masked) before anything else. */
function readInputs(token, env = process.env) {
    const name = core/* getInput */.V4(constants/* Inputs */.G.Name);
    const ref = readExpandedInput(constants/* Inputs */.G.Ref) || env.GITHUB_REF || '';
    if (!name && !modelNamedByTags(ref, core/* getInput */.V4(constants/* Inputs */.G.Version), core/* getInput */.V4(constants/* Inputs */.G.Stage))) {
        throw new errors/* ActionError */.l("Input 'name' is required unless the run was triggered by a model registry tag: set it to the model's name as registered in Studio, for example `name: churn-model` (or `path/to/dvc.yaml:churn-model` for a model in a monorepo subfolder).");
    }
    const version = core/* getInput */.V4(constants/* Inputs */.G.Version) || undefined;
    const stage = core/* getInput */.V4(constants/* Inputs */.G.Stage) || undefined;
    if (version && stage) {
        throw new errors/* ActionError */.l(`Inputs 'version' (${version}) and 'stage' (${stage}) were both given, but Studio takes at most one of them: keep 'version' to pin a release, or 'stage' to follow what is assigned to a stage (leave both empty for the latest version).`);
    }
    if (!token) {
        throw new errors/* ActionError */.l("No Studio token: set input 'studio-token' (for example `studio-token: ${{ secrets.DVC_STUDIO_TOKEN }}`) or the environment variable DVC_STUDIO_TOKEN. Create the token in Studio's profile settings with the Model Registry scope and store it as a repository secret (note that runs for pull requests from forks get no secrets).");
    }
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    return {
        // Without `name`, a registry tag names the model (see registry-plan.ts).
        query: { repo: readRepo(env), name: name ? normalizeModelName(name) : '', version, stage },
        ref,
        token,
        studioUrl: normalizeStudioUrl(core/* getInput */.V4(constants/* Inputs */.G.StudioUrl) || env.DVC_STUDIO_URL?.trim() || DEFAULT_STUDIO_URL),
        destination: external_node_path_.resolve(workspace, core/* getInput */.V4(constants/* Inputs */.G.Path) || '.'),
        selection: { include: readPatterns(constants/* Inputs */.G.Include), exclude: readPatterns(constants/* Inputs */.G.Exclude) },
        download: readBoolean(constants/* Inputs */.G.Download, true),
        cache: readBoolean(constants/* Inputs */.G.Cache, true),
        actionsCache: readChoice(constants/* Inputs */.G.ActionsCache, ['auto', 'true', 'false'], 'auto'),
        actionsCacheMaxBytes: readSize(constants/* Inputs */.G.ActionsCacheMaxSize, '5GB'),
        toolCacheMaxBytes: readSize(constants/* Inputs */.G.ToolCacheMaxSize, '20GB'),
        concurrency: readInteger(constants/* Inputs */.G.Concurrency, 8, 1, 64),
        retries: readInteger(constants/* Inputs */.G.Retries, 5, 0, 100),
        timeoutSeconds: readInteger(constants/* Inputs */.G.Timeout, 60, 1, 3600)
    };
}
/** The GitHub token comes in first and is masked at once; it is only ever sent to GITHUB_GRAPHQL_URL and GITHUB_API_URL. */
function readGithubToken() {
    // Unexpanded (`${{ github.token }}` under a local runner) is no token at all.
    const token = readExpandedInput(constants/* Inputs */.G.GithubToken).trim();
    if (token)
        core/* setSecret */.Pq(token);
    return token;
}
/**
 * An input as core.getInput reads it, but empty when it is an expression nobody expanded: local
 * runners (@github/local-action, act) pass action.yml's defaults such as
 * `${{ github.repository }}` as written.
 */
function readExpandedInput(name) {
    const value = core/* getInput */.V4(name);
    return /\$\{\{.*\}\}/.test(value) ? '' : value;
}
/**
 * The Git repository as Studio will be asked for it: `owner/name` expanded to a URL on this
 * GitHub server, full URLs and `git@host:owner/name.git` sent as given.
 */
function readRepo(env = process.env) {
    const repo = readExpandedInput(constants/* Inputs */.G.Repo);
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    if (!repo) {
        // action.yml defaults `repo` to this; the fallback serves runs outside action.yml.
        if (env.GITHUB_REPOSITORY)
            return `${server}/${env.GITHUB_REPOSITORY}`;
        throw new errors/* ActionError */.l("Input 'repo' is empty and GITHUB_REPOSITORY is not set: set 'repo' to the Git repository that registers the model, for example `repo: https://github.com/acme/models`.");
    }
    if (OWNER_NAME.test(repo))
        return `${server}/${repo}`;
    if (isRepositoryUrl(repo) || SCP_LIKE.test(repo))
        return repo;
    throw new errors/* ActionError */.l(`Input 'repo' (${repo}) is not a Git repository: write it as owner/name (sent as ${server}/owner/name), as an https URL such as https://github.com/acme/models, or as an ssh address such as git@github.com:acme/models.git.`);
}
/** GitHub's owner/name shorthand: one slash, both parts non-empty, no spaces. */
const OWNER_NAME = /^[\w.-]+\/[\w.-]+$/;
/** ssh in scp form: user@host:owner/name(.git), every path segment non-empty. */
const SCP_LIKE = /^[\w.-]+@[\w.-]+:[\w.~-]+(?:\/[\w.~-]+)+\/?$/;
/** An http(s), ssh or git URL with a host and a path of non-empty segments, without spaces. */
function isRepositoryUrl(value) {
    if (/\s/.test(value) || !/^(?:https?|ssh|git):\/\//i.test(value))
        return false;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        return false;
    }
    const segments = url.pathname.replace(/\/$/, '').split('/').slice(1);
    if (url.password)
        core/* setSecret */.Pq(url.password);
    return url.hostname !== '' && segments.length > 0 && segments.every((s) => s !== '');
}
/**
 * Accepts `model`, `dvc.yaml:model`, `path/to/dvc.yaml:model` and `path/to:model`, and
 * returns what DVC sends to Studio: `path/to:model`, or bare `model` at the repo root.
 */
function normalizeModelName(raw) {
    const name = raw.trim();
    const colon = name.lastIndexOf(':');
    if (colon < 0)
        return name;
    const model = name.slice(colon + 1).trim();
    let dir = name.slice(0, colon).trim().replace(/\\/g, '/');
    if (!model) {
        throw new errors/* ActionError */.l(`Input 'name' (${raw}) names a folder but no model: write it as \`path/to/dvc.yaml:model\` or \`path/to:model\`.`);
    }
    dir = dir
        .replace(/(^|\/)dvc\.ya?ml$/, '')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, '');
    if (dir === '.' || dir === '')
        return model;
    return `${dir}:${model}`;
}
/** Checks the URL is absolute http(s) and gives it a trailing slash, so a path prefix survives. */
function normalizeStudioUrl(raw) {
    let url;
    try {
        url = new URL(raw.trim());
    }
    catch {
        url = new URL('invalid:');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* ActionError */.l(`Input 'studio-url' (${raw}) is not an absolute http(s) URL: leave it empty for ${DEFAULT_STUDIO_URL}, or give your Studio's address, for example https://studio.example.com or https://ci.example.com/studio.`);
    }
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/'))
        url.pathname += '/';
    return url.toString();
}
/**
 * Glob patterns, one a line: surrounding spaces, blank lines, `#` comments and repeats left
 * out. A leading `!` is refused: with several patterns it would select nearly everything.
 */
function readPatterns(name) {
    const patterns = core/* getMultilineInput */.q3(name).filter((line) => line !== '' && !line.startsWith('#'));
    const negated = patterns.find((pattern) => pattern.startsWith('!'));
    if (negated) {
        throw new errors/* ActionError */.l(`Input '${name}' has the pattern '${negated}', but patterns are not negated with '!': a file is fetched when it matches an '${constants/* Inputs */.G.Include}' pattern (any file when there is none) and no '${constants/* Inputs */.G.Exclude}' pattern, so list what to fetch in '${constants/* Inputs */.G.Include}' and what to leave out in '${constants/* Inputs */.G.Exclude}'.`);
    }
    return [...new Set(patterns)];
}
function readBoolean(name, fallback) {
    const value = core/* getInput */.V4(name).toLowerCase();
    if (!value)
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new errors/* ActionError */.l(`Input '${name}' must be true or false, not '${core/* getInput */.V4(name)}'.`);
}
function readInteger(name, fallback, min, max) {
    const value = core/* getInput */.V4(name);
    if (!value)
        return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
        throw new errors/* ActionError */.l(`Input '${name}' must be a whole number from ${min} to ${max}, not '${value}'.`);
    }
    return number;
}
function readChoice(name, choices, fallback) {
    const value = core/* getInput */.V4(name).toLowerCase();
    if (!value)
        return fallback;
    if (choices.includes(value))
        return value;
    throw new errors/* ActionError */.l(`Input '${name}' must be one of ${choices.join(', ')}, not '${core/* getInput */.V4(name)}'.`);
}
const SIZE_UNITS = { '': 1, B: 1, KB: 2 ** 10, MB: 2 ** 20, GB: 2 ** 30, TB: 2 ** 40 };
/** A size such as `5GB`, `750MB` or `1000000` (bytes); units are binary (1 GB = 1024³ bytes). */
function parseSize(text) {
    const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?B|[KMGT]iB)?$/i.exec(text.trim());
    if (!m)
        return undefined;
    const unit = (m[2] ?? '').toUpperCase().replace('IB', 'B');
    return Math.floor(Number(m[1]) * SIZE_UNITS[unit]);
}
function readSize(name, fallback) {
    const value = core/* getInput */.V4(name) || fallback;
    const bytes = parseSize(value);
    if (bytes === undefined) {
        throw new errors/* ActionError */.l(`Input '${name}' must be a size such as 5GB, 750MB or a number of bytes, not '${value}'.`);
    }
    return bytes;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
;// CONCATENATED MODULE: ./src/files/md5-threads.ts


// Plain CommonJS, evaluated: no file of its own for the bundler to find. Synchronous I/O: the
// thread has nothing else to do, and one reused buffer keeps it from allocating (1 MiB: reads
// that size cost no more time, and a thread already adds ~20 MiB of RSS).
const SOURCE = `
const { parentPort } = require('node:worker_threads')
const { createHash } = require('node:crypto')
const fs = require('node:fs')
const buffer = Buffer.allocUnsafe(1 << 20)
const streams = new Map()
function close(fd) { if (fd !== undefined) try { fs.closeSync(fd) } catch {} }
// A cache is untrusted: a FIFO must not block the open, a link not be followed, and only a
// regular file copied (a link to /dev/zero would never end).
const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = fs.constants
function copy(source, destination) {
  const input = fs.openSync(source, O_RDONLY | O_NONBLOCK | O_NOFOLLOW)
  let output
  try {
    if (!fs.fstatSync(input).isFile()) throw new Error(source + ' is not a regular file')
    output = fs.openSync(destination, 'w')
    const hash = createHash('md5')
    let size = 0
    for (;;) {
      const bytes = fs.readSync(input, buffer, 0, buffer.length, size)
      if (bytes === 0) break
      const piece = buffer.subarray(0, bytes)
      hash.update(piece)
      for (let done = 0; done < bytes;) done += fs.writeSync(output, piece, done, bytes - done, size + done)
      size += bytes
    }
    return { size, md5: hash.digest('hex') }
  } finally {
    close(output)
    close(input)
  }
}
parentPort.on('message', (m) => {
  if (m.op === 'copy') {
    try {
      parentPort.postMessage({ id: m.id, ...copy(m.source, m.destination) })
    } catch (error) {
      parentPort.postMessage({ id: m.id, error: String((error && error.message) || error), code: error && error.code })
    }
    return
  }
  let s = streams.get(m.id)
  if (m.op === 'drop') {
    if (s) close(s.fd)
    streams.delete(m.id)
    return
  }
  if (!s) streams.set(m.id, (s = { fd: undefined, hash: createHash('md5'), at: 0, failed: false }))
  if (s.failed) {
    // Its read failed and was reported; a digest asked for since gets an answer too.
    if (m.op === 'digest') {
      streams.delete(m.id)
      parentPort.postMessage({ id: m.id, error: 'the read failed' })
    }
    return
  }
  try {
    if (m.op === 'digest') {
      close(s.fd)
      streams.delete(m.id)
      parentPort.postMessage({ id: m.id, md5: s.hash.digest('hex') })
      return
    }
    if (s.fd === undefined) s.fd = fs.openSync(m.path, 'r')
    while (s.at < m.to) {
      const bytes = fs.readSync(s.fd, buffer, 0, Math.min(buffer.length, m.to - s.at), s.at)
      if (bytes === 0) throw new Error('the file ends at byte ' + s.at + ', before the bytes written')
      s.hash.update(buffer.subarray(0, bytes))
      s.at += bytes
    }
    if (m.ack) parentPort.postMessage({ id: m.id, hashedTo: s.at })
  } catch (error) {
    s.failed = true
    close(s.fd)
    s.fd = undefined
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error), code: error && error.code })
  }
})
`;
/** A hashing thread died or was stopped: nothing is wrong with the file or the disk. */
class HashThreadFailed extends Error {
}
function replyError(reply) {
    if (reply.thread)
        return new HashThreadFailed(reply.error);
    return Object.assign(new Error(reply.error), reply.code ? { code: reply.code } : {});
}
/** One worker thread and what it has been given (none if made after close: a stopped one). */
class HashThread {
    onRelease;
    worker;
    /** Copies in flight and streams open: the process waits for the thread while any are. */
    load = 0;
    failure;
    /** Answers awaited (a copy, a digest), by id. */
    waiting = new Map();
    /** Open streams' listeners: their read failures and progress, by id. */
    listeners = new Map();
    constructor(onRelease = () => undefined, stopped = false) {
        this.onRelease = onRelease;
        if (stopped) {
            this.failure = new Error('the hashing threads were stopped');
            return;
        }
        this.worker = new external_node_worker_threads_.Worker(SOURCE, { eval: true });
        this.worker.unref();
        this.worker.on('message', (reply) => {
            const answer = reply.hashedTo === undefined ? this.waiting.get(reply.id) : undefined;
            if (answer)
                answer(reply);
            else
                this.listeners.get(reply.id)?.(reply);
        });
        this.worker.on('error', (error) => this.fail(error));
        this.worker.on('exit', (code) => this.fail(new Error(`the hashing thread exited (code ${code})`)));
    }
    get busy() {
        return this.load;
    }
    get usable() {
        return this.failure === undefined;
    }
    fail(error) {
        this.failure ??= error;
        for (const [id, answer] of [...this.waiting, ...this.listeners]) {
            answer({ id, error: this.failure.message, thread: true });
        }
        this.waiting.clear();
        this.listeners.clear();
    }
    take() {
        if (this.load++ === 0)
            this.worker?.ref();
    }
    release() {
        if (--this.load === 0)
            this.worker?.unref();
        this.onRelease();
    }
    send(message) {
        if (this.failure === undefined)
            this.worker?.postMessage(message);
    }
    /** Sends `message` and resolves with the answer to `message.id`. */
    ask(message) {
        if (this.failure)
            return Promise.resolve({ id: message.id, error: this.failure.message, thread: true });
        return new Promise((resolve) => {
            this.waiting.set(message.id, (reply) => {
                this.waiting.delete(message.id);
                resolve(reply);
            });
            this.worker?.postMessage(message);
        });
    }
    /** Hears a stream's read failure as soon as it happens, and how far its hash has got. */
    listen(id, onError, onHashed) {
        this.listeners.set(id, (reply) => {
            if (reply.error !== undefined)
                onError(replyError(reply));
            else if (reply.hashedTo !== undefined)
                onHashed?.(reply.hashedTo);
        });
    }
    forget(id) {
        this.listeners.delete(id);
    }
    /** Stops the thread; resolves once it has exited. */
    async terminate() {
        this.failure ??= new Error('the hashing threads were stopped');
        await this.worker?.terminate();
    }
}
/** Jobs a thread takes at once (copies, streams) before the caller's own thread takes more. */
const QUEUED_PER_THREAD = 2;
/** Copies on the caller's own thread at once: two, so that one hashes while the other reads. */
const COPIES_HERE = 2;
/** Worker threads: one fewer than the cores (the main thread has its own work), 1 to 3. */
function defaultThreadCount() {
    return Math.max(1, Math.min(3, (0,external_node_os_.availableParallelism)() - 1));
}
class Md5Threads {
    size;
    threads = [];
    nextId = 1;
    /** Copies under way on the caller's own thread (copyFile's `here`). */
    copyingHere = 0;
    /** Copies waiting for a copier to come free. */
    copyWaiters = [];
    /** Closed: no thread starts any more (one started later would outlive the run). */
    closed = false;
    constructor(size = defaultThreadCount()) {
        this.size = size;
    }
    /** Threads started now: they boot (30-70 ms each) while the main thread does other work. */
    static start(size = defaultThreadCount()) {
        const threads = new Md5Threads(size);
        while (threads.threads.length < size)
            threads.addThread();
        return threads;
    }
    addThread() {
        const thread = new HashThread(() => this.wakeCopies(), this.closed);
        this.threads.push(thread);
        return thread;
    }
    /** Some thread can still take work (one is alive, or another may start). */
    get alive() {
        return !this.closed && (this.threads.length < this.size || this.threads.some((thread) => thread.usable));
    }
    /** The least loaded thread; a new one while there are fewer than `size` and all are busy. */
    pick() {
        const live = this.threads.filter((thread) => thread.usable);
        const idle = live.find((thread) => thread.busy === 0);
        if (idle)
            return idle;
        if (this.threads.length < this.size)
            return this.addThread();
        return (live.length > 0 ? live : this.threads).reduce((a, b) => (b.busy < a.busy ? b : a));
    }
    /** The least loaded thread, if it can take a job now (fewer than QUEUED_PER_THREAD). */
    threadWithRoom() {
        const thread = this.pick();
        return thread.usable && thread.busy < QUEUED_PER_THREAD ? thread : undefined;
    }
    /**
     * A hash of `path` as it grows, on one of the threads; `onHashed` hears how far it has got
     * after each `advance` (for a caller that keeps its writes from running far ahead).
     */
    stream(path, onHashed) {
        return this.streamOn(this.pick(), path, onHashed);
    }
    /**
     * A stream as `stream` makes, if a thread is free within one job queued ahead; else
     * undefined, and the caller hashes on its own thread, so that all the cores hash at once.
     */
    streamIfFree(path) {
        const thread = this.threadWithRoom();
        return thread && this.streamOn(thread, path);
    }
    streamOn(thread, path, onHashed) {
        const id = this.nextId++;
        let failure;
        let open = true;
        let digesting = false;
        thread.take();
        thread.listen(id, (error) => (failure ??= error), onHashed);
        const close = () => {
            if (!open)
                return;
            open = false;
            thread.forget(id);
            thread.release();
        };
        return {
            advance: (to) => {
                if (open && failure === undefined)
                    thread.send({ op: 'advance', id, path, to, ack: onHashed !== undefined });
            },
            digest: async () => {
                // Stopped (its entry dropped on the thread), a digest would be the MD5 of nothing.
                if (!open)
                    throw new Error('the MD5 stream was stopped');
                digesting = true;
                try {
                    if (failure)
                        throw failure;
                    const reply = await thread.ask({ op: 'digest', id });
                    if (failure)
                        throw failure;
                    if (reply.error !== undefined)
                        throw replyError(reply);
                    return reply.md5;
                }
                finally {
                    close();
                }
            },
            stop: async () => {
                // A digest under way keeps its answer (forgetting it would leave the digest unanswered).
                if (!open || digesting)
                    return;
                thread.send({ op: 'drop', id });
                close();
            }
        };
    }
    /**
     * Copies `source` to `destination` on a thread, hashing as it goes, if one is free within
     * a job queued ahead; else undefined, and the caller copies on its own thread, so that
     * the main thread and every worker thread copy at once.
     */
    copy(source, destination) {
        const thread = this.threadWithRoom();
        if (!thread)
            return undefined;
        thread.take();
        return thread
            .ask({ op: 'copy', id: this.nextId++, source, destination })
            .then((reply) => {
            if (reply.error !== undefined)
                throw replyError(reply);
            return { size: reply.size, md5: reply.md5 };
        })
            .finally(() => thread.release());
    }
    /**
     * Copies `source` to `destination`, hashed as it goes: on a thread with room (`there` turns
     * its size and MD5 into the result; absent, no thread may do it), else by `here` on this
     * thread while fewer than COPIES_HERE run here, else once one of them comes free. Files are
     * handed out as the copiers free up, so no core is left idle at the end while another still
     * holds several files.
     */
    async copyFile(source, destination, here, there) {
        for (;;) {
            const onThread = there ? this.copy(source, destination) : undefined;
            if (onThread)
                return there(await onThread);
            if (this.copyingHere < COPIES_HERE) {
                this.copyingHere++;
                try {
                    return await here();
                }
                finally {
                    this.copyingHere--;
                    this.wakeCopies();
                }
            }
            await new Promise((resolve) => this.copyWaiters.push(resolve));
        }
    }
    wakeCopies() {
        const waiting = this.copyWaiters;
        this.copyWaiters = [];
        for (const wake of waiting)
            wake();
    }
    /**
     * Stops the threads (the run's files are done) and resolves once every one has exited, so
     * that none is still running when the process ends; none starts afterwards.
     */
    async close() {
        this.closed = true;
        await Promise.all(this.threads.map((thread) => thread.terminate()));
    }
}

// EXTERNAL MODULE: ./src/caches/actions-cache.ts + 2 modules
var actions_cache = __webpack_require__(7399);
// EXTERNAL MODULE: ./src/caches/cache-fill.ts
var cache_fill = __webpack_require__(7591);
// EXTERNAL MODULE: ./src/caches/tool-cache.ts
var tool_cache = __webpack_require__(1678);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/files/hashing-copy.ts

/**
 * Copies a file while feeding every byte, in order, to `hash`: a verified cache hit then
 * reads the cached bytes once instead of twice (copy, then hash the copy), and costs little
 * more than the copy.
 */
/** Files up to this size are read and written with one call each (most of a folder model). */
const WHOLE_FILE_BYTES = 1 << 20;
/** Reads of larger files: big enough that syscalls do not count, small enough to stay in cache. */
const PIECE_BYTES = 4 << 20;
/**
 * Copies `source` to `destination` (created or replaced), calling `hash` on each piece in
 * order; returns the number of bytes copied. While one piece is hashed and written, the next
 * is read, so the disk and the hash overlap.
 */
async function hashingCopy(source, destination, hash) {
    // A cache is untrusted: a FIFO must not block the open, a link not be followed, and only a
    // regular file copied.
    const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = promises_.constants;
    const input = await promises_.open(source, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
    try {
        const stat = await input.stat();
        if (!stat.isFile())
            throw new Error(`${source} is not a regular file`);
        const { size } = stat;
        if (size <= WHOLE_FILE_BYTES)
            return await copyWhole(input, size, destination, hash);
        const output = await promises_.open(destination, 'w');
        try {
            return await pipelinedCopy(input, output, hash);
        }
        finally {
            await output.close();
        }
    }
    finally {
        await input.close();
    }
}
/**
 * Buffers for the one-read copies, reused: a fresh buffer a file (readFile) cost Node 24 twice
 * the time of the copy itself (64 x 1 MiB one after another: 430-500 ms against 205-235 ms;
 * Node 20: 260 ms against 210 ms). As many as copies run at once on this thread, a few.
 */
const spareBuffers = [];
/** One read of the `size` bytes the file had when opened, hashed and written from the same buffer. */
async function copyWhole(input, size, destination, hash) {
    const buffer = spareBuffers.pop() ?? Buffer.allocUnsafeSlow(WHOLE_FILE_BYTES);
    try {
        // What is written is what is hashed: a file that changes meanwhile fails its check, whatever it became.
        let length = 0;
        while (length < size) {
            const { bytesRead } = await input.read(buffer, length, size - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        const bytes = buffer.subarray(0, length);
        hash(bytes);
        await promises_.writeFile(destination, bytes);
        return length;
    }
    finally {
        spareBuffers.push(buffer);
    }
}
async function pipelinedCopy(input, output, hash) {
    const buffers = [Buffer.allocUnsafe(PIECE_BYTES), Buffer.allocUnsafe(PIECE_BYTES)];
    let which = 0;
    let position = 0;
    let read = await input.read(buffers[0], 0, PIECE_BYTES, 0);
    while (read.bytesRead > 0) {
        const piece = buffers[which].subarray(0, read.bytesRead);
        // The next piece is read into the other buffer while this one is hashed and written.
        const next = input.read(buffers[which ^ 1], 0, PIECE_BYTES, position + piece.length);
        const writing = writeFully(output, piece, position);
        hash(piece);
        position += piece.length;
        which ^= 1;
        // Both settle before either buffer is reused; a failed write is never left unobserved.
        const [nextRead] = await Promise.all([next, writing]);
        read = nextRead;
    }
    return position;
}
async function writeFully(output, piece, position) {
    for (let done = 0; done < piece.length;) {
        const { bytesWritten } = await output.write(piece, done, piece.length - done, position + done);
        done += bytesWritten;
    }
}

// EXTERNAL MODULE: ./src/files/integrity.ts
var integrity = __webpack_require__(6644);
;// CONCATENATED MODULE: ./src/caches/cached-copy.ts


const CACHE_LABELS = {
    'tool-cache': 'the tool cache',
    'actions-cache': 'the Actions cache'
};
/** The caches in lookup order; those that are off are left out. */
function cacheChain(...caches) {
    return {
        find: (md5) => caches.map((cache) => cache?.entry(md5)).filter((hit) => hit !== undefined)
    };
}
/**
 * Copies `source` to `target`, every byte hashed as it goes: on a worker thread when one is
 * free and only the raw MD5 counts, else here (hashingCopy), so all cores copy at once.
 */
async function copyVerified(source, target, address, md5Threads) {
    const hasher = new integrity/* ContentHasher */.Nk(address);
    const here = async () => {
        const size = await hashingCopy(source, target, (piece) => hasher.update(piece));
        return { size, ...hasher.finish() };
    };
    if (!md5Threads)
        return here();
    // DVC 2's text hash needs every byte here: such a file is never copied on a thread.
    const there = hasher.rawOnly
        ? ({ size, md5 }) => {
            hasher.adoptRaw(md5);
            return { size, ...hasher.finish() };
        }
        : undefined;
    return md5Threads.copyFile(source, target, here, there);
}

// EXTERNAL MODULE: ./src/files/file-identity.ts
var file_identity = __webpack_require__(2184);
// EXTERNAL MODULE: ./src/files/place-file.ts
var place_file = __webpack_require__(4795);
;// CONCATENATED MODULE: ./src/fetch/model-caches.ts






class ModelCaches {
    toolCache;
    actionsCache;
    maxActionsCacheBytes;
    constructor(toolCache, actionsCache, maxActionsCacheBytes) {
        this.toolCache = toolCache;
        this.actionsCache = actionsCache;
        this.maxActionsCacheBytes = maxActionsCacheBytes;
    }
    /** Starts what opening them will need (loading @actions/cache) while Studio answers. */
    static warmUp(inputs) {
        actions_cache/* ActionsCache */.Ye.warmUp(inputs);
    }
    /** Opens both (either may be off) and restores the model's Actions cache entry, if any. */
    static async open(inputs, modelName, signedUrls, lookupDeadlineMs) {
        const toolCache = new tool_cache/* ModelCache */.Qv(inputs.cache);
        const actionsCache = actions_cache/* ActionsCache */.Ye.open(inputs, modelName, signedUrls, lookupDeadlineMs);
        await actionsCache?.restore();
        return new ModelCaches(toolCache, actionsCache, inputs.actionsCacheMaxBytes);
    }
    /** Where the transfers look for a file before asking storage. */
    get lookup() {
        return cacheChain(this.toolCache, this.actionsCache);
    }
    /** The Actions cache key used, empty when that cache is off (output `cache-key`). */
    get key() {
        return this.actionsCache?.key ?? '';
    }
    /**
     * Keeps what this run fetched (committed to the workspace) for later runs, as hard links of
     * the workspace files, not copies: downloads in the tool cache (not on a hosted runner with
     * the Actions cache on, where it would only take disk), and the Actions cache entry prepared
     * for the post step, which saves it. What cannot be linked is cloned or copied in the post
     * step, so the model reaches the next step first. Undefined when both caches are off.
     */
    async keep(fetched) {
        const useToolCache = this.toolCache.enabled && !this.actionsCache?.replacesToolCache;
        if (!useToolCache && !this.actionsCache)
            return undefined;
        const bytes = fetched.reduce((sum, f) => sum + f.size, 0);
        const started = Date.now();
        const summary = { bytes, durationMs: 0 };
        const kept = new Map();
        const keptAs = (file) => {
            let k = kept.get(file);
            if (!k) {
                const { key, target, size, address } = file;
                kept.set(file, (k = { key, target, size, address: address }));
            }
            return k;
        };
        if (useToolCache) {
            const added = await (0,place_file/* onAllCores */.dq)(fetched, async (file) => {
                if (file.source === 'tool-cache' || !file.address)
                    return undefined;
                return this.toolCache.add(file.target, file.address.md5, 'link');
            });
            const tool = { linked: 0, deferred: 0, present: 0, failed: 0, why: undefined };
            const failures = [];
            added.forEach((add, i) => {
                if (!add)
                    return;
                if (add.outcome === 'linked') {
                    tool.linked++;
                    keptAs(fetched[i]).toolCache = 'linked';
                }
                else if (add.outcome === 'cannot-link') {
                    tool.deferred++;
                    tool.why ??= add.why;
                    keptAs(fetched[i]).toolCache = 'copy';
                }
                else if (add.outcome === 'present')
                    tool.present++;
                else {
                    tool.failed++;
                    failures.push(add.why ?? 'unknown');
                }
            });
            (0,tool_cache/* warnNotKept */._J)(failures, 'keep');
            summary.toolCache = tool;
        }
        if (this.actionsCache) {
            const entry = await this.actionsCache.keepForPost(fetched, this.maxActionsCacheBytes);
            for (const file of entry.linked)
                keptAs(file).entry = 'linked';
            for (const file of entry.deferred)
                keptAs(file).entry = 'copy';
            summary.actionsCache = {
                linked: entry.linked.length,
                deferred: entry.deferred.length,
                why: entry.why,
                skipped: entry.skipped
            };
        }
        // Identities once every link is made (a link changes the inode's ctime): what the post step
        // checks. A file only linked into the tool cache needs none: every hit there is verified.
        const forPost = [...kept.values()].filter((file) => file.entry || file.toolCache === 'copy');
        const files = forPost.map((file) => ({ ...file, identity: (0,file_identity/* fileIdentitySync */._J)(file.target) }));
        await (0,cache_fill/* recordForPost */.xe)(files.filter((f) => f.identity));
        summary.durationMs = Date.now() - started;
        return summary;
    }
}

// EXTERNAL MODULE: ./src/files/disk-space.ts
var disk_space = __webpack_require__(3581);
// EXTERNAL MODULE: ./src/files/paths.ts
var paths = __webpack_require__(7099);
// EXTERNAL MODULE: ./src/common/format.ts
var format = __webpack_require__(6950);
// EXTERNAL MODULE: ./src/common/redact.ts
var redact = __webpack_require__(6800);
;// CONCATENATED MODULE: ./src/common/retry.ts



/**
 * The one retry policy of the Studio client and the downloads: which failures are worth
 * another attempt, how many attempts in a row, how long to wait, and the log line.
 */
/** Statuses that say "try again later": timeouts, rate limits, server trouble. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || status >= 500;
}
/**
 * Certificate problems are configuration, not blips: a retry meets the same certificate.
 * Node's (OpenSSL's) codes for a certificate the runner does not trust or that does not fit.
 */
const CERTIFICATE_ERRORS = new Set([
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'CERT_REVOKED',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'CERT_SIGNATURE_FAILURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
    'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
    'INVALID_CA',
    'PATH_LENGTH_EXCEEDED',
    'HOSTNAME_MISMATCH',
    'ERR_TLS_CERT_ALTNAME_INVALID'
]);
function isCertificateError(error) {
    const code = error?.code;
    return typeof code === 'string' && CERTIFICATE_ERRORS.has(code);
}
/** One paragraph for a certificate the runner does not accept, whoever presented it. */
function certificateAdvice(what, error) {
    const code = error.code;
    const reason = code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
        ? 'its certificate is outside its validity period (check the server, and the runner clock)'
        : code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH'
            ? 'its certificate is for a different host name'
            : 'its certificate is not signed by a certificate authority the runner trusts';
    return `The TLS connection to ${what} failed (${code}): ${reason}. If it uses an internal certificate authority, give the runner that CA's certificate: set the environment variable NODE_EXTRA_CA_CERTS to the path of a PEM file holding it (for example in the workflow's env).`;
}
/**
 * TLS spoken to a port that does not speak it (an https:// URL for an http server) or a
 * handshake no retry can mend: OpenSSL's "wrong version number" and its kin. Node reports
 * them as EPROTO (message holding OpenSSL's words) or as ERR_SSL_* codes.
 */
const TLS_PROTOCOL_ERRORS = new Set([
    'EPROTO',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'ERR_SSL_PACKET_LENGTH_TOO_LONG',
    'ERR_SSL_HTTP_REQUEST',
    'ERR_SSL_UNSUPPORTED_PROTOCOL',
    'ERR_SSL_UNKNOWN_PROTOCOL',
    'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR'
]);
const TLS_PROTOCOL_WORDS = /wrong version number|packet length too long|unsupported protocol|unknown protocol|handshake failure/i;
function isTlsProtocolError(error) {
    const code = error?.code;
    if (typeof code === 'string' && TLS_PROTOCOL_ERRORS.has(code))
        return true;
    return TLS_PROTOCOL_WORDS.test(String(error?.message ?? ''));
}
/** Certificate or TLS protocol trouble: configuration, so not retried. */
function isTlsSetupError(error) {
    return isCertificateError(error) || isTlsProtocolError(error);
}
/** The phrase for a TLS protocol failure: `url` (printed without its query) does not speak TLS. */
function notTlsPhrase(url) {
    return `the server at ${(0,redact/* describeUrl */.Ng)(url)} does not speak TLS on that port: use http:// or the right port`;
}
/**
 * One paragraph for a TLS setup failure (see isTlsSetupError) with `what` (`Studio at …`,
 * `storage at …`) reached at `url`; `fix` names where the address comes from.
 */
function tlsAdvice(what, url, error, fix = '') {
    if (!isTlsProtocolError(error))
        return certificateAdvice(what, error);
    return `The TLS connection to ${what} failed (${(0,format/* errorReason */.jf)(error)}): ${notTlsPhrase(url)}${fix ? ` ${fix}` : ''}.`;
}
/** Retry-After in milliseconds (delta-seconds or an HTTP date), if present and sensible. */
function retryAfterMs(headers, now = Date.now()) {
    const value = headers['retry-after'];
    if (typeof value !== 'string' || value.trim() === '')
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
const BASE_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
const MAX_RETRY_AFTER_MS = 300_000;
class RetryPolicy {
    random;
    retries;
    delayScale;
    constructor(options, random = Math.random) {
        this.random = random;
        this.retries = options.retries;
        this.delayScale = options.delayScale;
    }
    /**
     * The wait before retry `retry` (1-based), with full jitter: anywhere from 0 to the
     * exponential window (1 s, 2 s, 4 s, ... up to 30 s), on top of what Retry-After asked for
     * (up to 5 minutes), all times the scale. Fifty jobs refused at once thus come back spread
     * over the window, not together at the moment the server named.
     */
    delayMs(retry, retryAfter) {
        const window = Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** (retry - 1));
        const asked = retryAfter === undefined ? 0 : Math.min(Math.max(0, retryAfter), MAX_RETRY_AFTER_MS);
        return (asked + this.random() * window) * this.delayScale;
    }
    /**
     * The longest wait for a rate limit worth taking: what the retries could wait between
     * them at most (1 + 2 + 4 + 8 + 16 = 31 s for 5 retries; nothing with 0), unscaled. A limit
     * that resets later is not waited for.
     */
    get waitLimitMs() {
        let total = 0;
        for (let retry = 1; retry <= this.retries; retry++)
            total += Math.min(MAX_BACKOFF_MS, BASE_MS * 2 ** (retry - 1));
        return total;
    }
    /** A fresh count of failures in a row, for one request or one file. */
    budget() {
        return new RetryBudget(this.retries);
    }
    /** Logs the retry line and waits (less if `signal` aborts). */
    async wait(subject, budget, reason, retryAfter, signal) {
        const delay = this.delayMs(budget.failures, retryAfter);
        core/* info */.pq(`Retrying ${subject} in ${(0,format/* formatDuration */.a3)(delay)} (retry ${budget.failures} of ${this.retries}): ${(0,format/* errorReason */.jf)(reason)}.`);
        await sleep(delay, signal);
    }
}
/**
 * Failures in a row. Progress (a position further than any reached before) resets the
 * count, so a huge file on a flaky link goes on while each attempt gets further. A link that
 * makes a little progress and then fails, every time, would go on without end: at
 * PROGRESS_ATTEMPTS_PER_RETRY x retries failed attempts in all (progress or not), it stops too.
 */
class RetryBudget {
    retries;
    failures = 0;
    /** Failed attempts in all, progress or not. */
    total = 0;
    furthest = 0;
    constructor(retries) {
        this.retries = retries;
    }
    /** Failed attempts allowed in all, however far each got. */
    get cap() {
        return PROGRESS_ATTEMPTS_PER_RETRY * Math.max(1, this.retries);
    }
    /** The count in all ran out (each attempt got further, and still they kept failing). */
    get capped() {
        return this.total >= this.cap;
    }
    /** Counts a failure at `progress`; false once the failures in a row exceed the retries, or all of them the cap. */
    fail(progress = 0) {
        if (progress > this.furthest) {
            this.furthest = progress;
            this.failures = 0;
        }
        this.failures++;
        this.total++;
        return this.failures <= this.retries && !this.capped;
    }
}
/** Failed attempts of one transfer, in all, per allowed retry (see RetryBudget). */
const PROGRESS_ATTEMPTS_PER_RETRY = 10;
function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}

;// CONCATENATED MODULE: ./src/registry/github-api.ts


/** Why the tags could not be read: said in one notice line (a warning for a rate limit), then Studio is asked instead. */
class TagsUnavailable extends Error {
    reason;
    transient;
    retryAfterMs;
    rateLimit;
    constructor(reason, 
    /** Worth another try: a connection error, 408 or 5xx. */
    transient = false, retryAfterMs, 
    /** Set when GitHub's rate limit refused the request (not retried past the retry budget). */
    rateLimit) {
        super(reason);
        this.reason = reason;
        this.transient = transient;
        this.retryAfterMs = retryAfterMs;
        this.rateLimit = rateLimit;
        this.name = 'TagsUnavailable';
    }
}
/** GitHub asks for at least a minute after a secondary limit that names no retry-after. */
const SECONDARY_DEFAULT_MS = 60_000;
/**
 * The rate limit behind an answer, if it is one: a 403 or 429 with `x-ratelimit-remaining: 0`
 * (primary), or with `retry-after` or a message naming a secondary rate limit, or any 429
 * (secondary). GraphQL's `RATE_LIMITED` error (`graphqlLimited`) reads the same headers.
 * A 403 without those signs is a permission problem, not a limit.
 */
function rateLimitOf(status, headers, message, graphqlLimited = false, now = Date.now()) {
    if (status !== 403 && status !== 429 && !graphqlLimited)
        return undefined;
    const resource = typeof headers['x-ratelimit-resource'] === 'string' ? headers['x-ratelimit-resource'] : undefined;
    const after = retryAfterMs(headers, now);
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-remaining'] === '0') {
        const resetAt = after !== undefined ? now + after : Number.isFinite(reset) ? reset * 1000 : now + SECONDARY_DEFAULT_MS;
        return { kind: 'primary', resetAt, resource };
    }
    if (after !== undefined)
        return { kind: 'secondary', resetAt: now + after, resource };
    if (status === 429 || graphqlLimited || /secondary rate limit|rate limit exceeded/i.test(message)) {
        return { kind: 'secondary', resetAt: now + SECONDARY_DEFAULT_MS, resource };
    }
    return undefined;
}
/** The limit in words, for the reason and the warning: which one, and when it lifts. */
function describeRateLimit(limit, now = Date.now()) {
    const api = limit.resource === 'graphql' ? "GitHub's GraphQL API" : "GitHub's API";
    const which = limit.kind === 'primary'
        ? `${api} rate limit for this token is used up (the repository's ${limit.resource === 'graphql' ? '1,000 points' : '1,000 requests'} an hour for GITHUB_TOKEN, shared by all its workflows)`
        : `${api} secondary rate limit refused the request (too many requests at once, as when many jobs start together)`;
    const at = new Date(limit.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return `${which}; it lifts at ${at} (${inWords(limit.resetAt - now)})`;
}
function inWords(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 90)
        return `in ${seconds} s`;
    return `in ${Math.round(seconds / 60)} min`;
}
/** GitHub's `message` in an error answer, else the body shortened. */
/** What a 401, 403 or 404 from either API means for the tags, and what to do. */
function tokenCannotReadTags(repository) {
    return `the token in input 'github-token' cannot read ${repository}'s tags: the job needs \`permissions: contents: read\`, or a token for that repository`;
}
function apiMessage(body) {
    try {
        const parsed = JSON.parse(body);
        if (typeof parsed?.message === 'string')
            return (0,format/* shorten */.ml)(parsed.message, 200);
    }
    catch {
        // Not JSON.
    }
    return (0,format/* shorten */.ml)(body, 200);
}
/** Requests sent to GitHub's APIs during one resolution, for the debug line. */
class RequestCount {
    rest = 0;
    graphql = 0;
    get total() {
        return this.rest + this.graphql;
    }
}
/**
 * Runs `attempt` with the policy's retries: connection errors, 408 and 5xx with backoff; a
 * rate limit only when it lifts within what the retries could wait in all (policy.waitLimitMs),
 * else at once, so that a job does not sleep through an hourly reset.
 */
async function withGithubRetries(policy, attempt) {
    const budget = policy?.budget();
    for (;;) {
        try {
            return await attempt();
        }
        catch (error) {
            if (!(error instanceof TagsUnavailable) || !policy || !budget)
                throw error;
            let wait = error.retryAfterMs;
            if (error.rateLimit) {
                wait = Math.max(0, error.rateLimit.resetAt - Date.now());
                if (wait > policy.waitLimitMs)
                    throw error;
            }
            else if (!error.transient) {
                throw error;
            }
            if (!budget.fail())
                throw error;
            await policy.wait('the GitHub API request', budget, error.reason, wait);
        }
    }
}

;// CONCATENATED MODULE: ./src/registry/github-tags.ts







/**
 * The GitHub repository behind input `repo`, when it lives on this workflow's GitHub
 * (GITHUB_SERVER_URL): `https://host/owner/name[.git]`, `git@host:owner/name[.git]` or `owner/name`.
 */
function githubRepoOf(repo, env = process.env) {
    const serverHost = hostOf(env.GITHUB_SERVER_URL || 'https://github.com');
    const trimmed = repo.trim().replace(/\/+$/, '');
    let host;
    let path;
    const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(trimmed);
    if (ssh) {
        host = ssh[1].toLowerCase();
        path = ssh[2];
    }
    else if (/^https?:\/\//i.test(trimmed)) {
        host = hostOf(trimmed);
        path = new URL(trimmed).pathname.replace(/^\/+/, '');
    }
    else {
        host = serverHost;
        path = trimmed;
    }
    const m = /^([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(path);
    if (!m || host !== serverHost)
        return undefined;
    return { owner: m[1], name: m[2] };
}
function hostOf(url) {
    try {
        return new URL(url).host.toLowerCase();
    }
    catch {
        return undefined;
    }
}
const PEEL_CONCURRENCY = 8;
class GithubTags {
    repo;
    token;
    http;
    policy;
    count;
    base;
    constructor(apiUrl, repo, token, http, 
    /** Connection errors, 408 and 5xx are retried like the Studio call, rate limits waited for when they lift soon; refusals are not. */
    policy, 
    /** Counts each request sent. */
    count = new RequestCount()) {
        this.repo = repo;
        this.token = token;
        this.http = http;
        this.policy = policy;
        this.count = count;
        this.base = `${apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/git/`;
    }
    get description() {
        return `${this.repo.owner}/${this.repo.name}`;
    }
    /**
     * The tags of model `name` (a GTO name, `dir:model`) that GTO's grammar accepts, annotated
     * or lightweight, from one matching-refs listing (one request, unless GitHub pages the answer).
     */
    async listModelTags(name) {
        const refs = await this.matchingRefs(nameToTag(name));
        const listed = [];
        for (const ref of refs) {
            const parsed = parseGtoTag(ref.ref.replace(/^refs\/tags\//, ''));
            if (parsed?.name !== name)
                continue;
            listed.push({ ...parsed, annotated: ref.object.type === 'tag', objectSha: ref.object.sha });
        }
        return listed;
    }
    /**
     * The commit and tagger date of annotated tags: one request per tag, PEEL_CONCURRENCY at a
     * time, so callers read only the tags whose data they need. Lightweight ones are left out.
     */
    async readTags(tags) {
        const annotated = tags.filter((t) => t.annotated);
        const peeled = new Array(annotated.length);
        let next = 0;
        const worker = async () => {
            while (next < annotated.length) {
                const i = next++;
                peeled[i] = await this.peel(annotated[i].objectSha);
            }
        };
        await Promise.all(Array.from({ length: Math.min(PEEL_CONCURRENCY, annotated.length) }, worker));
        const read = [];
        annotated.forEach(({ annotated: _, objectSha: __, ...tag }, i) => {
            const { commit, time } = peeled[i];
            if (commit)
                read.push({ ...tag, commit, time });
        });
        return read;
    }
    /** The annotated tags of model `name` that `wanted` accepts, read whole (one request each, after the listing). */
    async modelTags(name, wanted = () => true) {
        return this.readTags((await this.listModelTags(name)).filter(wanted));
    }
    /** GET git/matching-refs/tags/{prefix}, following `Link: rel="next"` pages. */
    async matchingRefs(prefix) {
        // Tag names hold letters, digits and `-_./=`; anything else a name holds is escaped ('=' is a plain path character).
        const path = `matching-refs/tags/${prefix
            .split('/')
            .map((segment) => encodeURIComponent(segment).replace(/%3D/g, '='))
            .join('/')}`;
        let url = this.base + path;
        const refs = [];
        for (let page = 0; url && page < 100; page++) {
            const { body, link } = await this.getJson(url);
            if (!Array.isArray(body))
                throw new TagsUnavailable(`GitHub's answer for ${path} is not a list of refs`);
            refs.push(...body.filter((r) => typeof r?.ref === 'string' && r.object?.sha));
            url = /<([^>]+)>;\s*rel="next"/.exec(link ?? '')?.[1];
            // Follow pages only on the API's own origin: the token goes nowhere else.
            if (url && new URL(url).origin !== new URL(this.base).origin)
                url = undefined;
        }
        return refs;
    }
    /** A tag object: the commit it finally points to (nested tags peeled), and its tagger date. */
    async peel(sha) {
        let time = NaN;
        for (let depth = 0; depth < 5; depth++) {
            const { body } = await this.getJson(`${this.base}tags/${encodeURIComponent(sha)}`);
            const tag = body;
            if (Number.isNaN(time))
                time = Date.parse(tag?.tagger?.date ?? '');
            if (tag?.object?.type === 'commit')
                return { commit: tag.object.sha, time: Number.isNaN(time) ? 0 : time };
            if (tag?.object?.type !== 'tag')
                return { time };
            sha = tag.object.sha;
        }
        return { time };
    }
    getJson(url) {
        return withGithubRetries(this.policy, () => this.getJsonOnce(url));
    }
    async getJsonOnce(url) {
        const headers = {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28'
        };
        if (this.token)
            headers.Authorization = `Bearer ${this.token}`;
        let status;
        let text;
        let link;
        let wait;
        let responseHeaders = {};
        this.count.rest++;
        try {
            const response = await this.http.get(url, headers);
            responseHeaders = response.message.headers;
            status = response.message.statusCode ?? 0;
            link = String(response.message.headers.link ?? '');
            wait = retryAfterMs(response.message.headers);
            text = status === 200 ? await response.readBody() : await (0,http_pool/* readSmallBody */.i)(response);
        }
        catch (error) {
            // Neither a certificate the runner does not trust nor TLS to an http port changes on a retry.
            if (isTlsProtocolError(error))
                throw new TagsUnavailable(`${notTlsPhrase(url)} in GITHUB_API_URL`);
            throw new TagsUnavailable(`could not reach the GitHub API (${(0,redact/* scrub */._I)((0,format/* errorReason */.jf)(error), [this.token])})`, !isCertificateError(error));
        }
        if (status !== 200) {
            const said = apiMessage(text);
            const limit = rateLimitOf(status, responseHeaders, said);
            if (limit)
                throw new TagsUnavailable(`${describeRateLimit(limit)}: HTTP ${status}`, false, undefined, limit);
            const hint = status === 401 || status === 403 || status === 404 ? ` (${tokenCannotReadTags(this.description)})` : '';
            throw new TagsUnavailable(`the GitHub API answered HTTP ${status}${said ? `: "${said}"` : ''}${hint}`, isRetryableStatus(status) && status !== 429, wait);
        }
        try {
            return { body: JSON.parse(text), link };
        }
        catch {
            throw new TagsUnavailable(`the GitHub API answered 200 but not with JSON`);
        }
    }
}

;// CONCATENATED MODULE: ./src/registry/github-graphql.ts






/**
 * Reads a model's registry tags through GitHub's GraphQL API: a hundred refs a request, each
 * with its tag object's tagger date and commit, so a stage or the latest version costs one
 * request per hundred tags of the model however many of them must be read (REST: one each).
 */
/** The refs whose names contain `query`, with what GTO needs of each (a tag of a tag peeled once more). */
const MODEL_TAGS_QUERY = `query ModelTags($owner: String!, $name: String!, $query: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    refs(refPrefix: "refs/tags/", query: $query, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        target {
          __typename
          oid
          ... on Tag {
            tagger { date }
            target { __typename oid ... on Tag { target { __typename oid } } }
          }
        }
      }
    }
  }
}`;
/**
 * GraphQL refused what REST may still do: no GraphQL endpoint (an old GitHub Enterprise
 * Server), a token or scope it does not accept, an answer with errors. Read through REST instead.
 */
class GraphqlRefused extends TagsUnavailable {
    constructor(reason) {
        super(reason);
        this.name = 'GraphqlRefused';
    }
}
const MAX_PAGES = 100;
class GithubGraphqlTags {
    url;
    repo;
    token;
    http;
    policy;
    count;
    constructor(
    /** GITHUB_GRAPHQL_URL: the token goes there and nowhere else. */
    url, repo, token, http, policy, count = new RequestCount()) {
        this.url = url;
        this.repo = repo;
        this.token = token;
        this.http = http;
        this.policy = policy;
        this.count = count;
    }
    /** Every tag of model `name` (a GTO name, `dir:model`) that GTO's grammar accepts, all pages read. */
    async modelTags(name) {
        const tags = { listed: [], read: [] };
        let after = null;
        for (let page = 0; page < MAX_PAGES; page++) {
            const variables = { owner: this.repo.owner, name: this.repo.name, query: nameToTag(name), after };
            const body = JSON.stringify({ query: MODEL_TAGS_QUERY, variables });
            const answer = await withGithubRetries(this.policy, () => this.postOnce(body));
            const refs = answer.data?.repository?.refs;
            if (!refs || !Array.isArray(refs.nodes)) {
                throw new GraphqlRefused(`GitHub's GraphQL API answered without the refs of ${this.description}`);
            }
            for (const node of refs.nodes) {
                const parsed = typeof node?.name === 'string' ? parseGtoTag(node.name) : undefined;
                if (!parsed || parsed.name !== name || !node?.target?.oid)
                    continue;
                const annotated = node.target.__typename === 'Tag';
                tags.listed.push({ ...parsed, annotated, objectSha: node.target.oid });
                const commit = annotated ? peeledCommit(node.target) : undefined;
                if (commit) {
                    const time = Date.parse(node.target.tagger?.date ?? '');
                    tags.read.push({ ...parsed, commit, time: Number.isNaN(time) ? 0 : time });
                }
            }
            if (!refs.pageInfo?.hasNextPage || !refs.pageInfo.endCursor)
                return tags;
            after = refs.pageInfo.endCursor;
        }
        return tags;
    }
    get description() {
        return `${this.repo.owner}/${this.repo.name}`;
    }
    async postOnce(body) {
        let status;
        let text;
        let headers;
        this.count.graphql++;
        try {
            const response = await this.http.post(this.url, body, {
                Authorization: `bearer ${this.token}`,
                'Content-Type': 'application/json',
                Accept: 'application/json'
            });
            status = response.message.statusCode ?? 0;
            headers = response.message.headers;
            text = status === 200 ? await response.readBody() : await (0,http_pool/* readSmallBody */.i)(response);
        }
        catch (error) {
            if (isTlsProtocolError(error))
                throw new TagsUnavailable(`${notTlsPhrase(this.url)} in GITHUB_GRAPHQL_URL`);
            throw new TagsUnavailable(`could not reach GitHub's GraphQL API (${(0,redact/* scrub */._I)((0,format/* errorReason */.jf)(error), [this.token])})`, !isCertificateError(error));
        }
        const said = graphqlMessage(text);
        if (status !== 200) {
            const limit = rateLimitOf(status, headers, said, /RATE_LIMITED/.test(text));
            if (limit)
                throw new TagsUnavailable(`${describeRateLimit(limit)}: HTTP ${status}`, false, undefined, limit);
            const answered = `GitHub's GraphQL API at ${(0,redact/* describeUrl */.Ng)(this.url)} answered HTTP ${status}${said ? `: "${said}"` : ''}`;
            if (status === 401) {
                // REST would refuse the same token: no point asking it.
                throw new TagsUnavailable(`${answered} (${tokenCannotReadTags(this.description)})`);
            }
            if (isRetryableStatus(status))
                throw new TagsUnavailable(answered, true);
            throw new GraphqlRefused(answered);
        }
        let answer;
        try {
            answer = JSON.parse(text);
        }
        catch {
            throw new GraphqlRefused(`GitHub's GraphQL API answered 200 but not with JSON`);
        }
        const errors = Array.isArray(answer?.errors) ? answer.errors : [];
        if (errors.some((e) => e?.type === 'RATE_LIMITED')) {
            const limit = rateLimitOf(status, headers, said, true);
            throw new TagsUnavailable(`${describeRateLimit(limit)}: RATE_LIMITED`, false, undefined, limit);
        }
        if (errors.length > 0) {
            // Partial data may lack the very tag that decides a stage: read them all through REST instead.
            const partial = answer.data ? ' (with partial data, not used: a tag missing from it could change the answer)' : '';
            throw new GraphqlRefused(`GitHub's GraphQL API answered with errors: "${said}"${partial}`);
        }
        return answer;
    }
}
/** The commit a tag object finally points at: directly, or through one tag of a tag. */
function peeledCommit(object) {
    for (let depth = 0; object && depth < 3; depth++) {
        if (object.__typename === 'Commit')
            return object.oid;
        if (object.__typename !== 'Tag')
            return undefined;
        object = object.target;
    }
    return undefined;
}
/** The first error's message (GraphQL's `errors`, or REST's `message`), else the body shortened. */
function graphqlMessage(body) {
    try {
        const parsed = JSON.parse(body);
        const message = parsed?.errors?.[0]?.message ?? parsed?.message;
        if (typeof message === 'string')
            return (0,format/* shorten */.ml)(message, 200);
    }
    catch {
        // Not JSON.
    }
    return (0,format/* shorten */.ml)(body, 200);
}

;// CONCATENATED MODULE: ./src/registry/model-query.ts
function describeQuery(query) {
    const what = query.version ? `version ${query.version}` : query.stage ? `stage ${query.stage}` : 'latest version';
    return `${query.name} (${what}) from ${query.repo}`;
}

;// CONCATENATED MODULE: ./src/registry/registry-plan.ts









/** Version tags (they say which versions exist and where), and the annotated tags of `stage`. */
function versionOrStage(listing, stage) {
    return listing.tags.filter((t) => t.annotated && (t.version !== undefined || t.stage === stage));
}
/**
 * GTO's latest, reading as few tags as it can: versions highest first; a version with an
 * annotated registration and no annotated deregistration is active (no read needed); one with
 * both is active if its newest such tag is a registration, which needs their tagger dates.
 */
async function findLatest(listing, name) {
    const versionTags = listing.tags.filter((t) => t.annotated && t.name === name && t.version);
    const versions = [...new Set(versionTags.map((t) => t.version))].sort((a, b) => compareSemver(b, a));
    for (const version of versions) {
        const tags = versionTags.filter((t) => t.version === version);
        const registration = tags.filter((t) => t.event === 'registration').at(-1);
        if (!registration)
            continue;
        if (!tags.some((t) => t.event === 'deregistration'))
            return registration;
        const active = activeVersions(await listing.read(tags), name).get(version);
        if (active)
            return active;
    }
    return undefined;
}
/** GITHUB_GRAPHQL_URL where the runner does not set it: `<server>/api/graphql` beside GHES's `/api/v3`, else `<api>/graphql`. */
function graphqlUrlOf(apiUrl) {
    const trimmed = apiUrl.replace(/\/+$/, '');
    return /\/api\/v3$/.test(trimmed) ? trimmed.replace(/\/v3$/, '/graphql') : `${trimmed}/graphql`;
}
/**
 * Reads tags through GitHub's GraphQL API at GITHUB_GRAPHQL_URL (a hundred tags, read whole, a
 * request), for a `repo` on this workflow's GitHub; where GraphQL is refused (an old GHES, a
 * token it does not accept), through the REST API at GITHUB_API_URL, with one notice.
 */
function githubTagReader(repo, githubToken, http, policy, env = process.env) {
    return async (name) => {
        if (!githubToken)
            throw new TagsUnavailable("input 'github-token' is empty");
        const github = githubRepoOf(repo, env);
        if (!github) {
            throw new TagsUnavailable(`repo ${repo} is not a repository on ${env.GITHUB_SERVER_URL || 'https://github.com'}`);
        }
        const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
        const graphqlUrl = env.GITHUB_GRAPHQL_URL || graphqlUrlOf(apiUrl);
        const count = new RequestCount();
        let refused;
        try {
            if (!/^https?:\/\/[^/]/i.test(graphqlUrl))
                throw new GraphqlRefused(`GITHUB_GRAPHQL_URL is not an http(s) URL`);
            const graphql = new GithubGraphqlTags(graphqlUrl, github, githubToken, http, policy, count);
            const { listed, read } = await graphql.modelTags(name);
            const byTag = new Map(read.map((tag) => [tag.tag, tag]));
            return { tags: listed, read: async (some) => some.flatMap((t) => byTag.get(t.tag) ?? []), count };
        }
        catch (error) {
            if (!(error instanceof GraphqlRefused))
                throw error;
            refused = error;
        }
        const rest = new GithubTags(apiUrl, github, githubToken, http, policy, count);
        let tags;
        try {
            tags = await rest.listModelTags(name);
        }
        catch (error) {
            if (!(error instanceof TagsUnavailable) || error.rateLimit)
                throw error;
            throw new TagsUnavailable(`${error.reason} (and through GraphQL: ${refused.reason})`);
        }
        core/* notice */.lm(`Reading the registry tags of ${name} through GitHub's REST API, one request per tag it needs, because the GraphQL API refused: ${refused.reason}.`);
        return { tags, read: (some) => rest.readTags(some), count };
    };
}
/**
 * The tags could not be read: a notice; a warning when a rate limit is why, with when it lifts
 * (in the reason) and how to stay under it.
 */
function tellUnread(error, text) {
    if (!error.rateLimit)
        return core/* notice */.lm(text);
    core/* warning */.$e(`${text} To stay under GitHub's rate limit, resolve the version once in a setup job and pass it to the other jobs as input 'version' (README: "Many jobs, one model").`);
}
/** The debug line of what the resolution cost: flat as the registry grows, with GraphQL. */
function logCost(listing, what) {
    const count = listing?.count;
    if (!count)
        return;
    const parts = [count.graphql ? `${count.graphql} GraphQL` : '', count.rest ? `${count.rest} REST` : ''].filter(Boolean);
    core/* debug */.Yz(`Resolving ${what} took ${(0,format/* counted */.hS)(count.total, 'GitHub API request')}${parts.length ? ` (${parts.join(', ')})` : ''}.`);
}
async function planFetch({ query, ref }, readTags) {
    const inputs = { ...query, ref };
    const versionTag = inputs.version ? parseGtoTag(inputs.version.replace(/^refs\/tags\//, '')) : undefined;
    const refTag = !inputs.version && !inputs.stage ? gtoTagOfRef(inputs.ref) : undefined;
    if (refTag)
        return planFromTag(inputs, refTag, readTags);
    const name = inputs.name || versionTag?.name || '';
    const base = { repo: inputs.repo, name };
    const outputs = { name, version: '', stage: inputs.stage ?? '', event: '' };
    if (inputs.version) {
        const version = versionTag ? registeredVersionOf(versionTag, name, inputs.version) : inputs.version;
        return fetchVersion(base, { ...outputs, version }, inputs.stage);
    }
    const asked = inputs.stage ? `stage ${inputs.stage}` : 'the latest version';
    let latest;
    let tags = [];
    let listing;
    try {
        listing = await readTags(name);
        if (inputs.stage)
            tags = await listing.read(versionOrStage(listing, inputs.stage));
        else
            latest = await findLatest(listing, name);
    }
    catch (error) {
        if (!(error instanceof TagsUnavailable))
            throw error;
        logCost(listing, `${asked} of ${name}`);
        tellUnread(error, `Not resolving ${asked} of ${name} from the registry's git tags: ${error.reason}. Asking Studio for ${asked}; output 'version' stays empty.`);
        return fetchUnresolved(base, outputs, inputs.stage);
    }
    logCost(listing, `${asked} of ${name}`);
    if (!inputs.stage) {
        if (!latest) {
            core/* notice */.lm(`No registered version of ${name} among the repository's annotated tags: asking Studio for its latest version; output 'version' stays empty.`);
            return fetchUnresolved(base, outputs);
        }
        core/* info */.pq(`The latest version of ${name} is ${latest.version}: the highest registered, not deregistered SemVer among its git tags (${latest.tag}).`);
        return fetchVersion(base, { ...outputs, version: latest.version });
    }
    const held = resolveStage(tags, name, inputs.stage);
    if (held.kind === 'version') {
        core/* info */.pq(`Stage ${inputs.stage} of ${name} holds ${held.version}: assigned by tag ${held.assignment.tag} on ${new Date(held.assignment.time).toISOString()}, the newest assignment not undone.`);
        return fetchVersion(base, { ...outputs, version: held.version }, inputs.stage);
    }
    if (held.kind === 'none') {
        core/* notice */.lm(`No assignment of stage ${inputs.stage} to ${name} among the repository's annotated tags: asking Studio by stage; output 'version' stays empty.`);
    }
    else {
        core/* warning */.$e(`Stage ${inputs.stage} of ${name} was last assigned by tag ${held.assignment.tag}, whose commit carries ${held.kind === 'ambiguous' ? `several registered versions (${held.versions.join(', ')})` : 'no registered version'}: asking Studio by stage; output 'version' stays empty.`);
    }
    return fetchUnresolved(base, outputs, inputs.stage);
}
/** Tag mode: the registry tag that triggered the run decides. */
async function planFromTag(inputs, tag, readTags) {
    if (inputs.name && inputs.name !== tag.name) {
        const name = inputs.name;
        core/* info */.pq(`Tag ${tag.tag} is a registry event of model ${tag.name}, not ${name}: nothing to fetch.`);
        return { outputs: { name, version: '', stage: '', event: '' }, title: name };
    }
    const name = tag.name;
    const base = { repo: inputs.repo, name };
    const outputs = { name, version: tag.version ?? '', stage: tag.stage ?? '', event: tag.event };
    core/* info */.pq(`Tag ${tag.tag}: ${tag.event} of ${describeTag(tag)}.`);
    const nothing = { outputs: { name, version: '', stage: '', event: '' }, title: name };
    // GTO counts only annotated tags: one listing says whether this one is.
    let listing;
    let unreadable;
    try {
        listing = await readTags(name);
    }
    catch (error) {
        if (!(error instanceof TagsUnavailable))
            throw error;
        unreadable = error;
    }
    if (listing) {
        const listed = listing.tags.find((t) => t.tag === tag.tag);
        if (!listed?.annotated) {
            core/* info */.pq(`Tag ${tag.tag} is ${listed ? 'a lightweight tag' : "not among the repository's tags (deleted since it was pushed?)"}, and GTO counts only annotated tags: nothing to fetch.`);
            return nothing;
        }
    }
    if (tag.event !== 'assignment')
        logCost(listing, `tag ${tag.tag}`);
    if (unreadable && tag.event !== 'assignment') {
        tellUnread(unreadable, `Could not check that tag ${tag.tag} is annotated (GTO counts only annotated tags): ${unreadable.reason}. Taking it as the ${tag.event} it names.`);
    }
    if (tag.event === 'registration')
        return fetchVersion(base, outputs);
    if (tag.event !== 'assignment') {
        core/* info */.pq(`Nothing to fetch for ${withArticle(tag.event)}; the outputs say what happened.`);
        return { outputs, title: name };
    }
    let tags = [];
    try {
        if (!listing)
            throw unreadable;
        tags = await listing.read(listing.tags.filter((t) => t.annotated && (t.version !== undefined || t.tag === tag.tag)));
    }
    catch (error) {
        if (!(error instanceof TagsUnavailable))
            throw error;
        logCost(listing, `tag ${tag.tag}`);
        const check = listing ? '' : `, and could not check that the tag is annotated`;
        tellUnread(error, `Cannot find the version tag ${tag.tag} assigns${check}: ${error.reason}. Asking Studio by stage ${tag.stage}; output 'version' stays empty.`);
        return fetchUnresolved(base, outputs, tag.stage);
    }
    logCost(listing, `tag ${tag.tag}`);
    const self = tags.find((t) => t.tag === tag.tag);
    if (!self) {
        core/* info */.pq(`Tag ${tag.tag} does not point at a commit through its tag object: nothing to fetch.`);
        return nothing;
    }
    const versions = versionsAtCommit(tags, name, self.commit);
    if (versions.length > 1) {
        throw new errors/* ActionError */.l(`Tag ${tag.tag} assigns stage ${tag.stage} at commit ${self.commit}, which carries several registered versions of ${name} (${versions.join(', ')}), so the version it assigns is ambiguous (GTO refuses it too). Deregister all but one of them (gto deregister), or give input 'version' to choose.`);
    }
    if (versions.length === 0) {
        core/* warning */.$e(`Tag ${tag.tag} assigns stage ${tag.stage} at commit ${self.commit}, where no version of ${name} is registered (no annotated ${name}@v… tag there, or it was deregistered): asking Studio by stage; output 'version' stays empty.`);
        return fetchUnresolved(base, outputs, tag.stage);
    }
    core/* info */.pq(`Stage ${tag.stage} is assigned to ${versions[0]}, the version registered at commit ${self.commit}.`);
    return fetchVersion(base, { ...outputs, version: versions[0] }, tag.stage);
}
/** The version a registration tag given as input 'version' names, when it names this model. */
function registeredVersionOf(tag, name, raw) {
    if (tag.name !== name) {
        throw new errors/* ActionError */.l(`Input 'version' (${raw}) is a registry tag of model ${tag.name}, but input 'name' is ${name}. Give the version alone (for example \`${tag.version ?? 'v1.0.0'}\`), or the release tag of this model.`);
    }
    if (tag.event !== 'registration') {
        throw new errors/* ActionError */.l(`Input 'version' (${raw}) is the registry tag of ${withArticle(tag.event)}, not of a registered version. Give a version such as \`v1.0.0\` or \`${name}@v1.0.0\`${tag.stage ? `, or \`stage: ${tag.stage}\`` : ''}.`);
    }
    return tag.version;
}
function withArticle(event) {
    return `${/^[aeiou]/.test(event) ? 'an' : 'a'} ${event}`;
}
function describeTag(tag) {
    return `${tag.name}${tag.version ? ` ${tag.version}` : ''}${tag.stage ? ` (stage ${tag.stage})` : ''}`;
}
function fetchVersion(base, outputs, stage) {
    const query = { ...base, version: outputs.version };
    return {
        query,
        outputs,
        title: `${base.name} ${outputs.version}${stage ? ` (stage ${stage})` : ''} from ${base.repo}`
    };
}
function fetchUnresolved(base, outputs, stage) {
    const query = stage ? { ...base, stage } : { ...base };
    return { query, outputs, title: describeQuery(query) };
}
/** Sets outputs name, version, stage and event (empty outside tag mode). */
function setRegistryOutputs(outputs) {
    core/* setOutput */.uH(constants/* Outputs */.t.Name, outputs.name);
    core/* setOutput */.uH(constants/* Outputs */.t.Version, outputs.version);
    core/* setOutput */.uH(constants/* Outputs */.t.Stage, outputs.stage);
    core/* setOutput */.uH(constants/* Outputs */.t.Event, outputs.event);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/files/model-digest.ts


function modelDigest(files) {
    const lines = [...files].map((f) => ({ path: Buffer.from(f.path), line: `${f.md5}  ${f.path}\n` }));
    lines.sort((a, b) => Buffer.compare(a.path, b.path));
    const hash = (0,external_node_crypto_.createHash)('sha256');
    for (const { line } of lines)
        hash.update(line);
    return hash.digest('hex');
}
/**
 * The digest from Studio's answer alone, without a download: every URL's content address.
 * Paths whose URL carries none have no MD5 before their bytes are read: they are returned, and
 * the digest is then empty.
 */
function digestOfUrls(uris) {
    const lines = [];
    const unaddressed = [];
    for (const [path, url] of Object.entries(uris)) {
        const md5 = (0,integrity/* contentAddress */.KV)(url)?.md5;
        if (md5)
            lines.push({ path, md5 });
        else
            unaddressed.push(path);
    }
    return { digest: unaddressed.length ? '' : modelDigest(lines), unaddressed };
}

;// CONCATENATED MODULE: ./src/action/report.ts







/** What the action tells later steps (outputs) and people (log, job summary). */
function setOutputs(destination, files, cacheKey) {
    setPlacedOutputs(destination, files.map((f) => [f.key, f.target]), fetchedDigest(files));
    // True when no byte came from storage: every file from the tool cache or the Actions cache.
    core/* setOutput */.uH(constants/* Outputs */.t.CacheHit, String(files.length > 0 && files.every((f) => f.source !== 'download')));
    core/* setOutput */.uH(constants/* Outputs */.t.CacheKey, cacheKey);
}
/** Outputs `path`, `paths`, `files` and `digest`: where the files are (or would be) and what they are. */
function setPlacedOutputs(destination, placed, digest) {
    core/* setOutput */.uH(constants/* Outputs */.t.Path, destination);
    core/* setOutput */.uH(constants/* Outputs */.t.Paths, JSON.stringify(placed.map(([, target]) => target).sort()));
    core/* setOutput */.uH(constants/* Outputs */.t.Files, JSON.stringify(Object.fromEntries(placed)));
    core/* setOutput */.uH(constants/* Outputs */.t.Digest, digest);
}
/** The digest of what was fetched: each file's content address, or its MD5 where it has none. */
function fetchedDigest(files) {
    return modelDigest(files.map((f) => ({ path: f.key, md5: f.address?.md5 ?? f.md5 })));
}
/**
 * The model as fetched: a stage that was resolved to a version (the query then asks Studio for
 * that version) reads "stage prod (v1.2.0)".
 */
function fetchedModel(query, stage) {
    if (stage && query.version && !query.stage) {
        return { repo: query.repo, name: query.name, stage, resolvedVersion: query.version };
    }
    return query;
}
function describeModel(model) {
    const resolved = model.resolvedVersion ? ` (${model.resolvedVersion})` : '';
    if (model.version)
        return `${model.name}, version ${model.version}`;
    if (model.stage)
        return `${model.name}, stage ${model.stage}${resolved}`;
    return `${model.name}, latest version${resolved}`;
}
function totals(files) {
    const count = (source) => files.filter((f) => f.source === source).length;
    // Downloads and the tool cache always; the Actions cache when it served files.
    const fromActionsCache = count('actions-cache');
    const sources = [
        `${count('download')} downloaded`,
        `${count('tool-cache')} from ${CACHE_LABELS['tool-cache']}`,
        ...(fromActionsCache ? [`${fromActionsCache} from ${CACHE_LABELS['actions-cache']}`] : [])
    ].join(', ');
    return { bytes: files.reduce((sum, f) => sum + f.size, 0), sources };
}
/** "3 files", or "3 of 7 files" when input include or exclude selected them among the model's. */
function countFiles(n, selection) {
    const selected = selection && (selection.include.length > 0 || selection.exclude.length > 0);
    const last = selected ? selection.total : n;
    return `${n}${selected ? ` of ${selection.total}` : ''} file${last === 1 ? '' : 's'}`;
}
/**
 * The result line, printed after the collapsed log group so that a finished step shows it:
 * what was fetched, how much, how fast, and from where.
 */
function logTotals(files, elapsedMs, model, selection) {
    core/* info */.pq(resultLine(files, elapsedMs, model, selection));
}
function resultLine(files, elapsedMs, model, selection) {
    const { bytes, sources } = totals(files);
    const what = model ? `${describeModel(model)}: ` : '';
    return `Fetched ${what}${countFiles(files.length, selection)}, ${(0,format/* formatBytes */.z3)(bytes)} in ${(0,format/* formatDuration */.a3)(elapsedMs)} (${(0,format/* formatRate */.CE)(bytes, elapsedMs)}): ${sources}.`;
}
/** The job summary stays well under GitHub's 1 MiB limit per step, whatever the model. */
const SUMMARY_MAX_ROWS = 100;
const SUMMARY_MAX_BYTES = 64 * 1024;
/** Room kept for the text around the table (heading, status line, the "more" and total rows). */
const SUMMARY_TABLE_BUDGET = SUMMARY_MAX_BYTES - 8 * 1024;
const SUMMARY_MAX_CELL = 200;
/** Patterns of each input the summary names. */
const SUMMARY_MAX_PATTERNS = 20;
/** The job summary; skipped where the runner provides no summary file. */
async function writeSummary(inputs, files, elapsedMs, stage, selection) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z
        .addRaw(summaryHtml(inputs.destination, fetchedModel(inputs.query, stage), files, elapsedMs, selection))
        .write();
}
/**
 * A status line, a heading worded as people speak, where the files came from and went, then
 * the largest files (up to SUMMARY_MAX_ROWS and a byte budget), "and N more", and totals.
 */
function summaryHtml(destination, model, files, elapsedMs, selection) {
    const { bytes, sources } = totals(files);
    const lines = [
        `<p>✅ Fetched ${countFiles(files.length, selection)}, ${(0,format/* formatBytes */.z3)(bytes)} in ${(0,format/* formatDuration */.a3)(elapsedMs)}: ${escapeHtml(sources)}.</p>`,
        `<h3>${escapeHtml(shortenMiddle(describeModel(model)))}</h3>`,
        `<p>From ${repoHtml(model.repo)}, into <code>${escapeHtml(shortenMiddle(destination))}</code>.</p>`,
        ...selectionHtml(selection, fetchedDigest(files))
    ];
    const rows = [];
    let used = 0;
    const largestFirst = [...files].sort((a, b) => b.size - a.size || a.key.localeCompare(b.key));
    for (const file of largestFirst) {
        const row = tableRow([
            `<code>${escapeHtml(shortenMiddle(file.key))}</code>`,
            (0,format/* formatBytes */.z3)(file.size),
            describeSource(file),
            // The DVC content address when there is one (what dvc.lock records); ✓ when this run
            // hashed the bytes, from storage or a cache, and they matched it.
            file.address ? `<code>${file.address.md5}</code>${file.verified ? ' ✓' : ''}` : `<code>${file.md5}</code>`
        ]);
        const size = Buffer.byteLength(row);
        if (rows.length >= SUMMARY_MAX_ROWS || used + size > SUMMARY_TABLE_BUDGET)
            break;
        rows.push(row);
        used += size;
    }
    const rest = largestFirst.slice(rows.length);
    if (rest.length > 0) {
        const restBytes = rest.reduce((sum, f) => sum + f.size, 0);
        rows.push(tableRow([`<em>and ${(0,format/* counted */.hS)(rest.length, 'more file')}</em>`, (0,format/* formatBytes */.z3)(restBytes), '', '']));
    }
    rows.push(tableRow([`<strong>total: ${countFiles(files.length)}</strong>`, `<strong>${(0,format/* formatBytes */.z3)(bytes)}</strong>`, '', '']));
    const header = tableRow(['File', 'Size', 'Source', 'MD5 (✓ verified)'], 'th');
    lines.push(`<table>${header}${rows.join('')}</table>`);
    return `${lines.join('\n')}\n`;
}
/** The repository as a link when it is an https URL, else as code. */
function repoHtml(repo) {
    return /^https:\/\/[^\s"<>]{1,2000}$/i.test(repo)
        ? `<a href="${escapeHtml(repo)}">${escapeHtml(shortenMiddle(repo))}</a>`
        : `<code>${escapeHtml(shortenMiddle(repo))}</code>`;
}
/** The patterns that selected the files, if any, and the digest of what was (or would be) fetched. */
function selectionHtml(selection, digest) {
    // At most SUMMARY_MAX_PATTERNS of each, shortened: the table keeps the summary's room.
    const patterns = (name, list) => {
        if (list.length === 0)
            return '';
        const shown = list.slice(0, SUMMARY_MAX_PATTERNS).map((p) => `<code>${escapeHtml(shortenMiddle(p, 100))}</code>`);
        const more = list.length - shown.length;
        return `${name} ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    };
    const by = selection
        ? [patterns(constants/* Inputs */.G.Include, selection.include), patterns(constants/* Inputs */.G.Exclude, selection.exclude)].filter(Boolean)
        : [];
    return [
        ...(by.length ? [`<p>Selected by ${by.join('; ')}.</p>`] : []),
        ...(digest ? [`<p>Digest <code>${digest}</code> (output <code>${constants/* Outputs */.t.Digest}</code>).</p>`] : [])
    ];
}
function describeSource(file) {
    if (file.source === 'download')
        return `download (${(0,format/* formatDuration */.a3)(file.durationMs)})`;
    return CACHE_LABELS[file.source].replace(/^the /, '');
}
function tableRow(cells, tag = 'td') {
    return `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
}
/** Long names (Studio's keys are untrusted) keep their start and end. */
function shortenMiddle(text, limit = SUMMARY_MAX_CELL) {
    if (text.length <= limit)
        return text;
    const half = Math.floor((limit - 1) / 2);
    return `${text.slice(0, half)}…${text.slice(text.length - half)}`;
}
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** One paragraph for the log; the stack only with debug logging on. */
function reportFailure(error, secrets) {
    const message = error instanceof errors/* ActionError */.l
        ? error.message
        : `Unexpected error: ${(0,redact/* scrub */._I)(String(error?.message ?? error), secrets)}. This is likely a bug in the action: re-run with debug logging on (secret ACTIONS_STEP_DEBUG=true) and report the log.`;
    if (core/* isDebug */._o() && error instanceof Error && error.stack)
        core/* debug */.Yz((0,redact/* scrub */._I)(error.stack, secrets));
    core/* setFailed */.C1((0,redact/* scrub */._I)(message, secrets));
}

;// CONCATENATED MODULE: ./src/action/plan-report.ts






/**
 * What a plan (`download: false`) tells: the outputs as a download would set them (where each
 * file would land, and the digest when every URL names its content), one log line, and a job
 * summary that says nothing was downloaded. Sizes are not known: storage is not asked.
 */
async function reportPlan(destination, model, selection, targets) {
    const { digest, unaddressed } = digestOfUrls(selection.uris);
    if (unaddressed.length > 0) {
        core/* notice */.lm(`Output '${constants/* Outputs */.t.Digest}' is empty: ${countFiles(unaddressed.length)} (such as '${shortenMiddle(unaddressed[0])}') ${unaddressed.length === 1 ? 'has a URL' : 'have URLs'} with no DVC content address, so ${unaddressed.length === 1 ? 'its' : 'their'} MD5 is known only once downloaded. With '${constants/* Inputs */.G.Download}: true' the digest uses the MD5 of the bytes.`);
    }
    setPlacedOutputs(destination, [...targets], digest);
    const files = countFiles(targets.size, selection);
    core/* info */.pq(`Planned ${describeModel(model)}: ${files}${digest ? `, digest ${digest}` : ''}. Nothing was downloaded ('${constants/* Inputs */.G.Download}: false').`);
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(planHtml(destination, model, selection, digest)).write();
}
/** The plan's summary: what would be fetched and where, each file with its content address. */
function planHtml(destination, model, selection, digest) {
    const paths = Object.keys(selection.uris);
    const lines = [
        `<p>📋 Plan only (<code>${constants/* Inputs */.G.Download}: false</code>): ${countFiles(paths.length, selection)} would be fetched; nothing was downloaded.</p>`,
        `<h3>${escapeHtml(shortenMiddle(describeModel(model)))}</h3>`,
        `<p>From ${repoHtml(model.repo)}, into <code>${escapeHtml(shortenMiddle(destination))}</code>.</p>`,
        ...selectionHtml(selection, digest)
    ];
    const rows = [];
    let used = 0;
    for (const path of [...paths].sort()) {
        const md5 = (0,integrity/* contentAddress */.KV)(selection.uris[path])?.md5;
        const row = tableRow([
            `<code>${escapeHtml(shortenMiddle(path))}</code>`,
            md5 ? `<code>${md5}</code>` : '<em>none in its URL</em>'
        ]);
        const size = Buffer.byteLength(row);
        if (rows.length >= SUMMARY_MAX_ROWS || used + size > SUMMARY_TABLE_BUDGET)
            break;
        rows.push(row);
        used += size;
    }
    const rest = paths.length - rows.length;
    if (rest > 0)
        rows.push(tableRow([`<em>and ${(0,format/* counted */.hS)(rest, 'more file')}</em>`, '']));
    const header = tableRow(['File', 'MD5 (DVC content address)'], 'th');
    lines.push(`<table>${header}${rows.join('')}</table>`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/common/settings.ts
/** Default part size (see ranged-download.ts for why 8 MiB). */
const PART_BYTES = 8 << 20;
function readTuning(env = process.env) {
    return {
        delayScale: nonNegative(env.DVC_MODEL_ACTION_DELAY_SCALE, 1),
        progressIntervalMs: nonNegative(env.DVC_MODEL_ACTION_PROGRESS_MS, 10_000) || 10_000,
        partBytes: Math.floor(nonNegative(env.DVC_MODEL_ACTION_PART_SIZE, PART_BYTES)),
        hashWorker: env.DVC_MODEL_ACTION_HASH_WORKER !== '0',
        cacheLookupMs: nonNegative(env.DVC_MODEL_ACTION_CACHE_LOOKUP_MS, 30_000) || 30_000,
        directHttp: env.DVC_MODEL_ACTION_HTTP !== 'library'
    };
}
function nonNegative(value, fallback) {
    if (value === undefined || value.trim() === '')
        return fallback;
    const number = Number(value);
    return Number.isFinite(number) && number >= 0 ? number : fallback;
}

;// CONCATENATED MODULE: ./src/transfer/signed-urls.ts





/**
 * The signed URLs of one model, kept current: they expire after an hour, and a large model
 * can outlive them, so a transfer may ask for fresh ones (one Studio call serves all files).
 */
class SignedUrls {
    fetchFresh;
    maxRefreshes;
    windowMs;
    now;
    current;
    inflight;
    refreshes = 0;
    /** When recent refreshes happened: a model may take many hours, but not many refreshes at once. */
    recent = [];
    constructor(initial, fetchFresh, maxRefreshes = 3, windowMs = 15 * 60_000, now = Date.now) {
        this.fetchFresh = fetchFresh;
        this.maxRefreshes = maxRefreshes;
        this.windowMs = windowMs;
        this.now = now;
        this.current = { ...initial };
        maskUrls(initial);
    }
    get(key) {
        const url = this.current[key];
        if (url === undefined)
            throw new Error(`no signed URL for ${key}`);
        return url;
    }
    /** A fresh URL for `key`, replacing `staleUrl`; concurrent callers share one Studio call. */
    async refresh(key, staleUrl, reason) {
        if (this.current[key] !== staleUrl)
            return this.get(key);
        if (!this.inflight) {
            const now = this.now();
            while (this.recent.length > 0 && now - this.recent[0] >= this.windowMs)
                this.recent.shift();
            if (this.recent.length >= this.maxRefreshes) {
                throw new errors/* ActionError */.l(`The signed URL for '${key}' expired again right after ${this.maxRefreshes} fresh sets of URLs from Studio. URLs that expire this fast point at a wrong clock: check the runner's clock (and the storage's), then re-run the job.`);
            }
            this.recent.push(now);
            this.refreshes++;
            core/* info */.pq(`Signed URL for '${key}' ${reason}: asking Studio for fresh URLs (the ${(0,format/* ordinal */.IE)(this.refreshes)} time in this run; ${this.recent.length} of at most ${this.maxRefreshes} in any ${Math.round(this.windowMs / 60_000)} minutes).`);
            this.inflight = this.fetchFresh().finally(() => {
                this.inflight = undefined;
            });
            const fresh = await this.inflight;
            maskUrls(fresh);
            this.adopt(fresh);
        }
        else {
            await this.inflight;
        }
        return this.get(key);
    }
    adopt(fresh) {
        for (const [key, url] of Object.entries(this.current)) {
            const replacement = fresh[key];
            if (replacement === undefined || (0,integrity/* contentAddress */.KV)(replacement)?.md5 !== (0,integrity/* contentAddress */.KV)(url)?.md5) {
                throw new errors/* ActionError */.l(`The model changed in Studio while it was being downloaded ('${key}' ${replacement === undefined ? 'is gone' : 'has new content'}). Re-run the job, or pin a 'version' so that the files cannot move.`);
            }
            this.current[key] = replacement;
        }
    }
}
const SIGNATURE_PARAMS = /(?:^|&)(?:X-Amz-Signature|X-Amz-Security-Token|Signature|sig)=([^&]+)/gi;
/**
 * Masks what makes each URL a credential: its query string (so the URL never shows whole)
 * and, on their own, its signature and session token, in case part of a query is printed.
 * Folder models can have thousands of files, so only these few strings per URL.
 */
function maskUrls(uris) {
    const secrets = [];
    for (const url of Object.values(uris)) {
        const start = url.indexOf('?');
        const query = start >= 0 ? url.slice(start + 1).split('#')[0] : '';
        if (query)
            secrets.push(query);
        // Each in every form: a server may quote it decoded (`+`, `=`), and the runner masks exact text.
        for (const match of query.matchAll(SIGNATURE_PARAMS))
            secrets.push(...(0,redact/* secretForms */.eo)(match[1]));
        const userinfo = /^[a-z]+:\/\/([^/@]+)@/i.exec(url)?.[1];
        if (userinfo)
            secrets.push(userinfo);
    }
    (0,redact/* setSecrets */.sL)(secrets);
}
/** When a signed URL stops working, as far as its own query says (S3 v4, S3 v2, Azure SAS). */
function urlExpiry(url) {
    let params;
    try {
        params = new URL(url).searchParams;
    }
    catch {
        return undefined;
    }
    const amzDate = params.get('X-Amz-Date') ?? params.get('x-amz-date');
    const amzExpires = params.get('X-Amz-Expires') ?? params.get('x-amz-expires');
    if (amzDate && amzExpires) {
        const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
        if (m && /^\d+$/.test(amzExpires)) {
            const [, y, mo, d, h, mi, s] = m.map(Number);
            return Date.UTC(y, mo - 1, d, h, mi, s) + Number(amzExpires) * 1000;
        }
    }
    const expires = params.get('Expires');
    if (expires && /^\d+$/.test(expires))
        return Number(expires) * 1000;
    const se = params.get('se');
    if (se && params.get('sig')) {
        const time = Date.parse(se);
        if (!Number.isNaN(time))
            return time;
    }
    return undefined;
}
/** An expired URL is not worth a request; a few seconds of margin cover clock skew. */
function hasExpired(url, now = Date.now(), marginMs = 5000) {
    const expiry = urlExpiry(url);
    return expiry !== undefined && expiry - marginMs <= now;
}

;// CONCATENATED MODULE: ./src/files/staging.ts




/**
 * On Windows a virus scanner or the search indexer that has just opened a new file (or the
 * file being replaced) makes a rename fail with EPERM, EACCES or EBUSY for a moment;
 * `@actions/tool-cache` copies instead of renaming for this reason. Retrying for about three
 * seconds keeps the rename, and so the all-or-nothing update. Elsewhere these errors are final.
 */
const TRANSIENT_ON_WINDOWS = new Set(['EPERM', 'EACCES', 'EBUSY']);
const RENAME_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1600];
async function renameRetrying(from, to, { platform = process.platform, rename = promises_.rename, delaysMs = RENAME_RETRY_DELAYS_MS } = {}) {
    for (let attempt = 0;; attempt++) {
        try {
            return await rename(from, to);
        }
        catch (error) {
            const code = error.code ?? '';
            if (platform !== 'win32' || !TRANSIENT_ON_WINDOWS.has(code) || attempt >= delaysMs.length)
                throw error;
            await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
        }
    }
}
/**
 * All-or-nothing writes into the destination: every file is written to a temporary file
 * beside its target, and only when all of them are complete are they renamed into place.
 * On failure the temporary files, and the folders made for them, are removed.
 */
class Staging {
    pending = new Map();
    /** Folders that did not exist before this run: removed again on discard if left empty. */
    createdDirs = new Set();
    /** Each target folder, once made to exist: a folder model has many files per folder. */
    dirsReady = new Map();
    /** Temporary names: unique to this run, and cheap to make for thousands of files. */
    runId = (0,external_node_crypto_.randomBytes)(4).toString('hex');
    counter = 0;
    /** A temporary path beside `target`, its folders created. */
    async prepare(target) {
        const dir = external_node_path_.dirname(target);
        let ready = this.dirsReady.get(dir);
        if (!ready) {
            ready = this.makeDir(dir);
            this.dirsReady.set(dir, ready);
        }
        await ready;
        const temp = external_node_path_.join(dir, `.${external_node_path_.basename(target)}.${this.runId}-${++this.counter}.partial`);
        this.pending.set(temp, target);
        return temp;
    }
    async makeDir(dir) {
        const first = await promises_.mkdir(dir, { recursive: true }).catch((error) => {
            throw (0,errors/* diskFailure */.C)(`create the folder ${dir}`, error);
        });
        if (first) {
            for (let d = dir; d.length >= first.length; d = external_node_path_.dirname(d))
                this.createdDirs.add(d);
        }
    }
    /** Renames every staged file onto its target (all at once: renames are independent). */
    async commit() {
        await Promise.all([...this.pending].map(async ([temp, target]) => {
            await renameRetrying(temp, target).catch((error) => {
                throw (0,errors/* diskFailure */.C)(`move the downloaded file into place at ${target}`, error);
            });
            this.pending.delete(temp);
        }));
        this.createdDirs.clear();
    }
    /** Removes what was staged and not committed, and the folders made for it if left empty. */
    async discard() {
        // Never throws: it runs on the way to reporting the failure that matters. (maxRetries: Node
        // retries EBUSY/EPERM on Windows, where a scanner may still hold a temporary file.)
        await Promise.all([...this.pending.keys()].map((temp) => promises_.rm(temp, { force: true, maxRetries: 5 }).catch(() => undefined)));
        this.pending.clear();
        const deepestFirst = [...this.createdDirs].sort((a, b) => b.length - a.length);
        for (const dir of deepestFirst)
            await promises_.rmdir(dir).catch(() => undefined);
        this.createdDirs.clear();
    }
}

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __webpack_require__(5338);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
;// CONCATENATED MODULE: ./src/transfer/storage-http.ts




const BATCH_BYTES = 1 << 20;
/** A batch with less room than this is handed on rather than read into again. */
const MIN_READ_BYTES = 64 * 1024;
/** On a slow link (or a stalled one) what arrived is handed on after this long, so progress shows. */
const HAND_ON_MS = 200;
/** Batches one response's consumer may hold before reading pauses. */
const BATCHES_HELD = 3;
/** Batches kept for reuse; beyond this, returned ones are left to the GC. */
const POOL_BATCHES = 32;
/**
 * Storage is a server the action does not control: what it sends is parsed with limits.
 * A response head (status line and headers) at most this long, as Node's
 * --max-http-header-size; a chunk-size line or the trailers at most this long too.
 */
const MAX_HEAD_BYTES = 16 * 1024;
/** Interim (1xx) answers before the final one; Node accepts any number, a loop is refused. */
const MAX_INTERIM = 16;
/** A header name: an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** As many as @actions/http-client follows by default. */
const MAX_REDIRECTS = 50;
class BatchPool {
    free = [];
    take() {
        return this.free.pop() ?? Buffer.allocUnsafeSlow(BATCH_BYTES);
    }
    give(batch) {
        if (this.free.length < POOL_BATCHES)
            this.free.push(batch);
    }
}
/** Reads of an idle connection (normally none) land here, shared: each is handled at once. */
const IDLE_BUFFER = Buffer.allocUnsafe(16 * 1024);
class StorageHttp {
    library;
    socketTimeoutMs;
    direct;
    idle = new Map();
    open = new Set();
    batches = new BatchPool();
    constructor(
    /** The library client: for proxies and redirects. */
    library, socketTimeoutMs, 
    /** False: everything goes through the library (DVC_MODEL_ACTION_HTTP=library, for comparison). */
    direct = readTuning().directHttp) {
        this.library = library;
        this.socketTimeoutMs = socketTimeoutMs;
        this.direct = direct;
    }
    async get(url, headers = {}, redirects = 0) {
        for (const [name, value] of Object.entries(headers)) {
            // Values can come from storage (If-Range repeats its ETag): none may start another line.
            if (!TOKEN.test(name) || /[\0\r\n]/.test(value)) {
                throw new Error(`refused to send the request header '${name.slice(0, 40)}': not a valid header`);
            }
        }
        const target = new URL(url);
        if (!this.direct || (0,lib/* getProxyUrl */.s_)(url) !== '' || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
            return this.viaLibrary(url, headers);
        }
        let response;
        for (let attempt = 0;; attempt++) {
            const reused = await this.takeIdle(target.origin);
            const connection = reused ?? this.connect(target);
            try {
                response = await connection.request(target, headers);
                break;
            }
            catch (error) {
                // A kept-alive connection the server closed meanwhile: once more on a fresh one.
                if (!reused || attempt > 0 || !error.beforeResponse)
                    throw error;
            }
        }
        if (REDIRECTS.has(response.status) && response.headers.location && redirects < MAX_REDIRECTS) {
            // Followed as @actions/http-client follows them: to the new URL, never from https to http.
            response.body.destroy();
            const next = parseUrl(String(response.headers.location), url);
            if (!next || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
                throw new Error(`storage redirected to a location that is not an http(s) URL (HTTP ${response.status})`);
            }
            if (target.protocol === 'https:' && next.protocol !== 'https:') {
                throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons.');
            }
            return this.get(next.toString(), headers, redirects + 1);
        }
        return response;
    }
    async viaLibrary(url, headers) {
        const { message } = await this.library.get(url, headers);
        return { status: message.statusCode ?? 0, headers: message.headers, body: incomingBody(message) };
    }
    /**
     * A kept-alive connection, checked right before its request is written. Bytes a server sent
     * on an idle connection (an answer to nothing yet asked) close it when they are read; but
     * bytes that arrived since the last read would be taken for the answer to the request
     * written now. So the connection is taken out of the pool, the event loop turns through
     * two polls (each reads whatever is waiting on every socket), and only a connection still
     * usable after that carries the request.
     */
    async takeIdle(origin) {
        const list = this.idle.get(origin);
        while (list && list.length > 0) {
            const connection = list.pop();
            if (!connection.usable)
                continue;
            connection.reserve();
            await afterPoll();
            await afterPoll();
            if (connection.takeReserved())
                return connection;
        }
        return undefined;
    }
    connect(target) {
        const connection = new Connection(target, this.batches, this.socketTimeoutMs, (done) => {
            if (done.usable) {
                const list = this.idle.get(done.origin) ?? [];
                list.push(done);
                this.idle.set(done.origin, list);
            }
            else {
                this.open.delete(done);
                const list = this.idle.get(done.origin);
                const at = list?.indexOf(done) ?? -1;
                if (at >= 0)
                    list.splice(at, 1);
            }
        });
        this.open.add(connection);
        return connection;
    }
    dispose() {
        for (const connection of this.open)
            connection.destroy();
        this.open.clear();
        this.idle.clear();
    }
}
/** Resolves after the event loop's next poll phase (setImmediate runs right after it). */
function afterPoll() {
    return new Promise((resolve) => setImmediate(resolve));
}
function parseUrl(location, base) {
    try {
        return new URL(location, base);
    }
    catch {
        return undefined;
    }
}
/** A body from Node's HTTP client (or any stream), gathered into ~1 MiB deliveries alike. */
function incomingBody(message) {
    return {
        destroy: (error) => message.destroy(error),
        pump: (deliver, activity) => new Promise((resolve, reject) => {
            let pieces = [];
            let size = 0;
            let held = 0;
            const hand = () => {
                if (size === 0)
                    return;
                const handed = pieces;
                pieces = [];
                size = 0;
                held++;
                if (held >= BATCHES_HELD)
                    message.pause();
                deliver(handed, () => {
                    held--;
                    if (held < BATCHES_HELD)
                        message.resume();
                });
            };
            message.on('data', (chunk) => {
                activity?.(chunk.length);
                pieces.push(chunk);
                size += chunk.length;
                if (size >= BATCH_BYTES)
                    hand();
            });
            let ended = false;
            message.on('end', () => {
                ended = true;
                hand();
                resolve();
            });
            message.on('error', (error) => {
                hand();
                reject(error);
            });
            message.on('close', () => {
                if (!ended) {
                    hand();
                    reject(Object.assign(new Error('connection closed before the body ended'), { code: 'ECONNRESET' }));
                }
            });
        })
    };
}
/** A body longer than its framing said: the attempt's bytes are not kept (see ResponseReader). */
class BodyOverrun extends Error {
    code = 'EOVERRUN';
}
/** One kept-alive connection; reads go into the current response's batch. */
class Connection {
    batches;
    timeoutMs;
    released;
    origin;
    socket;
    response;
    reusable = true;
    constructor(target, batches, timeoutMs, released) {
        this.batches = batches;
        this.timeoutMs = timeoutMs;
        this.released = released;
        this.origin = target.origin;
        const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
        const host = target.hostname.replace(/^\[|\]$/g, '');
        const onread = {
            buffer: () => this.response?.readInto() ?? IDLE_BUFFER,
            callback: (bytes, buffer) => this.onRead(bytes, buffer)
        };
        this.socket =
            target.protocol === 'https:'
                ? external_node_tls_.connect({ host, port, servername: external_node_net_.isIP(host) ? undefined : host, onread })
                : external_node_net_.connect({ host, port, onread });
        this.socket.setNoDelay(true);
        this.socket.setTimeout(timeoutMs, () => this.socket.destroy(timeoutError(timeoutMs)));
        this.socket.on('error', (error) => this.fail(error));
        this.socket.on('close', () => this.fail(undefined));
        this.socket.on('end', () => this.fail(undefined));
    }
    get usable() {
        return this.reusable && !this.socket.destroyed && this.response === undefined && !this.reserved;
    }
    /** Taken from the pool and waiting for its last check (no one else may take it meanwhile). */
    reserved = false;
    reserve() {
        this.reserved = true;
    }
    /** Ends the reservation: true if nothing arrived meanwhile and the connection may carry a request. */
    takeReserved() {
        this.reserved = false;
        if (this.usable)
            return true;
        // Not usable: unread bytes or a close closed it; it is not in the pool any more.
        this.destroy();
        this.released(this);
        return false;
    }
    request(target, headers) {
        const lines = [`GET ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`];
        lines.push('User-Agent: dvc-studio-model-action', 'Connection: keep-alive');
        for (const [name, value] of Object.entries(headers))
            lines.push(`${name}: ${value}`);
        const reader = new ResponseReader(this.batches, this.socket, this.timeoutMs);
        this.response = reader;
        this.socket.ref();
        this.socket.setTimeout(this.timeoutMs);
        this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
        reader.finished.then(() => this.release(reader), () => this.release(reader));
        return reader.head;
    }
    onRead(bytes, buffer) {
        const response = this.response;
        if (!response) {
            // Bytes nobody asked for: the connection is out of step, so it is not used again.
            this.reusable = false;
            this.socket.destroy();
            return false;
        }
        const keepReading = response.onRead(bytes, buffer);
        if (response.protocolError)
            this.reusable = false;
        return keepReading;
    }
    release(reader) {
        if (this.response !== reader)
            return;
        this.response = undefined;
        if (!reader.reusable)
            this.reusable = false;
        if (this.usable)
            this.socket.unref();
        else
            this.socket.destroy();
        this.released(this);
    }
    fail(error) {
        const wasUsable = this.usable;
        this.reusable = false;
        this.response?.fail(error);
        // An idle connection the server closed (or that failed) leaves the pool.
        if (wasUsable)
            this.released(this);
    }
    destroy() {
        this.reusable = false;
        this.socket.destroy();
    }
}
/** Storage took too long: no data for the timeout, or no whole response head within it. */
class StorageTimeout extends Error {
    code = 'ETIMEDOUT';
}
function timeoutError(ms) {
    return new StorageTimeout(`socket timed out after ${ms} ms`);
}
/** Parses one response from the bytes read, and delivers its body without copying it. */
class ResponseReader {
    batches;
    socket;
    head;
    finished;
    protocolError = false;
    reusable = true;
    resolveHead;
    rejectHead;
    resolveFinished;
    rejectFinished;
    headSeen = false;
    interim = 0;
    framing = { kind: 'none' };
    batch;
    filled = 0;
    /** Where the unparsed head starts in the batch. */
    headStart = 0;
    pieces = [];
    held = 0;
    paused = false;
    ended = false;
    error;
    deliver;
    activity;
    chunk = {
        state: 'size',
        line: '',
        remaining: 0,
        /** The CRLF after a chunk's data, still to come. */
        skip: 0,
        trailerBytes: 0
    };
    /**
     * The whole head must come within the timeout: the socket's idle timer alone never fires
     * for a head sent a byte at a time.
     */
    headDeadline;
    constructor(batches, socket, headTimeoutMs) {
        this.batches = batches;
        this.socket = socket;
        this.headDeadline = setTimeout(() => {
            this.socket.destroy();
            this.fail(new StorageTimeout(`no complete response head within ${headTimeoutMs} ms`));
        }, headTimeoutMs);
        this.headDeadline.unref();
        this.head = new Promise((resolve, reject) => {
            this.resolveHead = resolve;
            this.rejectHead = reject;
        });
        this.finished = new Promise((resolve, reject) => {
            this.resolveFinished = resolve;
            this.rejectFinished = reject;
        });
        this.finished.catch(() => undefined);
    }
    /** Where the next read goes: the rest of the current batch, or a fresh one. */
    readInto() {
        if (this.ended || this.error)
            return IDLE_BUFFER;
        if (!this.batch || BATCH_BYTES - this.filled < MIN_READ_BYTES)
            this.nextBatch();
        return this.batch.subarray(this.filled);
    }
    nextBatch() {
        const fresh = this.batches.take();
        this.hold(fresh);
        const carry = this.headSeen ? undefined : this.batch?.subarray(this.headStart, this.filled);
        // A head that did not fit in the rest of the last batch moves to the start of the new one.
        const carried = carry ? carry.copy(fresh) : 0;
        this.retire();
        this.batch = fresh;
        this.filled = carried;
        this.headStart = 0;
    }
    onRead(bytes, buffer) {
        this.activity?.(bytes);
        if (this.ended || this.error) {
            // Bytes after the end of the response: the connection cannot be trusted again.
            this.protocolError = true;
            this.reusable = false;
            return false;
        }
        if (!this.batch ||
            buffer.buffer !== this.batch.buffer ||
            buffer.byteOffset !== this.batch.byteOffset + this.filled) {
            // Read into the idle buffer (the first bytes of a response): copy them into a batch.
            const target = this.readInto();
            buffer.copy(target, 0, 0, bytes);
        }
        const from = this.filled;
        this.filled += bytes;
        this.parse(from, this.filled);
        if (this.ended || this.error)
            return true;
        if (this.headSeen && this.batch && BATCH_BYTES - this.filled < MIN_READ_BYTES)
            this.retire();
        else if (this.due())
            this.handOn();
        return !this.paused;
    }
    parse(from, to) {
        const batch = this.batch;
        let at = from;
        if (!this.headSeen) {
            const end = batch.subarray(this.headStart, to).indexOf('\r\n\r\n');
            if ((end < 0 ? to - this.headStart : end) > MAX_HEAD_BYTES) {
                return this.protocolFailure(`response head longer than ${MAX_HEAD_BYTES / 1024} KiB`);
            }
            if (end < 0)
                return;
            const head = batch.toString('latin1', this.headStart, this.headStart + end);
            at = this.headStart + end + 4;
            if (!this.readHead(head)) {
                if (this.error)
                    return;
                // An interim 1xx answer: the real head follows.
                if (++this.interim > MAX_INTERIM)
                    return this.protocolFailure('too many interim (1xx) answers');
                this.headStart = at;
                return this.parse(at, to);
            }
            if (this.error)
                return;
            const framing = this.framing;
            if (framing.kind === 'none' || (framing.kind === 'length' && framing.remaining === 0)) {
                if (at < to)
                    return this.overrun();
                return this.end();
            }
        }
        while (at < to && !this.ended && !this.error) {
            const framing = this.framing;
            if (framing.kind === 'length') {
                const take = Math.min(framing.remaining, to - at);
                this.pieces.push(batch.subarray(at, at + take));
                framing.remaining -= take;
                at += take;
                if (framing.remaining === 0) {
                    // More in the same read than the length said: the length is wrong, not the extra bytes.
                    if (at < to)
                        return this.overrun();
                    this.end();
                }
            }
            else if (framing.kind === 'close') {
                this.pieces.push(batch.subarray(at, to));
                at = to;
            }
            else if (framing.kind === 'chunked') {
                at = this.parseChunked(batch, at, to);
            }
            else {
                break;
            }
        }
        if (at < to && this.ended) {
            // Bytes after the end of the response: the connection cannot be trusted again.
            this.protocolError = true;
            this.reusable = false;
        }
    }
    parseChunked(batch, at, to) {
        const c = this.chunk;
        while (at < to && !this.ended && !this.error) {
            if (c.state === 'data') {
                const take = Math.min(c.remaining, to - at);
                this.pieces.push(batch.subarray(at, at + take));
                c.remaining -= take;
                at += take;
                if (c.remaining === 0) {
                    c.state = 'data-end';
                    c.skip = 2;
                }
            }
            else if (c.state === 'data-end') {
                // A chunk's data ends with CRLF; anything else means the framing is lost.
                if (batch[at] !== (c.skip === 2 ? 0x0d : 0x0a)) {
                    this.protocolFailure('chunk data not followed by CRLF');
                    continue;
                }
                at++;
                if (--c.skip === 0)
                    c.state = 'size';
            }
            else {
                const newline = batch.indexOf(0x0a, at);
                const end = newline < 0 || newline >= to ? to : newline;
                c.line += batch.toString('latin1', at, end);
                at = end;
                if (c.line.length > MAX_HEAD_BYTES || c.trailerBytes + c.line.length > MAX_HEAD_BYTES) {
                    this.protocolFailure(c.state === 'trailer' ? 'trailers too long' : 'chunk-size line too long');
                    continue;
                }
                if (newline < 0 || newline >= to)
                    continue;
                at++;
                if (!c.line.endsWith('\r')) {
                    this.protocolFailure('chunk line not ended by CRLF');
                    continue;
                }
                const line = c.line.slice(0, -1);
                c.line = '';
                if (c.state === 'trailer') {
                    // Trailer fields are read past and dropped (RFC 9112 7.1.2: none is needed here).
                    c.trailerBytes += line.length + 2;
                    if (line === '') {
                        if (at < to)
                            this.overrun();
                        else
                            this.end();
                    }
                    continue;
                }
                // chunk-size [ chunk-ext ]: hex digits, at most 2^52 - 1 (a safe integer).
                const size = /^([0-9A-Fa-f]+)[ \t]*(?:;[^\0]*)?$/.exec(line);
                const digits = size?.[1].replace(/^0+(?=.)/, '');
                if (!digits || digits.length > 13) {
                    this.protocolFailure(`bad chunk size '${line.slice(0, 40)}'`);
                    continue;
                }
                const bytes = parseInt(digits, 16);
                if (bytes === 0)
                    c.state = 'trailer';
                else {
                    c.state = 'data';
                    c.remaining = bytes;
                }
            }
        }
        return at;
    }
    /**
     * Reads the status line and headers; false for an interim (1xx) answer. The body's framing
     * follows RFC 9112 6.3; what it calls an unrecoverable framing error (a Content-Length that
     * is not one number, Transfer-Encoding beside it or other than chunked) is refused, never
     * guessed at: a response the parser misreads could be taken for the next one.
     */
    readHead(head) {
        const [statusLine, ...lines] = head.split('\r\n');
        const status = /^HTTP\/1\.([01]) ([1-5]\d\d)(?: [^\r\n\0]*)?$/.exec(statusLine);
        if (!status) {
            this.protocolFailure('not an HTTP/1.1 status line');
            return true;
        }
        const code = Number(status[2]);
        if (code === 101) {
            this.protocolFailure('101 Switching Protocols, not asked for');
            return true;
        }
        if (code < 200)
            return false;
        const fields = [];
        for (const line of lines) {
            if (/[\0\r\n]/.test(line)) {
                this.protocolFailure('a header line with CR, LF or NUL in it');
                return true;
            }
            if (line.startsWith(' ') || line.startsWith('\t')) {
                // obs-fold (RFC 9112 5.2): a user agent replaces it with a space and reads on.
                if (fields.length === 0) {
                    this.protocolFailure('a folded line before any header');
                    return true;
                }
                const last = fields[fields.length - 1];
                last[1] = `${last[1]} ${line.trim()}`.trim();
                continue;
            }
            const colon = line.indexOf(':');
            const name = colon < 0 ? '' : line.slice(0, colon);
            if (!TOKEN.test(name)) {
                this.protocolFailure(`a malformed header line '${line.slice(0, 40)}'`);
                return true;
            }
            fields.push([name.toLowerCase(), line.slice(colon + 1).trim()]);
        }
        const headers = {};
        for (const [name, value] of fields) {
            const before = headers[name];
            headers[name] = before === undefined ? value : `${String(before)}, ${value}`;
        }
        const http10 = status[1] === '0';
        const connection = String(headers.connection ?? '');
        if (/(^|,)\s*close\s*(,|$)/i.test(connection) || (http10 && !/(^|,)\s*keep-alive\s*(,|$)/i.test(connection))) {
            this.reusable = false;
        }
        const framing = this.framingOf(code, headers, http10);
        if (typeof framing === 'string') {
            this.protocolFailure(framing);
            return true;
        }
        this.headSeen = true;
        clearTimeout(this.headDeadline);
        this.framing = framing;
        if (framing.kind === 'close')
            this.reusable = false;
        this.resolveHead({ status: code, headers, body: this });
        return true;
    }
    /** How the body ends (RFC 9112 6.3), or why that cannot be told. */
    framingOf(code, headers, http10) {
        if (code === 204 || code === 304)
            return { kind: 'none' };
        const transfer = headers['transfer-encoding'];
        const length = headers['content-length'];
        if (transfer !== undefined) {
            if (length !== undefined)
                return 'both Transfer-Encoding and Content-Length';
            if (http10)
                return 'Transfer-Encoding in an HTTP/1.0 response';
            const codings = String(transfer)
                .split(',')
                .map((coding) => coding.trim().toLowerCase())
                .filter((coding) => coding !== '');
            // No transfer coding was asked for (no TE header): only chunked alone can be read.
            if (codings.length !== 1 || codings[0] !== 'chunked')
                return `Transfer-Encoding '${String(transfer)}'`;
            return { kind: 'chunked' };
        }
        if (length !== undefined) {
            // A repeated Content-Length is allowed only with one value throughout (RFC 9110 8.6).
            const values = new Set(String(length)
                .split(',')
                .map((value) => value.trim()));
            const [value] = values;
            if (values.size !== 1 || !/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
                return `Content-Length '${String(length).slice(0, 40)}'`;
            }
            return { kind: 'length', remaining: Number(value) };
        }
        return { kind: 'close' };
    }
    /**
     * The body went on past where its framing said it ends, in the same read: the framing lied
     * (a Content-Length short of the body), so what was read is no file.
     */
    overrun() {
        this.pieces = [];
        this.protocolError = true;
        this.reusable = false;
        this.fail(new BodyOverrun(`storage sent more bytes than the response's framing (${this.framingName()}) said`));
        this.socket.destroy();
    }
    framingName() {
        const framing = this.framing;
        if (framing.kind === 'chunked')
            return 'chunked';
        return framing.kind === 'none' ? 'no body' : 'Content-Length';
    }
    protocolFailure(message) {
        this.protocolError = true;
        this.reusable = false;
        this.fail(new Error(`storage sent a malformed response (${message})`));
        this.socket.destroy();
    }
    lastHandOn = Date.now();
    due() {
        return this.pieces.length > 0 && Date.now() - this.lastHandOn >= HAND_ON_MS;
    }
    /** Who still uses each batch: the reader (while reading into it) and each delivery of it. */
    holds = new Map();
    hold(batch) {
        this.holds.set(batch, (this.holds.get(batch) ?? 0) + 1);
    }
    unhold(batch) {
        const left = (this.holds.get(batch) ?? 1) - 1;
        if (left > 0)
            this.holds.set(batch, left);
        else {
            this.holds.delete(batch);
            this.batches.give(batch);
        }
    }
    /** Hands the pieces read so far to the consumer; the batch stays the reading target. */
    handOn() {
        this.lastHandOn = Date.now();
        const batch = this.batch;
        if (!batch || this.pieces.length === 0 || !this.headSeen)
            return;
        const pieces = this.pieces;
        this.pieces = [];
        this.hold(batch);
        this.held++;
        if (this.held >= BATCHES_HELD)
            this.paused = true;
        const done = () => {
            this.held--;
            this.unhold(batch);
            if (this.paused && this.held < BATCHES_HELD) {
                this.paused = false;
                if (!this.ended && !this.error)
                    this.socket.resume();
            }
        };
        if (this.deliver)
            this.deliver(pieces, done);
        else
            this.waiting.push([pieces, done]);
    }
    /** Hands on what is read, and stops reading into the batch. */
    retire() {
        this.handOn();
        const batch = this.batch;
        this.batch = undefined;
        if (batch)
            this.unhold(batch);
    }
    waiting = [];
    ticker;
    stopTicking() {
        clearInterval(this.ticker);
        this.ticker = undefined;
    }
    end() {
        this.ended = true;
        clearTimeout(this.headDeadline);
        this.retire();
        this.stopTicking();
        this.settle();
    }
    fail(error) {
        if (this.ended || this.error)
            return;
        if (this.framing.kind === 'close' && error === undefined && this.headSeen)
            return this.end();
        const cause = error ??
            Object.assign(new Error(this.headSeen ? 'connection closed before the body ended' : 'connection closed'), {
                code: 'ECONNRESET'
            });
        clearTimeout(this.headDeadline);
        this.error = Object.assign(cause, { beforeResponse: !this.headSeen && this.filled === 0 });
        this.reusable = false;
        if (!this.headSeen)
            this.rejectHead(this.error);
        this.retire();
        this.stopTicking();
        this.settle();
    }
    settle() {
        if (this.error)
            this.rejectFinished(this.error);
        else if (this.ended)
            this.resolveFinished();
    }
    pump(deliver, activity) {
        this.deliver = deliver;
        this.activity = activity;
        // Between reads on a slow or stalled link, what has arrived is handed on regularly.
        if (!this.ended && !this.error) {
            this.ticker = setInterval(() => {
                if (this.due())
                    this.handOn();
            }, HAND_ON_MS);
            this.ticker.unref();
        }
        // The consumer watches for stalls itself (and reports them better than a socket timeout).
        if (activity)
            this.socket.setTimeout(0);
        // Bytes that came with the head, before anyone listened, count for the rate too.
        let early = 0;
        for (const [pieces] of this.waiting)
            for (const piece of pieces)
                early += piece.length;
        for (const piece of this.pieces)
            early += piece.length;
        if (early > 0)
            activity?.(early);
        for (const [pieces, done] of this.waiting.splice(0))
            deliver(pieces, done);
        return this.finished;
    }
    destroy(error) {
        // A response that has ended no longer owns the connection: it may carry another by now.
        if (this.ended || this.error)
            return;
        this.reusable = false;
        this.socket.destroy(error);
        this.fail(error ?? new Error('aborted'));
    }
}
const TEXT_TYPE = /^(text\/|application\/(?:[\w.+-]*\+)?(?:xml|json)\b)/i;
/**
 * At most `limit` bytes of a body (an error page); the rest is dropped. It counts as text if
 * its type says so (or none is given) and its bytes are UTF-8 without control characters.
 */
async function readSmallBody(response, limit = 64 * 1024) {
    const { bytes, size } = await readCapped(response.body, limit);
    const type = String(response.headers['content-type'] ?? '')
        .split(';')[0]
        .trim();
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        // A cut at the limit may split a character: only the bytes before the last one need to be whole.
        text = bytes.toString('utf8');
        if (size <= limit || text.slice(0, -1).includes('\ufffd'))
            return { text: '', size, binary: true, type: type || 'no Content-Type' };
    }
    const binary = (type !== '' && !TEXT_TYPE.test(type)) || hasControlCharacters(text);
    return { text: binary ? '' : text, size, binary, type: type || 'no Content-Type' };
}
/** Control characters other than tab, line feed, form feed and carriage return: no text has them. */
function hasControlCharacters(text) {
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f)
            return true;
    }
    return false;
}
/** At most `limit` bytes of a body (an error page), as text; the rest is dropped. */
async function readSmallText(body, limit = 64 * 1024) {
    return (await readCapped(body, limit)).bytes.toString('utf8');
}
/** The first `limit` bytes of a body and its whole size; it is cut once past the limit. */
async function readCapped(body, limit) {
    const kept = [];
    let size = 0;
    await body
        .pump((pieces, done) => {
        for (const piece of pieces) {
            if (size < limit)
                kept.push(Buffer.from(piece.subarray(0, limit - size)));
            size += piece.length;
        }
        done();
        if (size >= limit)
            body.destroy();
    })
        .catch(() => undefined);
    return { bytes: Buffer.concat(kept), size };
}

;// CONCATENATED MODULE: ./src/registry/studio-errors.ts



/** What Studio said when it refused to list a model's files, and what to do (storage's: storage-errors.ts). */
/**
 * One paragraph: which Studio was asked (`url`, the request, printed without its query), the
 * status, Studio's own words, and what to do.
 */
function studioFailure(status, body, query, token, url) {
    const studio = `Studio at ${(0,redact/* describeUrl */.Ng)(url)}`;
    const explanation = (0,redact/* scrub */._I)(studioExplanation(body), [token]);
    const said = explanation ? `: ${(0,format/* quoteThenStop */.MD)(explanation)}` : '.';
    if (status === 404 && !isStudioJson(body)) {
        return `The server at ${(0,redact/* describeUrl */.Ng)(url)} answered HTTP 404 for ${describeQuery(query)} with a page that is not Studio's${said} That URL does not look like a Studio API: check input 'studio-url' (or DVC_STUDIO_URL). It is Studio's base address, such as https://studio.datachain.ai, or https://ci.example.com/studio for a self-hosted Studio under a path prefix; the action adds the API's path to it.`;
    }
    let hint;
    if (status === 401 || status === 403) {
        hint =
            "The token is wrong, expired or lacks the Model Registry scope: create a token with that scope in Studio's settings and store it in the secret passed as 'studio-token' (and check that 'studio-url' is the Studio that issued it).";
    }
    else if (status === 404) {
        hint =
            "Check 'repo' (the Git URL Studio knows the project by), 'name' (for a monorepo model, path/to/dvc.yaml:model), and 'version' or 'stage'.";
        // Studio reads a pushed registry tag a little after the push (tag mode runs at once).
        if (query.version)
            hint += ' A version registered moments ago may not be known to Studio yet: then re-run the job.';
    }
    else if (status === 400) {
        hint = "Check the inputs 'repo', 'name', 'version' and 'stage'.";
    }
    else if (status >= 500 || status === 429 || status === 408) {
        hint = 'Studio is unavailable or overloaded; re-run the job later.';
    }
    else {
        hint = "Check input 'studio-url' and the inputs naming the model.";
    }
    return `${studio} refused to list the files of ${describeQuery(query)} (HTTP ${status})${said} ${hint}`;
}
/** Studio answers its own errors with a JSON object carrying `detail`; a proxy or another server does not. */
function isStudioJson(body) {
    try {
        const parsed = JSON.parse(body);
        return parsed !== null && typeof parsed === 'object' && 'detail' in parsed;
    }
    catch {
        return false;
    }
}
/** Studio's JSON `detail` (or `message`/`error`), else the body's text without markup. */
function studioExplanation(body) {
    try {
        const parsed = JSON.parse(body);
        if (parsed && typeof parsed === 'object') {
            const record = parsed;
            for (const field of ['detail', 'message', 'error']) {
                const value = record[field];
                if (typeof value === 'string')
                    return (0,format/* shorten */.ml)(value);
                if (value !== undefined)
                    return (0,format/* shorten */.ml)(JSON.stringify(value));
            }
        }
        if (typeof parsed === 'string')
            return (0,format/* shorten */.ml)(parsed);
    }
    catch {
        // Not JSON: plain text or an HTML page from a proxy.
    }
    return (0,format/* shorten */.ml)(body);
}

;// CONCATENATED MODULE: ./src/registry/studio.ts







const API_PATH = 'api/model-registry/get-download-uris';
/** The endpoint's URL. `studioUrl` ends in '/', so a self-hosted path prefix is kept. */
function downloadUrisUrl(studioUrl, query) {
    const url = new URL(API_PATH, studioUrl.endsWith('/') ? studioUrl : `${studioUrl}/`);
    url.searchParams.set('repo', query.repo);
    url.searchParams.set('name', query.name);
    if (query.version)
        url.searchParams.set('version', query.version);
    if (query.stage)
        url.searchParams.set('stage', query.stage);
    return url.toString();
}
class StudioClient {
    studioUrl;
    token;
    http;
    policy;
    constructor(studioUrl, token, http, policy) {
        this.studioUrl = studioUrl;
        this.token = token;
        this.http = http;
        this.policy = policy;
    }
    /** Asks Studio for signed URLs; retries connection errors, 408, 429 and 5xx. */
    async getDownloadUris(query) {
        const url = downloadUrisUrl(this.studioUrl, query);
        const budget = this.policy.budget();
        for (;;) {
            let problem;
            let wait;
            try {
                const response = await this.http.get(url, {
                    Authorization: `token ${this.token}`,
                    Accept: 'application/json'
                });
                const status = response.message.statusCode ?? 0;
                // A model tracked as a folder can list thousands of files: read a 200 whole.
                if (status === 200)
                    return parseDownloadUris(await response.readBody(), query, url);
                const body = await (0,http_pool/* readSmallBody */.i)(response);
                if (!isRetryableStatus(status) || !budget.fail()) {
                    throw new errors/* ActionError */.l(studioFailure(status, body, query, this.token, url));
                }
                problem = `HTTP ${status}`;
                wait = retryAfterMs(response.message.headers);
            }
            catch (error) {
                if (error instanceof errors/* ActionError */.l)
                    throw error;
                // Neither a certificate nor an https:// URL for an http port changes on a retry.
                if (isTlsSetupError(error)) {
                    throw new errors/* ActionError */.l(tlsAdvice(`Studio at ${(0,redact/* describeUrl */.Ng)(url)}`, url, error, "in input 'studio-url' (or DVC_STUDIO_URL)"));
                }
                const reason = (0,redact/* scrub */._I)((0,format/* errorReason */.jf)(error), [this.token]);
                if (!budget.fail()) {
                    throw new errors/* ActionError */.l(`Could not reach Studio at ${(0,redact/* describeUrl */.Ng)(url)}: ${reason}. Check input 'studio-url' (or DVC_STUDIO_URL) and the runner's network or proxy settings (HTTPS_PROXY, NO_PROXY).`);
                }
                problem = reason;
            }
            await this.policy.wait('the Studio request', budget, problem, wait);
        }
    }
}
/** A 200 must be a non-empty JSON object of string to string. `url`: the request, named in errors. */
function parseDownloadUris(body, query, url = '') {
    const studio = url ? `Studio at ${(0,redact/* describeUrl */.Ng)(url)}` : 'Studio';
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        throw new errors/* ActionError */.l(`${studio} answered 200 but not with JSON when asked for ${describeQuery(query)}: ${(0,format/* quoteThenStop */.MD)((0,format/* shorten */.ml)(body))} Check input 'studio-url': it should be Studio's base address, not a page behind a login or proxy.`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new errors/* ActionError */.l(`${studio} answered for ${describeQuery(query)} with something other than a JSON object of file paths to URLs. Check input 'studio-url' points at Studio.`);
    }
    const entries = Object.entries(parsed);
    if (entries.length === 0) {
        throw new errors/* ActionError */.l(`${studio} lists no files for ${describeQuery(query)}. Check that the model's files are pushed to a DVC remote that Studio can reach (dvc push), and that the remote's credentials are set in Studio.`);
    }
    const uris = {};
    for (const [key, value] of entries) {
        if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) {
            throw new errors/* ActionError */.l(`${studio} has no http(s) download URL for '${key}' of ${describeQuery(query)}. Check the model's DVC remote in Studio: only cloud or http remotes can be downloaded.`);
        }
        uris[key] = value;
    }
    return uris;
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
;// CONCATENATED MODULE: ./src/transfer/connection-budget.ts
/**
 * The connections to storage a run may have open at once (input `concurrency`), shared by
 * the files in flight and the extra ranged requests of a large file, so that splitting a
 * file never opens more connections than the user allowed.
 */
class ConnectionBudget {
    size;
    free;
    waiting = [];
    constructor(size) {
        this.size = size;
        this.free = size;
    }
    /** Waits for a connection (in turn). */
    async acquire() {
        if (this.free > 0 && this.waiting.length === 0) {
            this.free--;
            return;
        }
        await new Promise((resolve) => this.waiting.push(resolve));
    }
    /** Takes a connection only if one is free now and nobody waits for one. */
    tryAcquire() {
        if (this.free === 0 || this.waiting.length > 0)
            return false;
        this.free--;
        return true;
    }
    release() {
        const next = this.waiting.shift();
        if (next)
            next();
        else
            this.free++;
    }
    get available() {
        return this.free;
    }
}

;// CONCATENATED MODULE: ./src/transfer/same-object.ts
/**
 * Whether a ranged answer belongs with the bytes so far: a download's bytes come from one
 * object, in the places its Content-Range says. Parts and resumes of one file are answers to
 * separate requests, and storage that ignores If-Range (or a cache in between) may answer one
 * from a newer object of the same name; joining them would be a file that never existed.
 */
/** A Content-Range header: first byte, last byte, total (or `*`). */
const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+|\*)$/;
/**
 * Why a ranged answer is not of the object the download began with, or undefined if it is:
 * with a strong ETag at the start, every answer must carry that same ETag; without one, the
 * total size is the sign left (a changed size is another object).
 */
function otherObject(etag, total, answerEtag, answerTotal) {
    if (etag !== undefined && answerEtag !== etag) {
        return answerEtag === undefined
            ? 'storage answered a range without the ETag of the object it began with'
            : 'storage answered a range from another object (its ETag changed)';
    }
    if (total !== undefined && answerTotal !== undefined && answerTotal !== total) {
        return `storage answered a range from another object (its size changed from ${total} to ${answerTotal} bytes)`;
    }
    return undefined;
}
/** A 206 whose Content-Length is not the length of its Content-Range: its body cannot be placed. */
function rangeFramingFault(range, contentLength, total) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (to < from || (total !== undefined && to >= total)) {
        return `storage answered an impossible range (bytes ${range[1]}-${range[2]}/${range[3]})`;
    }
    if (contentLength !== undefined && Number(contentLength) !== to - from + 1) {
        return `storage answered ${to - from + 1} bytes (${range[1]}-${range[2]}) with a Content-Length of ${contentLength.slice(0, 20)}`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/transfer/storage-errors.ts


/** What storage (S3, Azure, GCS, an http remote) said when it refused a download, and what to do. */
function storageRefusal(status, url, body) {
    const said = storageSaid(url, typeof body === 'string' ? { text: body, size: body.length, binary: false, type: '' } : body);
    return `Storage refused the download (HTTP ${status} from ${(0,redact/* describeUrl */.Ng)(url)})${said} ${storageHint(status)}`;
}
/** What storage said, ready to follow the sentence's start: a quote of text, or the size and type of anything else. */
function storageSaid(url, body) {
    if (body.binary)
        return `, with ${(0,format/* formatBytes */.z3)(body.size)} of ${body.type} (not text, not shown).`;
    // A quoted sentence keeps its own full stop and gets no second one.
    return body.text ? `: ${(0,format/* quoteThenStop */.MD)(storageExplanation(body.text, url))}` : '.';
}
/**
 * S3 and Azure explain themselves in XML `<Code>` and `<Message>`; only those are shown, since
 * the rest (S3's StringToSign, CanonicalRequest) repeats parts of the signed query. Whatever is
 * shown is scrubbed of the URL's query values in every form (a server may quote them decoded).
 */
function storageExplanation(text, url = '') {
    const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    const secrets = (0,redact/* queryValueForms */.NP)(url);
    // Scrubbed before shortening too: a cut could leave a secret's start that no longer matches.
    if (code || message)
        return (0,redact/* scrub */._I)((0,format/* shorten */.ml)((0,redact/* scrub */._I)([code, message].filter(Boolean).join(': '), secrets)), secrets);
    return (0,redact/* scrub */._I)((0,format/* shorten */.ml)((0,redact/* scrub */._I)(text, secrets)), secrets);
}
function storageHint(status) {
    if (status === 403 || status === 401) {
        return "The signed URL was refused: check the DVC remote's credentials in Studio's project settings.";
    }
    if (status === 404) {
        return "The file is missing from the DVC remote: push it with 'dvc push' from the commit that registered the model.";
    }
    return 'Check the DVC remote configured for the project in Studio.';
}
/** Why a file (or a part) is given up: failures in a row, or a link that fails after a little progress each time. */
function gaveUp(subject, budget, reason, retries) {
    if (budget.capped) {
        return `Could not download ${subject}: ${budget.total} attempts failed, each after getting a little further (the last: ${reason}). Storage keeps sending part of the answer and then stalling or cutting the connection, so the download would never end; ${budget.cap} failed attempts (10 x input 'retries', now ${retries}) is the limit. Re-run the job later, or check the storage or proxy in between.`;
    }
    return `Could not download ${subject} after ${budget.failures} failed attempts in a row: ${reason}. Storage or the network kept failing; re-run the job, or raise input 'retries' (now ${retries}) or 'timeout' for a slow link.`;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/transfer/sink.ts




/**
 * The receiving end of a download: a response body streamed into the staged file, hashed as
 * it arrives, written behind in the ~1 MiB batches the transport reads into (several writes
 * in flight), and cut when no data comes for too long.
 */
/** No data for the stall timeout: the connection is given up. */
class Stalled extends Error {
}
/** Writing to the staged file failed: a local problem, not worth a retry. */
class DiskWriteFailed extends Error {
    constructor(cause) {
        super(cause?.message ?? String(cause), { cause });
    }
}
/**
 * The temporary file of one transfer. It is opened only when a body needs more than one
 * write; a body that arrives in one piece (every file under 1 MiB) is written by a single
 * synchronous call, which for a folder model of thousands of small files saves three
 * thread-pool round trips a file.
 */
class StagedFile {
    path;
    handle;
    /** Several writes may start at once: they share one open. */
    opening;
    created = false;
    constructor(path) {
        this.path = path;
    }
    get isOpen() {
        return this.handle !== undefined;
    }
    /** Writes `chunks` at `position`, opening the file on first use. */
    async write(chunks, position) {
        if (!this.handle) {
            this.opening ??= promises_.open(this.path, this.created ? 'r+' : 'w').finally(() => (this.opening = undefined));
            this.handle = await this.opening;
            this.created = true;
        }
        await this.handle.writev(chunks, position);
    }
    /** Replaces the file's content with `chunks` in one call (the file must not be open). */
    writeWhole(chunks) {
        (0,external_node_fs_.writeFileSync)(this.path, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        this.created = true;
    }
    /** Another writer (the ranged download) made the file: a later write must not truncate it. */
    markCreated() {
        this.created = true;
    }
    async truncate() {
        if (this.handle)
            await this.handle.truncate(0);
        else if (this.created)
            await promises_.truncate(this.path, 0);
    }
    async close() {
        await this.handle?.close();
        this.handle = undefined;
    }
}
/**
 * Positional writes of one body, several in flight at once. They may land out of order;
 * bytes count as written only up to the first gap (`onAdvance` hears where that is), so a
 * resume starts at the right offset.
 */
class WriteBehind {
    write;
    onAdvance;
    onError;
    /** Where the next write goes. */
    issuedTo;
    /** Writes not yet counted: in flight, or landed after a gap. */
    landed = [];
    inFlight = 0;
    drained;
    constructor(start, write, onAdvance, onError) {
        this.write = write;
        this.onAdvance = onAdvance;
        this.onError = onError;
        this.issuedTo = start;
    }
    /** Writes issued and not yet counted as written. */
    get pending() {
        return this.landed.length;
    }
    /** Writes `pieces` (`size` bytes) at `issuedTo`; `done` is called once the write settles. */
    issue(pieces, size, done) {
        const write = { end: this.issuedTo + size, done: false };
        const position = this.issuedTo;
        this.issuedTo += size;
        this.landed.push(write);
        this.inFlight++;
        this.write(pieces, position)
            .then(() => {
            write.done = true;
            let writtenTo;
            while (this.landed.length > 0 && this.landed[0].done)
                writtenTo = this.landed.shift().end;
            if (writtenTo !== undefined)
                this.onAdvance(writtenTo);
        }, (error) => this.onError(error))
            .finally(() => {
            done();
            if (--this.inFlight === 0)
                this.drained?.();
        });
    }
    /** Resolves once no write is in flight. */
    async settled() {
        if (this.inFlight > 0)
            await new Promise((resolve) => (this.drained = resolve));
    }
}
/**
 * The slowest a body may come, on one connection, averaged over `timeout` seconds (as curl's
 * --speed-limit with --speed-time): slower is a stall, even if a byte comes now and then. Far
 * below any healthy link: a 100 KB/s link split over 64 connections (input `concurrency`'s
 * maximum) gives each about 1.5 KB/s, three times this.
 */
const MIN_BYTES_PER_SECOND = 512;
/**
 * Cuts `body` (with the error `stalled` makes) when no data has come for `stallTimeoutMs`, or
 * when less than MIN_BYTES_PER_SECOND came over that long (a trickle); or when `signal` aborts
 * (with `aborted`'s). `refresh` with each read's byte count; `release` once done.
 */
function guardBody(body, stallTimeoutMs, signal, errors) {
    const stall = setTimeout(() => {
        body.destroy(errors.stalled(`no data for ${(0,format/* formatDuration */.a3)(stallTimeoutMs)}`));
    }, stallTimeoutMs);
    const floor = Math.ceil((MIN_BYTES_PER_SECOND * stallTimeoutMs) / 1000);
    let inWindow = 0;
    const trickle = setInterval(() => {
        if (inWindow < floor) {
            body.destroy(errors.stalled(`only ${inWindow} bytes in ${(0,format/* formatDuration */.a3)(stallTimeoutMs)}, under the ${MIN_BYTES_PER_SECOND} bytes/s a transfer must keep up`));
        }
        inWindow = 0;
    }, stallTimeoutMs);
    const abort = () => body.destroy(errors.aborted());
    signal.addEventListener('abort', abort, { once: true });
    // Aborted while the request was on its way: the listener would never hear it.
    if (signal.aborted)
        abort();
    return {
        refresh: (bytes) => {
            inWindow += bytes;
            stall.refresh();
        },
        release: () => {
            clearTimeout(stall);
            clearInterval(trickle);
            signal.removeEventListener('abort', abort);
        }
    };
}
/** Roughly the size of each write: what the transport hands on at a time. */
const FLUSH_BYTES = 1 << 20;
/**
 * Streams `body` into the file at `progress.written`. What arrived before a failure is on
 * disk and counted when this rejects, so the next attempt can resume after it.
 */
async function receive(body, options) {
    const { file, hasher, progress, stallTimeoutMs, signal } = options;
    const source = 'pump' in body ? body : incomingBody(body);
    const guard = guardBody(source, stallTimeoutMs, signal, {
        stalled: (message) => new Stalled(message),
        aborted: () => new Error('aborted')
    });
    let failure;
    const writes = new WriteBehind(progress.written, (pieces, position) => file.write(pieces, position), (writtenTo) => {
        progress.written = writtenTo;
        options.onWritten?.(writtenTo);
    }, (error) => {
        failure ??= new DiskWriteFailed(error);
        source.destroy();
    });
    // The first delivery waits for a second: a body that comes in one piece (every file under
    // 1 MiB) is written by one call, without opening a file handle.
    let first;
    const holdFirst = progress.written === 0 && !file.isOpen && (options.length === undefined || options.length <= FLUSH_BYTES);
    let pumped;
    try {
        await source.pump((pieces, done) => {
            let size = 0;
            for (const piece of pieces) {
                hasher?.update(piece);
                size += piece.length;
            }
            if (failure)
                return done();
            if (holdFirst && writes.issuedTo === 0 && !first && writes.pending === 0) {
                first = { pieces, size, done };
                return;
            }
            if (first) {
                const held = first;
                first = undefined;
                writes.issue(held.pieces, held.size, held.done);
            }
            writes.issue(pieces, size, done);
        }, (bytes) => guard.refresh(bytes));
    }
    catch (error) {
        pumped = error;
    }
    finally {
        guard.release();
    }
    // What arrived before a failure is good: keep it for the resume.
    if (holdFirst && writes.issuedTo === 0 && !file.isOpen) {
        try {
            file.writeWhole(first?.pieces ?? []);
            progress.written = writes.issuedTo = first?.size ?? 0;
            options.onWritten?.(progress.written);
        }
        catch (error) {
            failure ??= new DiskWriteFailed(error);
        }
        finally {
            first?.done();
            first = undefined;
        }
    }
    else if (first) {
        const held = first;
        first = undefined;
        writes.issue(held.pieces, held.size, held.done);
    }
    await writes.settled();
    if (failure)
        throw failure;
    if (pumped !== undefined)
        throw pumped;
}

;// CONCATENATED MODULE: ./src/transfer/ranged-download.ts












/**
 * One large file in parts: several ranged requests at once, each part written at its
 * offset as it arrives, retried and resumed on its own. The MD5 is still taken once, over
 * the bytes in order, as the contiguous stretch from byte zero grows on disk. Memory stays
 * bounded whatever the file's size: a few megabytes per part in flight, nothing per part
 * waiting to be hashed (the hash reads what is on disk, from the page cache).
 *
 * Why: one connection to S3 or Azure gets roughly 50-100 MB/s, far less than a runner's
 * link; `aws s3 cp`, s5cmd and aria2c split large objects into ranged requests for this.
 */
/**
 * Part size: aws-cli's default multipart chunk. At 100 MB/s a part takes ~80 ms, a few times
 * S3's time to first byte, so a connection spends most of its time receiving; a 768 MiB file
 * is 96 parts, so the parts in flight finish close together at the end.
 */
const ranged_download_PART_BYTES = 8 << 20;
/** At most this many parts of one file in flight (aws-cli: 10 requests; curl --parallel: 50). */
const MAX_PARTS_IN_FLIGHT = 8;
/**
 * A part starts only once the hash has reached this far behind its first byte. The MD5 (one
 * core, ~600 MiB/s) is slower than eight connections can be: receiving further ahead only
 * takes CPU from it, and a download is done when its hash is.
 */
const AHEAD_OF_HASH_BYTES = 64 << 20;
/** The hash reads back what is on disk in pieces of this size, into one reused buffer. */
const HASH_READ_BYTES = 4 << 20;
/** The bytes so far cannot be used (storage sent the whole object to a range request, or another object). */
class RestartFromZero extends Error {
    rangesIgnored;
    constructor(message, 
    /** Storage stopped honouring ranges: the next start is one stream. */
    rangesIgnored = true) {
        super(message);
        this.rangesIgnored = rangesIgnored;
    }
}
/** Writing to (or reading back) the staged file failed: a local problem, not worth a retry. */
class PartDiskError extends Error {
    constructor(cause) {
        super(cause?.message ?? String(cause), { cause });
    }
}
class PartFailed extends Error {
    retryAfter;
    constructor(message, retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }
}
class PartUrlExpired extends Error {
}
class PartStalled extends Error {
}
class Stopped extends Error {
}
/** Downloads the file in parts; resolves once every byte is on disk and hashed. */
async function downloadRanged(job) {
    const partBytes = job.partBytes ?? ranged_download_PART_BYTES;
    if (!Number.isSafeInteger(partBytes) || partBytes < 1)
        throw new Error(`part size ${partBytes} is not a byte count`);
    if (!job.hash && !job.md5Threads)
        throw new Error('a ranged download needs a hash function or hashing threads');
    await checkTotal(job);
    const parts = [];
    for (let start = 0, index = 0; start < job.total; start += partBytes, index++) {
        parts.push({ index, start, end: Math.min(job.total, start + partBytes), written: start });
    }
    const handle = await promises_.open(job.path, promises_.constants.O_RDWR | promises_.constants.O_CREAT).catch((error) => {
        throw new PartDiskError(error);
    });
    const controller = new AbortController();
    // Each lane listens for the abort while it receives and while it waits to retry.
    (0,external_node_events_.setMaxListeners)(2 * MAX_PARTS_IN_FLIGHT + 10, controller.signal);
    const stop = () => controller.abort();
    job.signal.addEventListener('abort', stop, { once: true });
    const hash = new InOrderHash(handle, parts, job.total, job.hash ?? job.md5Threads, job.path);
    let failure;
    let next = 0;
    let firstPart = job.firstPart;
    const ctx = { job, handle, hash, signal: controller.signal, parts: parts.length };
    /** Runs parts one after another on one connection, until none is left or one fails. */
    async function lane(borrowed) {
        try {
            while (failure === undefined && next < parts.length) {
                const part = parts[next++];
                const body = part.index === 0 ? firstPart : undefined;
                if (part.index === 0)
                    firstPart = undefined;
                // Connections may have come free: the parts not yet taken get lanes of their own.
                widen();
                try {
                    // Receiving no further ahead of the hash than this leaves the hash a core of its own.
                    await hash.reached(part.start - (job.aheadOfHash ?? AHEAD_OF_HASH_BYTES), controller.signal);
                    await fetchPart(part, ctx, body);
                }
                catch (error) {
                    failure ??= error;
                    controller.abort();
                }
            }
        }
        finally {
            if (borrowed)
                job.connections.release();
        }
    }
    const lanes = [];
    let settledLanes = 0;
    const open = (borrowed) => {
        lanes.push(lane(borrowed).finally(() => {
            settledLanes++;
        }));
    };
    function widen() {
        while (failure === undefined &&
            next < parts.length &&
            lanes.length - settledLanes < MAX_PARTS_IN_FLIGHT &&
            job.connections.tryAcquire()) {
            open(true);
        }
    }
    try {
        // A stale tail (an earlier attempt's longer file) must not survive; holes read as zeros
        // but are never hashed before they are written.
        await handle.truncate(job.total).catch((error) => {
            throw new PartDiskError(error);
        });
        open(false);
        // Lanes open while others run: wait until all, including late ones, are done.
        while (settledLanes < lanes.length)
            await Promise.all(lanes);
        if (failure === undefined)
            await hash.complete();
    }
    finally {
        firstPart?.destroy();
        job.signal.removeEventListener('abort', stop);
        await hash.stop();
        await hash.settled();
        await handle.close();
    }
    if (failure instanceof Stopped) {
        throw new errors/* ActionError */.l(`Transfer of '${job.key}' was stopped because another file failed.`);
    }
    if (failure !== undefined)
        throw failure;
    if (hash.error)
        throw hash.error;
    return { md5: hash.md5 };
}
/**
 * The size comes from storage (a Content-Range): a size that is no byte count, or more than
 * the disk has free, is refused before anything is allocated for it (a part list, a sparse
 * file of that length) rather than discovered parts later.
 */
async function checkTotal(job) {
    if (!Number.isSafeInteger(job.total) || job.total < 0) {
        throw new errors/* ActionError */.l(`Storage announced an impossible size for '${job.key}' (${job.total} bytes).`);
    }
    const free = await freeBytes(job.path);
    if (free !== undefined && job.total > free) {
        throw new errors/* ActionError */.l(`Storage says '${job.key}' is ${job.total} bytes, more than the ${free} bytes free on the disk of ${external_node_path_.dirname(job.path)}. Free some space, or set input 'path' to a folder on a larger disk.`);
    }
}
/** Bytes the file may grow to: free space plus what it holds already; undefined if unknown. */
async function freeBytes(file) {
    try {
        const stats = await promises_.statfs(external_node_path_.dirname(file));
        const existing = await promises_.stat(file).then((stat) => stat.size, () => 0);
        return stats.bavail * stats.bsize + existing;
    }
    catch {
        return undefined;
    }
}
/** One part, retried and resumed on its own until it is whole on disk. */
async function fetchPart(part, ctx, firstBody) {
    const { job } = ctx;
    const subject = `'${job.key}' (part ${part.index + 1} of ${ctx.parts})`;
    let body = firstBody;
    const budget = job.retry.budget();
    let url = job.url.get();
    for (;;) {
        if (ctx.signal.aborted)
            throw new Stopped();
        try {
            if (!body) {
                if (hasExpired(url))
                    url = await job.url.refresh(url, 'expired before its transfer started');
                body = await requestPart(part, url, ctx);
            }
            const received = body;
            body = undefined;
            await receivePart(received, part, ctx);
            if (part.written < part.end) {
                throw new PartFailed(`connection closed after ${part.written - part.start} of ${part.end - part.start} bytes of the part`);
            }
            return;
        }
        catch (error) {
            body?.destroy();
            body = undefined;
            if (error instanceof PartUrlExpired) {
                url = await job.url.refresh(url, 'was refused as expired by storage');
                continue;
            }
            if (error instanceof errors/* ActionError */.l || error instanceof PartDiskError || error instanceof RestartFromZero)
                throw error;
            if (ctx.signal.aborted)
                throw new Stopped();
            // A certificate or TLS-protocol problem does not go away on a retry.
            if (isTlsSetupError(error))
                throw new errors/* ActionError */.l(tlsAdvice(`storage at ${(0,redact/* describeUrl */.Ng)(url)}`, url, error));
            const reason = describe(error);
            if (!budget.fail(part.written))
                throw new errors/* ActionError */.l(gaveUp(subject, budget, reason, job.retry.retries));
            const resume = part.written > part.start ? `, resuming at byte ${part.written}` : '';
            const retryAfter = error instanceof PartFailed ? error.retryAfter : undefined;
            await job.retry.wait(subject, budget, `${reason}${resume}`, retryAfter, ctx.signal);
        }
    }
}
function describe(error) {
    if (error instanceof PartFailed || error instanceof PartStalled || error instanceof StorageTimeout)
        return error.message;
    const code = error?.code;
    return `connection failed (${code ?? (0,redact/* scrub */._I)(String(error?.message ?? error))})`;
}
/** Asks for the part's missing bytes of the same object; checks the answer is that range. */
async function requestPart(part, url, ctx) {
    const { job } = ctx;
    const headers = { Range: `bytes=${part.written}-${part.end - 1}` };
    if (job.etag)
        headers['If-Range'] = job.etag;
    const message = await job.http.get(url, headers);
    const status = message.status;
    if (status === 206) {
        const range = CONTENT_RANGE.exec(String(message.headers['content-range'] ?? ''));
        const total = range?.[3] === '*' ? job.total : Number(range?.[3]);
        // Another object under the same URL (storage ignored If-Range, or there was no ETag to ask
        // it with): the parts so far are of the old one.
        const other = range && otherObject(job.etag, job.total, message.headers.etag, total);
        if (other) {
            message.body.destroy();
            throw new RestartFromZero(`${other}; starting over from byte 0`, false);
        }
        if (!range || Number(range[1]) !== part.written || Number(range[2]) !== part.end - 1) {
            message.body.destroy();
            throw new PartFailed(`storage answered bytes ${range ? `${range[1]}-${range[2]}/${range[3]}` : '(no Content-Range)'} to a request for bytes ${part.written}-${part.end - 1}/${job.total}`);
        }
        const framing = rangeFramingFault(range, message.headers['content-length'], total);
        if (framing) {
            message.body.destroy();
            throw new PartFailed(framing);
        }
        return message.body;
    }
    if (status === 200) {
        // The object changed (If-Range) or storage stopped honouring ranges: start again whole.
        message.body.destroy();
        throw new RestartFromZero('storage answered a range request with the whole object');
    }
    const said = await readSmallBody(message);
    const text = said.text;
    if (status === 403 && (/expired/i.test(text) || hasExpired(url, Date.now(), 0)))
        throw new PartUrlExpired();
    if (status === 408 || status === 429 || status >= 500) {
        throw new PartFailed(`storage answered HTTP ${status}`, retryAfterMs(message.headers));
    }
    throw job.refused(status, url, said);
}
/**
 * Writes the body at the part's offsets as it arrives, one positional write per batch read
 * (the transport pauses while a few are in flight), and `part.written` grows only as writes
 * land, in order, so a resume starts at the right byte. Settles once nothing is in flight.
 */
async function receivePart(body, part, ctx) {
    const { job, handle, hash } = ctx;
    let failure;
    const writes = new WriteBehind(part.written, (pieces, position) => handle.writev(pieces, position), (writtenTo) => {
        const before = part.written;
        part.written = writtenTo;
        if (part.written > before) {
            job.onWritten?.(part.written - before);
            hash.poke();
        }
    }, (error) => {
        failure = new PartDiskError(error);
        body.destroy();
    });
    const guard = guardBody(body, job.stallTimeoutMs, ctx.signal, {
        stalled: (message) => new PartStalled(message),
        aborted: () => new Stopped()
    });
    const write = (pieces, done) => {
        let size = 0;
        for (const piece of pieces)
            size += piece.length;
        if (failure !== undefined || writes.issuedTo + size > part.end) {
            failure ??= new PartFailed('storage sent more bytes than the range asked for');
            body.destroy();
            done();
            return;
        }
        writes.issue(pieces, size, done);
    };
    try {
        await body.pump(write, (bytes) => guard.refresh(bytes));
    }
    catch (error) {
        // A body longer than its framing: the part's bytes so far may be of a lie, so the file starts over.
        failure ??= error instanceof BodyOverrun ? new RestartFromZero(`${error.message}; starting over`, false) : error;
    }
    finally {
        guard.release();
        // What arrived before a failure is written: the resume starts after it.
        await writes.settled();
    }
    if (failure !== undefined)
        throw failure;
}
/**
 * The MD5 over the file in order: whenever the stretch of bytes on disk from `hashedTo`
 * grows, it is read back (from the page cache) and hashed, here or on a worker thread. Parts
 * finishing out of order cost nothing in memory. `reached` lets the lanes wait for the hash,
 * so that receiving does not run far ahead of it (see AHEAD_OF_HASH_BYTES).
 */
class InOrderHash {
    handle;
    parts;
    total;
    /** Bytes handed to the hash (read and hashed here, or told to the thread). */
    hashedTo = 0;
    /** Bytes the hash has taken in for certain. */
    confirmed = 0;
    error;
    md5;
    running;
    stopped = false;
    buffer;
    hasher;
    waiters = [];
    constructor(handle, parts, total, hash, path) {
        this.handle = handle;
        this.parts = parts;
        this.total = total;
        if (typeof hash === 'function') {
            this.hasher = hash;
            this.buffer = Buffer.allocUnsafe(HASH_READ_BYTES);
        }
        else {
            this.hasher = hash.stream(path, (to) => this.progress(to));
        }
    }
    /** The end of the contiguous bytes on disk from byte zero. */
    frontier() {
        if (this.parts.length === 0)
            return 0;
        const size = this.parts[0].end - this.parts[0].start;
        for (let i = Math.floor(this.hashedTo / size); i < this.parts.length; i++) {
            if (this.parts[i].written < this.parts[i].end)
                return this.parts[i].written;
        }
        return this.total;
    }
    /** The hash has taken in bytes [0, to): wake the lanes waiting for that. */
    progress(to) {
        this.confirmed = Math.max(this.confirmed, to);
        if (this.waiters.length === 0)
            return;
        const waiting = this.waiters;
        this.waiters = [];
        for (const waiter of waiting) {
            if (waiter.offset <= this.confirmed)
                waiter.wake();
            else
                this.waiters.push(waiter);
        }
    }
    /** Wakes every waiting lane: the hash failed or stopped, or the download is over. */
    wakeAll() {
        const waiting = this.waiters;
        this.waiters = [];
        for (const waiter of waiting)
            waiter.wake();
    }
    /** Resolves once the hash has taken in bytes [0, offset), or it failed, or `signal` aborts. */
    async reached(offset, signal) {
        if (offset <= this.confirmed || this.error !== undefined || this.stopped || signal.aborted)
            return;
        await new Promise((resolve) => {
            const wake = () => {
                signal.removeEventListener('abort', wake);
                resolve();
            };
            signal.addEventListener('abort', wake, { once: true });
            this.waiters.push({ offset, wake });
        });
    }
    poke() {
        if (typeof this.hasher !== 'function') {
            // The worker reads and hashes; tell it in steps of a few megabytes, not every write.
            const to = this.frontier();
            if (to - this.hashedTo >= HASH_READ_BYTES || (to === this.total && to > this.hashedTo)) {
                this.hasher.advance(to);
                this.hashedTo = to;
            }
            return;
        }
        if (this.running || this.stopped || this.error !== undefined)
            return;
        this.running = this.run().finally(() => {
            this.running = undefined;
            if (this.error !== undefined)
                this.wakeAll();
            else if (this.hashedTo < this.frontier())
                this.poke();
        });
    }
    async run() {
        const hash = this.hasher;
        const buffer = this.buffer;
        try {
            for (let to = this.frontier(); this.hashedTo < to && !this.stopped; to = this.frontier()) {
                const wanted = Math.min(HASH_READ_BYTES, to - this.hashedTo);
                const { bytesRead } = await this.handle.read(buffer, 0, wanted, this.hashedTo);
                if (bytesRead === 0)
                    throw new Error(`the file ends at byte ${this.hashedTo}, before the bytes written`);
                hash(buffer.subarray(0, bytesRead));
                this.hashedTo += bytesRead;
                this.progress(this.hashedTo);
            }
        }
        catch (error) {
            this.error = new PartDiskError(error);
        }
    }
    /** Hashes the rest; every part must be on disk. */
    async complete() {
        if (typeof this.hasher !== 'function') {
            this.poke();
            try {
                this.md5 = await this.hasher.digest();
            }
            catch (error) {
                // A dead thread is no disk problem: the caller starts over (AttemptFailed, restart).
                this.error = error instanceof HashThreadFailed ? error : new PartDiskError(error);
            }
            return;
        }
        while (this.hashedTo < this.total && this.error === undefined) {
            this.poke();
            await this.running;
        }
    }
    async stop() {
        this.stopped = true;
        this.wakeAll();
        if (typeof this.hasher !== 'function')
            await this.hasher.stop();
    }
    async settled() {
        while (this.running)
            await this.running;
    }
}

;// CONCATENATED MODULE: ./src/transfer/attempt.ts










/**
 * One HTTP request of a download: asks for the bytes still missing (Range, with If-Range so
 * they come from the same object), checks what storage answered, and receives the body.
 * A download from byte zero asks for the first part only (`Range: bytes=0-<part-1>`): the
 * answer says whether storage serves ranges and how large the file is, and a file larger
 * than one part goes on in parallel ranged parts (ranged-download.ts).
 */
/** Why an attempt did not finish, and how the next one should start. */
/** An answer this attempt cannot use: its body is dropped and the attempt fails. */
function refuseAnswer(body, reason, restart = false) {
    body.destroy();
    throw new AttemptFailed(reason, restart);
}
class AttemptFailed extends Error {
    restart;
    retryAfter;
    constructor(message, 
    /** The bytes so far cannot be kept: the next attempt starts from byte zero. */
    restart = false, retryAfter) {
        super(message);
        this.restart = restart;
        this.retryAfter = retryAfter;
    }
}
/** Storage refused the URL as expired: ask Studio for a fresh one. */
class UrlExpired extends Error {
}
/** What one file's download has so far, carried from attempt to attempt. */
class PartialDownload {
    file;
    hasher;
    progress;
    /** The strong ETag of the first answer: a resume asks for the rest of that same object. */
    etag;
    /** Storage does not serve parts of this object (or stopped): one stream from byte zero. */
    singleStream = false;
    /** The raw MD5, taken on a worker thread from what is on disk (instead of `hasher`). */
    hashBehind;
    constructor(file, hasher, progress) {
        this.file = file;
        this.hasher = hasher;
        this.progress = progress;
    }
    /** Empties the file and the hash: the next bytes are byte zero. */
    async startOver() {
        this.progress.written = 0;
        this.hasher.reset();
        await this.hashOnThread(undefined);
        await this.file.truncate();
    }
    /**
     * Drops any earlier hash behind; with `threads`, the bytes from zero are hashed on one if
     * one is free (else here, as they arrive).
     */
    async hashOnThread(threads) {
        const stale = this.hashBehind;
        this.hashBehind = threads?.streamIfFree(this.file.path);
        await stale?.stop();
    }
    async close() {
        await this.hashOnThread(undefined);
        await this.file.close();
    }
}
/**
 * Bodies from this size up are hashed behind their writes on a worker thread; below it the
 * messages would cost more than the MD5 (a 4 KiB file hashes in microseconds).
 */
const HASH_BEHIND_BYTES = 256 << 10;
/** One request for the rest of the file at `url`, appended to `partial` as it arrives. */
async function attempt(url, partial, options) {
    const { progress } = partial;
    const resumeAt = progress.written;
    const { partBytes } = options;
    // From byte zero, ask for the first part, unless the file is known to fit in one.
    const firstPart = resumeAt === 0 &&
        partBytes > 0 &&
        !partial.singleStream &&
        !(progress.total !== undefined && progress.total <= partBytes);
    const headers = {};
    if (resumeAt > 0) {
        headers.Range = `bytes=${resumeAt}-`;
        if (partial.etag)
            headers['If-Range'] = partial.etag;
    }
    else if (firstPart) {
        headers.Range = `bytes=0-${partBytes - 1}`;
    }
    let response = await options.http.get(url, headers);
    if (firstPart && response.status === 416) {
        // An empty object has no byte zero (S3 refuses the range): ask for it whole.
        await readSmallText(response.body);
        partial.singleStream = true;
        response = await options.http.get(url, {});
    }
    const { status, body } = response;
    if (status === 206 && firstPart) {
        const range = CONTENT_RANGE.exec(String(response.headers['content-range'] ?? ''));
        const total = range && range[3] !== '*' ? Number(range[3]) : undefined;
        if (!range ||
            total === undefined ||
            Number(range[1]) !== 0 ||
            Number(range[2]) !== Math.min(total, partBytes) - 1) {
            partial.singleStream = true;
            refuseAnswer(body, 'storage answered a different range than asked for; starting over', true);
        }
        const framing = rangeFramingFault(range, response.headers['content-length'], total);
        if (framing) {
            refuseAnswer(body, framing);
        }
        progress.total = total;
        reserveDisk(partial, options, body);
        const etag = response.headers.etag;
        partial.etag = etag && !etag.startsWith('W/') ? etag : undefined;
        if (total > partBytes)
            return inParts(partial, options, body);
        // The whole file came as the first part: received like any body.
    }
    else if (status === 206 && resumeAt > 0) {
        const range = CONTENT_RANGE.exec(String(response.headers['content-range'] ?? ''));
        if (!range || Number(range[1]) !== resumeAt) {
            refuseAnswer(body, 'storage answered a different range than asked for; starting over', true);
        }
        const total = range[3] === '*' ? progress.total : Number(range[3]);
        // The rest must be of the object the first bytes came from: never two objects spliced.
        const other = otherObject(partial.etag, progress.total, response.headers.etag, total);
        if (other) {
            refuseAnswer(body, `${other}; starting over from byte 0`, true);
        }
        const framing = rangeFramingFault(range, response.headers['content-length'], total);
        if (framing) {
            refuseAnswer(body, framing);
        }
        progress.total = total;
        // A first answer without a length (chunked) reserved nothing: this one says the size.
        reserveDisk(partial, options, body);
    }
    else if (status === 200) {
        if (resumeAt > 0) {
            core/* info */.pq(`Storage ignored the range request for '${progress.key}': downloading it again from the start.`);
            await partial.startOver();
        }
        // Asked for the first part and sent everything: storage does not serve ranges.
        if (firstPart)
            partial.singleStream = true;
        const length = response.headers['content-length'];
        progress.total = length !== undefined ? Number(length) : undefined;
        reserveDisk(partial, options, body);
        const etag = response.headers.etag;
        partial.etag = etag && !etag.startsWith('W/') ? etag : undefined;
    }
    else if (status === 416 && resumeAt > 0) {
        await readSmallText(body);
        throw new AttemptFailed('storage refused to resume at that offset; starting over', true);
    }
    else {
        const said = await readSmallBody(response);
        const text = said.text;
        // S3 and Azure say "expired"; emulators may not, so a URL past its own expiry counts too.
        if (status === 403 && (/expired/i.test(text) || hasExpired(url, Date.now(), 0)))
            throw new UrlExpired();
        if (isRetryableStatus(status)) {
            throw new AttemptFailed(`storage answered HTTP ${status}`, false, retryAfterMs(response.headers));
        }
        throw new errors/* ActionError */.l(storageRefusal(status, url, said));
    }
    // From byte zero, a large enough body is hashed on a worker thread behind its writes.
    if (resumeAt === 0) {
        const large = progress.total !== undefined && progress.total >= HASH_BEHIND_BYTES;
        await partial.hashOnThread(large && partial.hasher.rawOnly ? options.md5Threads : undefined);
    }
    const behind = partial.hashBehind;
    try {
        await receive(body, {
            file: partial.file,
            hasher: behind ? undefined : partial.hasher,
            onWritten: behind && ((writtenTo) => behind.advance(writtenTo)),
            progress,
            stallTimeoutMs: options.stallTimeoutMs,
            signal: options.signal,
            length: progress.total === undefined ? undefined : progress.total - progress.written
        });
    }
    catch (error) {
        // A body longer than its framing: nothing of this answer can be trusted, earlier bytes included.
        if (error instanceof BodyOverrun)
            throw new AttemptFailed(`${error.message}; starting over`, true);
        throw error;
    }
    if (progress.total !== undefined && progress.written < progress.total) {
        throw new AttemptFailed(`connection closed after ${progress.written} of ${progress.total} bytes`);
    }
    if (progress.total !== undefined && progress.written > progress.total) {
        throw new AttemptFailed(`storage sent more bytes than announced`, true);
    }
    if (behind) {
        partial.hashBehind = undefined;
        try {
            partial.hasher.adoptRaw(await behind.digest());
        }
        catch (error) {
            // A thread that died is no disk problem: start over, hashed here (no dead thread is picked).
            if (error instanceof HashThreadFailed)
                throw new AttemptFailed(`the MD5 thread failed (${error.message})`, true);
            throw new DiskWriteFailed(error);
        }
    }
}
/** The file's size is known: it must fit on the disk beside the model's other files, before a byte is written. */
function reserveDisk(partial, options, body) {
    const { total, key } = partial.progress;
    if (!options.disk || total === undefined || !Number.isSafeInteger(total) || total < 0)
        return;
    try {
        options.disk.need(key, partial.file.path, total);
    }
    catch (error) {
        body.destroy();
        throw error;
    }
}
/**
 * The rest of a file larger than one part, in parallel ranged parts, each retried on its own.
 * Parts land out of order, so nothing of a failed ranged download is kept for a resume.
 */
async function inParts(partial, options, firstPart) {
    const { progress } = partial;
    const total = progress.total;
    await partial.file.close();
    // The raw MD5 on a worker thread, in parallel with receiving; DVC 2's text hash here.
    const inWorker = options.md5Threads?.alive === true && partial.hasher.rawOnly;
    try {
        const { md5 } = await downloadRanged({
            key: progress.key,
            path: partial.file.path,
            total,
            partBytes: options.partBytes,
            etag: partial.etag,
            firstPart,
            http: options.http,
            url: options.url,
            hash: inWorker ? undefined : (piece) => partial.hasher.update(piece),
            md5Threads: options.md5Threads,
            connections: options.connections,
            retry: options.policy,
            stallTimeoutMs: options.stallTimeoutMs,
            signal: options.signal,
            refused: (status, refusedUrl, text) => new errors/* ActionError */.l(storageRefusal(status, refusedUrl, text)),
            onWritten: (bytes) => {
                progress.written += bytes;
            }
        });
        if (inWorker)
            partial.hasher.adoptRaw(md5);
        partial.file.markCreated();
        progress.written = total;
    }
    catch (error) {
        partial.file.markCreated();
        if (error instanceof errors/* ActionError */.l)
            throw error;
        if (error instanceof PartDiskError)
            throw new DiskWriteFailed(error.cause ?? error);
        if (error instanceof RestartFromZero && error.rangesIgnored)
            partial.singleStream = true;
        throw new AttemptFailed(error instanceof Error ? error.message : String(error), true);
    }
}

;// CONCATENATED MODULE: ./src/transfer/progress.ts


/** How far one file's download has got, logged every so often while it runs. */
class DownloadProgress {
    key;
    intervalMs;
    now;
    /** Bytes on disk (a resume starts here). */
    written = 0;
    /** The object's size, when storage said it. */
    total;
    timer;
    started;
    constructor(key, intervalMs, now = Date.now) {
        this.key = key;
        this.intervalMs = intervalMs;
        this.now = now;
        this.started = now();
    }
    /** Logs a line every interval until stop(); the timer never keeps the process alive. */
    start() {
        this.timer ??= setInterval(() => core/* info */.pq(this.line()), this.intervalMs);
        this.timer.unref();
    }
    stop() {
        clearInterval(this.timer);
        this.timer = undefined;
    }
    line() {
        const elapsed = this.now() - this.started;
        const rate = this.written / Math.max(elapsed, 1);
        if (this.total) {
            const percent = Math.floor((100 * this.written) / this.total);
            const eta = rate > 0 ? (0,format/* formatDuration */.a3)((this.total - this.written) / rate) : '?';
            return `${this.key}: ${(0,format/* formatBytes */.z3)(this.written)} of ${(0,format/* formatBytes */.z3)(this.total)} (${percent}%), ${(0,format/* formatRate */.CE)(this.written, elapsed)}, ETA ${eta}`;
        }
        return `${this.key}: ${(0,format/* formatBytes */.z3)(this.written)}, ${(0,format/* formatRate */.CE)(this.written, elapsed)}`;
    }
}
/** Models of up to this many files get one log line per file. */
const PER_FILE_LINES = 100;
/**
 * The line each file gets when it is fetched. A folder model of thousands of files would
 * print thousands of lines (each a write to the runner's pipe, about a tenth of the time of a
 * 4 KiB file's fetch): past PER_FILE_LINES files it prints a line per tenth of the files
 * instead, and each file's line only with step debug logging on.
 */
class FileLog {
    total;
    debug;
    done = 0;
    bytes = 0;
    step;
    constructor(total, debug = core/* isDebug */._o()) {
        this.total = total;
        this.debug = debug;
        this.step = Math.ceil(total / 10);
    }
    get perFile() {
        return this.total <= PER_FILE_LINES;
    }
    fileDone(line, size) {
        this.done++;
        this.bytes += size;
        if (this.perFile)
            return core/* info */.pq(line);
        if (this.debug)
            core/* debug */.Yz(line);
        if (this.done % this.step === 0 || this.done === this.total) {
            core/* info */.pq(`${this.done} of ${this.total} files fetched (${(0,format/* formatBytes */.z3)(this.bytes)})`);
        }
    }
}

;// CONCATENATED MODULE: ./src/transfer/download.ts











async function download(key, staged, address, options, signal) {
    const { policy } = options;
    const progress = new DownloadProgress(key, options.progressIntervalMs);
    const partial = new PartialDownload(new StagedFile(staged), new integrity/* ContentHasher */.Nk(address), progress);
    const budget = policy.budget();
    const stopped = () => new errors/* ActionError */.l(`Transfer of '${key}' was stopped because another file failed.`);
    // Its volume known before the first answer, whose size is then checked at once.
    await options.disk?.watch(staged);
    progress.start();
    let url = options.urls.get(key);
    try {
        for (;;) {
            if (signal.aborted)
                throw stopped();
            if (hasExpired(url))
                url = await options.urls.refresh(key, url, 'expired before its transfer started');
            try {
                await attempt(url, partial, {
                    http: options.http,
                    stallTimeoutMs: options.stallTimeoutMs,
                    signal,
                    partBytes: options.partBytes,
                    md5Threads: options.md5Threads,
                    url: {
                        get: () => options.urls.get(key),
                        refresh: (stale, reason) => options.urls.refresh(key, stale, reason)
                    },
                    connections: options.connections,
                    policy,
                    disk: options.disk
                });
                const { md5, matches, verified } = partial.hasher.finish();
                if (matches)
                    return { size: progress.written, md5, verified };
                throw new AttemptFailed(`MD5 mismatch (got ${md5}, the DVC remote names ${address?.md5})`, true);
            }
            catch (error) {
                if (error instanceof UrlExpired) {
                    url = await options.urls.refresh(key, url, 'was refused as expired by storage');
                    continue;
                }
                if (error instanceof errors/* ActionError */.l)
                    throw error;
                if (error instanceof DiskWriteFailed)
                    throw (0,errors/* diskFailure */.C)(`write '${key}' to ${staged}`, error.cause ?? error);
                if (signal.aborted)
                    throw stopped();
                if (isTlsSetupError(error))
                    throw new errors/* ActionError */.l(tlsAdvice(`storage at ${(0,redact/* describeUrl */.Ng)(url)}`, url, error));
                const reason = describeFailure(error, progress);
                const more = budget.fail(progress.written);
                if (error instanceof AttemptFailed && error.restart)
                    await partial.startOver();
                if (!more)
                    throw new errors/* ActionError */.l(gaveUp(`'${key}' from ${(0,redact/* describeUrl */.Ng)(url)}`, budget, reason, policy.retries));
                const resume = progress.written > 0 ? `, resuming at byte ${progress.written}` : '';
                const retryAfter = error instanceof AttemptFailed ? error.retryAfter : undefined;
                await policy.wait(`'${key}'`, budget, `${reason}${resume}`, retryAfter, signal);
            }
        }
    }
    finally {
        progress.stop();
        await partial.close();
    }
}
function describeFailure(error, progress) {
    if (error instanceof AttemptFailed || error instanceof Stalled || error instanceof StorageTimeout)
        return error.message;
    const code = error?.code;
    const message = (0,redact/* scrub */._I)((0,format/* errorReason */.jf)(error));
    const where = progress.total ? ` after ${progress.written} of ${progress.total} bytes` : '';
    return `connection failed${where} (${code ?? message})`;
}

;// CONCATENATED MODULE: ./src/fetch/from-cache.ts




/**
 * The first step of every file: a copy into `staged` from the first cache (tool cache, then
 * Actions cache) whose copy matches the file's content address, hashed as it is copied; else
 * undefined, with nothing left in `staged`, so that it is downloaded. A copy that does not
 * match is discarded from its cache, and it and an unreadable one cost one warning line each.
 */
async function fromCache(caches, key, address, staged, md5Threads, disk) {
    if (!address)
        return undefined;
    for (const hit of caches.find(address.md5)) {
        const where = CACHE_LABELS[hit.source];
        // A copy that cannot fit is not started; a cache's size is not trusted, so the download's
        // own size decides whether the run stops.
        if (disk && !(await fitsOnDisk(disk, key, staged, hit.file)))
            continue;
        try {
            // A copy, never a link: editing the workspace file must not change the cache.
            const copied = await copyVerified(hit.file, staged, address, md5Threads);
            // The caller logs the hit (summarised for a large model).
            if (copied.matches) {
                return { size: copied.size, md5: copied.md5, source: hit.source, verified: copied.verified };
            }
            core/* warning */.$e(`${key}: the copy in ${where} does not match its MD5 (${address.md5}, got ${copied.md5}); it was discarded and the file is fetched again.`);
            await hit.discard?.().catch(() => undefined);
        }
        catch (error) {
            core/* warning */.$e(`${key}: could not copy it from ${where} (${(0,redact/* scrub */._I)(String(error.message))}); fetching it again.`);
        }
        await promises_.rm(staged, { force: true });
    }
    return undefined;
}
async function fitsOnDisk(disk, key, staged, cached) {
    const size = await promises_.stat(cached).then((stat) => stat.size, () => undefined);
    if (size === undefined)
        return true;
    await disk.watch(staged);
    try {
        disk.need(key, staged, size);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/fetch/fetch-file.ts






async function fetchFile(key, target, options, signal) {
    const started = Date.now();
    const address = (0,integrity/* contentAddress */.KV)(options.urls.get(key));
    const staged = await options.staging.prepare(target);
    const hit = await fromCache(options.cache, key, address, staged, options.md5Threads, options.disk);
    const log = (line, size) => options.fileLog ? options.fileLog.fileDone(line, size) : core/* info */.pq(line);
    if (hit) {
        log(`${key}: ${(0,format/* formatBytes */.z3)(hit.size)} from ${CACHE_LABELS[hit.source]}, MD5 verified`, hit.size);
        return { key, target, ...hit, address, durationMs: Date.now() - started };
    }
    const { size, md5, verified } = await download(key, staged, address, options, signal);
    const durationMs = Date.now() - started;
    log(`${key}: ${(0,format/* formatBytes */.z3)(size)} downloaded in ${(0,format/* formatDuration */.a3)(durationMs)} (${(0,format/* formatRate */.CE)(size, durationMs)})`, size);
    return { key, target, size, md5, address, verified, source: 'download', durationMs };
}

;// CONCATENATED MODULE: ./src/fetch/worker-pool.ts




/** Fetches every file (`key -> target`), in key order, `concurrency` at a time. */
async function fetchFiles(targets, options) {
    const queue = [...targets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const results = [];
    const controller = new AbortController();
    // Each transfer under way listens for the abort (twice while it waits to retry).
    (0,external_node_events_.setMaxListeners)(2 * options.concurrency + 10, controller.signal);
    // `concurrency` bounds the connections: each file holds one, and a large file's parts
    // borrow the ones no file is using.
    const connections = new ConnectionBudget(options.concurrency);
    const fetchOptions = { ...options, connections, fileLog: new FileLog(queue.length) };
    let failure;
    let next = 0;
    async function worker() {
        while (failure === undefined && next < queue.length) {
            const [key, target] = queue[next++];
            await connections.acquire();
            try {
                results.push(await fetchFile(key, target, fetchOptions, controller.signal));
            }
            catch (error) {
                if (failure === undefined)
                    failure = error;
                controller.abort();
            }
            finally {
                connections.release();
            }
        }
    }
    await Promise.all(Array.from({ length: Math.min(options.concurrency, queue.length) }, worker));
    if (failure !== undefined)
        throw failure;
    return results.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// EXTERNAL MODULE: ./src/caches/tool-cache-prune.ts
var tool_cache_prune = __webpack_require__(8755);
;// CONCATENATED MODULE: ./src/registry/selection.ts




/** How many of the model's paths an error shows, when the patterns select none of them. */
const EXAMPLE_PATHS = 5;
/**
 * A pattern as matched: the paths are relative to the repository's root, so a leading `/` or
 * `./` (gitignore's "from the root") adds nothing, and a trailing `/` names a folder: its files.
 */
function normalizePattern(pattern) {
    const relative = pattern.replace(/^(?:\.?\/)+/, '');
    return relative.endsWith('/') ? `${relative}**` : relative;
}
/**
 * The files of Studio's answer that the patterns select. Each pattern that matches none of the
 * model's files is one warning; a selection of no file is an input error that shows some of
 * the paths the model holds.
 */
async function selectFiles(uris, patterns) {
    const paths = Object.keys(uris);
    const base = { ...patterns, uris, total: paths.length };
    if (patterns.include.length === 0 && patterns.exclude.length === 0)
        return base;
    // Loaded only by runs that select: most runs fetch every file.
    const { Minimatch } = await __webpack_require__.e(/* import() */ 581).then(__webpack_require__.bind(__webpack_require__, 5962));
    // POSIX on every runner: Studio's paths use '/', and a selection (and its digest) must not
    // depend on the runner's OS; a '\' in a pattern escapes, as in minimatch's own rules.
    const compile = (input, pattern) => {
        const glob = new Minimatch(normalizePattern(pattern), { dot: true, platform: 'linux', nonegate: true });
        return { input, pattern, matches: (path) => glob.match(path) };
    };
    const include = patterns.include.map((pattern) => compile(constants/* Inputs */.G.Include, pattern));
    const exclude = patterns.exclude.map((pattern) => compile(constants/* Inputs */.G.Exclude, pattern));
    const unmatched = [...include, ...exclude].filter((m) => !paths.some((path) => m.matches(path)));
    const selected = paths.filter((path) => (include.length === 0 || include.some((m) => m.matches(path))) && !exclude.some((m) => m.matches(path)));
    if (selected.length === 0)
        throw nothingSelected(patterns, paths, unmatched);
    for (const m of unmatched) {
        const why = noMatchHint(m.pattern, paths);
        core/* warning */.$e(`Pattern '${m.pattern}' of input '${m.input}' matches none of the model's ${(0,format/* counted */.hS)(paths.length, 'file')}${why}.`);
    }
    core/* info */.pq(`Selected ${selected.length} of the model's ${(0,format/* counted */.hS)(paths.length, 'file')} with inputs '${constants/* Inputs */.G.Include}' and '${constants/* Inputs */.G.Exclude}'.`);
    return { ...base, uris: Object.fromEntries(selected.map((path) => [path, uris[path]])) };
}
/**
 * Why a pattern may match nothing: a Windows separator, which escapes instead; a folder's name,
 * which matches no file: say how to name the folder's files.
 */
function noMatchHint(pattern, paths) {
    if (pattern.includes('\\'))
        return " (paths use '/': a '\\' in a pattern escapes the character after it)";
    const folder = normalizePattern(pattern).replace(/\/+$/, '');
    if (!folder || /[*?[\]{}]/.test(folder))
        return '';
    if (!paths.some((path) => path.startsWith(`${folder}/`)))
        return '';
    return ` ('${folder}' is a folder: write '${folder}/**' for its files)`;
}
function nothingSelected(patterns, paths, unmatched) {
    const list = (lines) => lines.map((l) => `'${l}'`).join(', ');
    const given = [
        patterns.include.length ? `'${constants/* Inputs */.G.Include}' (${list(patterns.include)})` : '',
        patterns.exclude.length ? `'${constants/* Inputs */.G.Exclude}' (${list(patterns.exclude)})` : ''
    ].filter(Boolean);
    const examples = paths.slice(0, EXAMPLE_PATHS).map((p) => `'${p}'`);
    const more = paths.length > EXAMPLE_PATHS ? `, and ${paths.length - EXAMPLE_PATHS} more` : '';
    const noMatch = unmatched.length
        ? ` ${unmatched.length === 1 ? 'Pattern' : 'Patterns'} ${list(unmatched.map((m) => m.pattern))} ${unmatched.length === 1 ? 'matches' : 'match'} no file at all.`
        : '';
    const holds = paths.length ? `It holds ${examples.join(', ')}${more}.` : 'Studio listed no file for it.';
    return new errors/* ActionError */.l(`Input${given.length > 1 ? 's' : ''} ${given.join(' and ')} select${given.length > 1 ? '' : 's'} none of the model's ${(0,format/* counted */.hS)(paths.length, 'file')}, so there is nothing to fetch.${noMatch} ${holds} Patterns match these repo-relative paths as a whole: '*' stays within a folder and '**' crosses folders, so write 'models/**/*.onnx' or '**/*.onnx' rather than '*.onnx' for a file in a folder.`);
}

;// CONCATENATED MODULE: ./src/action/main.ts




















/**
 * Reads the inputs, asks Studio for the model's signed URLs, keeps the files `include` and
 * `exclude` select, fetches them (unless `download: false` asked for a plan only), reports.
 */
async function run() {
    const started = Date.now();
    const token = readToken();
    const githubToken = readGithubToken();
    const staging = new Staging();
    let http;
    let storage;
    let md5Threads;
    try {
        const inputs = readInputs(token);
        const tuning = readTuning();
        const policy = new RetryPolicy({ retries: inputs.retries, delayScale: tuning.delayScale });
        const pool = (http = new http_pool/* HttpPool */.d(inputs.timeoutSeconds * 1000));
        // Which version: from the inputs, the registry tag that triggered the run, or the repo's tags.
        const plan = await planFetch(inputs, githubTagReader(inputs.query.repo, githubToken, pool, policy));
        setRegistryOutputs(plan.outputs);
        if (!plan.query)
            return;
        const query = plan.query;
        const model = fetchedModel(query, plan.outputs.stage);
        const studio = new StudioClient(inputs.studioUrl, inputs.token, pool, policy);
        /** Studio's list of the model's files, narrowed to the selection, and where each would land. */
        const listFiles = async () => {
            const selection = await selectFiles(await studio.getDownloadUris(query), inputs.selection);
            return { selection, targets: await (0,paths/* resolveDestinations */.Qq)(inputs.destination, Object.keys(selection.uris)) };
        };
        if (!inputs.download) {
            // A plan: no storage request, no file written, no cache touched.
            const { selection, targets } = await core/* group */.Os(`Listing the files of ${plan.title}`, listFiles);
            return await reportPlan(inputs.destination, model, selection, targets);
        }
        const direct = (storage = new StorageHttp(pool, inputs.timeoutSeconds * 1000, tuning.directHttp));
        // MD5s on the other cores; the threads boot while Studio answers.
        md5Threads = tuning.hashWorker ? Md5Threads.start() : undefined;
        // @actions/cache loads meanwhile too, when the Actions cache is on.
        ModelCaches.warmUp(inputs);
        const files = await core/* group */.Os(`Fetching ${plan.title}`, async () => {
            const { selection, targets } = await listFiles();
            const uris = selection.uris;
            const urls = new SignedUrls(uris, () => studio.getDownloadUris(query));
            // Per file: the runner's tool cache, then the Actions cache (keyed by the selection), then storage.
            const caches = await ModelCaches.open(inputs, query.name, Object.values(uris), tuning.cacheLookupMs);
            const fetched = await fetchFiles(targets, {
                http: direct,
                partBytes: tuning.partBytes,
                md5Threads,
                urls,
                cache: caches.lookup,
                staging,
                disk: new disk_space/* DiskBudget */.L(inputs.destination, targets.size),
                policy,
                concurrency: inputs.concurrency,
                stallTimeoutMs: inputs.timeoutSeconds * 1000,
                progressIntervalMs: tuning.progressIntervalMs
            });
            await staging.commit();
            const caching = await caches.keep(fetched);
            // Hits mark their entries as used; an entry made now has a fresh marker already.
            const hits = fetched.filter((file) => file.source === 'tool-cache');
            await (0,tool_cache_prune/* markToolCacheUse */.Pu)(inputs, hits.flatMap((file) => file.address?.md5 ?? []), started);
            return { fetched, cacheKey: caches.key, selection, caching };
        });
        // After the group, which the log shows collapsed: a finished step shows its result.
        logTotals(files.fetched, Date.now() - started, model, files.selection);
        core/* info */.pq((0,cache_fill/* describeCaching */.DR)(files.caching));
        setOutputs(inputs.destination, files.fetched, files.cacheKey);
        await writeSummary({ ...inputs, query }, files.fetched, Date.now() - started, plan.outputs.stage, files.selection);
    }
    catch (error) {
        // The threads first: on Windows a file a thread still holds open cannot be removed.
        await md5Threads?.close();
        await staging.discard();
        reportFailure(error, [token, githubToken]);
    }
    finally {
        storage?.dispose();
        http?.dispose();
        await md5Threads?.close();
    }
}


/***/ })

};
