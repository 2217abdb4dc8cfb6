const helper = require('./helper');

function outer(n) {
  return helper.check(n);
}

console.log('before');
outer(-1);
