# Runbox session driver for Perl: one interpreter kept between calls (see python/session.py for the protocol).
# Each call's code is a string eval in package main: its subs and package variables ($x, our $x) stay defined; a
# "my" variable is the call's own, as in perl -d's prompt. STDOUT, STDERR (warnings, die) and STDIN are the call's
# while it runs; exit ends the call with its status, not the interpreter.
use strict;
use warnings;

# Defined before any lexical of the driver, so that the code it evaluates sees none of them (the nonce above all).
sub run_code { package main; no strict; no warnings; eval $_[0]; }

BEGIN {
    *CORE::GLOBAL::exit = sub { die bless { status => (@_ ? $_[0] : 0) }, 'Runbox::Exit' };
}

use MIME::Base64 qw(encode_base64 decode_base64);
use File::Basename qw(dirname basename);
use Cwd qw(realpath);

open(my $real_out, '>&', \*STDOUT) or die "cannot keep stdout: $!";
binmode $real_out;
$| = 1;

my $nonce = <STDIN>;
$nonce = '' unless defined $nonce;
$nonce =~ s/\s+//g;
my $calls = 0;

sub reply {
    my ($code, $out, $err) = @_;
    my $b64 = sub { my $s = shift // ''; length $s ? encode_base64($s, '') : '-' };
    print {$real_out} "\n\x1eRUNBOX $nonce $calls $code " . $b64->($out) . ' ' . $b64->($err) . "\n";
    $real_out->flush;
}

sub exec_code {
    my ($code) = @_;
    my ($out, $err, $in) = ('', '', '');
    my $status = 0;
    {
        local *STDOUT; local *STDERR; local *STDIN;
        open(STDOUT, '>', \$out) or die;
        open(STDERR, '>', \$err) or die;
        open(STDIN, '<', \$in) or die;
        local $SIG{__WARN__} = sub { print STDERR $_[0] };
        local $@;
        my $ok = run_code($code . "\n;1;");
        if (!$ok) {
            my $e = $@;
            if (ref $e eq 'Runbox::Exit') {
                $status = $e->{status} & 0xFF;
            } else {
                print STDERR $e;
                $status = 1;
            }
        }
        close STDOUT; close STDERR;
    }
    reply($status, $out, $err);
}

# Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
sub write_file {
    my ($name, $data) = @_;
    my $dir = realpath(dirname("/box/$name"));
    if (!defined $dir || ($dir ne '/box' && index($dir, '/box/') != 0)) {
        return reply(1, '', "a link on the way to $name leads out of the workspace, or its folder is missing");
    }
    my $tmp = "$dir/.runbox-upload-$$";
    unlink $tmp if -l $tmp || -e _;
    require Fcntl;
    my $fh;
    if (sysopen($fh, $tmp, Fcntl::O_WRONLY() | Fcntl::O_CREAT() | Fcntl::O_EXCL() | Fcntl::O_NOFOLLOW(), 0644)
            and binmode($fh) and print {$fh} $data and close($fh) and rename($tmp, "$dir/" . basename($name))) {
        return reply(0, '', '');
    }
    reply(1, '', "cannot write $name: $!");
}

while (my $line = <STDIN>) {
    my @parts = split ' ', $line;
    next unless @parts;
    $calls++;
    my ($op, @args) = @parts;
    @args = map { $_ eq '-' ? '' : decode_base64($_) } @args;
    if ($op eq 'exec') {
        exec_code($args[0] // q());
    } elsif ($op eq 'write') {
        write_file($args[0] // '', $args[1] // '');
    } else {
        reply(2, '', 'unknown op');
    }
}
