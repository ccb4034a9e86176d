import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
__webpack_unused_export__ = debug; // for test


/***/ }),

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _caches_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7399);
/* harmony import */ var _caches_cache_fill_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7591);
/* harmony import */ var _common_redact_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6800);
/* harmony import */ var _caches_tool_cache_prune_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8755);





/**
 * The post step (action.yml `runs.post`, run only when the main step succeeded): checks what
 * the main step linked into the caches, copies what it could not link, saves the model's files
 * to the Actions cache, now that the job's own steps have had them, and keeps the runner's tool
 * cache within its cap. Never fails.
 */
async function runPost() {
    try {
        // The caches' files checked (and those the main step could not link copied) before the save.
        const leftOut = await (0,_caches_cache_fill_js__WEBPACK_IMPORTED_MODULE_2__/* .settleCaches */ .Hl)();
        await (0,_caches_actions_cache_js__WEBPACK_IMPORTED_MODULE_1__/* .saveActionsCache */ .Ho)(process.env, leftOut);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Actions cache: the post step failed (${(0,_common_redact_js__WEBPACK_IMPORTED_MODULE_4__/* .scrub */ ._I)(String(error?.message ?? error))}).`);
    }
    await (0,_caches_tool_cache_prune_js__WEBPACK_IMPORTED_MODULE_3__/* .pruneToolCacheAfterRun */ .Wv)();
}


/***/ }),

/***/ 1074:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ endStep)
/* harmony export */ });
/* unused harmony export GRACE_MS */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _caches_actions_cache_log_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5554);


/** How long the event loop may stay busy after the step's work is done before the step ends it anyway. */
const GRACE_MS = 5000;
/**
 * Ends the step by letting its event loop drain, with the exit code the step set
 * (core.setFailed sets process.exitCode), not by process.exit(). On Node 24 process.exit() hangs
 * about once in 300 runs (nodejs/node#54918): it shuts V8's platform threads down while the
 * isolate still lives, and a platform thread in a concurrent compile waits for the main thread,
 * which waits for it; a natural end disposes of the isolate first, which ends its compile jobs.
 * By now the step's work has been awaited and the hashing threads have exited (Md5Threads.close);
 * what @actions/cache still has under way (a lookup abandoned at its deadline keeps retrying)
 * stops keeping the process alive. Should anything else still do so, after GRACE_MS the step
 * says what and exits: a cost the log shows, and that no test run sees.
 */
function endStep() {
    const abandoned = (0,_caches_actions_cache_log_js__WEBPACK_IMPORTED_MODULE_1__/* .letGoOfCacheWork */ .AB)();
    if (abandoned > 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`Ending the step without waiting for the Actions cache library's ${abandoned} abandoned timers and requests.`);
    }
    setTimeout(() => {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`The step's work is done, but ${process.getActiveResourcesInfo().join(', ') || 'something'} still kept the process alive ${GRACE_MS / 1000} s later: ending it.`);
        process.exit();
    }, GRACE_MS).unref();
}


/***/ }),

/***/ 5554:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  VP: () => (/* binding */ TIMED_OUT),
  AB: () => (/* binding */ letGoOfCacheWork),
  SO: () => (/* binding */ muteCacheLog),
  NE: () => (/* binding */ withDeadline)
});

;// CONCATENATED MODULE: external "node:async_hooks"
const external_node_async_hooks_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");
;// CONCATENATED MODULE: external "node:diagnostics_channel"
const external_node_diagnostics_channel_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
;// CONCATENATED MODULE: ./src/caches/actions-cache-log.ts



/**
 * @actions/cache reports its own failures, often twice (`Failed to restore: ...` as a warning,
 * as an `::error::` for a 5xx, a second warning from its upload code). A cache is an
 * optimisation, so the action says so once, in its own words. Inside `muteCacheLog`, the
 * warnings and errors the library writes become debug lines (still there with debug logging
 * on) and are handed back, so the caller can report one line; its plain lines become debug
 * lines too. AsyncLocalStorage scopes this
 * to the library's own work: the action's messages printed meanwhile pass unchanged.
 */
const capture = new external_node_async_hooks_namespaceObject.AsyncLocalStorage();
/** The wrapper in place; installed again if something put another write in its place. */
let installed;
const ANNOTATION = /^::(warning|error)(?: [^:]*)?::(.*?)(\r?\n)?$/s;
const DEBUG = /^::debug::(.*?)(\r?\n)?$/s;
function install() {
    if (installed !== undefined && process.stdout.write === installed)
        return;
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = installed = ((chunk, ...rest) => {
        const store = capture.getStore();
        const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString() : '';
        if (store && text) {
            const match = ANNOTATION.exec(text);
            if (match) {
                store.problems.push(unescapeCommand(match[2]));
                return write(`::debug::${match[2]}${match[3] ?? ''}`, ...rest);
            }
            const debug = DEBUG.exec(text);
            if (debug)
                store.debug.push(unescapeCommand(debug[1]));
            // Plain lines (`Cache hit for: ...`, `[command]/usr/bin/tar ...`, `Sent N of N`, retry
            // attempts, tar's own output): the action prints one line of its own instead.
            else if (!text.startsWith('::'))
                return write(asDebug(text), ...rest);
        }
        return write(chunk, ...rest);
    });
}
function asDebug(text) {
    const lines = text.split(/\r?\n/);
    if (lines.at(-1) === '')
        lines.pop();
    return lines.map((line) => `::debug::${escapeData(line)}${external_node_os_.EOL}`).join('');
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function unescapeCommand(text) {
    return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
/** Runs `work` with the library's warnings and errors turned into debug lines and collected. */
async function muteCacheLog(work) {
    install();
    trackLibraryWork();
    const store = { problems: [], debug: [] };
    try {
        const value = await capture.run(store, work);
        return { value, problems: firstLines(store.problems), debug: store.debug };
    }
    catch (error) {
        return { error, problems: firstLines(store.problems), debug: store.debug };
    }
}
function firstLines(problems) {
    return problems.map((p) => p.split('\n')[0].trim());
}
const TIMED_OUT = Symbol('timed out');
/** `promise`'s value, or TIMED_OUT after `ms`; the timer does not keep the process alive. */
async function withDeadline(promise, ms) {
    let timer;
    const deadline = new Promise((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), ms);
        timer.unref();
    });
    try {
        return await Promise.race([promise, deadline]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** Tracked timers and requests not yet fired, cleared or closed. */
const pending = new Set();
let lettingGo = false;
let tracking = false;
/** Tracks `handle` until `forget` is called; once letting go, unrefs it at once instead. */
function track(handle) {
    if (lettingGo)
        handle.unref();
    else
        pending.add(handle);
    return () => pending.delete(handle);
}
function trackLibraryWork() {
    if (tracking)
        return;
    tracking = true;
    // The library calls the global setTimeout (its retry sleeps, the Azure SDK's delays); only
    // calls made inside muteCacheLog are tracked.
    const setTimeoutAsIs = globalThis.setTimeout;
    const clearTimeoutAsIs = globalThis.clearTimeout;
    globalThis.setTimeout = Object.assign((callback, ms, ...args) => {
        if (!capture.getStore() || typeof callback !== 'function')
            return setTimeoutAsIs(callback, ms, ...args);
        let forget = () => undefined;
        const timer = setTimeoutAsIs((...given) => {
            forget();
            callback(...given);
        }, ms, ...args);
        forget = track(timer);
        return timer;
    }, setTimeoutAsIs);
    globalThis.clearTimeout = Object.assign((timer) => {
        if (timer && typeof timer === 'object')
            pending.delete(timer);
        clearTimeoutAsIs(timer);
    }, clearTimeoutAsIs);
    // Every HTTP(S) request, as it is created (in the caller's async context); its socket comes later.
    (0,external_node_diagnostics_channel_namespaceObject.subscribe)('http.client.request.start', (message) => {
        if (!capture.getStore())
            return;
        const request = message.request;
        request.on('socket', (socket) => {
            if (lettingGo)
                socket.unref();
        });
        request.once('close', track({ unref: () => request.socket?.unref() }));
    });
}
/**
 * The step's own work is done: whatever the library still has under way (abandoned work)
 * stops keeping the process alive. Returns how many of its timers and requests were pending.
 */
function letGoOfCacheWork() {
    lettingGo = true;
    const count = pending.size;
    for (const handle of pending)
        handle.unref();
    pending.clear();
    return count;
}


/***/ }),

/***/ 7399:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Ye: () => (/* binding */ ActionsCache),
  dF: () => (/* binding */ entryFolderToSave),
  Ho: () => (/* binding */ saveActionsCache)
});

// UNUSED EXPORTS: KEY_PREFIX, actionsCacheKey, actionsCacheWanted, modelSlug

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __nccwpck_require__(3838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/caches/actions-cache-log.ts + 2 modules
var actions_cache_log = __nccwpck_require__(5554);
// EXTERNAL MODULE: ./src/common/http-pool.ts
var http_pool = __nccwpck_require__(728);
// EXTERNAL MODULE: ./src/common/format.ts
var format = __nccwpck_require__(6950);
// EXTERNAL MODULE: ./src/common/redact.ts
var redact = __nccwpck_require__(6800);
;// CONCATENATED MODULE: ./src/caches/cache-lookup.ts








const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/';
/** @actions/cache's `versionSalt`. */
const VERSION_SALT = '1.0';
/** Statuses the library's Twirp client retries. */
const RETRYABLE = new Set([500, 502, 503, 504]);
/** Network failures the library reports at once ("Unable to make request: <code>"), no retry. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'EAI_AGAIN']);
/** One retry of a 5xx, after this long (the library waits 3 s and tries 5 times). */
const RETRY_AFTER_MS = 1000;
/** @actions/cache's getCacheVersion (internal/cacheUtils.js), for enableCrossOsArchive false. */
function cacheVersion(paths, compression, platform = process.platform) {
    const components = [...paths, compression];
    if (platform === 'win32')
        components.push('windows-only');
    components.push(VERSION_SALT);
    return (0,external_node_crypto_.createHash)('sha256').update(components.join('|')).digest('hex');
}
/**
 * The compression method @actions/cache will choose: `zstd-without-long` when `zstd --quiet
 * --version` prints anything, which is when @actions/io's which() finds `zstd` on PATH, else
 * `gzip`. The same search (PATH in order; on Windows with PATHEXT's extensions; on Unix a file
 * with an execute bit for us), without spawning zstd. A zstd that runs but prints nothing
 * would make the library say gzip and this say zstd: the lookup would then miss, never restore
 * a wrong archive (the library's restore computes its own version).
 */
async function compressionMethod(env = process.env, platform = process.platform) {
    const windows = platform === 'win32';
    const delimiter = windows ? ';' : ':';
    const extensions = windows ? (env.PATHEXT ?? '').split(delimiter).filter(Boolean) : [];
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
        const base = external_node_path_.join(dir, 'zstd');
        // As which(): the name itself (on Windows only with a PATHEXT extension, which 'zstd' has not), then with each extension.
        for (const file of windows ? extensions.map((ext) => base + ext) : [base]) {
            const stats = await promises_.stat(file).catch(() => undefined);
            if (stats?.isFile() && (windows || unixExecutable(stats)))
                return 'zstd-without-long';
        }
    }
    return 'gzip';
}
/** @actions/io's isUnixExecutable. */
function unixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 && stats.gid === process.getgid?.()) ||
        ((stats.mode & 64) > 0 && stats.uid === process.getuid?.()));
}
/**
 * Whether this lookup is exactly the one @actions/cache would make: cache service v2
 * (ACTIONS_CACHE_SERVICE_V2 set, and not GHES, where the library uses v1), at ACTIONS_RESULTS_URL.
 */
function ownLookupApplies(env = process.env) {
    if (!env.ACTIONS_CACHE_SERVICE_V2 || !env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN)
        return false;
    try {
        const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase();
        const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
        return !ghes && Boolean(new URL(SERVICE, env.ACTIONS_RESULTS_URL));
    }
    catch {
        return false;
    }
}
/** Whether the runner's ACTIONS_CACHE_MODE lets this job read the cache (unset or unknown: yes), as the library decides. */
function cacheReadable(env = process.env) {
    const mode = (env.ACTIONS_CACHE_MODE || '').trim().toLowerCase();
    return !['none', 'read', 'write', 'write-only'].includes(mode) || mode === 'read' || mode === 'write';
}
/**
 * Asks the cache service (v2, GetCacheEntryDownloadURL) which entry it would restore. The
 * runtime token goes to ACTIONS_RESULTS_URL only: a redirect is not followed (it is a failure).
 * Through HTTPS_PROXY/HTTP_PROXY/NO_PROXY as the library (both use @actions/http-client).
 * The signed download URL in the answer is not kept (the library asks again to restore), but
 * its signature is masked as the library masks it, in case the service hands out the same URL.
 */
