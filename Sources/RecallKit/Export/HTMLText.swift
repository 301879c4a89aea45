/// Escaping for the HTML and XML recall writes (Anki fields, the progress report).
///
///     HTMLText.escaped("a < b\nc", lineBreaks: true, apostrophes: false)   // "a &lt; b<br>c"
enum HTMLText {
    /// Deck text as HTML or XML text: control characters dropped, `&`, `<`, `>` and `"`
    /// escaped, and if asked, newlines as `<br>` and `'` as `&#39;`. The Anki fields and the
    /// progress report differ only in those two.
    static func escaped(_ text: String, lineBreaks: Bool, apostrophes: Bool) -> String {
        var output = ""
        output.reserveCapacity(text.count)
        for character in TerminalSanitizer.clean(text, keepNewlines: true) {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "\n" where lineBreaks: output += "<br>"
            case "'" where apostrophes: output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }
}
