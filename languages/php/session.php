<?php
// Runbox session driver for PHP: one interpreter whose global scope is kept between calls (see python/session.py
// for the protocol). The code is evaluated at the global scope, as a script's top level is: its variables are
// globals, its functions and classes stay defined. A call's code may start with "<?php".
// What the code echoes or prints (PHP's output buffer) and the errors and warnings it raises are the call's; what it
// writes to the STDOUT and STDERR streams themselves bypasses the buffer and is not part of the reply. exit() and a
// fatal error (a function declared twice, say) end the interpreter, and with it the session.
// The nonce and the call count live in the class's private statics, out of the code's variables.

final class RunboxSession
{
    private static string $nonce = '';
    private static int $calls = 0;
    private static string $err = '';

    /** The next request as [op, args], or null at the end of the input. */
    public static function next(): ?array
    {
        if (self::$nonce === '') {
            self::$nonce = trim((string) fgets(STDIN));
        }
        while (($line = fgets(STDIN)) !== false) {
            $parts = preg_split('/\s+/', trim($line), -1, PREG_SPLIT_NO_EMPTY);
            if (!$parts) {
                continue;
            }
            self::$calls++;
            return [$parts[0], array_map(fn ($a) => $a === '-' ? '' : base64_decode($a), array_slice($parts, 1))];
        }
        return null;
    }

    public static function reply(int $code, string $out = '', string $err = ''): void
    {
        $b64 = fn ($s) => $s === '' ? '-' : base64_encode($s);
        fwrite(STDOUT, sprintf("\n\x1eRUNBOX %s %d %d %s %s\n", self::$nonce, self::$calls, $code, $b64($out), $b64($err)));
        fflush(STDOUT);
    }

    /** Starts a call: its output into a buffer of its own, its errors and warnings into its stderr. */
    public static function begin(): void
    {
        self::$err = '';
        set_error_handler(function (int $no, string $message, string $file, int $line): bool {
            $kind = match ($no) {
                E_NOTICE, E_USER_NOTICE => 'Notice', E_DEPRECATED, E_USER_DEPRECATED => 'Deprecated',
                E_USER_ERROR => 'Fatal error', default => 'Warning',
            };
            self::$err .= "PHP $kind:  $message in $file on line $line\n";
            return true;
        });
        ob_start();
    }

    /** The code to evaluate: with no "<?php" at its start, the whole text is PHP. */
    public static function source(string $code): string
    {
        return preg_match('/^\s*<\?php\b/', $code) ? '?>' . $code : $code;
    }

    public static function failed(Throwable $e): void
    {
        self::$err .= 'PHP ' . get_class($e) . ':  ' . $e->getMessage() . ' in ' . $e->getFile() . ':' . $e->getLine()
            . "\nStack trace:\n" . $e->getTraceAsString() . "\n";
    }

    public static function end(int $code): void
    {
        $out = '';
        while (ob_get_level() > 0) {
            $out = ob_get_clean() . $out;
        }
        restore_error_handler();
        self::reply($code, $out, self::$err);
    }

    /** Written beside its name, then renamed over it: a link left at the name is replaced, never followed. */
    public static function write(array $args): void
    {
        $name = $args[0] ?? '';
        $dir = realpath(dirname('/box/' . $name));
        if ($dir === false || ($dir !== '/box' && !str_starts_with($dir, '/box/'))) {
            self::reply(1, '', "a link on the way to $name leads out of the workspace, or its folder is missing");
            return;
        }
        $tmp = $dir . '/.runbox-upload-' . getmypid();
        if (is_link($tmp) || file_exists($tmp)) {
            @unlink($tmp);
        }
        $f = @fopen($tmp, 'xb');   // O_CREAT | O_EXCL: never through a link
        if ($f === false || @fwrite($f, $args[1] ?? '') === false || !fclose($f)
            || !@rename($tmp, $dir . '/' . basename($name))) {
            self::reply(1, '', error_get_last()['message'] ?? "cannot write $name");
            return;
        }
        self::reply(0);
    }
}

while (($__runbox_request = RunboxSession::next()) !== null) {
    if ($__runbox_request[0] === 'exec') {
        RunboxSession::begin();
        try {
            eval(RunboxSession::source($__runbox_request[1][0] ?? ''));
            RunboxSession::end(0);
        } catch (Throwable $__runbox_error) {
            RunboxSession::failed($__runbox_error);
            unset($__runbox_error);
            RunboxSession::end(1);
        }
    } elseif ($__runbox_request[0] === 'write') {
        RunboxSession::write($__runbox_request[1]);
    } else {
        RunboxSession::reply(2, '', 'unknown op');
    }
}
