process.exitCode = 3;
process.on('exit', (code) => console.log('exit event', code));
console.log('set exitCode 3');
