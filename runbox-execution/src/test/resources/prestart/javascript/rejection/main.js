async function fails() {
  throw new TypeError('nobody caught me');
}

console.log('before');
fails();
