SELECT 'Hello from Runbox in PostgreSQL ' || current_setting('server_version');
