printf("Hello from Runbox in Octave %s\n", version());
