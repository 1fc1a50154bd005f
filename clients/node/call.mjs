// Usage: node call.mjs <host:port> <package.Service/Method> '<json request>' [actor name]
// Learns the service through the server's reflection, so it needs no proto files.
import * as grpc from '@grpc/grpc-js';
import { GrpcReflection } from 'grpc-js-reflection-client';

const [target = 'localhost:5000', method, body = '{}', actor = 'SECAS analyst'] = process.argv.slice(2);
if (!method || !method.includes('/')) {
  console.error('usage: node call.mjs <host:port> <package.Service/Method> \'<json>\' [actor]');
  process.exit(2);
}
const [serviceName, rpc] = method.split('/');
const reflection = new GrpcReflection(target, grpc.credentials.createInsecure());
const descriptor = await reflection.getDescriptorBySymbol(serviceName);
const pkg = descriptor.getPackageObject({ keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const Service = serviceName.split('.').reduce((o, part) => o[part], pkg);
const client = new Service(target, grpc.credentials.createInsecure());
const metadata = new grpc.Metadata();
metadata.set('x-sec-actor', actor);
client[rpc](JSON.parse(body), metadata, (err, response) => {
  if (err) {
    console.error(`${grpc.status[err.code]}: ${err.details}`);
    process.exit(1);
  }
  console.log(JSON.stringify(response, null, 2));
});
