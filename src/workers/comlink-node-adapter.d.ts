// comlink ships `dist/esm/node-adapter.mjs` with its types in `node-adapter.d.ts`, which TypeScript does
// not pair with the .mjs file. Referenced (/// <reference>) by node-entry.ts and the tests.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
