const input = require('fs').readFileSync(0, 'utf8');
console.log('read', JSON.stringify(input), input.split('\n').length);