async function lookUpEntry(request, env = process.env) {
    const url = new URL(`${SERVICE}GetCacheEntryDownloadURL`, env.ACTIONS_RESULTS_URL).href;
    const body = JSON.stringify({
        key: request.key,
        // As the library's JSON (emitDefaultValues: false): no empty list.
        ...(request.restoreKeys.length ? { restore_keys: request.restoreKeys } : {}),
        version: request.version
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${env.ACTIONS_RUNTIME_TOKEN}` };
    const pool = new http_pool/* HttpPool */.d(request.deadlineMs);
    let givenUp = false;
    const attempts = async () => {
        for (let attempt = 1;; attempt++) {
            const { retry, ...outcome } = await ask(pool, url, body, headers);
            if (!retry || attempt === 2 || givenUp)
                return outcome;
            await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS).unref());
        }
    };
    try {
        const outcome = await (0,actions_cache_log/* withDeadline */.NE)(attempts(), request.deadlineMs);
        if (outcome !== actions_cache_log/* TIMED_OUT */.VP)
            return outcome;
        givenUp = true;
        return {
            problem: `the cache service did not answer within ${(0,format/* formatDuration */.a3)(request.deadlineMs)}`,
            unreachable: true
        };
    }
    finally {
        // Ends a request still under way at the deadline (through a proxy, its socket is unref'd
        // at the step's end instead: the caller runs this inside muteCacheLog).
        pool.dispose();
    }
}
async function ask(pool, url, body, headers) {
    let status;
    let text;
    try {
        const response = await pool.post(url, body, headers);
        status = response.message.statusCode ?? 0;
        text = await (0,http_pool/* readSmallBody */.i)(response);
    }
    catch (error) {
        const code = error?.code;
        const reason = (0,redact/* scrub */._I)((0,format/* errorReason */.jf)(error));
        const problem = `could not reach the cache service: ${code && !reason.includes(code) ? `${code}, ` : ''}${reason}`;
        return { problem, unreachable: code === undefined || NETWORK_CODES.has(code) };
    }
    let answer;
    try {
        const parsed = JSON.parse(text);
        if (parsed && typeof parsed === 'object')
            answer = parsed;
    }
    catch {
        // Described below.
    }
    if (status < 200 || status >= 300) {
        const said = typeof answer?.msg === 'string' ? answer.msg : (0,format/* shorten */.ml)(text, 200);
        const problem = (0,redact/* scrub */._I)(`the cache service answered ${status}${said ? `: ${said}` : ''}`);
        return { problem, unreachable: status >= 500, retry: RETRYABLE.has(status) };
    }
    if (!answer)
        return { problem: `the cache service answered ${status} without JSON` };
    // protobuf-ts JSON: proto field names, or their lowerCamelCase forms.
    const matchedKey = answer.matched_key ?? answer.matchedKey;
    maskSignature(answer.signed_download_url ?? answer.signedDownloadUrl);
    return answer.ok === true && typeof matchedKey === 'string' && matchedKey ? { matchedKey } : {};
}
/** As @actions/cache's maskSigUrl: the SAS signature, raw and URL-encoded. */
function maskSignature(url) {
    if (typeof url !== 'string' || !url)
        return;
    try {
        const signature = new URL(url).searchParams.get('sig');
        if (signature) {
            core/* setSecret */.Pq(signature);
            core/* setSecret */.Pq(encodeURIComponent(signature));
        }
    }
    catch {
        // Not a URL: nothing to mask, and nothing of it is printed.
    }
}

// EXTERNAL MODULE: ./src/files/integrity.ts
var integrity = __nccwpck_require__(6644);
// EXTERNAL MODULE: ./src/files/disk-space.ts
var disk_space = __nccwpck_require__(3581);
;// CONCATENATED MODULE: ./src/caches/archive-room.ts




/**
 * Room for the Actions cache's archive. @actions/cache packs the entry into one archive in a
 * folder of RUNNER_TEMP (else `<home>/actions/temp`) before uploading it; on a runner without
 * room for it the library fills the disk (which later post steps may need) and then fails.
 * Model weights barely compress, so the archive is taken to be as large as the files, plus
 * tar's 512-byte header and padding per file.
 */
const TAR_BLOCK = 512;
/** The archive's end blocks and the zstd frame, with room to spare. */
const ARCHIVE_SLACK = 1 << 20;
/** Where @actions/cache writes the archive (its createTempDirectory). */
function archiveFolder(env = process.env) {
    if (env.RUNNER_TEMP)
        return env.RUNNER_TEMP;
    const base = process.platform === 'win32' ? env.USERPROFILE || 'C:\\' : process.platform === 'darwin' ? '/Users' : '/home';
    return external_node_path_.join(base, 'actions', 'temp');
}
/** The most the archive of these files can take. */
async function archiveBytes(folder, names) {
    const sizes = await Promise.all(names.map((name) => promises_.stat(external_node_path_.join(folder, name)).then((stat) => stat.size)));
    return sizes.reduce((sum, size) => sum + TAR_BLOCK + Math.ceil(size / TAR_BLOCK) * TAR_BLOCK, ARCHIVE_SLACK);
}
/** Why the archive of `names` in `folder` cannot be made, or undefined when there is room (or it cannot be told). */
async function archiveRoomProblem(folder, names, env = process.env) {
    const where = archiveFolder(env);
    const [needed, space] = await Promise.all([archiveBytes(folder, names).catch(() => 0), (0,disk_space/* freeSpace */.F)(where)]);
    if (!space || needed <= space.free)
        return undefined;
    return `its archive needs up to ${(0,format/* formatBytes */.z3)(needed)} in ${where} and only ${(0,format/* formatBytes */.z3)(space.free)} is free there (free space on the runner, or use a larger runner, for the model to be saved)`;
}

// EXTERNAL MODULE: ./src/files/place-file.ts
var place_file = __nccwpck_require__(4795);
;// CONCATENATED MODULE: ./src/caches/actions-cache.ts











/**
 * The model's files in GitHub's Actions cache service, so that jobs on fresh hosted runners
 * (a matrix, build -> deploy) get them without going to storage. One entry per model content:
 * key `dvc-model-v1-<RUNNER_OS>-<model slug>-<sha256 of the sorted MD5s>`, restore key the
 * same without the hash, so a new version restores the newest earlier entry and downloads only
 * what changed. The entry is one folder of files named by MD5. Restored in the main step (under
 * a deadline), saved in the post step. Every failure is one warning; the files then come from
 * storage.
 *
 * The entry is saved from `<RUNNER_TEMP>/dvc-model-action-cache/<model slug>`, the same on every run:
 * - the service files entries under a version hashed from the path as given, so the path
 *   must not change between runs; RUNNER_TEMP is fixed on hosted runners (per OS),
 * - @actions/cache's tar stores it relative to GITHUB_WORKSPACE (`../../_temp/...`), which
 *   is also fixed for one repository (`/home/runner/work/<repo>/<repo>`),
 * - the runner empties RUNNER_TEMP after each job, and nothing lands in the workspace where
 *   later steps (`docker build .`, artifact uploads, `git status`) would see it,
 * - per model, so two models fetched in one job keep separate entries.
 * Runners where those paths differ (self-hosted ones with `actions-cache: true`) just miss.
 * That path is only where an entry is unpacked and packed: each step keeps its entry in a folder
 * of its own (`.steps/<hash>-<random>` beside it) between, because post steps run in reverse
 * order, and two steps of one job (two versions, or two models whose slugs collide) would
 * otherwise each save the other's files under their own key, for good.
 */
const KEY_PREFIX = 'dvc-model-v1';
const FOLDER_NAME = 'dvc-model-action-cache';
const MD5_NAME = /^[0-9a-f]{32}$/;
const STATE = {
    key: 'actions-cache-key',
    folder: 'actions-cache-folder',
    path: 'actions-cache-path',
    skip: 'actions-cache-skip',
    damaged: 'actions-cache-damaged'
};
/** How a lookup fails when the service cannot be reached or answers 5xx (after the library's retries). */
const UNREACHABLE = /Failed to make request after \d+ attempts|\(5\d\d\)|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up/i;
/** Where zstd is, looked up once per step (warmUp starts it while Studio answers). */
let zstdProbe;
/** The model name as it may appear in a key and a folder name. */
function modelSlug(name) {
    const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[-.]+|-+$/g, '')
        .slice(0, 100);
    return slug || 'model';
}
/** The entry's key and the restore key that finds earlier versions of the same model. */
function actionsCacheKey(runnerOs, modelName, md5s) {
    const restorePrefix = `${KEY_PREFIX}-${runnerOs}-${modelSlug(modelName)}-`;
    return { key: restorePrefix + contentHash(md5s), restorePrefix };
}
/** The last part of a key: the sha256 of the sorted, de-duplicated MD5s. */
function contentHash(md5s) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update([...new Set(md5s)].sort().join('\n'))
        .digest('hex');
}
/** Whether this run uses the Actions cache: `auto` is on for GitHub-hosted runners that provide it. */
function actionsCacheWanted(setting, cache, env = process.env, quiet = false) {
    if (!cache || setting === 'false')
        return false;
    const provided = Boolean((env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL) && env.ACTIONS_RUNTIME_TOKEN && env.RUNNER_TEMP);
    if (setting === 'auto')
        return provided && env.RUNNER_ENVIRONMENT === 'github-hosted';
    if (!provided && !quiet) {
        core/* warning */.$e("Input 'actions-cache' is true, but this runner provides no Actions cache service (ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL, ACTIONS_RUNTIME_TOKEN and RUNNER_TEMP must be set): the files come from storage.");
    }
    return provided;
}
class ActionsCache {
    key;
    restorePrefix;
    savedPath;
    folder;
    md5s;
    replacesToolCache;
    lookupDeadlineMs;
    env;
    /** The key of the entry restored, if any. */
    matchedKey;
    present = new Set();
    /** Files of an exact-hit entry that failed their MD5 check. */
    discarded = new Set();
    /** Why the entry with exactly this key could not be restored, when the service was fine. */
    exactEntryProblem;
    /** The service could not be reached or answered 5xx: the post step does not try again. */
    unreachable = false;
    constructor(key, restorePrefix, 
    /** Where entries are unpacked and packed: the same path on every run. */
    savedPath, 
    /** This step's own folder for its entry, from the restore to the post step. */
    folder, md5s, 
    /**
     * On a GitHub-hosted runner the tool cache starts empty in every job, so with the Actions
     * cache on a copy there would only take disk (README: Caches).
     */
    replacesToolCache, lookupDeadlineMs, env) {
        this.key = key;
        this.restorePrefix = restorePrefix;
        this.savedPath = savedPath;
        this.folder = folder;
        this.md5s = md5s;
        this.replacesToolCache = replacesToolCache;
        this.lookupDeadlineMs = lookupDeadlineMs;
        this.env = env;
    }
    /**
     * Starts what the lookup needs while Studio answers. On cache service v2: where zstd is (the
     * compression method is part of the entry's version); @actions/cache itself is loaded only
     * if there is an entry to restore (cache-lookup.ts). Elsewhere (GHES, v1) the library looks
     * up, so it starts loading now (a large chunk: ~0.1 s of a run's start).
     */
    static warmUp(inputs, env = process.env) {
        if (!actionsCacheWanted(inputs.actionsCache, inputs.cache, env, true))
            return;
        if (ownLookupApplies(env))
            zstdProbe ??= compressionMethod(env);
        else
            void Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(154)]).then(__nccwpck_require__.bind(__nccwpck_require__, 154)).catch(() => undefined);
    }
    /**
     * The cache for this model, or undefined when it is off or nothing can be cached (files
     * without a DVC content address are never cached). `urls`: Studio's signed URLs.
     */
    static open(inputs, modelName, urls, lookupDeadlineMs, env = process.env) {
        if (!actionsCacheWanted(inputs.actionsCache, inputs.cache, env))
            return undefined;
        core/* setSecret */.Pq(env.ACTIONS_RUNTIME_TOKEN);
        const md5s = [...urls].map((url) => (0,integrity/* contentAddress */.KV)(url)?.md5).filter((md5) => Boolean(md5));
        if (md5s.length === 0) {
            core/* info */.pq('No file has a DVC content address, so the Actions cache is not used.');
            return undefined;
        }
        const { key, restorePrefix } = actionsCacheKey(env.RUNNER_OS || process.platform, modelName, md5s);
        const root = external_node_path_.join(env.RUNNER_TEMP, FOLDER_NAME);
        // Short (Windows paths): the hash's start tells entries apart, the random part two steps.
        const own = external_node_path_.join(root, '.steps', `${key.slice(-64, -48)}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
        return new ActionsCache(key, restorePrefix, external_node_path_.join(root, modelSlug(modelName)), own, new Set(md5s), env.RUNNER_ENVIRONMENT === 'github-hosted', lookupDeadlineMs, env);
    }
    get exactHit() {
        return this.matchedKey === this.key;
    }
    /**
     * Restores the newest entry for this model into the folder. The lookup has a deadline (a
     * service that does not answer must not hold the job); the download after it is bounded by
     * the library's own stall timeouts. The lookup is this action's own request where it is the
     * library's (cache service v2), so a miss never loads @actions/cache; a hit loads it to restore.
     */
    async restore() {
        const started = Date.now();
        let problem;
        let lookup;
        try {
            // Whatever an earlier step left there is not this entry.
            await promises_.rm(this.savedPath, { recursive: true, force: true });
            await promises_.mkdir(this.savedPath, { recursive: true });
            const paths = [this.savedPath];
            lookup = await this.lookUp(paths);
            if (lookup === actions_cache_log/* TIMED_OUT */.VP) {
                problem = `the cache service did not answer within ${(0,format/* formatDuration */.a3)(this.lookupDeadlineMs)}`;
            }
            else if (lookup.problem !== undefined) {
                problem = lookup.problem;
            }
            else if (lookup.matchedKey) {
                core/* debug */.Yz(`Actions cache: the service has ${lookup.matchedKey}; restoring it.`);
                const cache = await Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(154)]).then(__nccwpck_require__.bind(__nccwpck_require__, 154));
                const restored = await (0,actions_cache_log/* muteCacheLog */.SO)(() => cache.restoreCache(paths, this.key, [this.restorePrefix]));
                problem = failure(restored);
                this.matchedKey = restored.value;
                if (problem && lookup.matchedKey === this.key)
                    this.exactEntryProblem = problem;
            }
        }
        catch (error) {
            problem = (0,redact/* scrub */._I)(String(error?.message ?? error));
        }
        if (problem) {
            this.unreachable = lookup === actions_cache_log/* TIMED_OUT */.VP || Boolean(lookup?.unreachable) || UNREACHABLE.test(problem);
            if (this.unreachable)
                this.exactEntryProblem = undefined;
            core/* warning */.$e(`Actions cache: could not restore the model's files (${problem}); they come from storage.`);
        }
        // Whatever the folder holds is used only once its copy has matched its MD5.
        await this.takeFolder();
        await this.scanFolder();
        if (this.matchedKey) {
            const which = this.exactHit ? '' : ', an entry of an earlier version';
            core/* info */.pq(`Actions cache: restored ${this.present.size} files from ${this.matchedKey}${which} in ${(0,format/* formatDuration */.a3)(Date.now() - started)}.`);
        }
        else if (!problem) {
            core/* info */.pq(`Actions cache: no entry yet for ${this.key} or an earlier version of the model (looked up in ${(0,format/* formatDuration */.a3)(Date.now() - started)}).`);
        }
    }
    /**
     * Which entry the service would restore, under the deadline: this action's own request on
     * cache service v2, else (GHES, v1) the library's lookup. Inside muteCacheLog either way, so
     * a request abandoned at the deadline does not keep the step alive (letGoOfCacheWork).
     */
    async lookUp(paths) {
        if (!cacheReadable(this.env)) {
            // As the library: ACTIONS_CACHE_MODE says this job may not read the cache.
            core/* debug */.Yz(`Actions cache: not looking up ${this.key}: ACTIONS_CACHE_MODE is '${this.env.ACTIONS_CACHE_MODE}'.`);
            return {};
        }
        if (ownLookupApplies(this.env)) {
            const outcome = await (0,actions_cache_log/* muteCacheLog */.SO)(async () => {
                const version = cacheVersion(paths, await (zstdProbe ??= compressionMethod(this.env)));
                const request = { key: this.key, restoreKeys: [this.restorePrefix], version, deadlineMs: this.lookupDeadlineMs };
                return lookUpEntry(request, this.env);
            });
            return outcome.value ?? { problem: failure(outcome) ?? 'the lookup failed' };
        }
        const cache = await Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(154)]).then(__nccwpck_require__.bind(__nccwpck_require__, 154));
        const outcome = await (0,actions_cache_log/* withDeadline */.NE)((0,actions_cache_log/* muteCacheLog */.SO)(() => cache.restoreCache(paths, this.key, [this.restorePrefix], { lookupOnly: true })), this.lookupDeadlineMs);
        if (outcome === actions_cache_log/* TIMED_OUT */.VP)
            return actions_cache_log/* TIMED_OUT */.VP;
        const problem = failure(outcome);
        if (problem !== undefined)
            return { problem, unreachable: UNREACHABLE.test(problem) };
        return { matchedKey: outcome.value };
    }
    /** Moves what was unpacked into this step's own folder, so a later step cannot change it. */
    async takeFolder() {
        await promises_.rm(this.folder, { recursive: true, force: true });
        await promises_.mkdir(external_node_path_.dirname(this.folder), { recursive: true });
        // An archive is unpacked by tar as it is: the folder itself must be a real folder, not a
        // link to elsewhere that keepForPost would then write to and prune.
        const stat = await promises_.lstat(this.savedPath).catch(() => undefined);
        if (stat?.isDirectory()) {
            const moved = await promises_.rename(this.savedPath, this.folder).then(() => true, () => false);
            if (moved)
                return;
        }
        await promises_.rm(this.savedPath, { recursive: true, force: true });
        await promises_.mkdir(this.folder, { recursive: true });
    }
    async scanFolder() {
        const entries = await promises_.readdir(this.folder, { withFileTypes: true }).catch(() => []);
        // Regular files only: a link in an entry is not followed.
        for (const e of entries)
            if (e.isFile() && MD5_NAME.test(e.name))
                this.present.add(e.name);
    }
    entry(md5) {
        if (!this.present.has(md5))
            return undefined;
        const file = external_node_path_.join(this.folder, md5);
        return {
            file,
            source: 'actions-cache',
            discard: async () => {
                this.present.delete(md5);
                if (this.exactHit)
                    this.discarded.add(md5);
                await promises_.rm(file, { force: true });
            }
        };
    }
    /**
     * What was wrong with the entry holding exactly this key, if anything: it is never
     * replaced, so until someone deletes it every job downloads those files again.
     */
    damage() {
        if (this.exactEntryProblem)
            return `restoring it failed: ${this.exactEntryProblem}`;
        if (!this.exactHit)
            return undefined;
        const missing = [...this.md5s].filter((md5) => !this.present.has(md5) && !this.discarded.has(md5)).length;
        const problems = [
            this.discarded.size ? `${this.discarded.size} of ${this.md5s.size} files did not match their MD5` : '',
            missing ? `${missing} of ${this.md5s.size} files were missing` : ''
        ].filter(Boolean);
        return problems.length ? problems.join(', ') : undefined;
    }
    /**
     * Leaves this step's folder holding exactly this version's files, each a hard link of its
     * verified workspace file (no copy, no extra disk), and tells the post step what to do: save
     * it, or why not (an exact hit cannot be replaced; a model over the size cap must not evict
     * the rest of the repository's 10 GB). A later step that edits a workspace file in place
     * edits the entry's file too: the post step checks each file's identity before saving and
     * leaves out any that no longer matches (cache-fill.ts). Where this file system cannot link,
     * the file is left for the post step to clone or copy (`deferred`).
     */
    async keepForPost(files, maxBytes) {
        core/* saveState */.LZ(STATE.key, this.key);
        core/* saveState */.LZ(STATE.folder, this.folder);
        core/* saveState */.LZ(STATE.path, this.savedPath);
        const skip = async (reason, state = STATE.skip) => {
            // Nothing is saved: the folder's copies would only take disk until the job ends.
            await promises_.rm(this.folder, { recursive: true, force: true }).catch(() => undefined);
            core/* saveState */.LZ(state, reason);
            return { linked: [], deferred: [], skipped: reason };
        };
        if (this.unreachable)
            return skip('the cache service could not be reached in the main step');
        const damage = this.damage();
        if (damage)
            return skip(damage, STATE.damaged);
        if (this.exactHit)
            return skip('an entry with this key exists, and entries are never replaced');
        const wanted = new Map();
        for (const file of files)
            if (file.address)
                wanted.set(file.address.md5, file);
        const bytes = [...wanted.values()].reduce((sum, f) => sum + f.size, 0);
        if (bytes > maxBytes) {
            return skip(`the model's ${(0,format/* formatBytes */.z3)(bytes)} are more than input 'actions-cache-max-size' (${(0,format/* formatBytes */.z3)(maxBytes)})`);
        }
        // Entry files this run copied out and checked: where no link can be made, they stay.
        const checked = new Set(files.filter((f) => f.source === 'actions-cache').map((f) => f.address?.md5));
        const keep = { linked: [], deferred: [] };
        try {
            await promises_.mkdir(this.folder, { recursive: true });
            await (0,place_file/* onAllCores */.dq)([...wanted], async ([md5, file]) => {
                const link = await linkInto(this.folder, md5, file.target);
                if (link.linked)
                    keep.linked.push(file);
                else if (!checked.has(md5)) {
                    keep.why ??= link.why;
                    keep.deferred.push(file);
                }
            });
            for (const name of await promises_.readdir(this.folder)) {
                if (!wanted.has(name))
                    await promises_.rm(external_node_path_.join(this.folder, name), { recursive: true, force: true });
            }
        }
        catch (error) {
            core/* warning */.$e(`Actions cache: could not prepare the entry (${(0,redact/* scrub */._I)(String(error.message))}); it is not saved.`);
            return skip('preparing the entry failed');
        }
        return keep;
    }
}
/**
 * Hard-links `file` into the entry folder as `md5`: one call when the name is free (a miss),
 * else a link under a private name renamed over the restored copy (the workspace file has the
 * same bytes, and the entry one inode less).
 */
