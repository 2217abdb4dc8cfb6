# Runbox session driver for KornShell (ksh93u+m): bash's driver, which runs in ksh93 unchanged. The same shell runs
# every call, so variables and functions persist (see python/session.py for the protocol).
# A shell has no place the code it evaluates cannot read: the nonce keeps the code's output from being taken for a
# reply, not code that looks for it on purpose.
__rb_out=$(mktemp) __rb_err=$(mktemp)
__rb_b64() { if [ -s "$1" ]; then base64 -w0 < "$1"; else printf -- -; fi; }
__rb_reply() { printf '\n\036RUNBOX %s %d %d %s %s\n' "$__rb_nonce" "$__rb_calls" "$1" "$2" "$3"; }
IFS= read -r __rb_nonce
__rb_calls=0
while IFS=' ' read -r __rb_op __rb_a1 __rb_a2; do
  [ -n "$__rb_op" ] && __rb_calls=$((__rb_calls + 1))
  case "$__rb_op" in
    exec)
      __rb_code=$(printf '%s' "$__rb_a1" | base64 -d)
      eval "$__rb_code" > "$__rb_out" 2> "$__rb_err" < /dev/null
      __rb_rc=$?
      __rb_reply "$__rb_rc" "$(__rb_b64 "$__rb_out")" "$(__rb_b64 "$__rb_err")"
      ;;
    write)
      # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
      __rb_name=$(printf '%s' "$__rb_a1" | base64 -d)
      __rb_dir=$(realpath -e -- "$(dirname -- "/box/$__rb_name")" 2>/dev/null)
      __rb_tmp="$__rb_dir/.runbox-upload-$$"
      if case "$__rb_dir/" in /box/*) true ;; *) false ;; esac && rm -f -- "$__rb_tmp" \
          && { if [ -n "$__rb_a2" ]; then printf '%s' "$__rb_a2" | base64 -d; fi; } > "$__rb_tmp" \
          && mv -fT -- "$__rb_tmp" "$__rb_dir/$(basename -- "$__rb_name")" 2>/dev/null; then
        __rb_reply 0 - -
      else
        __rb_reply 1 - -
      fi
      ;;
    "") ;;
    *) __rb_reply 2 - "$(printf 'unknown op' | base64 -w0)" ;;
  esac
done
