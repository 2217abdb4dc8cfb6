# Runbox session driver for Tcl 8.6: one interpreter whose global namespace is kept between calls (see
# python/session.py for the protocol). Each call's code is evaluated at the global level; what it writes to stdout
# and stderr (puts) is the call's, caught by a channel transform while it runs; exit ends the call with its status,
# not the interpreter. The nonce and the call count are locals of runbox::serve, out of the global namespace.
namespace eval runbox {
    variable captured
    array set captured {}

    # A write-only channel transform that keeps what is written and lets nothing through.
    proc capture {which cmd handle args} {
        variable captured
        switch -- $cmd {
            initialize { return {initialize finalize write} }
            finalize { return }
            write { append captured($which) [lindex $args 0]; return {} }
        }
    }

    proc b64 {bytes} {
        if {$bytes eq ""} { return - }
        return [binary encode base64 $bytes]
    }

    proc unb64 {text} {
        if {$text eq "-"} { return "" }
        return [binary decode base64 $text]
    }

    proc run {code} {
        variable captured
        set captured(stdout) ""
        set captured(stderr) ""
        chan push stdout [list ::runbox::capture stdout]
        chan push stderr [list ::runbox::capture stderr]
        set status 0
        if {[catch {uplevel #0 $code} message options]} {
            if {[lindex [dict get $options -errorcode] 0] eq "RUNBOX_EXIT"} {
                set status [expr {[lindex [dict get $options -errorcode] 1] & 0xFF}]
            } else {
                puts stderr [dict get $options -errorinfo]
                set status 1
            }
        }
        chan pop stdout
        chan pop stderr
        # What the transforms kept is bytes already, as stdout and stderr encode to UTF-8.
        return [list $status $captured(stdout) $captured(stderr)]
    }

    # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
    proc write {name data} {
        if {[catch {
            set dir [file normalize [file dirname [file join /box $name]]]
            # file normalize resolves every link on the way but not the last part: resolve it too.
            while {[file type $dir] eq "link"} {
                set dir [file normalize [file join [file dirname $dir] [file readlink $dir]]]
            }
        }] || [file type $dir] ne "directory" || ($dir ne "/box" && [string first /box/ $dir] != 0)} {
            return [list 1 "" [encoding convertto utf-8 \
                    "a link on the way to $name leads out of the workspace, or its folder is missing"]]
        }
        set tmp [file join $dir .runbox-upload-[pid]]
        if {[catch {
            file delete -- $tmp
            set f [open $tmp {WRONLY CREAT EXCL BINARY}]
            puts -nonewline $f $data
            close $f
            file rename -force -- $tmp [file join $dir [file tail $name]]
        } message]} {
            return [list 1 "" [encoding convertto utf-8 "cannot write $name: $message"]]
        }
        return [list 0 "" ""]
    }

    proc serve {} {
        fconfigure stdin -translation binary
        fconfigure stdout -encoding utf-8 -translation lf -buffering full
        fconfigure stderr -encoding utf-8 -translation lf
        set nonce [string trim [gets stdin]]
        set calls 0
        while {[gets stdin line] >= 0} {
            set parts [regexp -all -inline {\S+} $line]
            if {[llength $parts] == 0} { continue }
            incr calls
            set op [lindex $parts 0]
            set args {}
            foreach a [lrange $parts 1 end] { lappend args [unb64 $a] }
            switch -- $op {
                exec { set r [run [encoding convertfrom utf-8 [lindex $args 0]]] }
                write { set r [write [encoding convertfrom utf-8 [lindex $args 0]] [lindex $args 1]] }
                default { set r [list 2 "" "unknown op"] }
            }
            lassign $r status out err
            puts -nonewline stdout "\n\x1eRUNBOX $nonce $calls $status [b64 $out] [b64 $err]\n"
            flush stdout
        }
    }
}

rename exit ::runbox::real_exit
proc exit {{status 0}} { return -code error -errorcode [list RUNBOX_EXIT $status] "exit $status" }

runbox::serve
