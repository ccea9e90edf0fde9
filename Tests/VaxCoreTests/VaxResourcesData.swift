import Foundation
import VaxResources

enum VaxResourcesData {
    static func strings(_ language: String) throws -> Data {
        try VaxResources.data("strings/\(language).json")
    }
}
