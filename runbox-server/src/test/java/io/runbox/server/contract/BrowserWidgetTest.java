package io.runbox.server.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.OneServerPerClass;
import io.runbox.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * widget.js embedded in pages of another origin, and the playground, driven in real headless Chromium (Debian's,
 * through playwright-core), each page also at phone width (390 px) with screenshots kept under
 * {@code target/screenshots}: independent widgets, a clean first run, stdin as the whole input, an api key refused
 * from a foreign page; in the playground large output, interactive input, Stop, Share and permlinks; in both what a
 * run leaves: a {@code plt.show()} plot inline (decoded), a CSV as a download link with its size, a C compile error
 * as a lint mark on its line with the message on hover and a list entry that moves the cursor there.
 */
class BrowserWidgetTest extends OneServerPerClass {
    private static Path shots;

    @BeforeAll
    static void installTheClients() throws Exception {
        NodeClients.install();
        shots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
    }

    @Test
    void widgetsWorkOnAnotherSitesPage() throws Exception {
        String out = NodeClients.run(List.of("node", "browser-widget.mjs", server.url(""), server.key(),
                TestServer.ADMIN_TOKEN, shots.toString()), 240);
        assertThat(out).contains("\"check\":\"widget renders inside an open shadow root\",\"ok\":true")
                .contains("\"check\":\"the default Python sample runs cleanly without input\",\"ok\":true")
                .contains("\"check\":\"python widget runs with stdin and streams the output\",\"ok\":true")
                .contains("\"check\":\"stdin without a trailing newline is the whole input\",\"ok\":true")
                .contains("\"check\":\"c widget compiles and runs independently\",\"ok\":true")
                .contains("\"check\":\"data-lang GCC-13 falls back to the installed gcc\",\"ok\":true")
                .contains("\"check\":\"stacked widgets have a gap between them\",\"ok\":true")
                .contains("\"check\":\"two widgets at 390 px: no horizontal overflow\",\"ok\":true")
                .contains("\"check\":\"widget status at 390 px takes at most two lines\",\"ok\":true")
                .contains("\"check\":\"the seed's Quick Start HTML works as written, first run included\",\"ok\":true")
                .contains("\"check\":\"an api key in data-key is refused from another site's page and the widget says"
                        + " why\",\"ok\":true")
                .contains("\"check\":\"widget: plt.show() shows the plot inline as a decoded image\",\"ok\":true")
                .contains("\"check\":\"widget: a CSV the run wrote is a download link with its size\",\"ok\":true")
                .contains("\"check\":\"plot widget at 390 px: no horizontal overflow\",\"ok\":true")
                .contains("\"check\":\"widget: the next run clears the images and files\",\"ok\":true")
                .contains("\"check\":\"widget: a C compile error is a lint mark on line 3\",\"ok\":true")
                .contains("\"check\":\"widget: hovering the mark shows the compiler's message\",\"ok\":true")
                .contains("\"check\":\"widget: clicking the listed diagnostic moves the cursor to line 3\","
                        + "\"ok\":true")
                .contains("\"check\":\"widget: an edit clears the lint marks and the list\",\"ok\":true")
                .doesNotContain("\"ok\":false");
        assertThat(shots.resolve("widgets-390.png")).exists();
        assertThat(shots.resolve("widget-plot-1280.png")).exists();
    }

    @Test
    void thePlaygroundHandlesLargeOutputInputStopAndShare() throws Exception {
        String out = NodeClients.run(List.of("node", "browser-playground.mjs", server.url(""), server.key(),
                shots.toString()), 300);
        System.out.println(out.lines().filter(l -> l.startsWith("{\"measure\"")).reduce("", (a, b) -> a + b + "\n"));
        assertThat(out).contains("\"check\":\"playground: the default sample runs cleanly\",\"ok\":true")
                .contains("\"check\":\"playground at 390 px: no horizontal overflow\",\"ok\":true")
                .contains("\"check\":\"playground at 390 px: key field, Share and API docs are on screen\",\"ok\":true")
                .contains("\"check\":\"playground: stdin without a trailing newline is the whole input\",\"ok\":true")
                .contains("\"check\":\"playground: typed input reaches the running program\",\"ok\":true")
                .contains("\"check\":\"playground: Stop ends the run with a status saying it was stopped\",\"ok\":true")
                .contains("\"check\":\"playground: Stop before the run starts stops it\",\"ok\":true")
                .contains("\"check\":\"playground: 100,000 lines are all shown within 2 s of the exit message\",\"ok\":true")
                .contains("\"check\":\"playground: the editor took the typing while the output streamed\",\"ok\":true")
                .contains("\"check\":\"playground: output over 1 MB is capped with a notice saying how much is not"
                        + " shown\",\"ok\":true")
                .contains("\"check\":\"playground: the whole output downloads\",\"ok\":true")
                .contains("\"check\":\"playground: Share saves over 8 KB of code, its input, arguments and last result"
                        + " without running it\",\"ok\":true")
                .contains("\"check\":\"playground: Share without a network says so\",\"ok\":true")
                .contains("\"check\":\"permlink page shows stdin and args\",\"ok\":true")
                .contains("\"check\":\"open in playground loads the code, input and arguments\",\"ok\":true")
                .contains("\"check\":\"a missing permlink is a page for a browser\",\"ok\":true")
                .contains("\"check\":\"playground: plt.show() shows the plot inline as a decoded image\",\"ok\":true")
                .contains("\"check\":\"playground: a CSV the run wrote downloads from a link with its size\","
                        + "\"ok\":true")
                .contains("\"check\":\"playground with a plot at 390 px: no horizontal overflow\",\"ok\":true")
                .contains("\"check\":\"playground: omitted and truncated files are marked, names and tables are text,"
                        + " an SVG is only an image\",\"ok\":true")
                .contains("\"check\":\"playground: a C compile error is a lint mark on line 3\",\"ok\":true")
                .contains("\"check\":\"playground: hovering the mark shows the compiler's message\",\"ok\":true")
                .contains("\"check\":\"playground: clicking the listed diagnostic moves the cursor to line 3\","
                        + "\"ok\":true")
                .doesNotContain("\"ok\":false");
        assertThat(shots.resolve("playground-plot-1280.png")).exists();
        // A Stop is a kill the user asked for, not a failure of the server.
        assertThat(server.get("/metrics").body()).contains("status=\"KILLED\"").doesNotContain("status=\"INTERNAL_ERROR\"");
    }
}