async function linkInto(folder, md5, file) {
    const entryFile = external_node_path_.join(folder, md5);
    try {
        return await (0,place_file/* tryLink */.qB)(file, entryFile);
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
    const temp = external_node_path_.join(folder, `.${md5}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}`);
    const link = await (0,place_file/* tryLink */.qB)(file, temp);
    if (link.linked)
        await promises_.rename(temp, entryFile);
    return link;
}
/**
 * The folder the post step saves as this step's entry, when it is to be saved: the cache-fill
 * step checks and completes it first.
 */
function entryFolderToSave() {
    if (!core/* getState */.Gu(STATE.key) || core/* getState */.Gu(STATE.skip) || core/* getState */.Gu(STATE.damaged))
        return undefined;
    return core/* getState */.Gu(STATE.folder) || undefined;
}
/** The first problem the library reported, or its exception, as one line, without its "Failed to restore: ". */
function failure(outcome) {
    const problem = outcome.error !== undefined
        ? String(outcome.error?.message ?? outcome.error).split('\n')[0]
        : outcome.problems[0];
    return problem === undefined ? undefined : (0,redact/* scrub */._I)(problem.replace(/^Failed to (restore|save): /, ''));
}
/**
 * The post step: saves the entry the main step prepared, unless it said why not. A refusal,
 * a duplicate key from a concurrent job or a service failure is at most one warning.
 * `leftOut`: MD5s the post step took out of the folder because their workspace file changed
 * after it was verified; the entry is then saved under the key of what it holds, which the
 * restore key still finds, so the next job restores it, downloads the rest and saves it whole.
 */
async function saveActionsCache(env = process.env, leftOut = new Set()) {
    const fullKey = core/* getState */.Gu(STATE.key);
    if (!fullKey)
        return;
    let key = fullKey;
    const damaged = core/* getState */.Gu(STATE.damaged);
    if (damaged) {
        return core/* warning */.$e(`Actions cache: the entry ${key} could not be used (${damaged}). Entries are never replaced, so later jobs download these files from storage until it is deleted: \`gh cache delete ${key}\`, or delete it on the repository's Actions > Caches page.`);
    }
    const skip = core/* getState */.Gu(STATE.skip);
    if (skip)
        return core/* info */.pq(`Actions cache: not saving ${key}: ${skip}.`);
    if (env.ACTIONS_RUNTIME_TOKEN)
        core/* setSecret */.Pq(env.ACTIONS_RUNTIME_TOKEN);
    const folder = core/* getState */.Gu(STATE.folder);
    const savedPath = core/* getState */.Gu(STATE.path);
    // A guard: the folder must hold exactly the files the key names, nothing else.
    const names = await promises_.readdir(folder).catch(() => []);
    const named = [...names, ...leftOut];
    if (!names.length || !names.every((name) => MD5_NAME.test(name)) || !key.endsWith(`-${contentHash(named)}`)) {
        return core/* info */.pq(`Actions cache: not saving ${key}: its folder does not hold exactly the files the key names.`);
    }
    if (leftOut.size)
        key = `${key.slice(0, -64)}${contentHash(names)}`;
    const noRoom = await archiveRoomProblem(folder, names, env);
    if (noRoom)
        return core/* warning */.$e(`Actions cache: not saving ${key}: ${noRoom}; later jobs download the model.`);
    const started = Date.now();
    let outcome;
    try {
        // Into the path entries are saved from, which other steps' post steps also use.
        await promises_.rm(savedPath, { recursive: true, force: true });
        await promises_.mkdir(external_node_path_.dirname(savedPath), { recursive: true });
        await promises_.rename(folder, savedPath);
        const cache = await Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(154)]).then(__nccwpck_require__.bind(__nccwpck_require__, 154));
        outcome = await (0,actions_cache_log/* muteCacheLog */.SO)(() => cache.saveCache([savedPath], key));
    }
    catch (error) {
        outcome = { error, problems: [], debug: [] };
    }
    const problem = failure(outcome);
    if (problem)
        return core/* warning */.$e(`Actions cache: could not save ${key} (${problem}); later jobs download the model.`);
    if (outcome.value === -1) {
        // @actions/cache tells a refused reservation only in a debug line: a 409 is another job
        // (a matrix sibling) saving the same content, which is fine; anything else is a failure.
        const reservation = outcome.debug.find((line) => line.startsWith('Failed to reserve cache:')) ?? '';
        if (/\(409\)|already exists/i.test(reservation)) {
            return core/* info */.pq(`Actions cache: ${key} was not saved; another job saved or is saving it.`);
        }
        // No reservation at all: @actions/cache skipped the save and said why (ACTIONS_CACHE_MODE).
        if (!reservation)
            return core/* info */.pq(`Actions cache: ${key} was not saved.`);
        const reason = (0,redact/* scrub */._I)(reservation.replace(/^Failed to reserve cache: (Error: )?/, '').split('\n')[0]);
        return core/* warning */.$e(`Actions cache: could not save ${key} (${reason}); later jobs download the model.`);
    }
    const without = leftOut.size ? `, without the ${(0,format/* counted */.hS)(leftOut.size, 'changed file')}` : '';
    core/* info */.pq(`Actions cache: saved ${key}${without} in ${(0,format/* formatDuration */.a3)(Date.now() - started)}.`);
}


