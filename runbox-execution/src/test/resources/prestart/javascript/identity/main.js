// What a program can see of how it was started: each must be the cold start's.
const fs = require('fs');
const Module = require('module');
const { execFileSync } = require('child_process');

console.log('main', require.main === module, __filename, __dirname, module.id, module.paths);
console.log('argv', process.argv, 'execArgv', process.execArgv, 'argv0', process.argv0);
console.log('cache', Object.keys(require.cache), 'pathCache', Object.keys(Module._pathCache));
console.log('children', module.children.map((m) => m.id), 'parent', module.parent);
console.log('env', Object.entries(process.env));
console.log('cwd', process.cwd(), 'listing', fs.readdirSync('.').sort());
console.log('isatty', [0, 1, 2].map((fd) => require('tty').isatty(fd)));
console.log('fds', fs.readdirSync('/proc/self/fd').map(Number).sort((a, b) => a - b));
console.log('data', fs.readFileSync('data.txt', 'utf8').trim(), 'first open', fs.openSync('data.txt', 'r'));
console.log('loaded', process.moduleLoadList);
process.stdout.write(execFileSync('/usr/bin/env'));
process.stdout.write(execFileSync(process.execPath, ['-e', 'console.log("child", process.argv, Object.keys(require.cache))']));
