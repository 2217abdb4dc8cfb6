console.log('about to crash');
process.kill(process.pid, 'SIGSEGV');
setTimeout(() => console.log('never'), 10000);
