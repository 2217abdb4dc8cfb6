const { Worker } = require('worker_threads');

const code = `
const { parentPort } = require('worker_threads');
parentPort.postMessage({ cache: Object.keys(require.cache), env: Object.keys(process.env), argv: process.argv,
  cwd: process.cwd() });
`;
const worker = new Worker(code, { eval: true });
worker.on('message', (m) => console.log('worker', m));
worker.on('exit', (code) => console.log('worker exit', code));
