package org.caniclab.reports.html;

/**
 * The frame every page shares — head, inlined styles and scripts, the data element, the self-check element — and
 * text escaping. The body is the caller's; the document is assembled in a fixed order with {@code \n} line ends.
 */
final class Html {

    private Html() {}

    /** {@code text} safe as element content or a double-quoted attribute value. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The whole page. {@code body} is trusted HTML built with {@link #escape}; {@code data} is
     * {@link PageData#toJson()}. The error catcher runs before anything else; the page script reports what it drew
     * into {@code #page-check}, which a browser test reads from the rendered DOM.
     */
    static String document(String title, String body, String data) {
        StringBuilder out = new StringBuilder(Assets.UPLOT_JS.length() + data.length() + body.length() + 8192);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<script>\n").append(Assets.CATCH_ERRORS_JS).append("</script>\n")
                .append("<style>\n").append(Assets.UPLOT_CSS).append("\n</style>\n")
                .append("<style>\n").append(Assets.PAGE_CSS).append("</style>\n")
                .append("</head>\n<body>\n")
                .append("<div id=\"page-errors\" class=\"page-errors\" hidden></div>\n")
                .append(body)
                .append("<footer>Written by canic-lab; charts drawn with uPlot ")
                .append(escape(Assets.UPLOT_VERSION))
                .append(" (MIT licence, below in the page source). Drag on a chart to zoom, double-click to reset.")
                .append("</footer>\n")
                .append("<pre id=\"page-check\" hidden></pre>\n")
                .append("<script type=\"application/json\" id=\"page-data\">").append(data).append("</script>\n")
                .append("<!--\nuPlot ").append(escape(Assets.UPLOT_VERSION)).append(" licence:\n")
                .append(Assets.UPLOT_LICENSE.replace("--", "- -")).append("\n-->\n")
                .append("<script>\n").append(Assets.UPLOT_JS).append("\n</script>\n")
                .append("<script>\n").append(Assets.PAGE_JS).append("</script>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }
}
