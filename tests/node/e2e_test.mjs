// End-to-end test from a second foreign client: Node.js with npm's
// @grpc/grpc-js, the .proto files loaded at run time by @grpc/proto-loader.
//
// Starts the real server binary on a fresh database of the test PostgreSQL
// cluster with an admin key in $VENDORMATCH_ADMIN_KEY, imports providers, and
// checks health, keys and roles, matching, error details and 64-bit fields
// the way a Node.js procurement client would see them.
//
// Run by CTest (see tests/node/CMakeLists.txt):
//   node e2e_test.mjs --server BIN --plugin-dir DIR --proto-root DIR
//        --google-protos DIR --grpc-protos DIR --pg-dir DIR --node-modules DIR
// It is a node:test file run directly (node >= 18): it exits non-zero when a
// test fails.
//
// 64-bit integers: loaded with `longs: String`, so int64 fields (revisions,
// money's minor_units) arrive as decimal strings, exact at any size; the test
// compares them as strings or BigInts, never as floating-point Numbers.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

const { values: ARGS } = parseArgs({
  options: Object.fromEntries(
    ['server', 'plugin-dir', 'proto-root', 'google-protos', 'grpc-protos', 'pg-dir', 'node-modules']
      .map((name) => [name, { type: 'string' }])),
});
for (const name of ['server', 'plugin-dir', 'proto-root', 'google-protos', 'grpc-protos', 'pg-dir',
  'node-modules']) {
  if (!ARGS[name]) throw new Error(`missing --${name}`);
}

// The npm packages live in the tools folder, outside this tree.
const require = createRequire(path.join(path.resolve(ARGS['node-modules']), 'noop.js'));
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const LOADER_OPTIONS = {
  keepCase: true,   // field names as in the .proto files, like the other clients
  longs: String,    // int64 as exact decimal strings
  enums: String,    // enum values by name
  defaults: true,   // unset scalars read as their defaults ("0", "", ...)
  oneofs: true,
  includeDirs: [ARGS['proto-root'], ARGS['google-protos'], ARGS['grpc-protos']],
};

function loadProtos() {
  const vendormatch = fs.readdirSync(path.join(ARGS['proto-root'], 'vendormatch/v1'))
    .filter((f) => f.endsWith('.proto')).sort().map((f) => `vendormatch/v1/${f}`);
  const files = [...vendormatch, 'google/rpc/status.proto', 'google/rpc/error_details.proto',
    'grpc/health/v1/health.proto'];
  const definition = protoLoader.loadSync(files, LOADER_OPTIONS);
  return { definition, api: grpc.loadPackageDefinition(definition) };
}

const { definition: DEFS, api: API } = loadProtos();
const V1 = API.vendormatch.v1;

// Adds "authorization: Bearer KEY" to every call of a client.
function bearer(key) {
  return (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      metadata.set('authorization', `Bearer ${key}`);
      next(metadata, listener);
    },
  });
}

// Promise-returning unary call with a deadline; rejects with the ServiceError
// (code, details, metadata = trailers).
function unary(client, method, request, { timeoutMs = 10000, metadata } = {}) {
  return new Promise((resolve, reject) => {
    const md = metadata ?? new grpc.Metadata();
    client[method](request, md, { deadline: Date.now() + timeoutMs }, (err, reply) => {
      if (err) reject(err);
      else resolve(reply);
    });
  });
}

// Runs `call`, which must fail with `code`; returns the error.
async function expectCode(call, code, what) {
  const err = await call.then(
    (reply) => assert.fail(`${what}: expected ${grpc.status[code]}, got a reply ${JSON.stringify(reply)}`),
    (e) => e);
  assert.equal(err.code, code,
    `${what}: expected ${grpc.status[code]}, got ${grpc.status[err.code]} (${err.details})`);
  return err;
}

// Says what a test checks, in its own section of the report.
function check(t, what) {
  t.diagnostic(`checks: ${what}`);
}

// --- The server and its database --------------------------------------------------------

const STATE = { server: null, db: null, clusterUrl: null, tmp: null, cleaned: false };

