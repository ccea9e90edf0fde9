import Testing
import VaxCert

@Suite("ICAO transliteration of names")
struct ICAOTransliterationTests {
    @Test("Vietnamese loses its marks, Đ becomes D, words are joined by <", arguments: [
        ("Nguyễn", "NGUYEN"), ("Thị Minh Khai", "THI<MINH<KHAI"), ("Đặng Văn Đức", "DANG<VAN<DUC"),
        ("Trương  Ưng-Hoà", "TRUONG<UNG<HOA"), ("  Lê ", "LE"),
        // Decomposed input, as some spreadsheets have it, gives the same.
        ("Nguye\u{302}\u{303}n", "NGUYEN"),
    ])
    func vietnamese(name: String, icao: String) {
        #expect(ICAOTransliteration.of(name) == icao)
    }

    @Test("the letters ICAO spells in two are spelt so, as in the published Austrian vector", arguments: [
        ("Musterfrau-Gößinger", "MUSTERFRAU<GOESSINGER"), ("Ærø", "AEROE"), ("Åsa", "AASA"), ("O'Brien", "OBRIEN"),
    ])
    func others(name: String, icao: String) {
        #expect(ICAOTransliteration.of(name) == icao)
    }
}
