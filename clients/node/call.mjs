// Usage: node call.mjs <host:port> <package.Service/Method> '<json request>'
// Learns the service through the server's reflection, so it needs no proto files. Sends the token
// `sec login` stored ($SEC_TOKEN, else $SEC_HOME/token, by default ~/.sec/token); reflection is for
// the operator role, so log in with --role operator as well as the role the call needs.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { GrpcReflection } from 'grpc-js-reflection-client';

const [target = 'localhost:5000', method, body = '{}'] = process.argv.slice(2);
if (!method || !method.includes('/')) {
  console.error('usage: node call.mjs <host:port> <package.Service/Method> \'<json>\'');
  process.exit(2);
}
let token = process.env.SEC_TOKEN;
if (!token) {
  try {
    token = readFileSync(join(process.env.SEC_HOME || join(homedir(), '.sec'), 'token'), 'utf8').trim();
  } catch {
    console.error('Not logged in. Log in with: sec login --as NAME --role ROLE --role operator');
    process.exit(1);
  }
}
const metadata = new grpc.Metadata();
metadata.set('authorization', `Bearer ${token}`);
const [serviceName, rpc] = method.split('/');
const reflection = new GrpcReflection(target, grpc.credentials.createInsecure());
// The wrapper takes no metadata; its inner reflection client sends whatever it holds.
reflection.reflectionClient.metadata = metadata;
const descriptor = await reflection.getDescriptorBySymbol(serviceName);
const pkg = descriptor.getPackageObject({ keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const Service = serviceName.split('.').reduce((o, part) => o[part], pkg);
const client = new Service(target, grpc.credentials.createInsecure());
client[rpc](JSON.parse(body), metadata, (err, response) => {
  if (err) {
    console.error(`${grpc.status[err.code]}: ${err.details}`);
    process.exit(1);
  }
  console.log(JSON.stringify(response, null, 2));
});
