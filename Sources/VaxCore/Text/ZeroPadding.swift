extension Int {
    /// The number in decimal with leading zeros to `width` digits ("7" → "07"). Cheaper than
    /// `String(format:)`, which goes through Foundation's formatter: it runs once per row on big rosters.
    public func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
