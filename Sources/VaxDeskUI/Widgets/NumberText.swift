/// Numbers as a Vietnamese reader writes them: thousands grouped with dots (1.284, 1.000.000).
enum NumberText {
    static func grouped(_ n: Int) -> String {
        guard n >= 0 else { return "-" + grouped(-n) }
        var digits = Array(String(n))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(".", at: index)
            index -= 3
        }
        return String(digits)
    }
}
