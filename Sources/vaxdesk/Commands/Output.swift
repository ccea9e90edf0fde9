import VaxCore

/// Everything a command prints goes through here (it hides the standard library's `print` in this
/// program): a name that came in with an escape sequence before imports stripped them still cannot
/// change the terminal that shows it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(Printable.keepingLayout(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
