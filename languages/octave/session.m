% Runbox session driver for Octave: one interpreter whose base workspace is kept between calls (see
% python/session.py for the protocol). Each call's code is evaluated in the base workspace as at octave's prompt, its
% output caught with evalc: evalc catches stdout and stderr together, so warnings and fprintf(stderr, ...) are in the
% call's stdout, and its stderr holds the error that ended it. The nonce and the call count are locals of
% runbox_serve, out of the base workspace.
1;

function runbox_reply(nonce, calls, code, out, err)
  fprintf(stdout, "\n\036RUNBOX %s %d %d %s %s\n", nonce, calls, code, runbox_b64(out), runbox_b64(err));
  fflush(stdout);
end

function s = runbox_b64(bytes)
  if isempty(bytes)
    s = "-";
  else
    s = matlab.net.base64encode(uint8(bytes));
  end
end

function bytes = runbox_unb64(s)
  if strcmp(s, "-")
    bytes = uint8([]);
  else
    bytes = matlab.net.base64decode(s);
  end
end

% Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
function [status, err] = runbox_write(name, data)
  status = 1;
  [rc, dir] = system(["realpath -e -- '" strrep(fileparts(["/box/" name]), "'", "'\\''") "' 2>/dev/null"]);
  dir = strtrim(dir);
  if rc != 0 || !(strcmp(dir, "/box") || strncmp(dir, "/box/", 5))
    err = ["a link on the way to " name " leads out of the workspace, or its folder is missing"];
    return;
  end
  tmp = sprintf("%s/.runbox-upload-%d", dir, getpid());
  [~, ~] = unlink(tmp);   % a link there is removed, never followed; none there is no error
  [f, err] = fopen(tmp, "wb");
  if f < 0
    return;
  end
  fwrite(f, data, "uint8");
  fclose(f);
  [~, base, ext] = fileparts(name);
  [failed, err] = rename(tmp, [dir "/" base ext]);
  status = failed != 0;
end

% One line of the driver's stdin, or -1 at its end. Read by a shell, byte by byte: Octave's fgetl returns a line only
% once a byte after it has arrived, and the host sends the next request only after this one's reply.
function line = runbox_readline()
  [status, line] = system("IFS= read -r line && printf '%s' \"$line\"");
  if status != 0
    line = -1;
  end
end

function runbox_serve()
  nonce = strtrim(runbox_readline());
  calls = 0;
  while true
    line = runbox_readline();
    if !ischar(line)
      break;
    end
    parts = strsplit(strtrim(line), " ");
    if isempty(parts{1})
      continue;
    end
    calls++;
    op = parts{1};
    args = cellfun(@runbox_unb64, parts(2:end), "UniformOutput", false);
    if strcmp(op, "exec")
      runbox_code = char(args{1});
      status = 0;
      err = "";
      out = "";
      try
        out = evalc("evalin('base', runbox_code)");
      catch e
        status = 1;
        err = ["error: " e.message "\n"];
      end
      runbox_reply(nonce, calls, status, out, err);
    elseif strcmp(op, "write")
      data = uint8([]);
      if numel(args) > 1
        data = args{2};
      end
      try
        [status, err] = runbox_write(char(args{1}), data);
      catch e
        [status, err] = deal(1, e.message);
      end
      runbox_reply(nonce, calls, status, "", err);
    else
      runbox_reply(nonce, calls, 2, "", "unknown op");
    end
  end
end

runbox_serve();