function psql(sql) {
  const r = spawnSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', STATE.clusterUrl, '-c', sql],
    { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`);
}

// Kills the server and drops the database; synchronous, so it can also run
// from the process's exit and signal handlers. Safe to call more than once.
function cleanup() {
  if (STATE.cleaned) return;
  STATE.cleaned = true;
  if (STATE.server && STATE.server.exitCode === null && STATE.server.signalCode === null) {
    STATE.server.kill('SIGKILL');
  }
  if (STATE.db) {
    try {
      psql(`DROP DATABASE IF EXISTS ${STATE.db} WITH (FORCE)`);
    } catch (e) {
      console.error(`# cleanup: ${e.message}`);
    }
  }
}

function serverLog() {
  try {
    return fs.readFileSync(path.join(STATE.tmp, 'server.log'), 'utf8');
  } catch {
    return '';
  }
}

process.on('exit', (code) => {
  cleanup();
  if (code !== 0 || process.exitCode) {
    const log = serverLog().split('\n').slice(-60).join('\n');
    if (log.trim()) fs.writeSync(2, `# server log (last lines):\n${log}\n`);
  }
  if (STATE.tmp) fs.rmSync(STATE.tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(1);
  });
}

async function startServer(adminKey, dbUrl) {
  STATE.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vendormatch-node-e2e-'));
  const log = fs.openSync(path.join(STATE.tmp, 'server.log'), 'w');
  const server = spawn(ARGS.server, ['--listen=127.0.0.1:0', '--http_listen=127.0.0.1:0',
    `--database_url=${dbUrl}`,
    `--plugin_dir=${ARGS['plugin-dir']}`], {
    stdio: ['ignore', 'pipe', log],
    env: { ...process.env, VENDORMATCH_ADMIN_KEY: adminKey },
  });
  fs.closeSync(log);
  STATE.server = server;
  // The server prints "vendormatch: serving on HOST:PORT" on stdout once it
  // listens (its log goes to stderr).
  const lines = readline.createInterface({ input: server.stdout });
  const seen = [];
  const address = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start within 60 s')), 60000);
    const fail = (why) => {
      clearTimeout(timer);
      reject(new Error(`server did not start (${why}): ${JSON.stringify(seen.join('\n'))}`));
    };
    lines.on('line', (line) => {
      seen.push(line);
      const http = /^vendormatch: HTTP on (\S+)$/.exec(line.trim());
      if (http) STATE.http = `http://${http[1]}`;
      const m = /serving on (\S+)$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('error', (e) => fail(e.message));
    server.on('exit', (code, signal) => fail(`exited with ${code ?? signal}`));
  });
  // Keep draining stdout so a full pipe never blocks the server.
  lines.on('line', () => {});
  return address;
}

// --- The data --------------------------------------------------------------------------

// 12 providers: node-000, node-003, node-006, node-009 do KPO legal research
// from India; the other 8 do BPO customer support from the Philippines.
const TOTAL = 12;
const isKpo = (i) => i % 3 === 0;
const KPO_NAMES = [...Array(TOTAL).keys()].filter(isKpo).map((i) => providerName(i));
const BPO_NAMES = [...Array(TOTAL).keys()].filter((i) => !isKpo(i)).map((i) => providerName(i));
// A minimum monthly value above 2^32 (and up to the registry's 10^14 limit):
// it only survives as a 64-bit integer.
const BIG_MONTHLY_VALUE = '98765432101234';

function providerName(i) {
  return `providers/node-${String(i).padStart(3, '0')}`;
}

