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
      __rb_name=$(printf '%s' "$__rb_a1" | base64 -d)
      if { [ -n "$__rb_a2" ] && printf '%s' "$__rb_a2" | base64 -d > "$__rb_name"; } || : > "$__rb_name"; then
        printf '\036RUNBOX 0 - -\n'
      else
        printf '\036RUNBOX 1 - -\n'
      fi
      ;;
    "") ;;
    *) printf '\036RUNBOX 2 - %s\n' "$(printf 'unknown op' | base64 -w0)" ;;
  esac
done
