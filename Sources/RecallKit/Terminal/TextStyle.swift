/// Colour and emphasis behind one small decorator, so the same rendering code prints plain
/// text to pipes and files and ANSI colour to a terminal.
///
///     let style = TextStyle(colour: true)
///     print(style.error("error:"), "unknown source key")
public struct TextStyle: Sendable {
    public let colour: Bool

    public init(colour: Bool) {
        self.colour = colour
    }

    /// Plain text: what pipes, files and `NO_COLOR` users get.
    public static let plain = TextStyle(colour: false)

    private func wrap(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func error(_ text: String) -> String { wrap(text, "1;31") }
    public func warning(_ text: String) -> String { wrap(text, "1;33") }
    public func note(_ text: String) -> String { wrap(text, "1;36") }
    public func success(_ text: String) -> String { wrap(text, "1;32") }
    public func missing(_ text: String) -> String { wrap(text, "4;32") }
    public func extra(_ text: String) -> String { wrap(text, "9;31") }
    public func accent(_ text: String) -> String { wrap(text, "36") }
}
