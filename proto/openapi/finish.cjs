// Finishes the OpenAPI document of the HTTP API. Debian's protoc-gen-swagger
// (golang-grpc-gateway 1.6) writes a Swagger 2.0 document from the
// google.api.http rules; this script corrects what that old generator gets
// wrong or leaves out, converts it to OpenAPI 3.0 (swagger2openapi) and adds
// what the listener does beyond the rules (services/gateway/http_gateway.h):
//   - path templates: /v1/{name=providers/*} becomes /v1/providers/{provider};
//   - query parameters from the request messages (protobufjs), in
//     lowerCamelCase, including those of methods whose body is one field;
//   - FieldMask as its JSON string form; errors as google.rpc.Status;
//   - bearer keys, X-Request-Id, grpc-timeout and $timeout; /healthz, /readyz.
//
//   node finish.cjs SWAGGER_JSON OUT_JSON VERSION INCLUDE_DIR... -- PROTO...
'use strict';
const fs = require('fs');
const path = require('path');
const protobuf = require('protobufjs');
const swagger2openapi = require('swagger2openapi');

const [swaggerFile, outFile, version, ...rest] = process.argv.slice(2);
const split = rest.indexOf('--');
const includes = rest.slice(0, split);
const protos = rest.slice(split + 1);

function loadProtos() {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    for (const dir of includes) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) return candidate;
    }
    return target;
  };
  root.loadSync(protos.map((p) => path.relative(includes[0], p)), { keepCase: true, alternateCommentMode: true });
  root.resolveAll();
  const methods = new Map();
  for (const service of root.nestedArray.flatMap(function walk(n) {
    return n instanceof protobuf.Service ? [n] : (n.nestedArray || []).flatMap(walk);
  })) {
    for (const m of Object.values(service.methods)) methods.set(m.name, m);
  }
  return methods;
}

const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const singular = (collection) => collection.replace(/s$/, '');

// The schema of a query parameter for field `f`, or null when it cannot be one.
function queryType(f) {
  const scalar = {
    bool: { type: 'boolean' }, string: { type: 'string' }, bytes: { type: 'string', format: 'byte' },
    double: { type: 'number', format: 'double' }, float: { type: 'number', format: 'float' },
    int32: { type: 'integer', format: 'int32' }, sint32: { type: 'integer', format: 'int32' },
    uint32: { type: 'integer', format: 'int64' }, int64: { type: 'string', format: 'int64' },
    uint64: { type: 'string', format: 'uint64' }, sint64: { type: 'string', format: 'int64' },
  }[f.type];
  let schema = scalar;
  if (!schema && f.resolvedType instanceof protobuf.Enum) {
    schema = { type: 'string', enum: Object.keys(f.resolvedType.values) };
  }
  if (!schema && f.resolvedType && f.resolvedType.fullName === '.google.protobuf.FieldMask') {
    schema = { type: 'string', description: 'comma-separated field paths' };
  }
  if (!schema || f.map) return null;
  return f.repeated ? { type: 'array', items: schema, collectionFormat: 'multi' } : schema;
}

// The google.api.http option of `method`, as protobufjs parsed it.
function httpRule(method) {
  for (const o of method.parsedOptions || []) {
    if (o['(google.api.http)']) return o['(google.api.http)'];
  }
  throw new Error(`rpc ${method.name} has no google.api.http rule`);
}

