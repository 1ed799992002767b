// Validates an OpenAPI document against the OpenAPI schema and resolves every
// $ref (@apidevtools/swagger-parser), then checks what the HTTP listener
// promises: every operation has an operationId, a 200 and an error response,
// and every path parameter is declared.
//
//   node validate.cjs OPENAPI_JSON
'use strict';
const SwaggerParser = require('@apidevtools/swagger-parser');

(async () => {
  const file = process.argv[2];
  const api = await SwaggerParser.validate(file);
  let operations = 0;
  for (const [path, ops] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.operationId) throw new Error(`${where}: no operationId`);
      if (!op.responses['200']) throw new Error(`${where}: no 200 response`);
      if (path.startsWith('/v1') && !op.responses.default) throw new Error(`${where}: no error response`);
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (!(op.parameters || []).some((p) => p.in === 'path' && p.name === name)) {
          throw new Error(`${where}: path parameter ${name} is not declared`);
        }
      }
      operations += 1;
    }
  }
  console.log(`validate.cjs: ${file} is valid OpenAPI ${api.openapi}: ${operations} operations`);
})().catch((e) => {
  console.error(`validate.cjs: ${e.message}`);
  process.exit(1);
});
