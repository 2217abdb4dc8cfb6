console.log(Object.entries(process.env), process.execArgv);
console.log(require('child_process').execFileSync('/usr/bin/env', { encoding: 'utf8' }));
