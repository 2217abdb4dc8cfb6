package io.runbox.server.api.judge0;

import io.runbox.core.SourceFile;
import io.runbox.execution.FileNames;
import io.runbox.execution.RequestRejectedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Judge0's {@code additional_files}: a zip whose files join the submission's source in the workspace. Entry names
 * follow the same rules as a native multi-file request's ({@link FileNames}: relative, no {@code ..}, no duplicates,
 * none named like the source), directories are implied by the names, and the archive is read as a stream with its
 * sizes counted as they are inflated, never trusted from its headers: at most {@code maxFiles} files and
 * {@code maxBytes} bytes in all, so a zip bomb costs no more than that.
 */
final class AdditionalFiles {
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The archive is refused; the message says why, for the client. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private AdditionalFiles() {
    }

    /**
     * @param sourceName the submission's own file, which no entry may replace
     * @return the files, in the archive's order
     */
    static List<SourceFile> extract(byte[] zip, String sourceName, int maxFiles, long maxBytes) throws Refused {
        if (zip.length < ZIP_MAGIC.length || !java.util.Arrays.equals(zip, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0,
                ZIP_MAGIC.length)) {
            throw new Refused("is not a zip archive (base64 of a .zip file is expected)");
        }
        List<SourceFile> files = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(sourceName));
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                if (files.size() == maxFiles) {
                    throw new Refused("holds more than " + maxFiles + " files");
                }
                byte[] content = readCapped(in, maxBytes - total);
                if (content == null) {
                    throw new Refused("unpacks to more than " + maxBytes + " bytes");
                }
                total += content.length;
                names.add(e.getName());
                files.add(new SourceFile(e.getName(), content));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("is not a valid zip archive: " + e.getMessage());
        }
        if (files.isEmpty()) {
            // A stream cut short reads as no entries at all: nothing to add is as likely a broken upload.
            throw new Refused("holds no files (or is not a complete zip archive)");
        }
        try {
            FileNames.validate(names);
        } catch (RequestRejectedException e) {
            throw new Refused("has an entry Runbox refuses: " + e.getMessage());
        }
        return files;
    }

    /** The entry's bytes, or {@code null} when it holds more than {@code left}. */
    private static byte[] readCapped(InputStream in, long left) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            if (out.size() + (long) n > left) {
                return null;
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