/***/ }),

/***/ 7591:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DR: () => (/* binding */ describeCaching),
/* harmony export */   Hl: () => (/* binding */ settleCaches),
/* harmony export */   xe: () => (/* binding */ recordForPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _actions_cache_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(7399);
/* harmony import */ var _tool_cache_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1678);
/* harmony import */ var _files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(2184);
/* harmony import */ var _files_place_file_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(4795);
/* harmony import */ var _common_format_js__WEBPACK_IMPORTED_MODULE_10__ = __nccwpck_require__(6950);
/* harmony import */ var _common_redact_js__WEBPACK_IMPORTED_MODULE_9__ = __nccwpck_require__(6800);











/**
 * What the main step left in the caches for the post step to check and complete. The main step
 * hard-links each verified file into the caches and records its identity (files/file-identity.ts)
 * once the links are made (a link changes the inode's ctime; nothing else of the job runs
 * meanwhile). The post step, before the Actions cache entry is saved:
 * - checks each linked entry file's identity; one that changed (a later step edited the
 *   workspace file in place, same inode) is hashed again, and left out of the entry, and out
 *   of the tool cache, if it no longer matches;
 * - clones or copies, on all cores at once, the files the main step could not link (the cache
 *   on another file system), from workspace files whose identity holds or that still match.
 * The list is a file in RUNNER_TEMP (the runner empties it after the job), not the step's
 * state: the state reaches the post step as environment variables, too small for 3,000 files.
 */
const STATE_FILE = 'cache-fill';
/** Writes the list for the post step; its path goes in the step's state. */
async function recordForPost(files, env = process.env) {
    if (files.length === 0)
        return;
    const dir = env.RUNNER_TEMP || node_os__WEBPACK_IMPORTED_MODULE_3__.tmpdir();
    const file = node_path__WEBPACK_IMPORTED_MODULE_4__.join(dir, `dvc-model-action-fill-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(6).toString('hex')}.json`);
    try {
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir(dir, { recursive: true });
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile(file, JSON.stringify(files));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(STATE_FILE, file);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Caches: could not record the files for the post step (${(0,_common_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .scrub */ ._I)(String(error))}).`);
    }
}
/** One line: what the main step put in which cache, how, and what it skipped and why. */
function describeCaching(summary) {
    if (!summary)
        return 'Caches: not used.';
    const parts = [];
    const noLink = (why) => (why === 'EXDEV' ? 'another file system' : `no hard links here: ${why}`);
    const tool = summary.toolCache;
    if (tool) {
        const bits = [
            tool.linked ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(tool.linked, 'file')} linked into the tool cache (no copy)` : '',
            tool.deferred ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(tool.deferred, 'file')} to copy into it in the post step (${noLink(tool.why)})` : '',
            tool.present ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(tool.present, 'file')} already there` : '',
            tool.failed ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(tool.failed, 'file')} not kept (see the warnings)` : ''
        ].filter(Boolean);
        parts.push(bits.length ? bits.join(', ') : 'nothing new for the tool cache');
    }
    const entry = summary.actionsCache;
    if (entry?.skipped)
        parts.push(`Actions cache: not saved (${entry.skipped})`);
    else if (entry) {
        const bits = [
            entry.linked ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(entry.linked, 'file')} linked into the Actions cache entry` : '',
            entry.deferred ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(entry.deferred, 'file')} to copy into it (${noLink(entry.why)})` : ''
        ].filter(Boolean);
        parts.push(`${bits.join(', ') || 'the Actions cache entry as restored'}, saved in the post step`);
    }
    if (!parts.length)
        return 'Caches: nothing to keep.';
    return `Caches (${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(summary.bytes)} model, ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatDuration */ .a3)(summary.durationMs)}): ${parts.join('; ')}.`;
}
/**
 * The post step's part, before the Actions cache entry is saved: the MD5s it left out of the
 * entry (their workspace file changed after it was verified and no longer matches).
 */
async function settleCaches(env = process.env) {
    const leftOut = new Set();
    const listFile = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(STATE_FILE);
    if (!listFile)
        return leftOut;
    const started = Date.now();
    let files;
    try {
        files = JSON.parse(await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile(listFile, 'utf8'));
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Caches: could not read the main step's list (${(0,_common_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .scrub */ ._I)(String(error))}); nothing added in the post step.`);
        return leftOut;
    }
    const folder = (0,_actions_cache_js__WEBPACK_IMPORTED_MODULE_5__/* .entryFolderToSave */ .dF)();
    const toolCache = new _tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .ModelCache */ .Qv(files.some((f) => f.toolCache), env);
    const entryFile = (file) => node_path__WEBPACK_IMPORTED_MODULE_4__.join(folder, file.address.md5);
    // Each file's state before anything is touched (removing a link changes the inode's ctime).
    const changed = [];
    const checks = await (0,_files_place_file_js__WEBPACK_IMPORTED_MODULE_8__/* .onAllCores */ .dq)(files, async (file) => {
        // A linked entry file is the workspace file; a deferred copy is made from the workspace file.
        const linkedEntry = folder && file.entry === 'linked' ? entryFile(file) : undefined;
        const at = linkedEntry ?? file.target;
        const now = await (0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__/* .fileIdentity */ .l6)(at);
        if ((0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__/* .sameIdentity */ .BU)(now, file.identity))
            return { file, good: true, now, at };
        const good = await (0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__/* .stillMatches */ .A_)(at, file.address);
        if (!good)
            changed.push(file);
        return { file, good, now, at };
    });
    for (const { file, good } of checks) {
        if (good)
            continue;
        if (folder && file.entry) {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm(entryFile(file), { force: true });
            leftOut.add(file.address.md5);
        }
        // A tool-cache entry that is this very file would fail its next hit's check: gone now.
        if (file.toolCache === 'linked')
            await toolCache.discardIfLinkOf(file.address.md5, file.identity);
    }
    if (changed.length) {
        const names = changed.map((f) => f.key);
        const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${names.length - 3} more` : '');
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Caches: ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .counted */ .hS)(changed.length, 'file')} changed after ${changed.length === 1 ? 'it was' : 'they were'} verified and no longer match${changed.length === 1 ? 'es' : ''} ${changed.length === 1 ? 'its' : 'their'} MD5 (${shown}): left out of the caches.`);
    }
    const notCopied = await copyDeferred(checks.filter((c) => c.good), folder, toolCache, started);
    for (const md5 of notCopied)
        leftOut.add(md5);
    await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm(listFile, { force: true }).catch(() => undefined);
    return leftOut;
}
/**
 * Clones or copies the files the main step could not link, all at once, and says so in one
 * line; returns the MD5s of entry files it could not copy.
 */
async function copyDeferred(checked, folder, toolCache, started) {
    // From `at`: the file whose identity was checked (a linked entry file, else the workspace file).
    const jobs = [];
    for (const c of checked) {
        if (c.file.toolCache === 'copy' && toolCache.enabled)
            jobs.push({ ...c, into: 'tool cache' });
        if (c.file.entry === 'copy' && folder)
            jobs.push({ ...c, into: 'entry' });
    }
    if (!jobs.length)
        return [];
    const toolCacheFailures = [];
    const done = await (0,_files_place_file_js__WEBPACK_IMPORTED_MODULE_8__/* .onAllCores */ .dq)(jobs, async ({ file, now, at, into }) => {
        if (into === 'tool cache') {
            const added = await toolCache.add(at, file.address.md5, 'copy');
            if (added.outcome === 'failed')
                toolCacheFailures.push(added.why ?? 'unknown');
            return added.outcome === 'cloned' || added.outcome === 'copied' ? added.outcome : 'skipped';
        }
        const dest = node_path__WEBPACK_IMPORTED_MODULE_4__.join(folder, file.address.md5);
        const temp = `${node_path__WEBPACK_IMPORTED_MODULE_4__.dirname(dest)}/.${file.address.md5}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.randomBytes)(4).toString('hex')}`;
        try {
            const how = await (0,_files_place_file_js__WEBPACK_IMPORTED_MODULE_8__/* .cloneOrCopy */ .gE)(at, temp);
            // Changed while it was copied (a process a step left running): not this file any more.
            if (!(0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__/* .sameIdentity */ .BU)(await (0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_7__/* .fileIdentity */ .l6)(at), now)) {
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm(temp, { force: true });
                return 'skipped';
            }
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename(temp, dest);
            return how;
        }
        catch (error) {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm(temp, { force: true }).catch(() => undefined);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Actions cache: could not copy ${file.key} into the entry (${(0,_common_redact_js__WEBPACK_IMPORTED_MODULE_9__/* .scrub */ ._I)(String(error))}).`);
            return 'skipped';
        }
    });
    (0,_tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .warnNotKept */ ._J)(toolCacheFailures, 'copy');
    const count = (into, how) => jobs.filter((job, i) => job.into === into && done[i] === how).length;
    const said = ['tool cache', 'entry']
        .map((into) => {
        const where = into === 'entry' ? 'the Actions cache entry' : 'the tool cache';
        const bits = ['cloned', 'copied']
            .filter((how) => count(into, how))
            .map((how) => `${count(into, how)} ${how}`);
        return bits.length ? `${bits.join(', ')} into ${where}` : '';
    })
        .filter(Boolean);
    const bytes = jobs.filter((_, i) => done[i] !== 'skipped').reduce((sum, j) => sum + j.file.size, 0);
    if (said.length) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Caches: ${said.join(', ')} (${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatBytes */ .z3)(bytes)}) in ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_10__/* .formatDuration */ .a3)(Date.now() - started)}.`);
    }
    return jobs.filter((job, i) => job.into === 'entry' && done[i] === 'skipped').map((job) => job.file.address.md5);
}


/***/ }),

/***/ 8755:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pu: () => (/* binding */ markToolCacheUse),
/* harmony export */   Wv: () => (/* binding */ pruneToolCacheAfterRun)
/* harmony export */ });
/* unused harmony exports describePrune, pruneToolCache, listEntries */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _common_format_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(6950);
/* harmony import */ var _common_constants_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(8952);
/* harmony import */ var _files_paths_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(7099);
/* harmony import */ var _tool_cache_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(1678);








/**
 * A bounded tool cache. On a self-hosted runner the tool cache only grows; after each run the
 * post step removes this action's entries beyond input `tool-cache-max-size`, least recently
 * used first. An entry is one file (caches/tool-cache.ts); when it was last used is the later
 * of its access time and its modification time: the bytes were written by the run that made it
 * (the workspace file it is a link of), and every run that copies it out sets its access time
 * (not its modification time: the same inode may still be a workspace file on this runner).
 * An entry used since this run started (by this run, or by another job on the runner) is never
 * removed.
 *
 * Several runners may share one tool cache: removing an entry is one unlink, atomic; one that
 * another job removed first is simply gone. A job that was copying an entry as it goes keeps
 * its open file (POSIX) and checks every byte anyway; on Windows a file open elsewhere cannot
 * be removed, and that entry is skipped.
 */
const STATE = { maxBytes: 'tool-cache-max-bytes', since: 'tool-cache-used-since' };
const ENTRY_FOLDER = /^[0-9a-f]{2}$/;
const ENTRY_NAME = /^[0-9a-f]{30}$/;
/** The layout before this one (tool-cache's `0.0.0-md5-<hash>/<arch>` folders), and its pruner's leftovers: never read now. */
const EARLIER_LAYOUT = /^(0\.0\.0-md5-[0-9a-f]{32}|\.pruned-[0-9a-f]+)$/;
/** A private copy (a `.partial` name) this old was left by a post step that was killed. */
const ABANDONED_COPY_MS = 3600_000;
/** Whole-second file times (some file systems) must not make a just-used entry look older. */
const CLOCK_SLACK_MS = 2000;
/**
 * The main step: marks the tool-cache entries of the files this run copied out as used now,
 * and leaves the post step what it needs to prune. Never fails the run.
 */
