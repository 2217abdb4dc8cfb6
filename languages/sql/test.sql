SELECT 'Hello from Runbox in SQL (SQLite ' || sqlite_version() || ')';
