#include "share/atspre_staload.hats"

implement main0 () = println! ("Hello from Runbox in ATS")