async function markToolCacheUse(inputs, md5s, runStartedMs, env = process.env) {
    const root = env.RUNNER_TOOL_CACHE;
    if (!inputs.cache || !root)
        return;
    const now = new Date();
    const files = [...new Set(md5s)].flatMap((md5) => (0,_tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .entryPath */ .s3)(root, md5) ?? []);
    // The access time only; an entry that is gone (just pruned by another job) is fine.
    await Promise.all(files.map((file) => node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.lstat(file)
        .then((stat) => node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.utimes(file, now, stat.mtimeMs / 1000))
        .catch(() => undefined)));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(STATE.maxBytes, String(inputs.toolCacheMaxBytes));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ(STATE.since, String(runStartedMs - CLOCK_SLACK_MS));
}
/** The post step: prunes as the main step asked, in one log line. Never throws. */
async function pruneToolCacheAfterRun(env = process.env) {
    const maxBytes = Number(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(STATE.maxBytes) || NaN);
    const usedSinceMs = Number(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(STATE.since) || NaN);
    const root = env.RUNNER_TOOL_CACHE;
    if (!root || !Number.isFinite(maxBytes) || maxBytes <= 0 || !Number.isFinite(usedSinceMs))
        return;
    const started = Date.now();
    try {
        const outcome = await pruneToolCache(root, maxBytes, usedSinceMs);
        const line = describePrune(outcome, maxBytes, Date.now() - started);
        if (line)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(line);
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Tool cache: could not prune it (${String(error?.message ?? error)}).`);
    }
}
/**
 * One line for the log: what the check found and removed, and what it took; undefined when the
 * action has nothing in the tool cache (a hosted runner, where the Actions cache replaces it).
 */
function describePrune(outcome, maxBytes, durationMs) {
    const over = outcome.keptBytes > maxBytes;
    const cap = `input '${_common_constants_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G.ToolCacheMaxSize}' (${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(maxBytes)})`;
    if (!outcome.removed.length && !outcome.locked && !over) {
        if (!outcome.kept)
            return undefined;
        return `Tool cache: ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(outcome.keptBytes)} in ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .counted */ .hS)(outcome.kept, 'entry', 'entries')}, within ${cap}; checked in ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a3)(durationMs)}.`;
    }
    const parts = [
        outcome.removed.length
            ? `removed ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .counted */ .hS)(outcome.removed.length, 'least recently used entry', 'least recently used entries')} (${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(outcome.removedBytes)}) to stay within ${cap} in ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatDuration */ .a3)(durationMs)}`
            : `is over ${cap}`,
        outcome.locked
            ? `${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .counted */ .hS)(outcome.locked, 'entry', 'entries')} could not be removed (in use by another job) and ${outcome.locked === 1 ? 'was' : 'were'} kept`
            : '',
        `it holds ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(outcome.keptBytes)} in ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .counted */ .hS)(outcome.kept, 'entry', 'entries')}${over ? (outcome.locked ? ', more than the cap' : ', more than the cap: they were used since this run started') : ''}`
    ].filter(Boolean);
    return `Tool cache: ${parts.join('; ')}.`;
}
/**
 * Removes entries least recently used first until those left hold at most `maxBytes`, never
 * one used at or after `usedSinceMs`.
 */
async function pruneToolCache(root, maxBytes, usedSinceMs) {
    await removeEarlierLayout(node_path__WEBPACK_IMPORTED_MODULE_3__.join(root, _tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .CACHE_TOOL_NAME */ .Kv));
    const entries = listEntries(root);
    let keptBytes = entries.reduce((sum, entry) => sum + entry.bytes, 0);
    let kept = entries.length;
    const outcome = { removed: [], removedBytes: 0, locked: 0, keptBytes, kept };
    const oldestFirst = entries
        .filter((entry) => entry.lastUsedMs < usedSinceMs)
        .sort((a, b) => a.lastUsedMs - b.lastUsedMs || a.file.localeCompare(b.file));
    for (const entry of oldestFirst) {
        if (keptBytes <= maxBytes)
            break;
        const result = await removeEntry(entry.file);
        if (result === 'locked') {
            outcome.locked++;
            continue;
        }
        // Gone either way: removed here, or by another job pruning at the same time.
        keptBytes -= entry.bytes;
        kept--;
        if (result === 'removed') {
            outcome.removed.push(entry);
            outcome.removedBytes += entry.bytes;
        }
    }
    return { ...outcome, keptBytes, kept };
}
/**
 * The action's entries in the tool cache at `root`, sized, with when each was last used; on
 * the way, removes private copies a killed post step abandoned. Synchronous: the post step has
 * nothing else to do meanwhile, and 3,000 entries take 30 ms so against 100-150 ms through the
 * thread pool (their metadata is in memory: this run or a recent one touched them).
 */
function listEntries(root, nowMs = Date.now()) {
    const top = (0,_tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .entriesRoot */ .bc)(root);
    const entries = [];
    for (const folder of readdirOrNone(top)) {
        if (!ENTRY_FOLDER.test(folder))
            continue;
        const dir = node_path__WEBPACK_IMPORTED_MODULE_3__.join(top, folder);
        for (const name of readdirOrNone(dir)) {
            const file = node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, name);
            const stat = (0,_files_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .lstatOrNothing */ .$3)(file);
            if (!stat?.isFile())
                continue;
            if ((0,_tool_cache_js__WEBPACK_IMPORTED_MODULE_6__/* .isPrivateName */ .$4)(name)) {
                if (nowMs - stat.mtimeMs > ABANDONED_COPY_MS)
                    removeQuietly(file);
            }
            else if (ENTRY_NAME.test(name)) {
                entries.push({ file, bytes: stat.size, lastUsedMs: Math.max(stat.atimeMs, stat.mtimeMs) });
            }
        }
    }
    return entries;
}
function removeQuietly(file) {
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(file, { force: true });
    }
    catch {
        // Held open elsewhere (Windows): the next run's post step tries again.
    }
}
function readdirOrNone(dir) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir);
    }
    catch {
        return [];
    }
}
async function removeEntry(file) {
    try {
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.unlink(file);
        return 'removed';
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return 'gone';
        // Windows: another job holds the file open (EPERM, EACCES or EBUSY). Elsewhere these are
        // as final, and the entry is kept all the same.
        return 'locked';
    }
}
/** Entries in the layout the action used before (see EARLIER_LAYOUT): no run reads them. */
async function removeEarlierLayout(dir) {
    const names = await node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readdir(dir).catch(() => []);
    await Promise.all(names
        .filter((name) => EARLIER_LAYOUT.test(name))
        .map((name) => node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm(node_path__WEBPACK_IMPORTED_MODULE_3__.join(dir, name), { recursive: true, force: true }).catch(() => undefined)));
}


/***/ }),

/***/ 1678:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $4: () => (/* binding */ isPrivateName),
/* harmony export */   Kv: () => (/* binding */ CACHE_TOOL_NAME),
/* harmony export */   Qv: () => (/* binding */ ModelCache),
/* harmony export */   _J: () => (/* binding */ warnNotKept),
/* harmony export */   bc: () => (/* binding */ entriesRoot),
/* harmony export */   s3: () => (/* binding */ entryPath)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3838);
/* harmony import */ var _common_format_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(6950);
/* harmony import */ var _common_redact_js__WEBPACK_IMPORTED_MODULE_8__ = __nccwpck_require__(6800);
/* harmony import */ var _files_file_identity_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2184);
/* harmony import */ var _files_paths_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(7099);
/* harmony import */ var _files_place_file_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(4795);









/**
 * Model binaries in the runner's tool cache, one file per content hash, in DVC's own cache
 * layout: `<RUNNER_TOOL_CACHE>/dvc-studio-model-files/md5/<first 2 hex digits>/<other 30>`.
 *
 * Not `@actions/tool-cache`'s layout (`<tool>/<version>/<arch>/` plus an `<arch>.complete`
 * marker): made for tools found by semver, it costs two folders and a marker per file, four
 * inodes to create, which for 3,000 small files took this runner's disk 2 s against 0.07 s for
 * the links alone (docs/speed.md). Here an entry is one name: a hard link of the verified
 * workspace file (no byte written), which appears whole or not at all, so it needs no marker;
 * where a link cannot be made, a clone or copy under a private dot-name, renamed into place.
 * A later step that edits the workspace file in place edits the entry too, which is why every
 * hit is copied out with its MD5 checked, never linked.
 */
const CACHE_TOOL_NAME = 'dvc-studio-model-files';
const MD5 = /^[0-9a-f]{32}$/;
/** The folder the entries' two-digit folders are in. */
function entriesRoot(toolCacheRoot) {
    return node_path__WEBPACK_IMPORTED_MODULE_2__.join(toolCacheRoot, CACHE_TOOL_NAME, 'md5');
}
/** Where the entry for `md5` is (whether or not it exists); undefined for what is not an MD5. */
function entryPath(toolCacheRoot, md5) {
    if (!MD5.test(md5))
        return undefined;
    return node_path__WEBPACK_IMPORTED_MODULE_2__.join(entriesRoot(toolCacheRoot), md5.slice(0, 2), md5.slice(2));
}
/** A name no reader looks at, in the entry's folder, for a copy being made. */
function isPrivateName(name) {
    return name.startsWith('.');
}
/**
 * One warning for the files `add` could not keep ('failed'), with the first one's reason: a tool
 * cache that cannot be written to fails for every file alike.
 */
function warnNotKept(reasons, verb) {
    if (!reasons.length)
        return;
    const them = reasons.length === 1 ? 'it' : 'them';
    _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e(`Tool cache: could not ${verb} ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_7__/* .counted */ .hS)(reasons.length, 'file')} ${verb === 'keep' ? 'there' : 'into it'} (${(0,_common_redact_js__WEBPACK_IMPORTED_MODULE_8__/* .scrub */ ._I)(reasons[0])}); the next run on this runner downloads ${them} again.`);
}
class ModelCache {
    enabled;
    root;
    constructor(wanted, env = process.env) {
        this.root = env.RUNNER_TOOL_CACHE ?? '';
        this.enabled = wanted && Boolean(this.root);
        if (wanted && !this.enabled)
            _actions_core__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq('RUNNER_TOOL_CACHE is not set: the tool cache is not used.');
    }
    /** The cached file with this MD5, if there is one (a regular file: a link planted there is none). */
    find(md5) {
        if (!this.enabled || !md5)
            return undefined;
        const file = entryPath(this.root, md5);
        return file && isRegularFile(file) ? file : undefined;
    }
    /** The entry for this MD5, to be copied out with a check; a bad one can be discarded. */
    entry(md5) {
        const file = this.find(md5);
        if (!file)
            return undefined;
        return { file, source: 'tool-cache', discard: () => node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(file, { force: true }) };
    }
    /**
     * Adds a verified file to the cache: `link` as a hard link of it (no byte written; the
     * outcome is 'cannot-link' where this file system cannot, for the post step to copy), `copy`
     * as a clone where the file system can, else a copy. A failure here costs the next run a
     * download, not this run its model: the outcome is 'failed' with why (the caller says it once
     * for all files), and nothing partial is left.
     */
    async add(file, md5, how) {
        const entry = this.enabled ? entryPath(this.root, md5) : undefined;
        if (!entry)
            return { outcome: 'failed', why: this.enabled ? 'not an MD5' : 'the tool cache is off' };
        try {
            return how === 'link' ? await this.link(file, entry) : await this.copy(file, entry);
        }
        catch (error) {
            return { outcome: 'failed', why: String(error.code ?? error.message) };
        }
    }
    /**
     * Removes the entry for `md5` if it is `file` itself (a hard link of it, same device and
     * inode): the post step does so when the workspace file changed after it was verified.
     */
    async discardIfLinkOf(md5, file) {
        const cached = this.find(md5);
        if (!cached || !(0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_4__/* .sameInode */ .s2)(await (0,_files_file_identity_js__WEBPACK_IMPORTED_MODULE_4__/* .fileIdentity */ .l6)(cached), file))
            return false;
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(cached, { force: true });
        return true;
    }
    /** One link, and one folder the first time its two digits come up. */
    async link(file, entry) {
        for (let attempt = 0;; attempt++) {
            try {
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.link(file, entry);
                return { outcome: 'linked' };
            }
            catch (error) {
                const code = error.code ?? '';
                // Another job's entry, or this run's for a second file of the same content; what is
                // not a regular file there (a symlink or folder someone planted) makes way, once.
                if (code === 'EEXIST') {
                    if (isRegularFile(entry) || attempt > 0)
                        return { outcome: 'present' };
                    await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(entry, { recursive: true, force: true });
                    continue;
                }
                if (_files_place_file_js__WEBPACK_IMPORTED_MODULE_6__/* .CANNOT_LINK */ .bS.has(code))
                    return { outcome: 'cannot-link', why: code };
                if (code !== 'ENOENT' || attempt > 0)
                    throw error;
                await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(entry), { recursive: true });
            }
        }
    }
    /** A clone or copy under a private name, renamed into place whole (over what is not a regular file). */
    async copy(file, entry) {
        const there = (0,_files_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .lstatOrNothing */ .$3)(entry);
        if (there?.isFile())
            return { outcome: 'present' };
        if (there)
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(entry, { recursive: true, force: true });
        const dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(entry);
        const temp = node_path__WEBPACK_IMPORTED_MODULE_2__.join(dir, `.${node_path__WEBPACK_IMPORTED_MODULE_2__.basename(entry)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(4).toString('hex')}.partial`);
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir(dir, { recursive: true });
        try {
            const outcome = await (0,_files_place_file_js__WEBPACK_IMPORTED_MODULE_6__/* .cloneOrCopy */ .gE)(file, temp);
            // Where a rename cannot replace a file (Windows), an entry already there stays.
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename(temp, entry).catch((error) => {
                if (!isRegularFile(entry))
                    throw error;
            });
            return { outcome };
        }
        finally {
            await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm(temp, { force: true }).catch(() => undefined);
        }
    }
}
function isRegularFile(file) {
    return (0,_files_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .lstatOrNothing */ .$3)(file)?.isFile() ?? false;
}


/***/ }),

/***/ 8952:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ Inputs),
/* harmony export */   t: () => (/* binding */ Outputs)
/* harmony export */ });
/** The action's public interface: the names of its inputs and outputs, as action.yml declares them. */
const Inputs = {
    Name: 'name',
    Repo: 'repo',
    Version: 'version',
    Stage: 'stage',
    Ref: 'ref',
    GithubToken: 'github-token',
    StudioToken: 'studio-token',
    StudioUrl: 'studio-url',
    Path: 'path',
    Include: 'include',
    Exclude: 'exclude',
    Download: 'download',
    Cache: 'cache',
    ActionsCache: 'actions-cache',
    ActionsCacheMaxSize: 'actions-cache-max-size',
    ToolCacheMaxSize: 'tool-cache-max-size',
    Concurrency: 'concurrency',
    Retries: 'retries',
    Timeout: 'timeout'
};
const Outputs = {
    Path: 'path',
    Paths: 'paths',
    Files: 'files',
    CacheHit: 'cache-hit',
    CacheKey: 'cache-key',
    Digest: 'digest',
    Name: 'name',
    Version: 'version',
    Stage: 'stage',
    Event: 'event'
};


/***/ }),

/***/ 1922:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ diskFailure),
/* harmony export */   l: () => (/* binding */ ActionError)
/* harmony export */ });
/**
 * An error whose message is written for the person reading the workflow log:
 * it says what was wrong and what to do, and is safe to print as it is.
 */
class ActionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ActionError';
    }
}
/** What to do about a local file-system failure, by its errno code. */
const DISK_HINTS = {
    ENOSPC: "The runner's disk is full: free space before this step, or set 'cache: false' so that no second copy goes to the tool cache.",
    EDQUOT: "The disk quota is used up: free space before this step, or set 'cache: false' so that no second copy goes to the tool cache.",
    EACCES: "The job may not write there: choose a 'path' inside the workspace, or fix the folder's permissions.",
    EPERM: "The job may not write there: choose a 'path' inside the workspace, or fix the folder's permissions.",
    EROFS: "That file system is read-only: choose a 'path' inside the workspace.",
    ENOTDIR: "Part of that path is a file where a folder must go: remove the file, or choose another 'path'.",
    EEXIST: "Something is already in the way at that path: remove it, or choose another 'path'.",
    EISDIR: "A folder is where a file must go: remove the folder, or choose another 'path'.",
    ENAMETOOLONG: "The path is too long for the runner's file system: choose a shorter 'path'.",
    EMFILE: "The runner ran out of open files: lower 'concurrency'.",
    ENFILE: "The runner ran out of open files: lower 'concurrency'."
};
/** A local file-system failure (permissions, full disk, a path in the way), said plainly. */
function diskFailure(what, error) {
    const err = error;
    const code = err?.code;
    let reason = String(err?.message ?? error);
    // Node writes "ENOTDIR: not a directory, mkdir '/path'": the code once, no repeated path.
    if (err?.syscall)
        reason = reason.replace(new RegExp(`, ${err.syscall}\\b.*$`, 's'), '');
    if (code && !reason.startsWith(code))
        reason = `${code}: ${reason}`;
    const hint = (code && DISK_HINTS[code]) ??
        "Check the runner's free disk space and that input 'path' names a folder the job can write to.";
    return new ActionError(`Could not ${what} (${reason}). ${hint}`);
}


/***/ }),

/***/ 6950:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ formatRate),
/* harmony export */   IE: () => (/* binding */ ordinal),
/* harmony export */   MD: () => (/* binding */ quoteThenStop),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   hS: () => (/* binding */ counted),
/* harmony export */   jf: () => (/* binding */ errorReason),
/* harmony export */   ml: () => (/* binding */ shorten),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Human-readable figures for log lines and the job summary. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${Math.round(bytes)} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = bytes / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    const seconds = ms / 1000;
    if (seconds < 60)
        return `${seconds.toFixed(1)}s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}
