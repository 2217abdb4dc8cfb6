const greeting: string = "Hello from Runbox in TypeScript";
console.log(greeting);