// Rewrites one path: templates to plain parameters, query parameters anew.
function fixPath(doc, template, ops, methods) {
  const renames = [];
  const plain = template.replace(/\{([\w.]+)=([\w]+)\/\*\}/g, (_, field, coll) => {
    renames.push({ field, coll, param: singular(coll) });
    return `${coll}/{${singular(coll)}}`;
  });
  for (const op of Object.values(ops)) {
    const method = methods.get(op.operationId);
    if (!method) throw new Error(`no rpc ${op.operationId}`);
    const body = (op.parameters || []).find((p) => p.in === 'body');
    const rule = httpRule(method);
    const bodyField = rule.body && rule.body !== '*' ? { name: rule.body } : null;
    const wholeBody = body && !bodyField;
    const params = [];
    for (const r of renames) {
      params.push({ name: r.param, in: 'path', required: true, type: 'string',
        description: `The id: the request's ${r.field} is "${r.coll}/{${r.param}}".` });
    }
    const pathTop = new Set(renames.map((r) => r.field.split('.')[0]));
    if (!wholeBody) {
      for (const f of Object.values(method.resolvedRequestType.fields)) {
        if (pathTop.has(f.name) || (bodyField && f.name === bodyField.name)) continue;
        const schema = queryType(f);
        if (!schema) continue;
        params.push({ name: camel(f.name), in: 'query', required: false, ...schema,
          description: (f.comment || '').trim() || undefined });
      }
    }
    if (body) params.push(body);
    op.parameters = params;
    op.responses.default = { description: 'An error: a google.rpc.Status with its details.',
      schema: { $ref: '#/definitions/rpcStatus' } };
  }
  delete doc.paths[template];
  doc.paths[plain] = { ...(doc.paths[plain] || {}), ...ops };
}

function fixSwagger(doc, methods) {
  for (const [template, ops] of Object.entries({ ...doc.paths })) fixPath(doc, template, ops, methods);
  doc.definitions.protobufFieldMask = { type: 'string',
    description: 'Comma-separated field paths in lowerCamelCase, for example "description,rates".' };
  doc.definitions.rpcStatus = {
    type: 'object',
    description: 'google.rpc.Status: the gRPC code, a message for people, and machine-readable ' +
      'details (google.rpc.ErrorInfo with a stable reason, BadRequest, ...).',
    properties: {
      code: { type: 'integer', format: 'int32', description: 'The gRPC status code.' },
      message: { type: 'string' },
      details: { type: 'array', items: { type: 'object', properties: { '@type': { type: 'string' } },
        additionalProperties: true } },
    },
  };
  doc.info = { title: 'vendormatch API', version,
    description: fs.readFileSync(path.join(__dirname, 'description.md'), 'utf8') };
  doc.schemes = ['http', 'https'];
}

// What the listener serves beyond the rules, and its common headers.
function finishOpenApi(api) {
  api.servers = [{ url: '/' }];
  api.components.securitySchemes = { bearer: { type: 'http', scheme: 'bearer',
    description: 'An API key: Authorization: Bearer <key>.' } };
  api.security = [{ bearer: [] }];
  api.components.parameters = {
    requestId: { name: 'X-Request-Id', in: 'header', required: false, schema: { type: 'string' },
      description: 'Echoed in the response and the log line; made up when absent.' },
    grpcTimeout: { name: 'grpc-timeout', in: 'header', required: false, schema: { type: 'string' },
      description: 'Deadline in gRPC syntax: digits and a unit of H M S m u n ("500m", "2S").' },
    timeout: { name: '$timeout', in: 'query', required: false, schema: { type: 'string' },
      description: 'Deadline as a duration ("2.5s", "500ms"); grpc-timeout wins when both are given.' },
  };
  for (const ops of Object.values(api.paths)) {
    for (const op of Object.values(ops)) {
      op.parameters = [...(op.parameters || []),
        ...['requestId', 'grpcTimeout', 'timeout'].map((p) => ({ $ref: `#/components/parameters/${p}` }))];
    }
  }
  const probe = (summary, description) => ({ get: { tags: ['Operations'], summary, description,
    operationId: summary, security: [], responses: {
      200: { description: 'Yes.' }, 503: { description: 'No (only /readyz).' } } } });
  api.paths['/healthz'] = probe('Healthz', 'The process answers (a liveness probe).');
  api.paths['/readyz'] = probe('Readyz', 'The server is SERVING (a readiness probe).');
  return api;
}

(async () => {
  const doc = JSON.parse(fs.readFileSync(swaggerFile, 'utf8'));
  fixSwagger(doc, loadProtos());
  const { openapi } = await swagger2openapi.convertObj(doc, { patch: true, warnOnly: false });
  fs.writeFileSync(outFile, JSON.stringify(finishOpenApi(openapi), null, 1) + '\n');
})().catch((e) => {
  console.error(`finish.cjs: ${e.message}`);
  process.exit(1);
});