function formatRate(bytes, ms) {
    return `${formatBytes(ms > 0 ? (bytes * 1000) / ms : 0)}/s`;
}
/** Text from a server (JSON, plain or an HTML error page) as one short line without markup. */
function shorten(text, limit = 300) {
    const plain = text
        .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    return plain.length > limit ? `${plain.slice(0, limit - 1)}…` : plain;
}
/**
 * Text quoted inside a sentence, then the sentence's end: `"Not found". ` but
 * `"Credentials are invalid." ` (no second full stop after a quote that ends a sentence).
 */
function quoteThenStop(text) {
    return /[.!?…]$/.test(text) ? `"${text}"` : `"${text}".`;
}
/** 1st, 2nd, 3rd, 4th, ... 11th, 12th, 13th, ... 21st. */
function ordinal(n) {
    const teen = n % 100 >= 11 && n % 100 <= 13;
    const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
    return `${n}${suffix}`;
}
/**
 * An error's reason as one trimmed line for a message or a retry line. OpenSSL's dumps
 * (`80BC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/…/ssl3_record.c:350:`)
 * become their words alone (`wrong version number`); only the first line is kept.
 */
function errorReason(error, limit = 300) {
    const text = String(error?.message ?? error);
    const opensslDump = /[0-9A-F]{6,}:error:[0-9A-F]+:[^:\n]*:[^:\n]*:([^:\n]+):[^\s:]*\.c:\d+:?/g;
    const firstLine = text
        .replace(opensslDump, '$1')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .find((line) => line !== '') ?? '';
    return shorten(firstLine.replace(/[\s:.]+$/, ''), limit);
}
/** A count and its noun: `1 file`, `3 files`; `many` where the plural is not the noun + s (`entries`). */
function counted(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}


/***/ }),

/***/ 728:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ HttpPool),
/* harmony export */   i: () => (/* binding */ readSmallBody)
/* harmony export */ });
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5338);

/**
 * HTTP plumbing shared by the Studio client and the transfers: proxy-aware clients
 * (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, through @actions/http-client). Retries: retry.ts.
 */
const USER_AGENT = 'dvc-studio-model-action';
/**
 * One keep-alive client per protocol: an HttpClient caches the agent of the first URL it
 * served, so http and https must not share one.
 */
class HttpPool {
    socketTimeoutMs;
    clients = new Map();
    constructor(socketTimeoutMs) {
        this.socketTimeoutMs = socketTimeoutMs;
    }
    /** Sends `url` exactly as received: no retries or auth handlers of the library's own. */
    get(url, headers = {}) {
        return this.client(new URL(url).protocol).request('GET', url, null, headers);
    }
    /**
     * POSTs `body` (GitHub's GraphQL API) to `url` alone: a redirect is answered as it is, not
     * followed, since the library keeps the Authorization header on another port of the same host.
     */
    post(url, body, headers = {}) {
        return this.client(new URL(url).protocol, false).request('POST', url, body, headers);
    }
    client(protocol, followRedirects = true) {
        const key = `${protocol}${followRedirects ? '' : ' no redirects'}`;
        let client = this.clients.get(key);
        if (!client) {
            client = new _actions_http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpClient */ .Qq(USER_AGENT, [], {
                keepAlive: true,
                allowRetries: false,
                allowRedirects: followRedirects,
                allowRedirectDowngrade: false,
                socketTimeout: this.socketTimeoutMs
            });
            this.clients.set(key, client);
        }
        return client;
    }
    dispose() {
        for (const client of this.clients.values())
            client.dispose();
        this.clients.clear();
    }
}
/** Reads at most `limit` bytes of a response body (error pages can be large), then drops the rest. */
async function readSmallBody(response, limit = 64 * 1024) {
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of response.message) {
            const buffer = chunk;
            if (size < limit)
                chunks.push(buffer.subarray(0, limit - size));
            size += buffer.length;
            if (size >= limit)
                break;
        }
    }
    catch {
        // A body cut short still explains what it can.
    }
    finally {
        response.message.destroy();
    }
    return Buffer.concat(chunks).toString('utf8');
}


/***/ }),

/***/ 6800:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NP: () => (/* binding */ queryValueForms),
/* harmony export */   Ng: () => (/* binding */ describeUrl),
/* harmony export */   _I: () => (/* binding */ scrub),
/* harmony export */   eo: () => (/* binding */ secretForms),
/* harmony export */   sL: () => (/* binding */ setSecrets)
/* harmony export */ });
/**
 * Keeping credentials out of logs. Signed URLs carry their credentials in the
 * query string, so anything printed shows a URL's origin and path at most.
 */
