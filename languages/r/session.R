# Runbox session driver for R: one interpreter whose global environment is kept between calls (see
# python/session.py for the protocol). Each call's expressions are evaluated in the global environment and their
# visible values printed, as Rscript does; what they print and their messages, warnings and errors are the call's.
# The nonce and the driver's state live in the local environment of runbox_serve, out of the global environment.
runbox_serve <- function() {
  alphabet <- c(LETTERS, letters, 0:9, "+", "/")
  b64encode <- function(bytes) {
    n <- length(bytes)
    if (n == 0) return("-")
    pad <- (3 - n %% 3) %% 3
    v <- as.integer(c(bytes, as.raw(rep(0, pad))))
    m <- matrix(v, nrow = 3)
    w <- m[1, ] * 65536L + m[2, ] * 256L + m[3, ]
    idx <- rbind(w %/% 262144L, (w %/% 4096L) %% 64L, (w %/% 64L) %% 64L, w %% 64L)
    chars <- alphabet[as.vector(idx) + 1L]
    if (pad > 0) chars[(length(chars) - pad + 1):length(chars)] <- "="
    paste(chars, collapse = "")
  }
  b64decode <- function(text) {
    if (text == "-") return(raw(0))
    chars <- strsplit(gsub("=", "", text, fixed = TRUE), "")[[1]]
    v <- match(chars, alphabet) - 1L
    pad <- (4 - length(v) %% 4) %% 4
    m <- matrix(c(v, rep(0L, pad)), nrow = 4)
    w <- m[1, ] * 262144L + m[2, ] * 4096L + m[3, ] * 64L + m[4, ]
    bytes <- as.raw(as.vector(rbind(w %/% 65536L, (w %/% 256L) %% 256L, w %% 256L)))
    bytes[seq_len(length(bytes) - pad)]
  }
  text <- function(bytes) rawToChar(bytes)

  input <- file("stdin", "r")
  nonce <- gsub("\\s", "", readLines(input, n = 1))
  calls <- 0
  reply <- function(code, out = raw(0), err = raw(0)) {
    cat("\n\036RUNBOX ", nonce, " ", calls, " ", code, " ", b64encode(out), " ", b64encode(err), "\n", sep = "",
        file = stdout())
    flush(stdout())
  }

  run <- function(code) {
    out_file <- tempfile()
    err_file <- tempfile()
    out <- file(out_file, "w")
    err <- file(err_file, "w")
    sink(out)
    sink(err, type = "message")
    status <- 0L
    tryCatch(
      withCallingHandlers({
        exprs <- parse(text = code, keep.source = FALSE)
        for (e in exprs) {
          r <- withVisible(eval(e, envir = globalenv()))
          if (r$visible) print(r$value)
        }
      }, warning = function(w) {
        message("Warning message:\n", conditionMessage(w))
        invokeRestart("muffleWarning")
      }),
      error = function(e) {
        call <- conditionCall(e)
        own <- list(quote(eval(e, envir = globalenv())), quote(parse(text = code, keep.source = FALSE)))
        if (any(vapply(own, identical, logical(1), call))) call <- NULL   # the driver's own calls, not the code's
        message("Error", if (!is.null(call)) paste0(" in ", paste(deparse(call), collapse = " ")), ": ",
                conditionMessage(e))
        status <<- 1L
      })
    sink(type = "message")
    sink()
    close(out)
    close(err)
    o <- readBin(out_file, "raw", file.size(out_file))
    e <- readBin(err_file, "raw", file.size(err_file))
    unlink(c(out_file, err_file))
    reply(status, o, e)
  }

  # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
  write <- function(name, data) {
    dir <- tryCatch(normalizePath(dirname(file.path("/box", name)), mustWork = TRUE), error = function(e) "")
    if (dir != "/box" && !startsWith(dir, "/box/")) {
      return(reply(1L, raw(0), charToRaw(paste0("a link on the way to ", name,
                                                " leads out of the workspace, or its folder is missing"))))
    }
    tmp <- file.path(dir, paste0(".runbox-upload-", Sys.getpid()))
    unlink(tmp)   # a link there is removed, never followed
    ok <- tryCatch({
      writeBin(data, tmp)
      file.rename(tmp, file.path(dir, basename(name)))
    }, error = function(e) FALSE, warning = function(w) FALSE)
    if (isTRUE(ok)) reply(0L) else reply(1L, raw(0), charToRaw(paste0("cannot write ", name)))
  }

  repeat {
    line <- readLines(input, n = 1)
    if (length(line) == 0) break
    parts <- strsplit(trimws(line), "\\s+")[[1]]
    if (length(parts) == 0 || parts[1] == "") next
    calls <- calls + 1
    op <- parts[1]
    args <- lapply(parts[-1], b64decode)
    if (op == "exec") {
      run(if (length(args) > 0) text(args[[1]]) else "")
    } else if (op == "write") {
      write(text(args[[1]]), if (length(args) > 1) args[[2]] else raw(0))
    } else {
      reply(2L, raw(0), charToRaw("unknown op"))
    }
  }
}
runbox_serve()
