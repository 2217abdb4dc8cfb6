console.log('calling process.exit(4)');
setTimeout(() => console.log('never'), 10000);
process.exit(4);
