/// Name parts for synthetic Vietnamese people, with family names weighted by how common they are
/// (about 38% Nguyễn).
enum VietnameseNames {
    static let familyNames: [(String, Int)] = [
        ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Huỳnh", 30), ("Hoàng", 21),
        ("Phan", 45), ("Vũ", 20), ("Võ", 19), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13),
        ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Trương", 6), ("Đinh", 4), ("Lâm", 4), ("Châu", 2),
    ]
    static let maleMiddle = ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Công", "Hoàng", "Ngọc", "Tấn", "Thành", "Trọng"]
    static let femaleMiddle = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Bích", "Mỹ", "Hồng", "Thùy", "Phương"]
    static let maleGiven = [
        "An", "Bình", "Cường", "Dũng", "Đức", "Dương", "Hải", "Hiếu", "Hùng", "Huy", "Khang", "Khoa", "Kiên",
        "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quang", "Quân", "Sơn",
        "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
    ]
    static let femaleGiven = [
        "An", "Anh", "Bích", "Châu", "Chi", "Diễm", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
        "Hồng", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
        "Phương", "Quyên", "Thảo", "Thơ", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Xuân", "Yến",
    ]
    /// Wards and communes of Rạch Giá, Kiên Giang.
    static let communes = [
        "P. Vĩnh Thanh Vân", "P. Vĩnh Thanh", "P. Vĩnh Quang", "P. Vĩnh Hiệp", "P. Vĩnh Bảo", "P. Vĩnh Lạc",
        "P. An Hòa", "P. An Bình", "P. Rạch Sỏi", "P. Vĩnh Lợi", "P. Vĩnh Thông", "X. Phi Thông",
    ]
    static let streets = ["Nguyễn Trung Trực", "Lê Lợi", "Trần Phú", "Mạc Cửu", "Ngô Quyền", "Lâm Quang Ky", "Nguyễn Hùng Sơn", "Ba Tháng Hai"]

    static func weightedFamilyName(_ rng: inout some RandomNumberGenerator) -> String {
        let total = familyNames.reduce(0) { $0 + $1.1 }
        var pick = Int.random(in: 0..<total, using: &rng)
        for (name, weight) in familyNames {
            if pick < weight { return name }
            pick -= weight
        }
        return familyNames[0].0
    }
}
