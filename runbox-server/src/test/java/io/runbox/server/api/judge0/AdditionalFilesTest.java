package io.runbox.server.api.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.SourceFile;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class AdditionalFilesTest {

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                if (e.getValue() != null) {
                    z.write(e.getValue());
                }
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void filesComeOutInOrderAndDirectoriesAreImplied() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("lib/", null);
        entries.put("lib/util.py", "X = 1".getBytes());
        entries.put("data.txt", "d".getBytes());
        List<SourceFile> files = AdditionalFiles.extract(zip(entries), "main.py", 10, 1000);
        assertThat(files).extracting(SourceFile::name).containsExactly("lib/util.py", "data.txt");
        assertThat(files.getFirst().content()).isEqualTo("X = 1".getBytes());
    }

    @Test
    void unsafeNamesAreRefused() throws Exception {
        for (String name : List.of("../up.txt", "/etc/passwd", "a/../../b", "main.py", "back\\slash")) {
            assertThatThrownBy(() -> AdditionalFiles.extract(zip(Map.of(name, new byte[1])), "main.py", 10, 1000))
                    .as(name).isInstanceOf(AdditionalFiles.Refused.class);
        }
    }

    @Test
    void sizesAreCountedAsTheyInflateNotTakenFromHeaders() throws Exception {
        byte[] bomb = zip(Map.of("zeros", new byte[50 << 20]));
        assertThat(bomb.length).as("it compresses well").isLessThan(1 << 20);
        assertThatThrownBy(() -> AdditionalFiles.extract(bomb, "main.py", 10, 100 * 1024))
                .hasMessage("unpacks to more than 102400 bytes");
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            many.put("f" + i, new byte[1]);
        }
        assertThatThrownBy(() -> AdditionalFiles.extract(zip(many), "main.py", 4, 1000))
                .hasMessage("holds more than 4 files");
    }

    @Test
    void whatIsNoZipIsRefused() {
        assertThatThrownBy(() -> AdditionalFiles.extract("hello".getBytes(), "main.py", 4, 1000))
                .hasMessageStartingWith("is not a zip archive");
        byte[] truncated = {'P', 'K', 3, 4, 20, 0, 8, 8, 8, 0};
        assertThatThrownBy(() -> AdditionalFiles.extract(truncated, "main.py", 4, 1000))
                .isInstanceOf(AdditionalFiles.Refused.class);
    }
}
