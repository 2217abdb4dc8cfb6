# expect: OK
# limits: wall=4s memory=128m
# host-listen: 18080
# stdout-matches: (?m)^interfaces: \['lo'\]$
# stdout-matches: (?m)^tcp 127\.0\.0\.1:18080 -> blocked
# stdout-matches: (?m)^tcp 1\.1\.1\.1:53 -> blocked
# stdout-matches: (?m)^tcp 8\.8\.8\.8:53 -> blocked
# stdout-matches: (?m)^udp 8\.8\.8\.8:53 dns -> blocked
# stdout-not-matches: CONNECTED|ANSWERED|RESOLVED
#
# Network: tries TCP to services on the host's loopback (ssh, postgres, http, and a port the test itself
# listens on), to public resolvers, a raw DNS query over UDP and a name lookup. The box has its own network
# namespace with only a loopback, so every attempt must fail; the program prints what happened.
import errno
import socket


def why(e):
    return f"{type(e).__name__} {errno.errorcode.get(e.errno, e.errno) if e.errno else e}"


print("interfaces:", [name for _, name in socket.if_nameindex()])

targets = [("127.0.0.1", 22), ("127.0.0.1", 5432), ("127.0.0.1", 8080), ("127.0.0.1", 18080),
           ("1.1.1.1", 53), ("8.8.8.8", 53), ("1.1.1.1", 443), ("::1", 22), ("2606:4700:4700::1111", 53)]
for host, port in targets:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(0.5)
    try:
        s.connect((host, port))
        print(f"tcp {host}:{port} -> CONNECTED")
    except OSError as e:
        print(f"tcp {host}:{port} -> blocked: {why(e)}")
    finally:
        s.close()

# A DNS query for example.com, type A.
query = bytes.fromhex("abcd01000001000000000000076578616d706c6503636f6d0000010001")
for host in ("8.8.8.8", "1.1.1.1"):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    try:
        s.sendto(query, (host, 53))
        data, _ = s.recvfrom(512)
        print(f"udp {host}:53 dns -> ANSWERED {len(data)} bytes")
    except OSError as e:
        print(f"udp {host}:53 dns -> blocked: {why(e)}")
    finally:
        s.close()

try:
    print("getaddrinfo example.com -> RESOLVED", socket.getaddrinfo("example.com", 80)[0][4])
except OSError as e:
    print(f"getaddrinfo example.com -> blocked: {why(e)}")
