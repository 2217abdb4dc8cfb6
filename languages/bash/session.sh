# Runbox session driver for Bash: the same shell runs every call, so variables and functions persist
# (see python/session.py for the protocol).
__rb_out=$(mktemp) __rb_err=$(mktemp)
__rb_b64() { if [ -s "$1" ]; then base64 -w0 < "$1"; else printf -- -; fi; }
while IFS=' ' read -r __rb_op __rb_a1 __rb_a2; do
  case "$__rb_op" in
    exec)
      __rb_code=$(printf '%s' "$__rb_a1" | base64 -d)
      eval "$__rb_code" > "$__rb_out" 2> "$__rb_err" < /dev/null
      __rb_rc=$?
      printf '\036RUNBOX %d %s %s\n' "$__rb_rc" "$(__rb_b64 "$__rb_out")" "$(__rb_b64 "$__rb_err")"
      ;;
    write)
      # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
      __rb_name=$(printf '%s' "$__rb_a1" | base64 -d)
      __rb_dir=$(realpath -e -- "$(dirname -- "/box/$__rb_name")" 2>/dev/null)
      __rb_tmp="$__rb_dir/.runbox-upload-$$"
      if case "$__rb_dir/" in /box/*) true ;; *) false ;; esac && rm -f -- "$__rb_tmp" \
          && { if [ -n "$__rb_a2" ]; then printf '%s' "$__rb_a2" | base64 -d; fi; } > "$__rb_tmp" \
          && mv -fT -- "$__rb_tmp" "$__rb_dir/$(basename -- "$__rb_name")" 2>/dev/null; then
        printf '\036RUNBOX 0 - -\n'
      else
        printf '\036RUNBOX 1 - -\n'
      fi
      ;;
    "") ;;
    *) printf '\036RUNBOX 2 - %s\n' "$(printf 'unknown op' | base64 -w0)" ;;
  esac
done