function provider(i) {
  const kpo = isKpo(i);
  const id = String(i).padStart(3, '0');
  const p = {
    name: providerName(i),
    display_name: `${kpo ? 'Counsel' : 'Contact'} Partner ${id}`,
    legal_name: `Node Partner ${id} Ltd`,
    headquarters_country: kpo ? 'IN' : 'PH',
    status: 'STATUS_ACTIVE',
    service_models: [kpo ? 'SERVICE_MODEL_KPO' : 'SERVICE_MODEL_BPO'],
    services: kpo ? ['MARKET_RESEARCH', 'LEGAL_PROCESS_OUTSOURCING'] : ['CUSTOMER_SUPPORT'],
    languages: ['en'],
    industries: kpo ? ['LEGAL'] : ['RETAIL_ECOMMERCE'],
    declared_delivery_models: ['DELIVERY_MODEL_OFFSHORE'],
    delivery_centers: [{
      country_code: kpo ? 'IN' : 'PH',
      city: kpo ? 'Pune' : 'Cebu City',
      time_zone: kpo ? 'Asia/Kolkata' : 'Asia/Manila',
      headcount: 300,
      seats_available: 40,
    }],
    // Money in integer minor units; int64 sent as strings, as it comes back.
    rate_card: [{ hourly_rate: { currency_code: 'USD', minor_units: kpo ? '2400' : '1100' } }],
    // Distinct ratings, so the KPO ranking has an order to check.
    quality: { rating: 3.5 + 0.125 * (i % 8), review_count: 50, sla_attainment_percent: 97.0 },
  };
  if (kpo) {
    p.certifications = [{
      code: 'ISO27001',
      issue_date: { year: 2024, month: 1, day: 15 },
      expiry_date: { year: 2030, month: 12, day: 31 },
    }];
  }
  if (i === 0) {
    // A fuller rate card, by service and seniority, and a big minimum.
    p.rate_card = [
      { hourly_rate: { currency_code: 'USD', minor_units: '2400' } },
      { service: 'LEGAL_PROCESS_OUTSOURCING', seniority: 'SENIORITY_SENIOR',
        hourly_rate: { currency_code: 'USD', minor_units: '4599' } },
      { service: 'MARKET_RESEARCH', seniority: 'SENIORITY_JUNIOR',
        hourly_rate: { currency_code: 'INR', minor_units: '150001' } },
    ];
    p.minimum_engagement = {
      headcount: 2, duration_months: 12,
      monthly_value: { currency_code: 'USD', minor_units: BIG_MONTHLY_VALUE },
    };
  }
  return p;
}

// A US law firm's legal research, worked in New York hours, under NDA.
function legalResearchRequirement() {
  const start = new Date(Date.now() + 60 * 86400 * 1000);
  return {
    services: ['LEGAL_PROCESS_OUTSOURCING'],
    preferred_service_model: 'SERVICE_MODEL_KPO',
    client_country: 'US',
    client_time_zone: 'America/New_York',
    rate_ceiling: { currency_code: 'USD', minor_units: '12000' },
    headcount: 5,
    start_date: { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate() },
    certifications: ['ISO27001'],
    languages: ['en'],
    industry: 'LEGAL',
    collaboration: 'LEVEL_HIGH',
  };
}

// --- The tests -------------------------------------------------------------------------

