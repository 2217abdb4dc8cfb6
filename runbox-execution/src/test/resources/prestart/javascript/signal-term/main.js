console.log('about to be terminated');
process.kill(process.pid, 'SIGTERM');
setTimeout(() => console.log('never'), 10000);
