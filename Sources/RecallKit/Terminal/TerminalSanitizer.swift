/// Makes untrusted text safe to print: removes terminal escape sequences and control
/// characters, keeps every printable character (Cyrillic, accents, emoji) as it is.
///
/// Deck files are shared between people; without this a deck could clear the screen, set the
/// window title, or hide text from the learner with escape sequences.
///
///     TerminalSanitizer.clean("\u{1B}]0;pwned\u{07}Kirov")   // "Kirov"
public enum TerminalSanitizer {
    /// Cleans `text`; newlines are kept only when `keepNewlines` is true, tabs become spaces.
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        // Fast path: most deck text has nothing to remove.
        if !text.unicodeScalars.contains(where: isControl) { return text }
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func nextScalar() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return scalars.next()
        }
        while let scalar = nextScalar() {
            switch scalar.value {
            case 0x1B:
                guard let introducer = nextScalar() else { break }
                switch introducer {
                case "[": skipControlSequence(&scalars, pending: &pending)
                case "]", "P", "X", "^", "_": skipString(&scalars, pending: &pending)
                default:
                    // Two-character escapes (ESC c resets the terminal); drop both characters,
                    // but keep a printable that merely follows a lone ESC at the end.
                    if introducer.value < 0x20 { pending = introducer }
                }
            case 0x9B:
                skipControlSequence(&scalars, pending: &pending)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                skipString(&scalars, pending: &pending)
            case 0x0A where keepNewlines:
                output.append(scalar)
            case 0x09:
                output.append(" ")
            default:
                if !isControl(scalar) { output.append(scalar) }
            }
        }
        return String(output)
    }

    /// C0 and C1 controls and DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }

    /// CSI: parameter and intermediate bytes, then one final byte in 0x40...0x7E.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator, pending: inout Unicode.Scalar?) {
        while let scalar = pending ?? scalars.next() {
            pending = nil
            if (0x40...0x7E).contains(scalar.value) { return }
            if !(0x20...0x3F).contains(scalar.value) {
                // Not part of a sequence: let the main loop judge it.
                pending = scalar
                return
            }
        }
    }

    /// OSC, DCS and friends run until BEL, ESC \ or the C1 string terminator.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator, pending: inout Unicode.Scalar?) {
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                if let next = scalars.next(), next != "\\" { pending = next }
                return
            default: continue
            }
        }
    }
}
