message("Hello from Runbox in S-Lang " + _slang_version_string);
