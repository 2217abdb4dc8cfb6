package io.runbox.server.mcp;

import io.runbox.server.http.ApiException;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A request whose body is read at most once, on first {@link #get()}, capped at a size, and then read again from
 * memory by whoever comes next (the MCP transport): a forwarding proof is checked or signed over the body before
 * the call is answered here or sent on.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper implements Supplier<byte[]> {
    private final int maxBytes;
    private byte[] body;

    BufferedBodyRequest(HttpServletRequest request, int maxBytes) {
        super(request);
        this.maxBytes = maxBytes;
    }

    /**
     * The body, read now if it was not yet.
     *
     * @throws ApiException        413 when it is longer than the cap
     * @throws UncheckedIOException when the client broke off
     */
    @Override
    public synchronized byte[] get() {
        if (body == null) {
            if (getContentLengthLong() > maxBytes) {
                throw tooLarge();
            }
            try {
                byte[] read = super.getInputStream().readNBytes(maxBytes + 1);
                if (read.length > maxBytes) {
                    throw tooLarge();
                }
                body = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the MCP request body is over " + maxBytes + " bytes",
                null, null);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body was already read into memory");
            }

            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }
        };
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
}