/** `https://host/path` of a URL: no query string, no fragment, no user info. */
function describeUrl(url) {
    try {
        const parsed = new URL(url);
        return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    }
    catch {
        return '(unparseable URL)';
    }
}
const URL_WITH_QUERY = /\b(https?:\/\/[^\s?#"'<>]*)\?[^\s"'<>]*/gi;
const PATH_WITH_QUERY = /(\/[^\s?#"'<>]*)\?[^\s"'<>]*/g;
/**
 * Removes query strings from every URL or request path in a text (error messages of
 * HTTP libraries often quote the request path with its query), and any of `secrets`.
 */
function scrub(text, secrets = []) {
    let out = text;
    for (const secret of secrets) {
        if (secret)
            out = out.split(secret).join('***');
    }
    return out.replace(URL_WITH_QUERY, '$1?***').replace(PATH_WITH_QUERY, '$1?***');
}
/**
 * Every form a query value may take when something prints it: as in the URL, percent-decoded
 * (a server quoting its StringToSign, an Azure error showing `+` and `=`), form-decoded (`+`
 * as a space), and re-encoded with either case of hex digits. A mask of one form does not hide
 * another.
 */
function secretForms(value) {
    const forms = new Set([value]);
    const decode = (text) => {
        try {
            return decodeURIComponent(text);
        }
        catch {
            return undefined;
        }
    };
    const decoded = decode(value);
    const formDecoded = decode(value.replace(/\+/g, ' '));
    // A `+` left raw in a URL is a space to a server that form-decodes the query.
    const plusAsSpace = decoded?.includes('+') ? decoded.replace(/\+/g, ' ') : undefined;
    for (const form of [decoded, formDecoded, plusAsSpace]) {
        if (form === undefined)
            continue;
        forms.add(form);
        const encoded = encodeURIComponent(form);
        forms.add(encoded);
        forms.add(encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
    }
    forms.add(value.replace(/%[0-9A-Fa-f]{2}/g, (escape) => escape.toUpperCase()));
    forms.add(value.replace(/%[0-9A-Fa-f]{2}/g, (escape) => escape.toLowerCase()));
    return [...forms].filter((form) => form.length > 0);
}
/**
 * The values of a URL's query in every form (secretForms), longest first so that a longer
 * one is scrubbed before a shorter one inside it. Values under 8 characters (`sr=b`,
 * `sp=r`) are left: they say nothing and would mask common words.
 */
function queryValueForms(url) {
    const start = url.indexOf('?');
    if (start < 0)
        return [];
    const query = url.slice(start + 1).split('#')[0];
    const forms = new Set();
    for (const pair of query.split('&')) {
        const value = pair.slice(pair.indexOf('=') + 1);
        if (pair.includes('=') && value.length >= 8)
            for (const form of secretForms(value))
                forms.add(form);
    }
    return [...forms].filter((form) => form.length >= 8).sort((a, b) => b.length - a.length);
}
/**
 * Masks every value, as core.setSecret does (`::add-mask::`, escaped alike), in one write:
 * stdout to the runner is a pipe, written synchronously, and a folder model of thousands of
 * files has two secrets per URL (measured: 6,000 masks cost ~0.3 s one write each).
 */
function setSecrets(values) {
    const lines = [...new Set(values)]
        .filter((value) => value !== '')
        .map((value) => `::add-mask::${value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    if (lines.length > 0)
        process.stdout.write(lines.join(''));
}


/***/ }),

/***/ 3581:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ freeSpace),
/* harmony export */   L: () => (/* binding */ DiskBudget)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1922);
/* harmony import */ var _common_format_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6950);




/**
 * The disk, known before it is filled. A model's file sizes come one by one (the first answer
 * of each download, the size of each cache hit); each is reserved on the volume where its
 * file lands, against the space that volume had free when the run first wrote to it. The
 * moment the sum passes that, the run stops before writing the file that cannot fit, rather
 * than filling the disk and failing on ENOSPC part-way through a file (or starving the
 * job's later steps of the disk).
 */
/** Free space on the volume holding `dir` (or its nearest existing parent); undefined if unknown. */
async function freeSpace(dir) {
    for (let at = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(dir);; at = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(at)) {
        try {
            const stats = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.statfs(at);
            return { free: stats.bavail * stats.bsize, blockBytes: stats.bsize || 4096 };
        }
        catch (error) {
            const code = error.code;
            if ((code !== 'ENOENT' && code !== 'ENOTDIR') || node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(at) === at)
                return undefined;
        }
    }
}
/** The folder a volume is mounted at: the highest parent of `dir` on the same device. */
async function mountPoint(dir, dev) {
    let at = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(dir);
    for (;;) {
        const parent = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(at);
        if (parent === at)
            return at;
        const stat = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat(parent).catch(() => undefined);
        if (!stat || stat.dev !== dev)
            return at;
        at = parent;
    }
}
class DiskBudget {
    destination;
    fileCount;
    /** Per folder files land in (a folder model has many files per folder); undefined: not checked. */
    folders = new Map();
    probing = new Map();
    devices = new Map();
    needs = new Map();
    /**
     * @param destination where the model lands (named in the message)
     * @param fileCount how many files the model has (the message says how many sizes are known)
     */
    constructor(destination, fileCount) {
        this.destination = destination;
        this.fileCount = fileCount;
    }
    /**
     * Learns the volume `file` will be written on (once per folder), before its transfer starts,
     * so that `need` can answer at once when the size arrives: a response's body is read on
     * without a pause after its head.
     */
    async watch(file) {
        const dir = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file);
        let probe = this.probing.get(dir);
        if (!probe) {
            probe = this.volumeOf(dir).then((volume) => void this.folders.set(dir, volume));
            this.probing.set(dir, probe);
        }
        await probe;
    }
    /**
     * `key`'s file, written at `file`, will take `bytes`; a later call for the same key replaces
     * this one (a cache hit that failed its check, then downloaded). Throws an ActionError,
     * leaving the budget as it was, when that passes the free space of the file's volume.
     * A folder not watched, or whose volume's free space cannot be read, is not checked (a full
     * disk then says ENOSPC).
     */
    need(key, file, bytes) {
        const volume = this.folders.get(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(file));
        if (!volume)
            return;
        // A file takes whole blocks: 3,000 files of 100 bytes take 3,000 blocks.
        const blocks = Math.ceil(bytes / volume.blockBytes) * volume.blockBytes;
        const earlier = this.needs.get(key);
        const reservedElsewhere = earlier?.volume === volume ? volume.reserved - earlier.bytes : volume.reserved;
        if (reservedElsewhere + blocks > volume.free)
            throw this.shortage(volume, key, bytes, reservedElsewhere + blocks);
        if (earlier)
            earlier.volume.reserved -= earlier.bytes;
        volume.reserved += blocks;
        this.needs.set(key, { volume, bytes: blocks });
    }
    async volumeOf(dir) {
        try {
            const { dev } = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat(dir);
            let volume = this.devices.get(dev);
            if (!volume) {
                volume = probeVolume(dir, dev);
                this.devices.set(dev, volume);
            }
            return await volume;
        }
        catch {
            return undefined;
        }
    }
    shortage(volume, key, bytes, needed) {
        const known = this.needs.size + (this.needs.has(key) ? 0 : 1);
        const sizes = known >= this.fileCount
            ? `The model needs ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(needed)}`
            : `The model needs at least ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(needed)} (the sizes of ${known} of its ${this.fileCount} files are known so far)`;
        return new _common_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ActionError */ .l(`Not enough disk space for the model at ${this.destination}. ${sizes}, and only ${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(volume.free)} is free on the volume mounted at ${volume.mount}. The transfer stopped before writing '${key}' (${(0,_common_format_js__WEBPACK_IMPORTED_MODULE_3__/* .formatBytes */ .z3)(bytes)}), and nothing of the model is left there. Free space on the runner before this step (files earlier steps left, unused Docker images or tool versions), use a runner with a larger disk, or set input 'path' to a folder on a bigger volume.`);
    }
}
async function probeVolume(dir, dev) {
    const space = await freeSpace(dir);
    if (!space)
        return undefined;
    return { dev, ...space, reserved: 0, mount: await mountPoint(dir, dev) };
}


/***/ }),

/***/ 2184:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A_: () => (/* binding */ stillMatches),
/* harmony export */   BU: () => (/* binding */ sameIdentity),
/* harmony export */   _J: () => (/* binding */ fileIdentitySync),
/* harmony export */   l6: () => (/* binding */ fileIdentity),
/* harmony export */   s2: () => (/* binding */ sameInode)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _integrity_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6644);



/** The identity of `file` (not following a link), or undefined when it is gone. */
async function fileIdentity(file) {
    return identityOf(await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat(file, { bigint: true }).catch(() => undefined));
}
/**
 * The same, synchronously: for thousands of files at a moment when nothing else runs (the
 * main step after its downloads), 3,000 take ~30 ms so against 100-150 ms through the thread pool.
 */
function fileIdentitySync(file) {
    try {
        return identityOf((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(file, { bigint: true }));
    }
    catch {
        return undefined;
    }
}
function identityOf(stat) {
    if (!stat?.isFile())
        return undefined;
    return {
        dev: String(stat.dev),
        ino: String(stat.ino),
        size: String(stat.size),
        mtimeNs: String(stat.mtimeNs),
        ctimeNs: String(stat.ctimeNs)
    };
}
function sameIdentity(a, b) {
    if (!a || !b)
        return false;
    return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}
/** Whether two identities name the same file on disk (one inode), whatever happened to it since. */
function sameInode(a, b) {
    return Boolean(a && b && a.dev === b.dev && a.ino === b.ino);
}
/**
 * Hashes `file` again (after its identity changed): whether its bytes still match `address`.
 * A file that is gone or not a regular file does not match.
 */
async function stillMatches(file, address) {
    const { O_RDONLY, O_NONBLOCK = 0, O_NOFOLLOW = 0 } = node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.constants;
    const handle = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open(file, O_RDONLY | O_NONBLOCK | O_NOFOLLOW).catch(() => undefined);
    if (!handle)
        return false;
    try {
        if (!(await handle.stat()).isFile())
            return false;
        const hasher = new _integrity_js__WEBPACK_IMPORTED_MODULE_2__/* .ContentHasher */ .Nk(address);
        for await (const piece of handle.createReadStream({ highWaterMark: 4 << 20, autoClose: false })) {
            hasher.update(piece);
        }
        return hasher.finish().verified;
    }
    catch {
        return false;
    }
    finally {
        await handle.close();
    }
}


/***/ }),

/***/ 6644:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   KV: () => (/* binding */ contentAddress),
/* harmony export */   Nk: () => (/* binding */ ContentHasher)
/* harmony export */ });
/* unused harmony export DVC2_CHUNK_SIZE */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

const DVC3_PATH = /\/files\/md5\/([0-9a-f]{2})\/([0-9a-f]{30})$/i;
const DVC2_PATH = /\/([0-9a-f]{2})\/([0-9a-f]{30})$/i;
/** The content address in a storage URL's path, if the path has the DVC remote shape. */
function contentAddress(url) {
    let pathname;
    try {
        pathname = decodeURIComponent(new URL(url).pathname);
    }
    catch {
        return undefined;
    }
    const dvc3 = DVC3_PATH.exec(pathname);
    if (dvc3)
        return { md5: (dvc3[1] + dvc3[2]).toLowerCase(), layout: 'dvc3' };
    const dvc2 = DVC2_PATH.exec(pathname);
    if (dvc2)
        return { md5: (dvc2[1] + dvc2[2]).toLowerCase(), layout: 'dvc2' };
    return undefined;
}
const CR = 0x0d;
const LF = 0x0a;
/**
 * DVC 2 read a text file in chunks of this size and replaced CRLF by LF in each chunk on its
 * own, so a CRLF split across two of its chunks stayed as it was. The check does the same.
 */
const DVC2_CHUNK_SIZE = 1 << 20;
/**
 * Hashes bytes as they arrive, once. For DVC 2 addresses it also keeps the MD5 that DVC 2
 * computed for text files: CRLF turned into LF within each of its 1 MiB read chunks.
 */
class ContentHasher {
    address;
    raw = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
    unix;
    pendingCR = false;
    /** Bytes fed since the last reset: where DVC 2's chunk boundaries fall. */
    offset = 0;
    /** The raw MD5 of the bytes, computed elsewhere (a worker thread) instead of fed here. */
    adopted;
    constructor(address) {
        this.address = address;
        this.reset();
    }
    reset() {
        this.raw = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5');
        this.unix = this.address?.layout === 'dvc2' ? (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('md5') : undefined;
        this.pendingCR = false;
        this.offset = 0;
        this.adopted = undefined;
    }
    /** Only the raw MD5 counts (no DVC 2 text hash): it may be computed elsewhere. */
    get rawOnly() {
        return this.unix === undefined;
    }
    /** The raw MD5 of the bytes, computed elsewhere instead of fed to update() (rawOnly only). */
    adoptRaw(md5) {
        if (!this.rawOnly)
            throw new Error('a DVC 2 address needs every byte fed to update()');
        this.adopted = md5;
    }
    update(chunk) {
        this.raw.update(chunk);
        if (!this.unix)
            return;
        for (let start = 0; start < chunk.length;) {
            const room = DVC2_CHUNK_SIZE - (this.offset % DVC2_CHUNK_SIZE);
            const piece = chunk.subarray(start, start + room);
            this.updateUnix(piece);
            start += piece.length;
            this.offset += piece.length;
            if (this.offset % DVC2_CHUNK_SIZE === 0 && this.pendingCR) {
                // A CR that ends one of DVC 2's chunks was hashed as it was.
                this.unix.update(Buffer.of(CR));
                this.pendingCR = false;
            }
        }
    }
    /** CRLF -> LF within one DVC 2 chunk, a trailing CR held until the next byte is seen. */
    updateUnix(chunk) {
        const unix = this.unix;
        if (chunk.length === 0)
            return;
        let start = 0;
        if (this.pendingCR) {
            this.pendingCR = false;
            if (chunk[0] !== LF)
                unix.update(Buffer.of(CR));
        }
        for (let cr = chunk.indexOf(CR, start); cr !== -1; cr = chunk.indexOf(CR, start)) {
            if (cr === chunk.length - 1) {
                unix.update(chunk.subarray(start, cr));
                this.pendingCR = true;
                return;
            }
            if (chunk[cr + 1] === LF) {
                unix.update(chunk.subarray(start, cr));
                start = cr + 1;
            }
            else {
                unix.update(chunk.subarray(start, cr + 1));
                start = cr + 1;
            }
        }
        unix.update(chunk.subarray(start));
    }
    /**
     * The raw MD5; whether the bytes match the content address (true when there is none); and
     * whether they were verified: there was an address and the bytes hash to it.
     */
    finish() {
        const md5 = this.adopted ?? this.raw.digest('hex');
        let unixMd5;
        if (this.unix) {
            if (this.pendingCR)
                this.unix.update(Buffer.of(CR));
            unixMd5 = this.unix.digest('hex');
        }
        const expected = this.address?.md5;
        const verified = expected !== undefined && (expected === md5 || expected === unixMd5);
        return { md5, matches: verified || !expected, verified };
    }
}


/***/ }),

/***/ 7099:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ lstatOrNothing),
/* harmony export */   Qq: () => (/* binding */ resolveDestinations)
/* harmony export */ });
/* unused harmony exports unsafeKeyReason, isInside */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _common_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(1922);




/**
 * Studio's response keys are paths chosen by someone else. This module turns them into
 * destinations that are guaranteed to lie inside the destination folder, or refuses.
 */
/** Names Windows gives to devices in every folder, with any extension ('nul.txt' too). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;
/**
 * Why a key is unsafe, or undefined when it is a plain relative path. On Windows, a ':' names
 * an NTFS alternate stream of another file, `<>"|?*` cannot be in a name, a trailing dot or
 * space is dropped (so 'a.' would overwrite 'a'), and device names open the device.
 */
function unsafeKeyReason(key, platform = process.platform) {
    if (key.length === 0)
        return 'it is empty';
    if (key.includes('\0'))
        return 'it contains a NUL byte';
    if (/^[a-zA-Z]:/.test(key))
        return 'it starts with a drive letter';
    if (key.startsWith('/') || key.startsWith('\\'))
        return 'it is an absolute path';
    const segments = key.split(/[\\/]/);
    if (segments.includes('..'))
        return "it contains a '..' segment";
    if (segments.every((s) => s === '' || s === '.'))
        return 'it names no file';
    if (segments[segments.length - 1] === '' || segments[segments.length - 1] === '.')
        return 'it names a folder, not a file';
    if (platform === 'win32') {
        for (const segment of segments) {
            if (segment === '' || segment === '.')
                continue;
            const bad = /[<>:"|?*]/.exec(segment);
            if (bad)
                return `it contains '${bad[0]}', which Windows does not allow in a file name`;
            if ([...segment].some((c) => c.charCodeAt(0) < 32))
                return 'it contains a control character';
            if (/[. ]$/.test(segment))
                return `'${segment}' ends with a dot or a space, which Windows drops from names`;
            if (WINDOWS_DEVICE.test(segment))
                return `'${segment}' is a device name on Windows`;
        }
    }
    return undefined;
}
/**
 * How the file system compares names: Windows and macOS (by default) ignore case, and macOS
 * Unicode normalization, so 'Model.bin' and 'model.bin' are one file there.
 */
function sameFileKey(target, platform) {
    return platform === 'win32' || platform === 'darwin' ? target.normalize('NFC').toLowerCase() : target;
}
/**
 * Maps each key to an absolute path under `destination`, after checking every key:
 * nothing is written when any key is unsafe, when two keys land on the same file or a
 * file would have to be a folder, or when a folder on the way is a symlink leading out.
 */
async function resolveDestinations(destination, keys, platform = process.platform) {
    const root = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(destination);
    const result = new Map();
    const owners = new Map();
    /** The same, keyed as the file system compares names. */
    const sameFile = new Map();
    for (const key of keys) {
        const reason = unsafeKeyReason(key, platform);
        const target = node_path__WEBPACK_IMPORTED_MODULE_2__.resolve(root, ...key.split(/[\\/]/).filter((s) => s !== '' && s !== '.'));
        if (reason || !isInside(root, target)) {
            throw unsafe(key, reason ?? 'it resolves outside the destination folder');
        }
        const earlier = sameFile.get(sameFileKey(target, platform));
        if (earlier !== undefined)
            throw unsafe(key, `it names the same file as '${earlier}'`);
        owners.set(target, key);
        sameFile.set(sameFileKey(target, platform), key);
        result.set(key, target);
    }
    // A file's path must not be a folder of another file ('a' and 'a/b').
    for (const [target, key] of owners) {
        for (let dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(target); dir !== root && isInside(root, dir); dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(dir)) {
            const other = sameFile.get(sameFileKey(dir, platform));
            if (other !== undefined)
                throw unsafe(key, `its folder '${other}' is also one of the model's files`);
        }
    }
    await checkExistingPaths(root, owners);
    return result;
}
/**
 * What is at `file` now, not following a link, or undefined: missing, or nothing this user can
 * look at (ENOTDIR, EACCES), whose use will tell.
 */
function lstatOrNothing(file) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(file, { throwIfNoEntry: false });
    }
    catch {
        return undefined;
    }
}
/**
 * Symlinks already in the destination could carry a write outside of it. Synchronous: one
 * `lstat` a file, and nothing else to do meanwhile; awaited one by one they cost a thread-pool
 * round trip each (a folder model of 3,000 files: ~0.1 s).
 */
async function checkExistingPaths(root, owners) {
    const realRoot = await realpathOrSelf(root);
    const checked = new Set();
    for (const [target, key] of owners) {
        for (let dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(target); isInside(root, dir) && !checked.has(dir); dir = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(dir)) {
            checked.add(dir);
            const stat = lstatOrNothing(dir);
            if (!stat)
                continue;
            if (stat.isSymbolicLink()) {
                const real = await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath(dir).catch(() => undefined);
                if (!real || !isInside(realRoot, real)) {
                    throw unsafe(key, `'${node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, dir)}' is a symlink that leads outside the destination folder`);
                }
            }
            else if (!stat.isDirectory()) {
                throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .l(`Cannot write '${key}': '${dir}' exists and is not a folder. Remove it, or set input 'path' to another destination folder.`);
            }
            if (dir === root)
                break;
        }
        const existing = lstatOrNothing(target);
        if (existing?.isDirectory()) {
            throw new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .l(`Cannot write '${key}': '${target}' exists and is a folder. Remove it, or set input 'path' to another destination folder.`);
        }
    }
}
async function realpathOrSelf(dir) {
    // The destination may not exist yet: resolve its nearest existing ancestor.
    const missing = [];
    let current = dir;
    for (;;) {
        try {
            return node_path__WEBPACK_IMPORTED_MODULE_2__.join(await node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath(current), ...missing.reverse());
        }
        catch {
            const parent = node_path__WEBPACK_IMPORTED_MODULE_2__.dirname(current);
            if (parent === current)
                return dir;
            missing.push(node_path__WEBPACK_IMPORTED_MODULE_2__.basename(current));
            current = parent;
        }
    }
}
function isInside(root, candidate) {
    // The common case, cheaply: a normalized path under the root's own spelling (path.relative
    // resolves both paths again each call, a cost a folder model of thousands of files feels).
    const prefix = root.endsWith(node_path__WEBPACK_IMPORTED_MODULE_2__.sep) ? root : root + node_path__WEBPACK_IMPORTED_MODULE_2__.sep;
    if (candidate.startsWith(prefix) && node_path__WEBPACK_IMPORTED_MODULE_2__.normalize(candidate) === candidate)
        return true;
    const relative = node_path__WEBPACK_IMPORTED_MODULE_2__.relative(root, candidate);
    return relative !== '..' && !relative.startsWith(`..${node_path__WEBPACK_IMPORTED_MODULE_2__.sep}`) && !node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute(relative);
}
function unsafe(key, reason) {
    return new _common_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ActionError */ .l(`Studio returned the file path '${key.replace(/\0/g, '\\0')}', which is refused because ${reason}; nothing was written. The model's registered paths must be relative paths inside the repository: check the model's declaration in dvc.yaml, or report this to your Studio administrator.`);
}


/***/ }),

/***/ 4795:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   bS: () => (/* binding */ CANNOT_LINK),
/* harmony export */   dq: () => (/* binding */ onAllCores),
/* harmony export */   gE: () => (/* binding */ cloneOrCopy),
/* harmony export */   qB: () => (/* binding */ tryLink)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);


/**
 * Why a link cannot be made here, as opposed to a real failure: another file system (EXDEV),
 * a file system or mount without hard links or with a policy against them (EPERM, ENOTSUP,
 * ENOSYS; fs.protected_hardlinks answers EPERM for a file the user does not own), or the
 * file's link count at its limit (EMLINK).
 */
const CANNOT_LINK = new Set(['EXDEV', 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);
/** Hard-links `existing` at `link`; false when this file system cannot (see CANNOT_LINK), and `why`. */
async function tryLink(existing, link) {
    try {
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.link(existing, link);
        return { linked: true };
    }
    catch (error) {
        const code = error.code ?? '';
        if (CANNOT_LINK.has(code))
            return { linked: false, why: code };
        throw error;
    }
}
/** A clone of `source` at `target` where the file system can make one, else a copy. */
async function cloneOrCopy(source, target) {
    try {
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile(source, target, node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.constants.COPYFILE_FICLONE_FORCE);
        return 'cloned';
    }
    catch {
        // No clone here (another file system, or one without copy-on-write): a real copy, whose
        // own failure is the one that counts. (Linux copies with copy_file_range, in the kernel.)
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile(source, target);
        return 'copied';
    }
}
/**
 * Runs `work` on every item, several at once: copies run on libuv's threads (and in the
 * kernel), so all cores work instead of one file after another.
 */
async function onAllCores(items, work) {
    const results = new Array(items.length);
    let next = 0;
    const lanes = Math.min(items.length, Math.max(4, 2 * (0,node_os__WEBPACK_IMPORTED_MODULE_1__.availableParallelism)()));
    await Promise.all(Array.from({ length: lanes }, async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    }));
    return results;
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _action_step_end_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1074);
// The action's entry point (dist/index.js is this file bundled), for the main and the post
// step alike: the main step leaves state `isPost`, which the runner hands to the post step.
// The post step loads none of the main step's code: ncc emits `import('./action/main.js')` as a chunk
// of its own. post.js, and actions-cache.ts, which both steps use, stay in dist/index.js
// ("eager"): as chunks they would cost the main step more files to load.


if (_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('isPost')) {
    const { runPost } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 7718));
    await runPost();
}
else {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('isPost', 'true');
    const { run } = await __nccwpck_require__.e(/* import() */ 480).then(__nccwpck_require__.bind(__nccwpck_require__, 8480));
    await run();
}
// Everything the step does has been awaited: the process ends when its event loop drains, with
// the exit code the step set (no process.exit(), which can hang Node 24: see step-end.ts).
(0,_action_step_end_js__WEBPACK_IMPORTED_MODULE_1__/* .endStep */ .C)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3838:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  q3: () => (/* binding */ getMultilineInput),
  Gu: () => (/* binding */ getState),
  Os: () => (/* binding */ group),
  pq: () => (/* binding */ info),
  _o: () => (/* binding */ isDebug),
  lm: () => (/* binding */ notice),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  z: () => (/* reexport */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, endGroup, exportVariable, getBooleanInput, getIDToken, markdownSummary, platform, setCommandEcho, startGroup, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 2 modules
var lib = __nccwpck_require__(5338);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/auth.js
var auth = __nccwpck_require__(2145);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 4 modules
var lib_exec = __nccwpck_require__(5334);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    command_issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', file_command_prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, utils_toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 5334:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  m: () => (/* binding */ exec)
});