describe('vendormatch from a Node.js client (@grpc/grpc-js)', () => {
  const ctx = {};

  before(async () => {
    STATE.clusterUrl = fs.readFileSync(path.join(ARGS['pg-dir'], 'url'), 'utf8').trim();
    const db = `vmtest_node_${randomBytes(5).toString('hex')}`;
    psql(`CREATE DATABASE ${db}`);
    STATE.db = db;
    const dbUrl = STATE.clusterUrl.replace('postgresql:///postgres?', `postgresql:///${db}?`);
    assert.notEqual(dbUrl, STATE.clusterUrl, 'cluster URL not in the expected form');
    // The first admin key, as an operator would give it: in the environment.
    ctx.adminKey = `vmk_${randomBytes(32).toString('base64url')}`;
    ctx.address = await startServer(ctx.adminKey, dbUrl);
    console.log(`# server on ${ctx.address}, database ${db}`);

    const creds = grpc.credentials.createInsecure();
    const keyed = (key) => ({ interceptors: [bearer(key)] });
    ctx.health = new API.grpc.health.v1.Health(ctx.address, creds);
    ctx.anonymousRegistry = new V1.RegistryService(ctx.address, creds);
    ctx.registry = new V1.RegistryService(ctx.address, creds, keyed(ctx.adminKey));
    ctx.matching = new V1.MatchingService(ctx.address, creds, keyed(ctx.adminKey));
    ctx.keys = new V1.KeyService(ctx.address, creds, keyed(ctx.adminKey));
    ctx.keyed = keyed;
    ctx.creds = creds;

    // An admin imports the providers.
    ctx.sent = [...Array(TOTAL).keys()].map(provider);
    const metadata = new grpc.Metadata();
    metadata.set('vendormatch-actor', 'node-e2e');
    ctx.imported = await unary(ctx.registry, 'ImportProviders',
      { providers: ctx.sent, mode: 'MODE_CREATE' }, { timeoutMs: 30000, metadata });

    // Matching reads a snapshot that follows the registry a moment later
    // (LISTEN/NOTIFY); a client that just wrote waits until it sees them.
    const deadline = Date.now() + 20000;
    for (;;) {
      const reply = await unary(ctx.matching, 'MatchProviders', {
        requirement: { services: ['CUSTOMER_SUPPORT'], client_country: 'US',
          client_time_zone: 'America/New_York' },
        top_k: 1,
      });
      if (reply.candidates_considered === TOTAL) break;
      if (Date.now() > deadline) {
        throw new Error(`snapshot r${reply.snapshot_revision} holds ${reply.candidates_considered} `
          + `of ${TOTAL} providers`);
      }
      await sleep(20);
    }
  });

  after(() => {
    for (const client of ['health', 'anonymousRegistry', 'registry', 'matching', 'keys']) {
      ctx[client]?.close();
    }
    cleanup();
  });

  it('reports SERVING to health checks, without a key', async (t) => {
    for (const service of ['', 'vendormatch.v1.RegistryService', 'vendormatch.v1.MatchingService',
      'vendormatch.v1.KeyService']) {
      check(t, `grpc.health.v1.Health/Check ${JSON.stringify(service)} is SERVING`);
      const reply = await unary(ctx.health, 'Check', { service }, { timeoutMs: 5000 });
      assert.equal(reply.status, 'SERVING', `health of ${JSON.stringify(service)}`);
    }
  });

  it('refuses calls without a valid key as UNAUTHENTICATED', async (t) => {
    check(t, 'ListCatalogEntries without a key is UNAUTHENTICATED and says how to send one');
    const err = await expectCode(unary(ctx.anonymousRegistry, 'ListCatalogEntries', {}),
      grpc.status.UNAUTHENTICATED, 'no key');
    assert.match(err.details, /Bearer/);

    check(t, 'a made-up key is UNAUTHENTICATED');
    const stranger = new V1.RegistryService(ctx.address, ctx.creds,
      ctx.keyed(`vmk_${randomBytes(32).toString('base64url')}`));
    try {
      await expectCode(unary(stranger, 'ListCatalogEntries', {}), grpc.status.UNAUTHENTICATED,
        'unknown key');
    } finally {
      stranger.close();
    }
  });

  it('gives a reader key created by the admin read access only', async (t) => {
    check(t, 'KeyService.CreateApiKey (admin) makes a ROLE_READER key and shows its secret');
    const created = await unary(ctx.keys, 'CreateApiKey',
      { api_key: { role: 'ROLE_READER', label: 'node e2e reader' } });
    assert.match(created.api_key.name, /^apiKeys\/.+/);
    assert.equal(created.api_key.role, 'ROLE_READER');
    assert.equal(created.api_key.label, 'node e2e reader');
    assert.ok(created.secret, 'no secret returned');
    assert.notEqual(created.secret, ctx.adminKey);

    const reader = new V1.RegistryService(ctx.address, ctx.creds, ctx.keyed(created.secret));
    const readerMatching = new V1.MatchingService(ctx.address, ctx.creds, ctx.keyed(created.secret));
    try {
      check(t, 'the reader reads: GetProvider and a filtered ListProviders');
      const got = await unary(reader, 'GetProvider', { name: KPO_NAMES[0] });
      assert.equal(got.provider.name, KPO_NAMES[0]);
      const listed = await unary(reader, 'ListProviders',
        { filter: 'service_model = KPO', page_size: 100 });
      assert.deepEqual(listed.providers.map((p) => p.name), KPO_NAMES);

      check(t, 'the reader may not CreateProvider (admin only): PERMISSION_DENIED, nothing written');
      const p = provider(1);
      delete p.name;
      const denied = await expectCode(
        unary(reader, 'CreateProvider', { provider: p, provider_id: 'node-reader-write' }),
        grpc.status.PERMISSION_DENIED, 'reader CreateProvider');
      assert.match(denied.details, /ROLE_READER|reader/i);
      await expectCode(unary(ctx.registry, 'GetProvider', { name: 'providers/node-reader-write' }),
        grpc.status.NOT_FOUND, 'provider the reader tried to create');

      check(t, 'the reader may not MatchProviders (procurement and admins): PERMISSION_DENIED');
      await expectCode(unary(readerMatching, 'MatchProviders',
        { requirement: legalResearchRequirement(), profile: 'profiles/expertise_first' }),
      grpc.status.PERMISSION_DENIED, 'reader MatchProviders');
    } finally {
      reader.close();
      readerMatching.close();
    }
  });

  it('imported every provider, in request order', (t) => {
    check(t, `ImportProviders created ${TOTAL} providers named as sent`);
    assert.equal(ctx.imported.created_count, TOTAL);
    assert.equal(ctx.imported.updated_count, 0);
    assert.deepEqual(ctx.imported.names, ctx.sent.map((p) => p.name));
  });

  it('ranks and explains a legal-research shortlist under profiles/expertise_first', async (t) => {
    const reply = await unary(ctx.matching, 'MatchProviders', {
      requirement: legalResearchRequirement(), profile: 'profiles/expertise_first', top_k: 20,
    });
    check(t, 'the reply names the profile and revisions (int64 as strings)');
    assert.equal(reply.profile, 'profiles/expertise_first');
    assert.equal(typeof reply.snapshot_revision, 'string');
    assert.ok(BigInt(reply.snapshot_revision) >= 1n, `snapshot r${reply.snapshot_revision}`);
    assert.ok(BigInt(reply.profile_revision) >= 1n, `profile r${reply.profile_revision}`);
    assert.equal(reply.candidates_considered, TOTAL);

    check(t, `only the ${KPO_NAMES.length} KPO providers are eligible, eligible_count equals that`);
    assert.equal(reply.eligible_count, KPO_NAMES.length);
    assert.equal(reply.matches.length, KPO_NAMES.length);
    assert.deepEqual(reply.matches.map((m) => m.provider).sort(), [...KPO_NAMES].sort());

    check(t, 'each match is ranked 1..n, scored and explained, with an offshore India delivery decision');
    reply.matches.forEach((match, index) => {
      assert.equal(match.rank, index + 1, match.provider);
      assert.ok(match.matched_services.includes('LEGAL_PROCESS_OUTSOURCING'), match.provider);
      assert.ok(match.scores.length > 0, `${match.provider} has no scores`);
      for (const score of match.scores) {
        assert.ok(score.plugin, `${match.provider}: a score without a plugin`);
        assert.ok(score.reason, `${match.provider} ${score.plugin}: no reason`);
        assert.ok(score.normalized_score >= 0 && score.normalized_score <= 100,
          `${match.provider} ${score.plugin}: ${score.normalized_score}`);
      }
      const sum = match.scores.reduce((s, c) => s + c.contribution, 0);
      assert.ok(Math.abs(sum - match.total_score) < 1e-6,
        `${match.provider}: contributions ${sum} != total ${match.total_score}`);
      assert.ok(match.delivery, `${match.provider} has no delivery decision`);
      assert.equal(match.delivery.delivery_model, 'DELIVERY_MODEL_OFFSHORE', match.provider);
      assert.equal(match.delivery.country_code, 'IN', match.provider);
      assert.ok(match.delivery.rule, `${match.provider}: no delivery rule`);
    });

    check(t, 'best first; equal totals in provider-name order');
    for (let i = 1; i < reply.matches.length; i++) {
      const [a, b] = [reply.matches[i - 1], reply.matches[i]];
      assert.ok(a.total_score > b.total_score
        || (a.total_score === b.total_score && a.provider < b.provider),
      `${a.provider} (${a.total_score}) ranked above ${b.provider} (${b.total_score})`);
    }

    check(t, `filter_outcomes: the services filter removed the ${BPO_NAMES.length} BPO providers`);
    const services = reply.filter_outcomes.find((o) => o.plugin === 'services');
    assert.ok(services, `no services outcome in ${JSON.stringify(reply.filter_outcomes)}`);
    assert.equal(services.removed, BPO_NAMES.length);
    const reasons = Object.fromEntries(services.reasons.map((r) => [r.reason, r.count]));
    assert.equal(reasons.service_not_offered, BPO_NAMES.length);
    const removedElsewhere = reply.filter_outcomes.filter((o) => o.plugin !== 'services')
      .reduce((n, o) => n + o.removed, 0);
    assert.equal(removedElsewhere, 0, `other filters removed providers: ${reply.summary}`);
    assert.match(reply.summary, new RegExp(`${BPO_NAMES.length} service_not_offered`));
  });

  it('names the profile field of a bad request in google.rpc.BadRequest details', async (t) => {
    check(t, 'an unknown profile is INVALID_ARGUMENT');
    const err = await expectCode(unary(ctx.matching, 'MatchProviders',
      { requirement: legalResearchRequirement(), profile: 'profiles/no_such' }),
    grpc.status.INVALID_ARGUMENT, 'unknown profile');

    check(t, 'grpc-status-details-bin decodes to google.rpc.Status holding a BadRequest on "profile"');
    const [bin] = err.metadata.get('grpc-status-details-bin');
    assert.ok(Buffer.isBuffer(bin), 'no grpc-status-details-bin trailer');
    const status = DEFS['google.rpc.Status'].deserialize(bin);
    assert.equal(status.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(status.message, err.details);
    // A client finds each detail by its type (AIP-193: an ErrorInfo is always there).
    const detail = (type) => status.details.find((d) => d.type_url === `type.googleapis.com/${type}`);
    const any = detail('google.rpc.BadRequest');
    assert.ok(any, JSON.stringify(status.details));
    const badRequest = DEFS['google.rpc.BadRequest'].deserialize(any.value);
    assert.deepEqual(badRequest.field_violations.map((v) => v.field), ['profile']);
    assert.ok(badRequest.field_violations[0].description, 'violation without a description');

    check(t, 'and a google.rpc.ErrorInfo with a stable reason in domain vendormatch.v1');
    const info = DEFS['google.rpc.ErrorInfo'].deserialize(detail('google.rpc.ErrorInfo').value);
    assert.equal(info.reason, 'INVALID_FIELD');
    assert.equal(info.domain, 'vendormatch.v1');
  });

  it('round-trips money in minor units and 64-bit integers exactly', async (t) => {
    const [sent] = ctx.sent;
    const { provider: got } = await unary(ctx.registry, 'GetProvider', { name: sent.name });
    check(t, `GetProvider ${sent.name} returns the rate card as sent (minor units, int64 strings)`);
    const rates = (card) => card.map((r) => ({
      service: r.service ?? '', seniority: r.seniority ?? 'SENIORITY_UNSPECIFIED',
      currency_code: r.hourly_rate.currency_code, minor_units: r.hourly_rate.minor_units,
    }));
    assert.deepEqual(rates(got.rate_card), rates(sent.rate_card));

    check(t, `minimum monthly value ${BIG_MONTHLY_VALUE} (> 2^32) comes back digit for digit`);
    assert.equal(got.minimum_engagement.monthly_value.currency_code, 'USD');
    assert.equal(got.minimum_engagement.monthly_value.minor_units, BIG_MONTHLY_VALUE);
    assert.ok(BigInt(got.minimum_engagement.monthly_value.minor_units) > 2n ** 32n);

    check(t, 'revision (int64) is the string "1" for a provider written once; etag set');
    assert.equal(got.revision, '1');
    assert.ok(got.etag, 'no etag');

    check(t, 'a BPO provider reads back its single rate card entry');
    const { provider: bpo } = await unary(ctx.registry, 'GetProvider', { name: BPO_NAMES[0] });
    assert.deepEqual(rates(bpo.rate_card), [
      { service: '', seniority: 'SENIORITY_UNSPECIFIED', currency_code: 'USD', minor_units: '1100' }]);
    assert.equal(bpo.revision, '1');
  });

  it('reads the same provider over HTTP/JSON (fetch), int64 as strings, names in lowerCamelCase',
    async (t) => {
      const [sent] = ctx.sent;
      const id = sent.name.split('/')[1];
      const reply = await fetch(`${STATE.http}/v1/providers/${id}`,
        { headers: { Authorization: `Bearer ${ctx.adminKey}` } });
      check(t, `GET /v1/providers/${id} is 200 with an X-Request-Id`);
      assert.equal(reply.status, 200);
      assert.ok(reply.headers.get('x-request-id'));
      const { provider: got } = await reply.json();
      check(t, 'the JSON mapping: lowerCamelCase, int64 money as a decimal string, enums by name');
      assert.equal(got.name, sent.name);
      assert.equal(got.minimumEngagement.monthlyValue.minorUnits, BIG_MONTHLY_VALUE);
      assert.equal(got.revision, '1');
      assert.ok(got.serviceModels.every((m) => m.startsWith('SERVICE_MODEL_')));

      check(t, 'a reader-less call is 401 with a google.rpc.Status body');
      const anonymous = await fetch(`${STATE.http}/v1/providers/${id}`);
      assert.equal(anonymous.status, 401);
      assert.equal((await anonymous.json()).code, 16);
    });
});
