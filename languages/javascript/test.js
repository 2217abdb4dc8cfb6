console.log("Hello from Runbox in JavaScript " + process.version);