// UNUSED EXPORTS: getExecOutput

;// CONCATENATED MODULE: external "string_decoder"
const external_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io.js
var io = __nccwpck_require__(8701);
// EXTERNAL MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util = __nccwpck_require__(90);
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return __awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!io_util/* isRooted */.Qh(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield io/* which */.K7(this.toolPath, true);
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield io_util/* exists */.t2(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map

/***/ }),

/***/ 2145:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   tZ: () => (/* binding */ BearerCredentialHandler)
/* harmony export */ });
/* unused harmony exports BasicCredentialHandler, PersonalAccessTokenCredentialHandler */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map

/***/ }),

/***/ 5338:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient),
  Kg: () => (/* binding */ HttpClientError),
  Hv: () => (/* binding */ HttpCodes),
  s_: () => (/* binding */ lib_getProxyUrl)
});

// UNUSED EXPORTS: Headers, HttpClientResponse, MediaTypes, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
;// CONCATENATED MODULE: ./tools/undici-proxy-agent-stub.js
// Bundled in place of undici (tsconfig.json "paths", checked by tools/bundle.mjs): @actions/http-client
// imports undici only for ProxyAgent, which only getAgentDispatcher() uses, a fetch dispatcher this action
// never asks for. The real undici would add ~940 kB to dist/ and ~40-60 ms to every run's start.
// Should anything ever construct it, it fails loudly instead of silently.
class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled in this action: HttpClient.getAgentDispatcher() is not supported')
  }
}

;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 90:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ck: () => (/* binding */ mkdir),
/* harmony export */   H8: () => (/* binding */ IS_WINDOWS),
/* harmony export */   Qh: () => (/* binding */ isRooted),
/* harmony export */   rm: () => (/* binding */ rm),
/* harmony export */   t2: () => (/* binding */ exists),
/* harmony export */   vr: () => (/* binding */ tryGetExecutablePath)
/* harmony export */ });
/* unused harmony exports chmod, copyFile, lstat, open, readdir, rename, rmdir, stat, symlink, unlink, readlink, UV_FS_O_EXLOCK, READONLY, isDirectory, getCmdPath */
/* harmony import */ var fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9896);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs__WEBPACK_IMPORTED_MODULE_0__.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = path__WEBPACK_IMPORTED_MODULE_1__.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = path__WEBPACK_IMPORTED_MODULE_1__.dirname(filePath);
                        const upperName = path__WEBPACK_IMPORTED_MODULE_1__.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = path__WEBPACK_IMPORTED_MODULE_1__.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map

/***/ }),

/***/ 8701:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K7: () => (/* binding */ which),
/* harmony export */   U$: () => (/* binding */ mkdirP),
/* harmony export */   Yz: () => (/* binding */ rmRF)
/* harmony export */ });
/* unused harmony exports cp, mv, findInPath */
/* harmony import */ var assert__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2613);
/* harmony import */ var path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6928);
/* harmony import */ var _io_util_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(90);
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return __awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return __awaiter(this, void 0, void 0, function* () {
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        (0,assert__WEBPACK_IMPORTED_MODULE_0__.ok)(fsPath, 'a path argument must be provided');
        yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .mkdir */ .Ck(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return __awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .IS_WINDOWS */ .H8 && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (_io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .isRooted */ .Qh(tool)) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(path__WEBPACK_IMPORTED_MODULE_1__.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(path__WEBPACK_IMPORTED_MODULE_1__.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield _io_util_js__WEBPACK_IMPORTED_MODULE_2__/* .tryGetExecutablePath */ .vr(path__WEBPACK_IMPORTED_MODULE_1__.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return __awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function copyFile(srcFile, destFile, force) {
    return __awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
