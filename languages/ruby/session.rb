# Runbox session driver for Ruby: one binding kept between calls (see python/session.py for the protocol).
require "base64"
require "stringio"

$real_out = $stdout
$session_binding = binding

# The nonce and the call count are locals of this method, out of the session's binding.
def serve(nonce)
  calls = 0
  reply = lambda do |code, out = "", err = ""|
    enc = ->(s) { s.empty? ? "-" : Base64.strict_encode64(s) }
    $real_out.write("\n\x1eRUNBOX #{nonce} #{calls} #{code} #{enc.(out)} #{enc.(err)}\n")
    $real_out.flush
  end
  $stdin.each_line do |line|
    parts = line.split
    next if parts.empty?
    calls += 1
    args = parts[1..].map { |a| Base64.decode64(a) }
    case parts[0]
    when "exec"
      out, err = StringIO.new, StringIO.new
      $stdout, $stderr = out, err
      code = 0
      begin
        eval(args[0], $session_binding, "session.rb")
      rescue SystemExit => e
        code = e.status
      rescue Exception => e
        err.write("#{e.class}: #{e.message}\n#{(e.backtrace || []).join("\n")}\n")
        code = 1
      ensure
        $stdout, $stderr = $real_out, STDERR
      end
      reply.(code, out.string, err.string)
    when "write"
      begin
        # Written beside its name, then renamed over it: a link left at the name is replaced, never followed.
        dir = File.realpath(File.dirname(File.join("/box", args[0])))
        raise Errno::EACCES, "a link on the way to #{args[0]} leads out of the workspace" unless dir == "/box" || dir.start_with?("/box/")
        tmp = File.join(dir, ".runbox-upload-#{Process.pid}")
        File.unlink(tmp) if File.symlink?(tmp) || File.exist?(tmp)
        File.open(tmp, File::WRONLY | File::CREAT | File::EXCL, 0o644) { |f| f.binmode; f.write(args[1] || "") }
        File.rename(tmp, File.join(dir, File.basename(args[0])))
        reply.(0)
      rescue SystemCallError => e
        reply.(1, "", e.message)
      end
    else
      reply.(2, "", "unknown op")
    end
  end
end

serve($stdin.gets.to_s.strip)
